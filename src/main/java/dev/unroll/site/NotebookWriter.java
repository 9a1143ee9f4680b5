package dev.unroll.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unroll.render.LessonCode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a lesson as a Jupyter notebook (nbformat 4.5) that runs: Markdown cells holding the lesson
 * text, a new cell at each heading (never inside a code fence or a {@code $$} block), and the lesson's
 * generated code cells, each under the first Markdown cell (after the previous code cell's) that
 * shows the equation it computes, or after the previous code cell when none does. Pictures the
 * Markdown shows are carried inside the notebook as cell attachments, so the file stands alone. The
 * kernel is {@code python3}. Cell ids are numbered, and keys come in a fixed order, so the same
 * lesson always gives the same bytes.
 */
public final class NotebookWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IMAGE = Pattern.compile("(!\\[[^\\]]*\\]\\(\\s*<?)([^)\\s>]+)");

  /** A notebook of Markdown cells only. */
  public String notebook(String title, String markdown) {
    return notebook(title, markdown, LessonCode.none(), Map.of());
  }

  /**
   * @param code the lesson's code cells, in order
   * @param pictures the bytes of each picture, by the reference the Markdown gives it ({@code assets/x.svg})
   */
  public String notebook(String title, String markdown, LessonCode code, Map<String, byte[]> pictures) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode cells = root.putArray("cells");
    List<String> text = cells(markdown);
    List<List<LessonCode.Cell>> after = placed(text, code);
    int n = 0;
    int m = 0;
    for (int i = 0; i < text.size(); i++) {
      ObjectNode c = cells.addObject();
      c.put("cell_type", "markdown");
      c.put("id", "lesson-" + (++n));
      c.putObject("metadata");
      String cell = attach(text.get(i), pictures, c);
      ArrayNode source = c.putArray("source");
      lines(cell).forEach(source::add);
      for (LessonCode.Cell codeCell : after.get(i)) {
        ObjectNode k = cells.addObject();
        k.put("cell_type", "code");
        k.putNull("execution_count");
        k.put("id", "code-" + (++m));
        k.putObject("metadata");
        k.putArray("outputs");
        ArrayNode lines = k.putArray("source");
        lines(codeCell.source().stripTrailing()).forEach(lines::add);
      }
    }
    ObjectNode metadata = root.putObject("metadata");
    ObjectNode kernel = metadata.putObject("kernelspec");
    kernel.put("display_name", "Python 3");
    kernel.put("language", "python");
    kernel.put("name", "python3");
    ObjectNode language = metadata.putObject("language_info");
    language.put("file_extension", ".py");
    language.put("mimetype", "text/x-python");
    language.put("name", "python");
    metadata.put("title", title);
    root.put("nbformat", 4);
    root.put("nbformat_minor", 5);
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter(" ", "\n"))
        .withArrayIndenter(new DefaultIndenter(" ", "\n"));
    try {
      return JSON.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A notebook of plain strings failed to serialise.", e);
    }
  }

  /**
   * Which code cells follow each Markdown cell: a cell goes under the first Markdown cell, from the
   * one the previous code cell went under, whose text contains its anchor; with no anchor, or none
   * found, under the same cell as the previous code cell (the first cell to begin with).
   */
  static List<List<LessonCode.Cell>> placed(List<String> markdown, LessonCode code) {
    List<List<LessonCode.Cell>> after = new ArrayList<>();
    markdown.forEach(x -> after.add(new ArrayList<>()));
    int at = 0;
    for (LessonCode.Cell c : code.cells()) {
      if (!c.anchor().isEmpty()) {
        for (int i = at; i < markdown.size(); i++) {
          if (markdown.get(i).contains(c.anchor())) {
            at = i;
            break;
          }
        }
      }
      if (!after.isEmpty()) {
        after.get(at).add(c);
      }
    }
    return after;
  }

  /** The cell's text with each picture it shows pointed at an attachment of the cell, which is added. */
  private static String attach(String cell, Map<String, byte[]> pictures, ObjectNode c) {
    Matcher m = IMAGE.matcher(cell);
    StringBuilder out = new StringBuilder();
    java.util.TreeMap<String, byte[]> attached = new java.util.TreeMap<>();
    while (m.find()) {
      byte[] bytes = pictures.get(m.group(2));
      if (bytes == null) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      String name = m.group(2).replaceAll(".*/", "");
      attached.put(name, bytes);
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "attachment:" + name));
    }
    m.appendTail(out);
    if (!attached.isEmpty()) {
      ObjectNode attachments = c.putObject("attachments");
      attached.forEach((name, bytes) -> attachments.putObject(name)
          .put(mime(name), Base64.getEncoder().encodeToString(bytes)));
    }
    return out.toString();
  }

  private static String mime(String name) {
    return name.endsWith(".svg") ? "image/svg+xml" : name.endsWith(".png") ? "image/png"
        : name.endsWith(".jpg") || name.endsWith(".jpeg") ? "image/jpeg" : "application/octet-stream";
  }

  /** The lesson cut before each heading that stands outside code and display math. */
  static List<String> cells(String markdown) {
    List<String> cells = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean fence = false;
    boolean math = false;
    for (String line : markdown.split("(?<=\n)")) {
      String text = line.strip();
      boolean heading = !fence && !math && text.startsWith("#") && text.matches("#{1,6}(\\s.*)?");
      if (heading && !current.toString().isBlank()) {
        cells.add(trimEnd(current.toString()));
        current.setLength(0);
      }
      current.append(line);
      if (math) {
        math = !text.endsWith("$$");
      } else if (text.startsWith("```") || text.startsWith("~~~")) {
        fence = !fence;
      } else if (!fence && text.startsWith("$$")) {
        math = !(text.length() >= 4 && text.endsWith("$$"));
      }
    }
    if (!current.toString().isBlank()) {
      cells.add(trimEnd(current.toString()));
    }
    return cells;
  }

  private static String trimEnd(String s) {
    return s.replaceAll("\\s+$", "");
  }

  /** Jupyter's multi-line string: lines keep their newline, the last one has none. */
  private static List<String> lines(String text) {
    return List.of(text.split("(?<=\n)"));
  }
}
