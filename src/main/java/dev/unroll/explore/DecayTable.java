package dev.unroll.explore;

import java.util.Locale;

/** The measured decay as Markdown: one summary row per setting, then every term's norm against its bound. */
public final class DecayTable {
  private DecayTable() {}

  /**
   * A number as the table and the lesson print it: four significant digits, plainly between 0.001
   * and 100000 ({@code 0.5}, {@code 1.5}), in scientific notation outside ({@code 3.093e-20}).
   */
  public static String number(double x) {
    if (!Double.isFinite(x)) {
      return Double.toString(x);
    }
    double a = Math.abs(x);
    if (a == 0 || (a >= 1e-3 && a < 1e5)) {
      return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%.3e", x);
  }

  public static String markdown(Decay d) {
    StringBuilder out = new StringBuilder();
    out.append("# Decay of the terms of dE/d").append(d.matrix()).append(", ").append(d.activation()).append("\n\n")
        .append("gamma = max |f'| = ").append(number(d.gamma())).append(" (from Symja); ")
        .append(d.steps()).append(" stages; seed ").append(d.seed()).append("; clipping threshold ")
        .append(number(d.threshold())).append(".\n\n")
        .append("A term reaching j stages back carries a product of j Jacobians diag(f'(z_k)) ").append(d.matrix())
        .append("^T; the table gives that product's spectral norm (its largest singular value). ")
        .append("The bound is (gamma sigma_max(").append(d.matrix()).append("))^j.\n\n");
    out.append("| sigma_max(").append(d.matrix()).append(") | value | gamma sigma | oldest product's spectral norm | its bound | ")
        .append("all under the bound | total norm | clipped total |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Decay.Run r : d.runs()) {
      Decay.TermNorm oldest = r.terms().get(r.terms().size() - 1);
      boolean under = r.terms().stream().allMatch(Decay.TermNorm::under);
      out.append("| ").append(r.setting().label()).append(" | ").append(number(r.sigma())).append(" | ")
          .append(number(r.gain())).append(" | ").append(number(oldest.spectral())).append(" | ")
          .append(number(oldest.bound())).append(" | ").append(under ? "yes" : "NO").append(" | ")
          .append(number(r.total())).append(" | ").append(number(r.clipped())).append(" |\n");
    }
    out.append("\n| j |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Decay.Run r : d.runs()) {
      out.append(" measured, ").append(r.setting().label()).append(" | bound, ").append(r.setting().label()).append(" |");
      rule.append("---|---|");
    }
    out.append('\n').append(rule).append('\n');
    for (int j = 0; j < d.steps(); j++) {
      out.append("| ").append(j).append(" |");
      for (Decay.Run r : d.runs()) {
        Decay.TermNorm t = r.terms().get(j);
        out.append(' ').append(number(t.spectral())).append(" | ").append(number(t.bound())).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }
}
