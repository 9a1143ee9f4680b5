package dev.unroll.symbolic;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.LossKind;
import dev.unroll.unroll.Unroller;
import java.util.Locale;

/**
 * Times a gated cell's symbolic check: {@code java -cp ... AdjointCheckTiming CELL PARAMETER N last|total}.
 * Prints the session's cold start, the time to derive the adjoint equations, and the check's own wall
 * and CPU time with its summary.
 */
public final class AdjointCheckTiming {
  private static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    SymjaSession session = new SymjaSession();
    long t1 = System.nanoTime();
    System.out.printf(Locale.ROOT, "session %.0f ms%n", (t1 - t0) / 1e6);
    CellDefinition cell = new CellLibrary().load(args[0]);
    LossKind loss = args[3].equals("total") ? LossKind.TOTAL : LossKind.LAST;
    Adjoints adjoints = new Adjoints(new SymjaCalculus(session, cell.activations()));
    AdjointSystem system = adjoints.derive(new Unroller().unroll(cell, Integer.parseInt(args[2])), loss);
    long t2 = System.nanoTime();
    long c0 = cpu();
    CrossCheckResult r = new SymbolicCrossCheck(session, cell.activations()).check(system, adjoints, args[1]);
    long t3 = System.nanoTime();
    System.out.printf(Locale.ROOT, "derive %.0f ms%n", (t2 - t1) / 1e6);
    System.out.printf(Locale.ROOT, "CHECK %s %s N=%s %s: check %d ms, cpu %d ms; %s%n", args[0], args[1], args[2], args[3],
        (t3 - t2) / 1_000_000, (cpu() - c0) / 1_000_000, r.summary());
  }
}
