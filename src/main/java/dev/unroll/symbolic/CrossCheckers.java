package dev.unroll.symbolic;

import dev.unroll.cell.Activation;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The symbolic cross-checks of one Symja session, one per set of activations, kept for every lesson
 * the session checks: a site checks each cell at N = 1, 2, ... in turn, and one {@link SymbolicCrossCheck}
 * keeps the gate rules Symja derived and the nodes the lessons share ({@link ForwardMemo}). The session
 * is made on first use. Belongs to the thread of its session.
 */
public final class CrossCheckers {
  private final Supplier<SymjaSession> session;
  private final Map<String, SymbolicCrossCheck> checks = new TreeMap<>();

  public CrossCheckers(Supplier<SymjaSession> session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  /** The check for a cell with these activations ({@code cell.activations()}). */
  public SymbolicCrossCheck of(Map<String, Activation> activations) {
    String key = new TreeMap<>(activations).toString();
    return checks.computeIfAbsent(key, k -> new SymbolicCrossCheck(session.get(), activations));
  }
}
