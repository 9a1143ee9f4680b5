package dev.unroll.derive;

import java.util.Locale;

/** Which loss a derivation differentiates. */
public enum LossKind {
  /** {@code E_{t+1}}, the newest stage's loss, as the reference lesson does. */
  LAST,
  /** {@code E = \sum_t E_t}, the loss one trains on. */
  TOTAL;

  public static LossKind parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "last" -> LAST;
      case "total" -> TOTAL;
      default -> throw new IllegalArgumentException("--loss must be last or total, got '" + text + "'.");
    };
  }

  public String spelled() {
    return name().toLowerCase(Locale.ROOT);
  }
}
