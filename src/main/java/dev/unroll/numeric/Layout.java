package dev.unroll.numeric;

import dev.unroll.cell.Declaration;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import java.util.Arrays;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;

/**
 * How an unrolled graph's nodes meet a set of params: the length of every node's vector (a broadcast
 * constant such as the 1 in {@code 1 - z_t} takes the length of what it is added to), the stage index
 * of every per-stage leaf (0 is the oldest stage, N-1 the lesson's {@code t+1}) and the value of every
 * leaf that is not a parameter. Checks once that the params fit the graph, so the passes need not.
 */
final class Layout {
  private final UnrolledGraph graph;
  private final Params params;
  private final int[] size;
  private final java.util.Map<String, Nonlinearity> activations = new java.util.TreeMap<>();

  Layout(UnrolledGraph graph, Params params) {
    this.graph = graph;
    this.params = params;
    if (params.steps() != graph.steps()) {
      throw new IllegalArgumentException("The params hold N = " + params.steps() + " stages but the graph was unrolled over "
          + graph.steps() + "; unroll the cell over as many stages as the params have.");
    }
    this.size = new int[graph.nodes().size()];
    Arrays.fill(size, -1);
    for (int pass = 0; pass < 4 && infer(); pass++) {
      // Repeat: a constant learns its length from its consumer, which may in turn fix another node.
    }
    for (Node n : graph.nodes()) {
      if (size[n.id()] < 0) {
        throw new IllegalArgumentException("Cannot tell the length of " + n + " in cell '" + graph.cell().name() + "'.");
      }
      if (n.op() == Op.ACTIVATION && !activations.containsKey(n.function())) {
        activations.put(n.function(), compile(graph, n.function()));
      }
    }
  }

  /** The cell's own definition of an activation, compiled; never a built-in looked up by name. */
  static Nonlinearity compile(UnrolledGraph graph, String function) {
    return Nonlinearity.of(graph.cell().activation(function).orElseThrow(() -> new IllegalArgumentException(
        "The cell '" + graph.cell().name() + "' applies '" + function + "', which it does not define; it defines "
            + String.join(", ", graph.cell().activations().keySet()) + ".")));
  }

  /** The compiled activation of an {@link Op#ACTIVATION} gate. */
  Nonlinearity activation(Node n) {
    return activation(n.function());
  }

  /** The compiled activation called {@code function} in the cell, if the graph applies it. */
  Nonlinearity activation(String function) {
    Nonlinearity f = activations.get(function);
    return f != null ? f : activations.computeIfAbsent(function, name -> compile(graph, name));
  }

  /** True if the cell defines an activation called {@code function}. */
  boolean definesActivation(String function) {
    return graph.cell().activation(function).isPresent();
  }

  UnrolledGraph graph() {
    return graph;
  }

  Params params() {
    return params;
  }

  int size(Node n) {
    return size[n.id()];
  }

  /** 0 for the oldest stage, N-1 for {@code t+1}; -1 for an initial state. */
  int stageIndex(Node n) {
    int offset = n.stage().orElseThrow(() -> new IllegalStateException("No stage: " + n)).offset();
    return offset - graph.first().offset();
  }

  /** The value of a non-parameter leaf: an input, a one-hot target, an initial state or a constant. */
  RealVector leaf(Node n) {
    switch (n.op()) {
      case INPUT:
        return params.inputs().get(name(n)).get(stageIndex(n));
      case TARGET: {
        RealVector oneHot = new ArrayRealVector(size(n));
        oneHot.setEntry(params.targets().get(name(n)).get(stageIndex(n)), 1);
        return oneHot;
      }
      case INITIAL_STATE:
        if (stageIndex(n) != -1) {
          throw new IllegalArgumentException("The cell reads " + n + " more than one stage before the first, but the params give only "
              + Params.initialKey(name(n)) + ", the value one stage before.");
        }
        return params.initial().get(name(n));
      case CONSTANT: {
        RealVector c = new ArrayRealVector(size(n));
        c.set(n.constant());
        return c;
      }
      default:
        throw new IllegalStateException("Not a value leaf: " + n);
    }
  }

  static String name(Node n) {
    return n.name().orElseThrow(() -> new IllegalStateException("A leaf without a name: " + n)).name();
  }

  /** One sweep forward (a gate from its inputs) and one backward (a constant from its consumer); true if anything changed. */
  private boolean infer() {
    boolean changed = false;
    for (Node n : graph.nodes()) {
      if (size[n.id()] < 0) {
        int s = forward(n);
        if (s >= 0) {
          size[n.id()] = s;
          changed = true;
        }
      }
    }
    for (int i = graph.nodes().size() - 1; i >= 0; i--) {
      Node n = graph.nodes().get(i);
      boolean elementwise = n.op() == Op.ADD || n.op() == Op.HADAMARD || n.op() == Op.NEGATE;
      if (elementwise && size[n.id()] >= 0) {
        for (Node in : n.inputs()) {
          if (size[in.id()] < 0) {
            size[in.id()] = size[n.id()];
            changed = true;
          }
        }
      }
    }
    return changed;
  }

  private int forward(Node n) {
    switch (n.op()) {
      case PARAM:
        return params.weights().get(name(n)).getRowDimension();
      case INPUT:
      case TARGET:
      case INITIAL_STATE: {
        Declaration d = graph.cell().declaration(name(n)).orElseThrow();
        return params.sizes().get(d.shape().get(0));
      }
      case CONSTANT:
        return -1;
      case MATMUL:
        return size[n.input(0).id()];
      case CROSSENTROPY:
        return 1;
      case ADD:
      case HADAMARD:
        return Arrays.stream(n.inputs().stream().mapToInt(i -> size[i.id()]).toArray()).max().orElse(-1);
      default:
        return size[n.input(0).id()];
    }
  }
}
