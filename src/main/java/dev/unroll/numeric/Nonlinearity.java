package dev.unroll.numeric;

import java.util.Locale;
import org.hipparchus.CalculusFieldElement;

/**
 * The activations the numeric side can evaluate, by the names {@code activations.cell} gives them.
 * Each has a value (for doubles and for any field, so automatic differentiation runs the same
 * formula) and a derivative written the way the lesson writes it: from the output where that is
 * possible ({@code 1 - s^2}, {@code s (1 - s)}), from the input otherwise.
 */
public enum Nonlinearity {
  TANH, SIGMOID, RELU, IDENTITY;

  public static Nonlinearity named(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The numeric check cannot evaluate the activation '" + name
          + "'; it knows tanh, sigmoid, relu and identity.", e);
    }
  }

  public double value(double z) {
    return switch (this) {
      case TANH -> Math.tanh(z);
      case SIGMOID -> 1 / (1 + Math.exp(-z));
      case RELU -> z > 0 ? z : 0;
      case IDENTITY -> z;
    };
  }

  public <T extends CalculusFieldElement<T>> T value(T z) {
    return switch (this) {
      case TANH -> z.tanh();
      case SIGMOID -> z.negate().exp().add(1).reciprocal();
      // The derivative at exactly 0 is taken as 0, the same convention as derivative(): step(0) = 0.
      case RELU -> z.getReal() > 0 ? z : z.getField().getZero();
      case IDENTITY -> z;
    };
  }

  /** f'(z), from the output s = f(z) where the lesson does so. */
  public double derivative(double z, double s) {
    return switch (this) {
      case TANH -> 1 - s * s;
      case SIGMOID -> s * (1 - s);
      case RELU -> step(z);
      case IDENTITY -> 1;
    };
  }

  /** The Heaviside step with step(0) = 0: relu's derivative. */
  public static double step(double z) {
    return z > 0 ? 1 : 0;
  }
}
