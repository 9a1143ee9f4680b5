package dev.unroll.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a document's networks begin. A handout that derives an RNN, then an LSTM, then a GRU writes a
 * block of forward equations before each derivation; each such block that defines a network by
 * itself ({@link NetworkReader} or {@link CellReader}) starts a section, and the claims after it are
 * judged in that network until the next one. A document with one block, or none, is one section.
 */
final class NetworkSections {
  private NetworkSections() {}

  /** What tells two networks apart: the author's names, the cell they map to, and its equations. */
  private static String signature(NetworkReader.Network n) {
    return n.notation().spelling() + " " + n.notation().cell() + " " + n.cell().map(c -> c.equations().toString()).orElse("");
  }

  /**
   * The indices of the reads that start a network, the first always 0.
   *
   * @param display each read's displayed statements (none for mathematics in the running text)
   */
  static List<Integer> starts(List<List<Statement>> display, String prose) {
    List<Integer> starts = new ArrayList<>();
    String current = null;
    for (int i = 0; i < display.size(); i++) {
      List<Statement> block = display.get(i);
      if (block.isEmpty()) {
        continue;
      }
      Optional<NetworkReader.Network> read = NetworkReader.read(block, prose)
          .or(() -> CellReader.read(block, List.of(), prose));
      // a block that restates the network already in force ("recall that h_t = ...") starts nothing
      String network = read.map(NetworkSections::signature).orElse(null);
      if (network != null && !network.equals(current)) {
        starts.add(i);
        current = network;
      }
    }
    if (starts.size() < 2) {
      return List.of(0);
    }
    if (starts.get(0) != 0) {
      starts.set(0, 0);
    }
    return starts;
  }
}
