package dev.unroll.verify;

import java.util.Objects;

/**
 * One factor of a term in the lesson's chain order (from the loss towards the parameter), reduced to
 * what two spellings of the same factor share. Values are cell variables at a stage, keyed
 * {@code name@time} ({@code s@t-1}).
 *
 * <ul>
 *   <li>{@code PARTIAL}: {@code \partial from / \partial to}, a local gradient (or its concrete
 *       form: {@code diag(1 - s_t^2)} is {@code s@t -> z@t}, {@code o - y} is {@code E -> q});
 *   <li>{@code MATRIX}: a weight matrix passed on the way ({@code name}), possibly transposed;
 *   <li>{@code VECTOR}: a per-stage vector, the "other input" a weight term ends with;
 *   <li>{@code UNKNOWN}: something the reader could not place ({@code name} is its TeX).
 * </ul>
 *
 * @param offset where the author wrote it in the span, or -1 for the engine's links
 */
public record Link(Kind kind, String from, String to, String name, boolean transposed, int offset) {
  public enum Kind { PARTIAL, MATRIX, VECTOR, UNKNOWN }

  public Link {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(name, "name");
  }

  public static Link partial(String from, String to, int offset) {
    return new Link(Kind.PARTIAL, from, to, "", false, offset);
  }

  public static Link matrix(String name, boolean transposed, int offset) {
    return new Link(Kind.MATRIX, "", "", name, transposed, offset);
  }

  public static Link vector(String key, boolean transposed, int offset) {
    return new Link(Kind.VECTOR, "", "", key, transposed, offset);
  }

  public static Link unknown(String what, int offset) {
    return new Link(Kind.UNKNOWN, "", "", what, false, offset);
  }

  public Link at(int newOffset) {
    return new Link(kind, from, to, name, transposed, newOffset);
  }

  /** The same factor, whoever wrote it and however it is transposed. */
  public boolean sameFactor(Link o) {
    if (kind != o.kind) {
      return false;
    }
    return switch (kind) {
      case PARTIAL -> from.equals(o.from) && to.equals(o.to);
      case MATRIX, VECTOR -> name.equals(o.name);
      case UNKNOWN -> false;
    };
  }

  /** The same kind of factor of the same variables, at other stages: a slip of a time index. */
  public boolean sameVariables(Link o) {
    if (kind != o.kind) {
      return false;
    }
    return switch (kind) {
      case PARTIAL -> sameVariable(from, o.from) && sameVariable(to, o.to);
      case VECTOR -> sameVariable(name, o.name);
      case MATRIX -> true;
      case UNKNOWN -> false;
    };
  }

  /** Whether this is the local gradient of an activation, {@code \partial s_k / \partial z_k}. */
  public boolean isActivation() {
    return kind == Kind.PARTIAL && variable(from).equals("s") && variable(to).equals("z");
  }

  /** Whether two keys name the same variable, at any time; compared in place, as alignments call this often. */
  private static boolean sameVariable(String a, String b) {
    int i = a.indexOf('@');
    int j = b.indexOf('@');
    int la = i < 0 ? a.length() : i;
    int lb = j < 0 ? b.length() : j;
    return la == lb && a.regionMatches(0, b, 0, la);
  }

  public static String key(String variable, String time) {
    return variable + "@" + time;
  }

  public static String variable(String key) {
    int at = key.indexOf('@');
    return at < 0 ? key : key.substring(0, at);
  }

  /** The time part of a key ({@code t-1}), or empty for a value without one. */
  public static String time(String key) {
    int at = key.indexOf('@');
    return at < 0 ? "" : key.substring(at + 1);
  }
}
