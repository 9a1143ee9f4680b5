package dev.unroll.cli;

import dev.unroll.files.TextFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place where a failure that reaches the command line becomes what the user reads: one line
 * on stderr, a sentence, and an exit code (2 for bad input, which is also what an input that the
 * engine cannot handle is; 1 is kept for a check that failed, which commands report themselves). No
 * stack trace and no Java class name, unless {@code --debug} asks for the trace.
 */
final class Failures {
  /** A qualified Java class name of an exception or error, as {@code toString()} puts it in front of messages. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

  private Failures() {
  }

  /** Reports {@code failure} on {@code err} and returns the exit code. */
  static int report(Throwable failure, PrintWriter err, boolean debug) {
    err.println("unroll: " + line(failure));
    if (debug) {
      failure.printStackTrace(err);
    }
    err.flush();
    return Main.BAD_INPUT;
  }

  /** The sentence for a failure. */
  static String line(Throwable failure) {
    if (failure instanceof OutOfMemoryError) {
      long mb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
      return "the command needs more memory than the " + mb + " MB this Java may use; ask for smaller sizes"
          + " (or give Java more with JAVA_TOOL_OPTIONS=-Xmx...).";
    }
    if (failure instanceof StackOverflowError) {
      return "the input is nested too deeply to be read (a formula, a file or a template inside itself thousands"
          + " of levels deep); nothing was written.";
    }
    if (failure instanceof UncheckedIOException u && u.getCause() != null) {
      String message = u.getMessage();
      String own = message == null ? "" : message.replace(String.valueOf(u.getCause()), "").strip();
      return sentence(own.isEmpty() || own.endsWith(":") ? (own + " " + reason(u.getCause())).strip() : own);
    }
    if (failure instanceof IOException io) {
      return sentence(reason(io));
    }
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return "unroll stopped on an internal error (" + kind(failure) + ") it could not put into words; run again"
          + " with --debug to see where, and please report it.";
    }
    if (failure instanceof NullPointerException || failure instanceof ClassCastException
        || failure instanceof IndexOutOfBoundsException || failure instanceof ArithmeticException) {
      return "unroll stopped on an internal error (" + kind(failure) + ": " + clean(message)
          + "); run again with --debug to see where, and please report it.";
    }
    return sentence(clean(message));
  }

  /** Which file and why a file operation failed, in words (Java's own messages name only the path). */
  static String reason(IOException e) {
    String file = e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
    String why = TextFiles.reason(e);
    return file + (why.equals(e.getMessage()) ? clean(why) : why);
  }

  /** The message on one line, without Java class names. */
  private static String clean(String message) {
    String first = message.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    return CLASS_NAME.matcher(first).replaceAll("").strip();
  }

  private static String sentence(String s) {
    String t = s.strip();
    return t.isEmpty() || t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t : t + ".";
  }

  /** What kind of failure, in words rather than a class name. */
  private static String kind(Throwable t) {
    return t.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
  }
}
