package dev.unroll.explore;

import dev.unroll.cell.Activation;
import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.symbolic.AnswerCache;
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

  /** The bound of {@code a}, or empty when Symja cannot find it. */
  public Optional<ActivationBounds.Bound> maxAbsDerivative(Activation a) {
    String question = "activation-max-abs-derivative\n" + a.name() + "(" + a.argument() + ") = " + a.definition();
    Optional<String> known = cache.get(question);
    if (known.isPresent()) {
      Optional<Optional<ActivationBounds.Bound>> read = read(a.name(), known.get());
      if (read.isPresent()) {
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
