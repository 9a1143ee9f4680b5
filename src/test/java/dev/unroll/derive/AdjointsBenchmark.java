package dev.unroll.derive;

import dev.unroll.cell.CellLibrary;
import dev.unroll.expr.Time;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.Locale;

/**
 * Wall time of the compact form for long sequences: unroll, derive the adjoint equations, build every
 * equation and one parameter's gradient, count the expanded sum's terms and follow the cell state
 * from the oldest stage. Run by hand (not a test):
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.unroll.derive.AdjointsBenchmark}.
 */
public final class AdjointsBenchmark {
  private AdjointsBenchmark() {}

  public static void main(String[] args) {
    Adjoints adjoints = new Adjoints(new TextbookCalculus());
    StatePaths paths = new StatePaths(new TextbookCalculus());
    for (String cell : new String[] {"lstm", "gru"}) {
      String wrt = cell.equals("lstm") ? "Wf" : "Uh";
      String state = cell.equals("lstm") ? "c" : "h";
      for (int n : new int[] {10, 100, 1000, 10000, 10, 100, 1000, 10000}) {
        long t0 = System.nanoTime();
        UnrolledGraph g = new Unroller().unroll(new CellLibrary().load(cell), n);
        long t1 = System.nanoTime();
        AdjointSystem s = adjoints.derive(g, LossKind.TOTAL);
        long t2 = System.nanoTime();
        int size = 0;
        for (AdjointSystem.Adjoint a : s.adjoints()) {
          size += adjoints.rhs(s, a).hashCode() == 0 ? 0 : 1;
        }
        adjoints.gradient(s, wrt);
        long t3 = System.nanoTime();
        int digits = s.pathCount(wrt).toString().length();
        long t4 = System.nanoTime();
        paths.along(s, state, Time.t(1 - n));
        long t5 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s N=%d: unroll %.0f ms, adjoints %.0f ms, equations and gradient %.0f ms,"
            + " count %.0f ms, along %.0f ms; %d equations, the expanded sum has a %d-digit number of terms%n", cell, n,
            (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6, size, digits);
      }
    }
  }
}
