package dev.unroll.numeric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Reads and writes the params file of a cell: {@code {"activation": "tanh", "U": [[...]], ...,
 * "s0": [...], "x": [[...], ...], "y": [int, ...]}}. The keys and shapes come from the cell's
 * declarations; the size letters ({@code H}, {@code D}, {@code K}) are learned from the first key that
 * uses each one, and N from the first per-stage key.
 *
 * <p>Every defect is reported as an {@link IllegalArgumentException} whose message is one sentence
 * naming the key and what was expected, so the command line can print it and exit 2.
 */
public final class ParamsJson {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final CellDefinition cell;

  public ParamsJson(CellDefinition cell) {
    this.cell = cell;
  }

  /** Parses and validates a params document; {@code source} names it in messages. */
  public Params read(String source, String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("The params file " + source + " is empty; expected a JSON object with the keys "
          + String.join(", ", Params.keys(cell)) + ".");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      String why = e.getOriginalMessage().split("\n")[0].replaceAll(" \\(start marker at .*", "").replaceAll("[.:]+$", "");
      throw new IllegalArgumentException("The params file " + source + " is not valid JSON" + where + ": " + why + ".");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("The params file " + source + " must hold a JSON object with the keys "
          + String.join(", ", Params.keys(cell)) + ", got " + kind(root) + ".");
    }
    return new Reading(source, (ObjectNode) root).run();
  }

  /** The params as a JSON object, keys in the order {@link Params#keys} gives; numbers round-trip exactly. */
  public ObjectNode write(Params p) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode out = f.objectNode();
    if (!cell.placeholders().isEmpty()) {
      out.put("activation", p.activation());
    }
    for (Declaration d : cell.declarations(Declaration.Kind.PARAM)) {
      RealMatrix m = p.weights().get(d.name());
      out.set(d.name(), d.isMatrix() ? matrix(m) : vector(m.getColumnVector(0)));
    }
    for (Declaration d : cell.declarations(Declaration.Kind.STATE)) {
      out.set(Params.initialKey(d.name()), vector(p.initial().get(d.name())));
    }
    for (Declaration d : cell.declarations(Declaration.Kind.INPUT)) {
      ArrayNode rows = f.arrayNode();
      p.inputs().get(d.name()).forEach(v -> rows.add(vector(v)));
      out.set(d.name(), rows);
    }
    for (Declaration d : cell.declarations(Declaration.Kind.TARGET)) {
      ArrayNode ys = f.arrayNode();
      p.targets().get(d.name()).forEach(ys::add);
      out.set(d.name(), ys);
    }
    return out;
  }

  /** A matrix as an array of rows. */
  public static ArrayNode matrix(RealMatrix m) {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < m.getRowDimension(); i++) {
      rows.add(vector(m.getRowVector(i)));
    }
    return rows;
  }

  static ArrayNode vector(RealVector v) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < v.getDimension(); i++) {
      a.add(v.getEntry(i));
    }
    return a;
  }

  private static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isObject()) {
      return "an object";
    }
    if (n.isTextual()) {
      return "the string \"" + n.asText() + "\"";
    }
    if (n.isNull()) {
      return "null";
    }
    return n.isBoolean() ? "a boolean" : n.toString();
  }

  /** One validation of one document; discarded afterwards. */
  private final class Reading {
    private final String source;
    private final ObjectNode root;
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private final Map<String, String> sizeFrom = new LinkedHashMap<>();
    private int steps = -1;
    private String stepsFrom;

    Reading(String source, ObjectNode root) {
      this.source = source;
      this.root = root;
    }

    Params run() {
      List<String> keys = Params.keys(cell);
      for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
        String k = it.next();
        if (!keys.contains(k)) {
          throw bad("has the unknown key '" + k + "'; expected exactly the keys " + String.join(", ", keys));
        }
      }
      for (String k : keys) {
        if (!root.has(k)) {
          throw bad("lacks the key '" + k + "'; expected the keys " + String.join(", ", keys));
        }
      }
      String activation = "";
      if (!cell.placeholders().isEmpty()) {
        JsonNode a = root.get("activation");
        if (!a.isTextual() || !cell.activations().containsKey(a.asText())) {
          throw bad("has \"activation\": " + a + "; expected one of \"" + String.join("\", \"", cell.activations().keySet()) + "\"");
        }
        activation = a.asText();
      }
      Map<String, RealMatrix> weights = new LinkedHashMap<>();
      for (Declaration d : cell.declarations(Declaration.Kind.PARAM)) {
        weights.put(d.name(), d.isMatrix()
            ? MatrixUtils.createRealMatrix(matrix(d.name(), root.get(d.name()), d.shape().get(0), d.shape().get(1)))
            : MatrixUtils.createColumnRealMatrix(vector(d.name(), root.get(d.name()), d.shape().get(0))));
      }
      Map<String, RealVector> initial = new LinkedHashMap<>();
      for (Declaration d : cell.declarations(Declaration.Kind.STATE)) {
        String key = Params.initialKey(d.name());
        initial.put(d.name(), new ArrayRealVector(vector(key, root.get(key), d.shape().get(0)), false));
      }
      Map<String, List<RealVector>> inputs = new LinkedHashMap<>();
      for (Declaration d : cell.declarations(Declaration.Kind.INPUT)) {
        JsonNode n = root.get(d.name());
        stagesOf(d.name(), n, "N rows of " + d.shape().get(0));
        double[][] rows = matrix(d.name(), n, "N", d.shape().get(0));
        List<RealVector> list = new ArrayList<>();
        for (double[] r : rows) {
          list.add(new ArrayRealVector(r, false));
        }
        inputs.put(d.name(), list);
      }
      Map<String, List<Integer>> targets = new LinkedHashMap<>();
      for (Declaration d : cell.declarations(Declaration.Kind.TARGET)) {
        targets.put(d.name(), classes(d.name(), root.get(d.name()), d.shape().get(0)));
      }
      return new Params(activation, sizes, steps, weights, initial, inputs, targets);
    }

    private void stagesOf(String key, JsonNode n, String what) {
      if (!n.isArray()) {
        throw bad("has \"" + key + "\" as " + kind(n) + "; expected an array of " + what + ", one per stage, oldest first");
      }
      if (n.size() == 0) {
        throw bad("has an empty \"" + key + "\"; expected at least one stage");
      }
      if (steps < 0) {
        steps = n.size();
        stepsFrom = key;
      } else if (n.size() != steps) {
        throw bad("has " + n.size() + " stages in \"" + key + "\" but N = " + steps + " (from \"" + stepsFrom + "\"); every per-stage key needs N entries");
      }
    }

    private List<Integer> classes(String key, JsonNode n, String sizeLetter) {
      stagesOf(key, n, "class indices");
      int k = size(sizeLetter, key, -1);
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        JsonNode e = n.get(i);
        if (!e.isNumber() || !e.canConvertToInt() || e.asDouble() != Math.rint(e.asDouble())) {
          throw bad("has " + key + "[" + i + "] = " + e + "; expected a whole number from 0 to " + (k - 1) + " (" + sizeLetter + " = " + k + ")");
        }
        int c = e.asInt();
        if (c < 0 || c >= k) {
          throw bad("has " + key + "[" + i + "] = " + c + ", out of range; expected a class index from 0 to " + (k - 1) + " (" + sizeLetter + " = " + k + ")");
        }
        out.add(c);
      }
      return out;
    }

    private double[][] matrix(String key, JsonNode n, String rowsLetter, String colsLetter) {
      String shape = rowsLetter + " x " + colsLetter;
      if (!n.isArray()) {
        throw bad("has \"" + key + "\" as " + kind(n) + "; expected an array of rows (" + shape + ")");
      }
      if (n.size() == 0) {
        throw bad("has an empty \"" + key + "\"; expected " + shape + " with at least one row");
      }
      int rows = size(rowsLetter, key, n.size());
      double[][] out = new double[n.size()][];
      int cols = -1;
      for (int i = 0; i < n.size(); i++) {
        JsonNode row = n.get(i);
        if (!row.isArray()) {
          throw bad("has " + key + "[" + i + "] as " + kind(row) + "; expected a row of " + colsLetter + " numbers (" + key + " is " + shape + ")");
        }
        if (cols >= 0 && row.size() != cols) {
          throw bad("has ragged rows in \"" + key + "\": row " + i + " has " + row.size() + " entries but row 0 has " + cols + "; expected " + shape);
        }
        cols = row.size();
        out[i] = numbers(key + "[" + i + "]", row);
      }
      int expected = size(colsLetter, key, cols);
      if (cols != expected) {
        throw bad("has \"" + key + "\" with rows of " + cols + "; expected " + shape + " = " + rows + " x " + expected + " (" + colsLetter + " = " + expected + " from \"" + sizeFrom.get(colsLetter) + "\")");
      }
      if (n.size() != rows) {
        throw bad("has \"" + key + "\" with " + n.size() + " rows; expected " + shape + " = " + rows + " x " + expected + " (" + rowsLetter + " = " + rows + " from \"" + sizeFrom.get(rowsLetter) + "\")");
      }
      return out;
    }

    private double[] vector(String key, JsonNode n, String letter) {
      if (!n.isArray()) {
        throw bad("has \"" + key + "\" as " + kind(n) + "; expected an array of " + letter + " numbers");
      }
      if (n.size() == 0) {
        throw bad("has an empty \"" + key + "\"; expected " + letter + " numbers");
      }
      int expected = size(letter, key, n.size());
      if (n.size() != expected) {
        throw bad("has \"" + key + "\" with " + n.size() + " entries; expected " + letter + " = " + expected + " (from \"" + sizeFrom.get(letter) + "\")");
      }
      return numbers(key, n);
    }

    private double[] numbers(String where, JsonNode row) {
      double[] out = new double[row.size()];
      for (int j = 0; j < row.size(); j++) {
        JsonNode e = row.get(j);
        if (!e.isNumber()) {
          throw bad("has " + where + "[" + j + "] = " + kind(e) + "; expected a finite number");
        }
        double v = e.asDouble();
        if (!Double.isFinite(v)) {
          throw bad("has " + where + "[" + j + "] = " + v + "; expected a finite number");
        }
        out[j] = v;
      }
      return out;
    }

    /** The value of a size letter, learning it from {@code seen} if no earlier key fixed it. */
    private int size(String letter, String key, int seen) {
      if (letter.equals("N")) {
        return steps;
      }
      Integer known = sizes.get(letter);
      if (known == null) {
        if (seen < 0) {
          throw bad("uses the size " + letter + " in \"" + key + "\" before any key fixes it");
        }
        sizes.put(letter, seen);
        sizeFrom.put(letter, key);
        return seen;
      }
      return known;
    }

    private IllegalArgumentException bad(String what) {
      return new IllegalArgumentException("The params file " + source + " " + what + ".");
    }
  }
}
