package dev.unroll.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a document's networks begin. A handout that derives an RNN, then an LSTM, then a GRU writes a
 * block of forward equations before each derivation; each such block that defines a network by
 * itself ({@link NetworkReader} or {@link CellReader}) starts a section, and the claims after it are
 * judged in that network until the next one. A document with one block, or none, is one section.
 */
final class NetworkSections {
  private NetworkSections() {}

  /**
   * The indices of the reads that start a network, the first always 0.
   *
   * @param display each read's displayed statements (none for mathematics in the running text)
   */
  static List<Integer> starts(List<List<Statement>> display, String prose) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < display.size(); i++) {
      List<Statement> block = display.get(i);
      if (!block.isEmpty() && (NetworkReader.read(block, prose).isPresent()
          || CellReader.read(block, List.of(), prose).isPresent())) {
        starts.add(i);
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
