package dev.unroll.verify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One term of a gradient as the author wrote it, read into {@link Link}s in chain order.
 *
 * @param form the convention the term is written in
 * @param links the factors before the last one, in chain order (a matrix-form term is reversed)
 * @param end the vector the term ends with (the parameter gate's other input), if it ends with one
 * @param outer how the end is joined to the rest
 * @param offset where the term starts in the span
 */
public record WrittenTerm(Form form, List<Link> links, Optional<Link> end, Join outer, int offset) {
  /** The lesson's row-vector chain ({@code dE/do . do/dq . V ...}) or column-gradient matrix form ({@code D W^T delta s^T}). */
  public enum Form { CHAIN, MATRIX }

  /** How the last vector is attached. */
  public enum Join {
    /** {@code (chain)^T s^T}, {@code chain \otimes s} or, in matrix form, {@code ... s^T}: an outer product. */
    OUTER,
    /** {@code chain . s}: an ordinary product where an outer product belongs. */
    PLAIN,
    /** {@code (chain)^T s} or, in matrix form, {@code ... s}: the vector is not transposed. */
    UNTRANSPOSED,
    /** The term does not end with a vector. */
    NONE
  }

  public WrittenTerm {
    Objects.requireNonNull(form, "form");
    links = List.copyOf(links);
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(outer, "outer");
  }

  /** Equal factors and end: the same term written twice. */
  public boolean sameAs(WrittenTerm o) {
    if (links.size() != o.links.size() || end.isPresent() != o.end.isPresent()) {
      return false;
    }
    for (int i = 0; i < links.size(); i++) {
      if (!links.get(i).sameFactor(o.links.get(i))) {
        return false;
      }
    }
    return end.isEmpty() || end.get().sameFactor(o.end.get());
  }
}
