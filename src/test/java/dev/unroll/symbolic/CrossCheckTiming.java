package dev.unroll.symbolic;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LossKind;
import dev.unroll.unroll.Unroller;
import java.util.Locale;

/**
 * Times the cross-check: {@code java -cp ... CrossCheckTiming STEPS,... W|U|V [tanh|sigmoid] [last|total]}.
 * Prints the session's cold start, then one line per N: the time to derive the lesson's sum, the
 * time of the cross-check itself, and its summary.
 */
public final class CrossCheckTiming {
  private static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    SymjaSession session = new SymjaSession();
    long t1 = System.nanoTime();
    System.out.printf(Locale.ROOT, "session %.0f ms%n", (t1 - t0) / 1e6);
    CellDefinition cell = new CellLibrary().load("rnn").withPlaceholder("f", args.length > 2 ? args[2] : "tanh");
    LossKind loss = args.length > 3 && args[3].equals("total") ? LossKind.TOTAL : LossKind.LAST;
    SymjaCalculus calculus = new SymjaCalculus(session, cell.activations());
    SymbolicCrossCheck check = new SymbolicCrossCheck(session, cell.activations());
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "calculus+check setup %.0f ms%n", (t2 - t1) / 1e6);
    for (String n : args[0].split(",")) {
      Derivation d = new Differentiator().derive(new Unroller().unroll(cell, Integer.parseInt(n)), args[1], loss);
      long a = System.nanoTime();
      var sum = new Forms(calculus).concreteSum(d);
      long b = System.nanoTime();
      long cpu = cpu();
      CrossCheckResult r = check.check(d, sum);
      long c = System.nanoTime();
      System.out.printf(Locale.ROOT, "N=%s forms %.0f ms, check %.0f ms (cpu %.0f ms): %s%n", n, (b - a) / 1e6,
          (c - b) / 1e6, (cpu() - cpu) / 1e6, r.summary());
    }
  }
}
