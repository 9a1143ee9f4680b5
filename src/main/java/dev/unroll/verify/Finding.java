package dev.unroll.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing {@code verify} has to say about a place in the file: {@code line} and {@code column}
 * count from 1 in the file as stored (for a notebook, see {@link Segment}).
 *
 * @param correction the right LaTeX, when the finding is about a formula that can be corrected
 */
public record Finding(int line, int column, Severity severity, String message, Optional<String> correction)
    implements Comparable<Finding> {
  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(correction, "correction");
  }

  public static Finding at(Position p, Severity severity, String message) {
    return new Finding(p.line(), p.column(), severity, message, Optional.empty());
  }

  public static Finding at(Position p, Severity severity, String message, String correction) {
    return new Finding(p.line(), p.column(), severity, message, Optional.of(correction));
  }

  /** {@code LINE:COL: severity: message}, with the correction after "right:" when there is one. */
  public String format(String file) {
    return file + ":" + line + ":" + column + ": " + severity.spelled() + ": " + message
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
