package dev.unroll.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * First stage of {@code verify}: reads a file into a {@link Document}. The kind comes from the file
 * name ({@code .tex} LaTeX, {@code .ipynb} notebook, anything else Markdown). Refuses, with a
 * sentence saying why, files that are missing, larger than {@link #MAX_BYTES}, not UTF-8 text, or
 * notebooks that are not valid JSON.
 */
public final class DocumentReader {
  /** Larger files are refused: a lesson is a few hundred kilobytes; 8 MB leaves room for notebooks with images. */
  public static final long MAX_BYTES = 8L * 1024 * 1024;

  public Document read(Path file) {
    if (Files.isDirectory(file)) {
      throw new UnreadableFileException("Cannot verify '" + file + "': it is a directory; give one .md, .ipynb or .tex file.");
    }
    if (!Files.exists(file)) {
      throw new UnreadableFileException("Cannot read '" + file + "': there is no such file.");
    }
    if (!Files.isRegularFile(file)) {
      throw new UnreadableFileException("Cannot verify '" + file + "': it is not a regular file (a device, pipe or socket);"
          + " give one .md, .ipynb or .tex file.");
    }
    if (!Files.isReadable(file)) {
      throw new UnreadableFileException("Cannot read '" + file + "': permission denied (the file is not readable by this user).");
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new UnreadableFileException("Cannot verify '" + file + "': it has " + size
            + " bytes, more than the limit of " + MAX_BYTES + " bytes for a lesson.");
      }
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new UnreadableFileException("Cannot read '" + file + "': permission denied.");
    } catch (IOException e) {
      throw new UnreadableFileException("Cannot read '" + file + "': " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()) + ".");
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    return parse(name, bytes);
  }

  /** Reads bytes as the kind of file {@code name} says. */
  public Document parse(String name, byte[] bytes) {
    String text = decode(name, bytes);
    if (name.endsWith(".ipynb")) {
      return new Document(Document.Kind.NOTEBOOK, notebookCells(name, text));
    }
    Document.Kind kind = name.endsWith(".tex") || name.endsWith(".latex") ? Document.Kind.LATEX : Document.Kind.MARKDOWN;
    return new Document(kind, List.of(Segment.whole(text)));
  }

  private static String decode(String name, byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        throw new UnreadableFileException("Cannot verify '" + name + "': it is a binary file (it contains NUL bytes), not text.");
      }
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      return text.replace("\r\n", "\n").replace('\r', '\n');
    } catch (CharacterCodingException e) {
      throw new UnreadableFileException("Cannot verify '" + name + "': it is not UTF-8 text.");
    }
  }

  /**
   * The Markdown cells of a notebook, each with the file line of every source line. Read with a
   * streaming parser so that each JSON string keeps the line it was written on.
   */
  private static List<Segment> notebookCells(String name, String json) {
    List<Segment> cells = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notNotebook(name, "it does not start with a JSON object");
      }
      boolean sawCells = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("cells".equals(field)) {
          if (value != JsonToken.START_ARRAY) {
            throw notNotebook(name, "its \"cells\" is not a list (of cell objects)");
          }
          sawCells = true;
          JsonToken t;
          while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            readCell(name, p, cells, cells.size());
          }
          if (t != JsonToken.END_ARRAY) {
            throw notNotebook(name, "its \"cells\" list holds " + describe(t) + " where each entry must be a cell object"
                + " (at line " + p.currentTokenLocation().getLineNr() + ")");
          }
        } else {
          p.skipChildren();
        }
      }
      cells.removeIf(java.util.Objects::isNull);
      if (!sawCells) {
        throw notNotebook(name, "it has no \"cells\" list");
      }
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
      throw notNotebook(name, "it is not valid JSON (" + why.replaceAll("\\.$", "") + where + ")");
    } catch (IOException e) {
      throw notNotebook(name, e.getMessage());
    }
    return cells;
  }

  private static String describe(JsonToken t) {
    return switch (t == null ? JsonToken.NOT_AVAILABLE : t) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      case START_ARRAY -> "a list";
      case START_OBJECT -> "an object";
      default -> "nothing";
    };
  }

  private static void readCell(String name, JsonParser p, List<Segment> cells, int index) throws IOException {
    String type = "";
    StringBuilder text = new StringBuilder();
    List<Integer> lines = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("cell_type".equals(field) && value == JsonToken.VALUE_STRING) {
        type = p.getText();
      } else if ("source".equals(field) && value == JsonToken.START_ARRAY) {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
          appendSource(text, lines, p.getText(), p.currentTokenLocation().getLineNr());
        }
        if (t != JsonToken.END_ARRAY) {
          throw notNotebook(name, "cell " + (index + 1) + "'s \"source\" list holds " + describe(t)
              + " where each entry must be a string (at line " + p.currentTokenLocation().getLineNr() + ")");
        }
      } else if ("source".equals(field) && value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
        throw notNotebook(name, "cell " + (index + 1) + "'s \"source\" is " + describe(value)
            + ", not a string or a list of strings (at line " + p.currentTokenLocation().getLineNr() + ")");
      } else if ("source".equals(field) && value == JsonToken.VALUE_STRING) {
        appendSource(text, lines, p.getText(), p.currentTokenLocation().getLineNr());
      } else {
        p.skipChildren();
      }
    }
    if ("markdown".equals(type) && !lines.isEmpty()) {
      cells.add(new Segment(text.toString(), lines.stream().mapToInt(Integer::intValue).toArray(), index + 1));
    } else {
      cells.add(null);
    }
  }

  /** One JSON source string: every line it holds maps to the file line the string starts on. */
  private static void appendSource(StringBuilder text, List<Integer> lines, String source, int fileLine) {
    if (lines.isEmpty() || text.length() == 0 || text.charAt(text.length() - 1) == '\n') {
      lines.add(fileLine);
    }
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      text.append(c);
      if (c == '\n' && i + 1 < source.length()) {
        lines.add(fileLine);
      }
    }
  }

  private static UnreadableFileException notNotebook(String name, String why) {
    return new UnreadableFileException("Cannot read '" + name + "' as a Jupyter notebook: " + why + ".");
  }
}
