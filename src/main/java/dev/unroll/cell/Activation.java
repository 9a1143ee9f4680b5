package dev.unroll.cell;

import java.util.Objects;

/**
 * An activation function: a name, its argument and its definition as a Symja expression of that
 * argument (for example {@code tanh(z) = Tanh(z)}). Only {@code symbolic/} reads the definition.
 */
public record Activation(String name, String argument, String definition) {
  public Activation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(argument, "argument");
    Objects.requireNonNull(definition, "definition");
  }
}
