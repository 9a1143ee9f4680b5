package dev.unroll.cell;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A recurrent cell as the engine reads it: declarations, activation bindings, the per-stage loss and
 * the equations in the order they are computed at a stage. Immutable; {@link CellParser} builds it.
 *
 * @param placeholders activation placeholders such as {@code f = tanh}, replaceable by {@code --activation}
 * @param activations every activation function the cell may name, built-in and its own
 */
public record CellDefinition(
    String name,
    String title,
    List<Declaration> declarations,
    Map<String, String> placeholders,
    Map<String, Activation> activations,
    String loss,
    List<Equation> equations) {

  public CellDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    declarations = List.copyOf(declarations);
    placeholders = java.util.Collections.unmodifiableMap(new TreeMap<>(placeholders));
    activations = java.util.Collections.unmodifiableMap(new TreeMap<>(activations));
    Objects.requireNonNull(loss, "loss");
    equations = List.copyOf(equations);
  }

  public Optional<Declaration> declaration(String symbol) {
    return declarations.stream().filter(d -> d.name().equals(symbol)).findFirst();
  }

  public List<Declaration> declarations(Declaration.Kind kind) {
    return declarations.stream().filter(d -> d.kind() == kind).toList();
  }

  public Optional<Equation> equationFor(String symbol) {
    return equations.stream().filter(e -> e.target().name().equals(symbol)).findFirst();
  }

  /** The same cell with an activation placeholder bound to another function. */
  public CellDefinition withPlaceholder(String placeholder, String activation) {
    if (!placeholders.containsKey(placeholder)) {
      throw new IllegalArgumentException("The cell '" + name + "' has no activation placeholder '" + placeholder + "'.");
    }
    if (!activations.containsKey(activation)) {
      throw new IllegalArgumentException("Unknown activation '" + activation + "'; known: "
          + String.join(", ", activations.keySet()) + ".");
    }
    Map<String, String> bound = new TreeMap<>(placeholders);
    bound.put(placeholder, activation);
    return new CellDefinition(name, title, declarations, bound, activations, loss, equations);
  }

  /** The activation a function name in an equation resolves to, through a placeholder if it is one. */
  public Optional<Activation> activation(String function) {
    return Optional.ofNullable(activations.get(placeholders.getOrDefault(function, function)));
  }
}
