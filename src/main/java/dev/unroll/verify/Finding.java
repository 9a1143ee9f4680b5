package dev.unroll.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing {@code verify} has to say about a place in the file: {@code line} and {@code column}
 * count from 1 in the file as stored (for a notebook, see {@link Segment}).
 *
 * @param correction the right LaTeX, when the finding is about a formula that can be corrected
 */
public record Finding(int line, int column, Severity severity, String message, Optional<String> correction,
    Optional<String> place) implements Comparable<Finding> {
  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(correction, "correction");
    Objects.requireNonNull(place, "place");
  }

  public Finding(int line, int column, Severity severity, String message, Optional<String> correction) {
    this(line, column, severity, message, correction, Optional.empty());
  }

  /** The same finding, placed in a notebook cell ("cell 3, line 2"). */
  public Finding in(Optional<String> cellPlace) {
    return new Finding(line, column, severity, message, correction, cellPlace);
  }

  /** The same finding with another severity and message (a note rather than an error, say). */
  public Finding as(Severity s, String newMessage) {
    return new Finding(line, column, s, newMessage, correction, place);
  }

  public static Finding at(Position p, Severity severity, String message) {
    return new Finding(p.line(), p.column(), severity, message, Optional.empty());
  }

  public static Finding at(Position p, Severity severity, String message, String correction) {
    return new Finding(p.line(), p.column(), severity, message, Optional.of(correction));
  }

  /**
   * {@code LINE:COL: severity: message}, with the correction after "Right:" when there is one; in a
   * notebook the message starts with the cell and its line ({@code cell 3, line 2: ...}).
   */
  public String format(String file) {
    return file + ":" + line + ":" + column + ": " + severity.spelled() + ": " + place.map(p -> p + ": ").orElse("") + message
        + correction.map(c -> " Right: " + c).orElse("");
  }

  @Override
  public int compareTo(Finding o) {
    int c = Integer.compare(line, o.line);
    if (c == 0) {
      c = Integer.compare(column, o.column);
    }
    if (c == 0) {
      c = severity.compareTo(o.severity);
    }
    return c != 0 ? c : message.compareTo(o.message);
  }
}
