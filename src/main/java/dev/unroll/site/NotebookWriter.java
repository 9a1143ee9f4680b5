package dev.unroll.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a lesson as a Jupyter notebook (nbformat 4.5): Markdown cells holding the lesson text
 * unchanged, a new cell at each heading (never inside a code fence or a {@code $$} block). Cell ids
 * are numbered, and keys come in a fixed order, so the same lesson always gives the same bytes.
 */
public final class NotebookWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String notebook(String title, String markdown) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode cells = root.putArray("cells");
    int n = 0;
    for (String cell : cells(markdown)) {
      ObjectNode c = cells.addObject();
      c.put("cell_type", "markdown");
      c.put("id", "lesson-" + (++n));
      c.putObject("metadata");
      ArrayNode source = c.putArray("source");
      lines(cell).forEach(source::add);
    }
    ObjectNode metadata = root.putObject("metadata");
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
