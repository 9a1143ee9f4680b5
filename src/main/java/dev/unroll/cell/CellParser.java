package dev.unroll.cell;

import dev.unroll.expr.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code .cell} format (see {@code src/main/resources/cells/rnn.cell} for a commented
 * example) into a {@link CellDefinition}, checking that every symbol an equation uses is declared or
 * computed earlier and that every function is an activation or one of the built-in gates.
 */
public final class CellParser {
  /** Gates the engine knows by name; everything else must be an activation. */
  public static final Set<String> BUILT_IN_GATES = Set.of("softmax", "crossentropy");

  private static final Pattern CELL = Pattern.compile("cell\\s+([A-Za-z][\\w-]*)(?:\\s+\"([^\"]*)\")?");
  private static final Pattern VECTOR = Pattern.compile("(input|state|target)\\s+([A-Za-z]\\w*)\\s*:\\s*([A-Z])");
  private static final Pattern PARAM =
      Pattern.compile("param\\s+([A-Za-z]\\w*)\\s*:\\s*([A-Z])(?:\\s*x\\s*([A-Z]))?");
  private static final Pattern ACTIVATION_DEF =
      Pattern.compile("activation\\s+([a-z]\\w*)\\s*\\(\\s*([a-z])\\s*\\)\\s*=\\s*(.+)");
  private static final Pattern PLACEHOLDER = Pattern.compile("activation\\s+([a-z]\\w*)\\s*=\\s*([a-z]\\w*)");
  private static final Pattern LOSS = Pattern.compile("loss\\s+([A-Za-z]\\w*)");
  private static final Pattern EQUATION = Pattern.compile("([^=]+)=(.+)");

  private final Map<String, Activation> library;

  /** @param library activations every cell may name, such as those of {@code activations.cell} */
  public CellParser(Map<String, Activation> library) {
    this.library = Map.copyOf(library);
  }

  /** Reads a file of {@code activation name(z) = ...} lines only. */
  public static Map<String, Activation> parseActivations(String source, String text) {
    Map<String, Activation> out = new TreeMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripComment(lines[i]);
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = ACTIVATION_DEF.matcher(line);
      if (!m.matches()) {
        throw new CellFormatException(source, i + 1, 1, "expected 'activation name(z) = expression'.");
      }
      out.put(m.group(1), new Activation(m.group(1), m.group(2), m.group(3).trim()));
    }
    return out;
  }

  public CellDefinition parse(String source, String text) {
    String name = null;
    String title = null;
    String loss = null;
    List<Declaration> declarations = new ArrayList<>();
    Map<String, String> placeholders = new LinkedHashMap<>();
    Map<String, Activation> activations = new TreeMap<>(library);
    List<String[]> equationLines = new ArrayList<>();
    List<Integer> equationNumbers = new ArrayList<>();

    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int number = i + 1;
      String line = stripComment(lines[i]);
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = CELL.matcher(line)).matches()) {
        name = m.group(1);
        title = m.group(2) == null ? m.group(1) : m.group(2);
      } else if ((m = VECTOR.matcher(line)).matches()) {
        declarations.add(new Declaration(m.group(2), Declaration.Kind.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)),
            List.of(m.group(3))));
      } else if ((m = PARAM.matcher(line)).matches()) {
        declarations.add(new Declaration(m.group(1), Declaration.Kind.PARAM,
            m.group(3) == null ? List.of(m.group(2)) : List.of(m.group(2), m.group(3))));
      } else if ((m = ACTIVATION_DEF.matcher(line)).matches()) {
        activations.put(m.group(1), new Activation(m.group(1), m.group(2), m.group(3).trim()));
      } else if ((m = PLACEHOLDER.matcher(line)).matches()) {
        placeholders.put(m.group(1), m.group(2));
      } else if ((m = LOSS.matcher(line)).matches()) {
        loss = m.group(1);
      } else if (startsWithKeyword(line)) {
        throw new CellFormatException(source, number, 1, "cannot read this declaration; see the format in rnn.cell.");
      } else if ((m = EQUATION.matcher(line)).matches()) {
        equationLines.add(new String[] {m.group(1), m.group(2), Integer.toString(m.start(2))});
        equationNumbers.add(number);
      } else {
        throw new CellFormatException(source, number, 1,
            "expected a declaration (cell, input, state, target, param, activation, loss) or an equation 'a_t = ...'.");
      }
    }
    if (name == null) {
      throw new CellFormatException(source, 1, 1, "the file has no 'cell NAME' line.");
    }
    if (loss == null) {
      throw new CellFormatException(source, 1, 1, "the file has no 'loss NAME' line naming the per-stage loss.");
    }
    for (Map.Entry<String, String> p : placeholders.entrySet()) {
      if (!activations.containsKey(p.getValue())) {
        throw new CellFormatException(source, 1, 1, "the placeholder '" + p.getKey() + "' names the unknown activation '"
            + p.getValue() + "'; known: " + String.join(", ", activations.keySet()) + ".");
      }
    }

    Map<String, Declaration> declared = new LinkedHashMap<>();
    for (Declaration d : declarations) {
      if (declared.put(d.name(), d) != null) {
        throw new CellFormatException(source, 1, 1, "'" + d.name() + "' is declared twice.");
      }
    }
    List<Equation> equations = new ArrayList<>();
    Map<String, Expr.Role> computed = new LinkedHashMap<>();
    ShapeCheck shapes = new ShapeCheck(declared, loss);
    for (int k = 0; k < equationLines.size(); k++) {
      String[] eq = equationLines.get(k);
      int number = equationNumbers.get(k);
      String finalLoss = loss;
      java.util.function.Function<String, Expr.Role> roles = symbol -> roleOf(symbol, declared, finalLoss);
      Expr.Symbol target = new EquationParser(eq[0], source, number, 0, roles).parseTarget();
      Expr rhs = new EquationParser(eq[1], source, number, Integer.parseInt(eq[2]), roles).parseAll();
      if (declared.containsKey(target.name()) && declared.get(target.name()).kind() != Declaration.Kind.STATE) {
        throw new CellFormatException(source, number, 1, "'" + target.name() + "' is declared as an input, target or parameter and cannot be computed.");
      }
      if (computed.containsKey(target.name())) {
        throw new CellFormatException(source, number, 1, "'" + target.name() + "' is computed twice.");
      }
      checkSymbols(rhs, source, number, declared, computed, placeholders, activations);
      try {
        shapes.equation(target, rhs);
      } catch (IllegalArgumentException e) {
        throw new CellFormatException(source, number, 1, e.getMessage());
      }
      computed.put(target.name(), target.role());
      equations.add(new Equation(target, rhs, number));
    }
    if (!computed.containsKey(loss)) {
      throw new CellFormatException(source, 1, 1, "the loss '" + loss + "' is never computed by an equation.");
    }
    for (Declaration d : declared.values()) {
      if (d.kind() == Declaration.Kind.STATE && !computed.containsKey(d.name())) {
        throw new CellFormatException(source, 1, 1, "the state '" + d.name() + "' is never computed by an equation.");
      }
    }
    return new CellDefinition(name, title, declarations, placeholders, activations, loss, equations);
  }

  private static Expr.Role roleOf(String symbol, Map<String, Declaration> declared, String loss) {
    if (symbol.equals(loss)) {
      return Expr.Role.LOSS;
    }
    Declaration d = declared.get(symbol);
    if (d == null) {
      return Expr.Role.INTERMEDIATE;
    }
    return switch (d.kind()) {
      case INPUT -> Expr.Role.INPUT;
      case STATE -> Expr.Role.STATE;
      case TARGET -> Expr.Role.TARGET;
      case PARAM -> Expr.Role.PARAMETER;
    };
  }

  private static void checkSymbols(Expr e, String source, int line, Map<String, Declaration> declared,
      Map<String, Expr.Role> computed, Map<String, String> placeholders, Map<String, Activation> activations) {
    if (e instanceof Expr.Symbol s) {
      checkSymbol(s, source, line, declared, computed);
    } else if (e instanceof Expr.Apply a) {
      boolean known = BUILT_IN_GATES.contains(a.function()) || placeholders.containsKey(a.function())
          || activations.containsKey(a.function());
      if (!known) {
        throw new CellFormatException(source, line, 1, "unknown function '" + a.function() + "'; known: "
            + String.join(", ", union(activations.keySet(), placeholders.keySet(), BUILT_IN_GATES)) + ".");
      }
      int expected = a.function().equals("crossentropy") ? 2 : 1;
      if (a.arguments().size() != expected) {
        throw new CellFormatException(source, line, 1, "'" + a.function() + "' takes " + expected + " argument"
            + (expected == 1 ? "" : "s") + ", got " + a.arguments().size() + ".");
      }
      a.arguments().forEach(x -> checkSymbols(x, source, line, declared, computed, placeholders, activations));
    } else if (e instanceof Expr.Product p) {
      p.factors().forEach(x -> checkSymbols(x, source, line, declared, computed, placeholders, activations));
    } else if (e instanceof Expr.Sum s) {
      s.terms().forEach(x -> checkSymbols(x, source, line, declared, computed, placeholders, activations));
    } else if (e instanceof Expr.Negate n) {
      checkSymbols(n.operand(), source, line, declared, computed, placeholders, activations);
    } else if (e instanceof Expr.Hadamard h) {
      checkSymbols(h.left(), source, line, declared, computed, placeholders, activations);
      checkSymbols(h.right(), source, line, declared, computed, placeholders, activations);
    } else if (!(e instanceof Expr.Num)) {
      throw new CellFormatException(source, line, 1, "this expression cannot appear in a cell equation.");
    }
  }

  private static void checkSymbol(Expr.Symbol s, String source, int line, Map<String, Declaration> declared,
      Map<String, Expr.Role> computed) {
    Declaration d = declared.get(s.name());
    if (s.time().isEmpty()) {
      if (d == null || d.kind() != Declaration.Kind.PARAM) {
        throw new CellFormatException(source, line, 1, "'" + s.name()
            + "' has no time subscript, so it must be a declared param; per-stage values are written " + s.name() + "_t.");
      }
      return;
    }
    if (d != null && d.kind() == Declaration.Kind.PARAM) {
      throw new CellFormatException(source, line, 1, "the parameter '" + s.name() + "' is shared by all stages and takes no subscript.");
    }
    int offset = s.time().get().offset();
    if (offset > 0) {
      throw new CellFormatException(source, line, 1, "'" + s.name() + "_{t+" + offset + "}' looks into the future; equations may use stage t and earlier.");
    }
    boolean earlierState = offset < 0 && d != null && d.kind() == Declaration.Kind.STATE;
    if (earlierState && offset < -1) {
      throw new CellFormatException(source, line, 1, "'" + s.name() + "_{t" + offset + "}' reads the state " + -offset
          + " stages back; a cell may read a state only one stage back (" + s.name() + "_{t-1}), whose value before the first"
          + " stage is the one initial state the params give.");
    }
    boolean given = d != null && (d.kind() == Declaration.Kind.INPUT || d.kind() == Declaration.Kind.TARGET);
    if (!(given || earlierState || (offset == 0 && computed.containsKey(s.name())))) {
      throw new CellFormatException(source, line, 1, "'" + s.name() + "' is used before it is computed; declare it or compute it on an earlier line"
          + (offset < 0 ? " (only states may be read at earlier stages)" : "") + ".");
    }
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new java.util.TreeSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return all;
  }

  private static boolean startsWithKeyword(String line) {
    return line.matches("(cell|input|state|target|param|activation|loss)\\b.*") && !line.contains("_");
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return (hash >= 0 ? line.substring(0, hash) : line).strip();
  }
}
