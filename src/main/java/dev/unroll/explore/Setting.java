package dev.unroll.explore;

import java.util.Locale;
import java.util.Objects;

/**
 * A largest singular value to scale the recurrent weight matrix to: a multiple of 1/gamma
 * ({@code 0.5/gamma}) or a plain number ({@code 2}).
 *
 * @param amount the number written
 * @param perGamma whether it is a multiple of 1/gamma
 */
public record Setting(double amount, boolean perGamma) {
  public Setting {
    if (!(amount > 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException("A largest singular value must be a positive number, got " + amount + ".");
    }
  }

  /** {@code 0.5/gamma}, {@code 1/gamma} and {@code 1.5/gamma}: below, at and above the border of the bound. */
  public static final java.util.List<Setting> DEFAULTS =
      java.util.List.of(new Setting(0.5, true), new Setting(1, true), new Setting(1.5, true));

  /** Reads {@code 0.5/gamma}, {@code 1/gamma} or {@code 2}. */
  public static Setting parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip().toLowerCase(Locale.ROOT);
    boolean perGamma = t.endsWith("/gamma");
    String number = perGamma ? t.substring(0, t.length() - "/gamma".length()) : t;
    double amount;
    try {
      amount = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--sigma takes a positive number or a multiple of 1/gamma such as 0.5/gamma, got '"
          + text + "'.");
    }
    if (!(amount > 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException("--sigma must be positive, got '" + text + "'.");
    }
    return new Setting(amount, perGamma);
  }

  /** The largest singular value this setting asks for, given the activation's gamma. */
  public double sigma(double gamma) {
    return perGamma ? amount / gamma : amount;
  }

  /** How the setting is written: {@code 0.5/gamma} or {@code 2}. */
  public String label() {
    String n = amount == Math.rint(amount) && Math.abs(amount) < 1e15
        ? Long.toString((long) amount) : Double.toString(amount);
    return perGamma ? n + "/gamma" : n;
  }
}
