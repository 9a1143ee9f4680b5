package dev.unroll.verify;

import dev.unroll.expr.Expr;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The indicator an author writes in a component form, {@code \mathbf{1}_{i = y^{(t)}}} (the Deep
 * Learning book's {@code (\nabla_{o^{(t)}} L)_i = \hat y^{(t)}_i - \mathbf{1}_{i = y^{(t)}}}), or
 * {@code 1_{i = y_t}}, {@code \mathbb{1}_{\{i = y_t\}}}: component {@code i} of the one-hot vector of
 * the target class. Since the reader drops a component index on a value ({@code \hat y^{(t)}_i} is
 * {@code \hat y_t}), the indicator is read the same way, as the whole one-hot target {@code y_t}.
 */
final class Indicators {
  /** {@code i = y^{(t)}}, with or without the set braces of {@code \{i = y_t\}}. */
  private static final Pattern CONDITION = Pattern.compile("\\\\?\\{\\s*[ijkc]\\s*=\\s*(.+?)\\s*\\\\?\\}|[ijkc]\\s*=\\s*(.+?)\\s*");

  private Indicators() {}

  /** The one-hot target an indicator with this subscript stands for; empty if {@code base} is no indicator. */
  static Optional<Expr> of(Expr base, String subscript) {
    boolean one = base instanceof Expr.Num n && n.value() == 1
        || base instanceof Expr.Symbol s && s.time().isEmpty() && (s.name().equals("\\mathbb1") || s.name().equals("1"));
    Matcher m = CONDITION.matcher(subscript);
    if (!one || !m.matches()) {
      return Optional.empty();
    }
    try {
      ParsedMath target = new TexParser().parse(m.group(1) != null ? m.group(1) : m.group(2));
      if (target.statements().size() == 1 && target.statements().get(0).sides().size() == 1
          && target.statements().get(0).sides().get(0) instanceof Expr.Symbol y && y.time().isPresent()) {
        return Optional.of(y);
      }
    } catch (TexSyntaxException e) {
      return Optional.empty(); // an indicator of something else than a target class: left as written
    }
    return Optional.empty();
  }
}
