package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Functions a document defines for itself and then uses, as lecture notes name an outer product
 * {@code $\text{prod}(a, b) = a b^\top$} and write {@code \text{prod}(\delta_3, s_2)} from then on.
 * A definition is an equation whose left side applies a name the engine does not know to distinct
 * plain letters; every later use of the name is replaced by its right side with the arguments put in
 * for the letters, so that the claims using it are judged as what they stand for. The expanded side
 * keeps the written side's place in the file.
 */
final class DocumentFunctions {
  /** Names besides the reader's functions and activation letters that a document cannot redefine. */
  private static final Set<String> RESERVED = Set.of("diag", "tuple", "f", "g");

  private record Definition(List<String> parameters, Expr body) {}

  private final Map<String, Definition> definitions = new LinkedHashMap<>();

  /** The functions the statements define, the first definition of each name counting. */
  DocumentFunctions(List<Statement> statements) {
    for (Statement s : statements) {
      if (!s.isEquation() || s.sides().size() != 2 || !(s.sides().get(0) instanceof Expr.Apply a)
          || known(a.function()) || a.function().endsWith("'") || definitions.containsKey(a.function())) {
        continue;
      }
      List<Expr> args = a.arguments().size() == 1 && a.arguments().get(0) instanceof Expr.Apply t
          && t.function().equals("tuple") ? t.arguments() : a.arguments();
      List<String> parameters = new ArrayList<>();
      for (Expr arg : args) {
        if (!(arg instanceof Expr.Symbol p) || p.time().isPresent() || p.name().startsWith("\\")) {
          parameters = null;
          break;
        }
        parameters.add(p.name());
      }
      if (parameters != null && !parameters.isEmpty() && new HashSet<>(parameters).size() == parameters.size()) {
        definitions.put(a.function(), new Definition(List.copyOf(parameters), s.sides().get(1)));
      }
    }
  }

  private static boolean known(String name) {
    return TexParser.FUNCTIONS.contains(name) || TexParser.ACTIVATION_LETTERS.contains(name) || RESERVED.contains(name);
  }

  boolean isEmpty() {
    return definitions.isEmpty();
  }

  /** The span's statements with every use of a defined function expanded; the span itself when it uses none. */
  ParsedMath expand(ParsedMath parsed) {
    // the definition itself stays as written
    return parsed.withSides((s, k, side) -> k == 0 && s.sides().size() == 2 && isDefinition(side) || !uses(side) ? side
        : Rewrite.bottomUp(side, this::expandOne));
  }

  /** Whether a defined function is applied anywhere in {@code e} (a rewrite rebuilds every node, losing their places). */
  private boolean uses(Expr e) {
    boolean[] found = {false};
    Rewrite.bottomUp(e, x -> {
      found[0] |= isDefinition(x);
      return x;
    });
    return found[0];
  }

  private boolean isDefinition(Expr side) {
    return side instanceof Expr.Apply a && definitions.containsKey(a.function());
  }

  private Expr expandOne(Expr e) {
    if (!(e instanceof Expr.Apply a) || !definitions.containsKey(a.function())) {
      return e;
    }
    Definition d = definitions.get(a.function());
    List<Expr> args = a.arguments().size() == 1 && a.arguments().get(0) instanceof Expr.Apply t
        && t.function().equals("tuple") ? t.arguments() : a.arguments();
    if (args.size() != d.parameters().size()) {
      return e;
    }
    Map<String, Expr> put = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      put.put(d.parameters().get(i), args.get(i));
    }
    return Rewrite.bottomUp(d.body(), x -> x instanceof Expr.Symbol s && s.time().isEmpty()
        ? Optional.ofNullable(put.get(s.name())).orElse(x) : x);
  }
}
