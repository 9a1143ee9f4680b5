package dev.unroll.render;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a lesson spells the cell's symbols and functions. The lesson notation writes the cell's own
 * names ({@code U, W, V, s}); the cs231n notation writes {@code W_{xh}, W_{hh}, W_{hy}, h}. Another
 * notation is another instance, not a search-and-replace.
 */
public final class Notation {
  private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "sigma", "theta", "lambda", "mu", "phi", "psi", "omega", "eta", "zeta", "kappa", "rho", "tau", "chi", "xi", "pi", "nu", "iota", "upsilon");
  private static final Map<String, String> FUNCTIONS = Map.of(
      "tanh", "\\tanh", "log", "\\log", "exp", "\\exp", "sigmoid", "\\sigma");

  public static final Notation LESSON = new Notation("lesson", Map.of());
  public static final Notation CS231N = new Notation("cs231n",
      Map.of("U", "W_{xh}", "W", "W_{hh}", "V", "W_{hy}", "s", "h"));
  /** The gated cells as Wikipedia writes them: the LSTM's candidate {@code \tilde{c}}, the GRU's {@code \hat{h}}. */
  public static final Notation WIKIPEDIA = new Notation("wikipedia",
      Map.of("g", "\\tilde{c}", "Wg", "W_{c}", "Ug", "U_{c}", "bg", "b_{c}", "n", "\\hat{h}"));

  private final String name;
  private final Map<String, String> renames;

  private Notation(String name, Map<String, String> renames) {
    this.name = name;
    this.renames = Map.copyOf(renames);
  }

  /** A notation read from a document: {@code renames} maps a cell symbol to the TeX its author writes for it. */
  public static Notation of(String name, Map<String, String> renames) {
    return new Notation(name, renames);
  }

  public static Notation named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "lesson" -> LESSON;
      case "cs231n" -> CS231N;
      default -> throw new IllegalArgumentException("--notation must be lesson or cs231n, got '" + name + "'.");
    };
  }

  public String name() {
    return name;
  }

  /** The TeX for a symbol's name: renamed, Greek letters as commands, {@code Wi} as {@code W_{i}}. */
  public String symbol(String symbol) {
    String renamed = renames.get(symbol);
    if (renamed != null) {
      return renamed;
    }
    if (GREEK.contains(symbol)) {
      return "\\" + symbol;
    }
    if (symbol.length() > 1 && symbol.substring(1).chars().allMatch(Character::isLowerCase)
        && !FUNCTIONS.containsKey(symbol)) {
      return symbol.charAt(0) + "_{" + symbol.substring(1) + "}";
    }
    return symbol;
  }

  /** The TeX for a function's name: {@code \tanh}, or {@code \operatorname{softmax}}. */
  public String function(String function) {
    return FUNCTIONS.getOrDefault(function, "\\operatorname{" + function + "}");
  }
}
