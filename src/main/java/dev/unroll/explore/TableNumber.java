package dev.unroll.explore;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A measured number as a reader's table shows it: plainly with up to four significant digits where
 * that is readable (from 0.001 to below 100,000: {@code 0.5}, {@code 0.1198}, {@code 2406}), else as
 * three significant digits times a power of ten, written as people write it: {@code 1.23 × 10⁻⁵} in
 * Markdown and HTML, {@code $1.23 \times 10^{-5}$} in LaTeX. Machine-readable files take
 * {@link #exact}, which reads back to the same double.
 *
 * @param mantissa the digits before the power of ten, or the whole number when {@code exponent} is 0
 *     and {@code plain}
 * @param exponent the power of ten
 * @param plain whether the number is written without a power of ten
 */
public record TableNumber(String mantissa, int exponent, boolean plain) {
  private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

  public static TableNumber of(double x) {
    if (!Double.isFinite(x)) {
      return new TableNumber(Double.isNaN(x) ? "NaN" : (x > 0 ? "∞" : "−∞"), 0, true);
    }
    double a = Math.abs(x);
    BigDecimal plain = new BigDecimal(x).round(new MathContext(4));
    // Judged after rounding: 99999.6 rounds to 100000, which is written as a power of ten.
    if (a == 0 || (a >= 1e-3 && plain.abs().compareTo(BigDecimal.valueOf(100000)) < 0)) {
      return new TableNumber(minus(plain.stripTrailingZeros().toPlainString()), 0, true);
    }
    // BigDecimal rounds the decimal value itself, so 9.996e-6 becomes 1.00 x 10^-5, never 10.0 x 10^-6.
    BigDecimal rounded = new BigDecimal(x).round(new MathContext(3));
    int exponent = rounded.precision() - rounded.scale() - 1;
    String digits = rounded.movePointLeft(exponent).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    return new TableNumber(minus(digits), exponent, false);
  }

  /** For Markdown and HTML: {@code 1.23 × 10⁻⁵}. */
  public String text() {
    return plain ? mantissa : mantissa + " × 10" + superscript(exponent);
  }

  /** For LaTeX, in math mode: {@code $1.23 \times 10^{-5}$}. */
  public String latex() {
    String m = mantissa.replace('−', '-').replace("∞", "\\infty");
    return plain ? "$" + m + "$" : "$" + m + " \\times 10^{" + exponent + "}$";
  }

  /** For a machine: the shortest decimal that reads back to the same double ({@code 1.2345678E-5}). */
  public static String exact(double x) {
    return Double.toString(x);
  }

  private static String minus(String s) {
    return s.startsWith("-") ? "−" + s.substring(1) : s;
  }

  private static String superscript(int n) {
    StringBuilder out = new StringBuilder(n < 0 ? "⁻" : "");
    for (char c : Integer.toString(Math.abs(n)).toCharArray()) {
      out.append(SUPERSCRIPTS.charAt(c - '0'));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
