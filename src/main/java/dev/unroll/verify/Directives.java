package dev.unroll.verify;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options a document gives {@code unroll verify} about itself, so that its author need not
 * repeat them on every command line: in Markdown and notebooks an HTML comment
 * {@code <!-- verify: steps=4 cell=lstm -->} (which no renderer shows), in LaTeX a comment line
 * {@code % verify: notation=cs231n}. Keys are {@code steps} (1 to 60), {@code cell} (a built-in cell)
 * and {@code notation} (lesson or cs231n); a later directive overrides an earlier one, and an option
 * given on the command line overrides both.
 *
 * @param line the file line of the last directive read, 0 when the document has none
 */
public record Directives(OptionalInt steps, Optional<String> cell, Optional<String> notation, int line) {
  private static final Pattern MARKDOWN = Pattern.compile("<!--\\s*verify:(.*?)-->", Pattern.DOTALL);
  private static final Pattern LATEX = Pattern.compile("(?m)^[ \\t]*%+[ \\t]*verify:(.*)$");
  private static final Pattern PAIR = Pattern.compile("([A-Za-z]+)\\s*=\\s*([^\\s,;]+)");
  static final Directives NONE = new Directives(OptionalInt.empty(), Optional.empty(), Optional.empty(), 0);

  /**
   * The directives of a document.
   *
   * @throws UnreadableFileException naming the line when a directive has a key or a value verify does
   *     not know (bad input, exit code 2)
   */
  public static Directives of(Document document) {
    Map<String, String> values = new LinkedHashMap<>();
    int last = 0;
    for (Segment segment : document.segments()) {
      Matcher m = (document.markdown() ? MARKDOWN : LATEX).matcher(segment.text());
      while (m.find()) {
        int line = segment.position(m.start()).line();
        String body = m.group(1).strip();
        Matcher pair = PAIR.matcher(body);
        int end = 0;
        while (pair.find()) {
          if (!body.substring(end, pair.start()).replaceAll("[\\s,;]", "").isEmpty()) {
            break;
          }
          String key = pair.group(1).toLowerCase(Locale.ROOT);
          values.put(key, check(key, pair.group(2), line));
          end = pair.end();
        }
        if (!body.substring(end).replaceAll("[\\s,;]", "").isEmpty()) {
          throw new UnreadableFileException("line " + line + ": cannot read the verify directive '" + body
              + "'; write key=value pairs with the keys steps, cell and notation, e.g. verify: steps=4 cell=rnn.");
        }
        last = line;
      }
    }
    return new Directives(
        values.containsKey("steps") ? OptionalInt.of(Integer.parseInt(values.get("steps"))) : OptionalInt.empty(),
        Optional.ofNullable(values.get("cell")), Optional.ofNullable(values.get("notation")), last);
  }

  private static String check(String key, String value, int line) {
    String v = value.toLowerCase(Locale.ROOT);
    String where = "line " + line + ": the verify directive's ";
    switch (key) {
      case "steps" -> {
        if (!v.matches("\\d{1,2}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 60) {
          throw new UnreadableFileException(where + "steps must be a whole number from 1 to 60, got '" + value + "'.");
        }
      }
      case "cell" -> {
        try {
          Notation.ofCellNamed(v);
        } catch (IllegalArgumentException e) {
          throw new UnreadableFileException(where + e.getMessage().replace("--cell", "cell"));
        }
      }
      case "notation" -> {
        try {
          Notation.named(v);
        } catch (IllegalArgumentException e) {
          throw new UnreadableFileException(where + e.getMessage().replace("--notation", "notation"));
        }
      }
      default -> throw new UnreadableFileException(where + "key '" + key
          + "' is not one verify knows; the keys are steps, cell and notation.");
    }
    return v;
  }
}
