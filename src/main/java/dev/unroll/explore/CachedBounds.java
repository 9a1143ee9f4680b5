package dev.unroll.explore;

import dev.unroll.cell.Activation;
import dev.unroll.cell.CellLibrary;
import dev.unroll.numeric.Nonlinearity;
import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.symbolic.AnswerCache;
import dev.unroll.symbolic.DerivativeBounds;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ActivationBounds} behind an {@link AnswerCache}: the largest |f'| of an activation is asked
 * of Symja once per definition and remembered, so a repeated lesson starts no Symja. "Symja could
 * not decide" (relu's {@code D[Max[0, z]]}) is remembered too, as {@code none}.
 */
public final class CachedBounds {
  private final AnswerCache cache;
  private final Supplier<ActivationBounds> symja;
  private ActivationBounds made;

  /** @param symja makes the Symja-backed bounds on first need (it costs Symja's start) */
  public CachedBounds(AnswerCache cache, Supplier<ActivationBounds> symja) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.symja = Objects.requireNonNull(symja, "symja");
  }

  /**
   * The bounds of the built-in activations by name, as {@code verify} and {@code grade} ask for them: a
   * prose claim such as "the sigmoid's derivative is less than 0.25" starts Symja (seconds) only the
   * first time it is asked on this machine. Not for sharing between threads (Symja's session is the
   * thread's): each worker makes its own.
   *
   * @param symja makes the Symja calculation, called only when the cache cannot answer
   */
  public static DerivativeBounds ofBuiltIns(AnswerCache cache, Supplier<ActivationBounds> symja) {
    CachedBounds cached = new CachedBounds(cache, symja);
    return name -> Optional.ofNullable(CellLibrary.builtInActivations().get(name)).flatMap(cached::maxAbsDerivative);
  }

  /** The bound of {@code a}, or empty when Symja cannot find it. */
  public Optional<ActivationBounds.Bound> maxAbsDerivative(Activation a) {
    String question = "activation-max-abs-derivative\n" + a.name() + "(" + a.argument() + ") = " + a.definition();
    Optional<String> known = cache.get(question);
    if (known.isPresent()) {
      Optional<Optional<ActivationBounds.Bound>> read = read(a.name(), known.get());
      // An entry is a file anyone can edit: one that a quick numeric check contradicts is asked again.
      if (read.isPresent() && read.get().map(b -> agrees(a, b)).orElse(true)) {
        return read.get();
      }
    }
    if (made == null) {
      made = symja.get();
    }
    Optional<ActivationBounds.Bound> found = made.maxAbsDerivative(a.name());
    cache.put(question, found.map(CachedBounds::write).orElse("none"));
    return found;
  }

  /**
   * Whether a remembered bound fits the activation's derivative sampled on [-20, 20] every 0.001, for
   * the activations the numeric side can evaluate: the largest |f'| found must equal the stored value
   * (to 1e-6, relative), the stored maximum must spell that value, and a stated maximiser must reach
   * it. The derivative is the numeric side's, compiled from the activation's own definition; one it
   * cannot compile passes (there is nothing to compare with).
   */
  static boolean agrees(Activation a, ActivationBounds.Bound b) {
    Nonlinearity f;
    try {
      f = Nonlinearity.of(a);
    } catch (IllegalArgumentException e) {
      return true;
    }
    double largest = 0;
    for (int i = -20_000; i <= 20_000; i++) {
      largest = Math.max(largest, gain(f, i / 1000.0));
    }
    double tolerance = 1e-6 * Math.max(1, largest);
    if (!(Math.abs(b.value() - largest) <= tolerance)) {
      return false;
    }
    Optional<Double> spelled = number(b.maximum());
    if (spelled.isEmpty() || Math.abs(spelled.get() - b.value()) > tolerance) {
      return false;
    }
    Optional<Double> at = number(b.argument());
    return at.isEmpty() || Math.abs(gain(f, at.get()) - b.value()) <= tolerance;
  }

  private static double gain(Nonlinearity f, double z) {
    return Math.abs(f.derivative(z));
  }

  /** A number written as an integer, a decimal or a fraction p/q; empty for anything else. */
  private static Optional<Double> number(String text) {
    String[] parts = text.strip().split("/", -1);
    try {
      if (parts.length == 1) {
        return Optional.of(Double.parseDouble(parts[0]));
      }
      if (parts.length == 2) {
        return Optional.of(Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]));
      }
    } catch (NumberFormatException e) {
      // not a plain number
    }
    return Optional.empty();
  }

  private static String write(ActivationBounds.Bound b) {
    return String.join("\t", b.maximum(), Double.toString(b.value()), b.argument(), Boolean.toString(b.attained()));
  }

  /** Empty when the entry is damaged (then it is recomputed, not believed). */
  private static Optional<Optional<ActivationBounds.Bound>> read(String activation, String text) {
    if (text.equals("none")) {
      return Optional.of(Optional.empty());
    }
    String[] parts = text.split("\t", -1);
    if (parts.length != 4 || !(parts[3].equals("true") || parts[3].equals("false"))) {
      return Optional.empty();
    }
    try {
      double value = Double.parseDouble(parts[1].toLowerCase(Locale.ROOT));
      return Optional.of(Optional.of(new ActivationBounds.Bound(activation, parts[0], value, parts[2],
          Boolean.parseBoolean(parts[3]))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
