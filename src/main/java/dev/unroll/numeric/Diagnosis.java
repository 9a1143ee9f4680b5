package dev.unroll.numeric;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a derived sum goes wrong: the parameter and entry where it is furthest from the reference,
 * the term (or terms, when several paths share a loss and an entry gate) whose value there differs
 * most from the backward pass's contribution of the same path, and the two values.
 *
 * @param terms 1-based positions of the culprit terms in the derivation
 * @param path how the lesson would name the path, such as "from E_{t+1} into W at stage t-1"
 * @param value the culprit terms' sum at the entry
 * @param expected the backward pass's contribution of the same loss through the same gate, at the entry
 */
public record Diagnosis(Source source, String parameter, EntrySample.Entry entry, List<Integer> terms, int termCount,
    String path, double value, double expected) {

  public Diagnosis {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(entry, "entry");
    terms = List.copyOf(terms);
    Objects.requireNonNull(path, "path");
  }

  /** One line: "derived sum, W[1][2]: term 2 of 3 (from E_{t+1} into W at stage t-1) gives ..., the backward pass ...". */
  public String describe() {
    String which = terms.size() == 1 ? "term " + terms.get(0) : "terms " + String.join(", ", terms.stream().map(String::valueOf).toList());
    return String.format(Locale.ROOT, "%s of d/d%s, entry %s[%d][%d]: %s of %d (%s) gives %s where the backward pass gives %s for that path.",
        source.label(), parameter, parameter, entry.row(), entry.col(), which, termCount, path, value, expected);
  }
}
