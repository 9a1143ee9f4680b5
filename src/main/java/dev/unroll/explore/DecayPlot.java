package dev.unroll.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * The measured decay as a {@link LogPlot}: for each setting, the spectral norm of the product of j Jacobians the terms carry (solid) and the
 * bound {@code (gamma sigma)^j} (dashed) against the reach j, in the setting's own colour. Terms that
 * are exactly zero have no place on the log scale and are left out.
 */
public final class DecayPlot {
  private DecayPlot() {}

  public static LogPlot plot(Decay d) {
    List<LogPlot.Line> lines = new ArrayList<>();
    for (int i = 0; i < d.runs().size(); i++) {
      Decay.Run r = d.runs().get(i);
      lines.add(new LogPlot.Line("measured, " + r.setting().label(), i, false,
          r.terms().stream().map(t -> new LogPlot.Point(t.reach(), t.spectral())).toList()));
      lines.add(new LogPlot.Line("bound, " + r.setting().label(), i, true,
          r.terms().stream().map(t -> new LogPlot.Point(t.reach(), t.bound())).toList()));
    }
    return new LogPlot("decay", "Terms of dE/d" + d.matrix() + " against the bound, " + d.activation()
        + " (gamma = " + DecayTable.number(d.gamma()) + ")", "j, stages back",
        "spectral norm of the product of j Jacobians (log scale)", lines);
  }

  public static String svg(Decay d) {
    return plot(d).svg();
  }
}
