package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.StatePaths;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import dev.unroll.numeric.AdjointEvaluator;
import dev.unroll.numeric.AdjointForm;
import dev.unroll.numeric.Backprop;
import dev.unroll.numeric.ExprEvaluator;
import dev.unroll.numeric.Params;
import dev.unroll.numeric.ParamsGenerator;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * One network on seeded random weights in which every quantity a derivation names has a value: the
 * forward values, every adjoint {@code \partial E/\partial v} (the engine's adjoint equations,
 * evaluated in order; zero for a value that does not reach the loss), every parameter's gradient
 * (an independent backward pass) and every state's one-step Jacobian. A written formula that is a
 * true identity has the value of its left-hand side here whatever it substitutes for what, so claims
 * are judged by evaluating both sides. Sizes H = 3, D = 2, K = 4 and the seed are fixed, so a verdict
 * is the same on every run.
 */
final class NumericWorld {
  private static final long SEED = 20260101L;
  private static final Map<String, Integer> SIZES = Map.of("H", 3, "D", 2, "K", 4);

  /** A formula names a stage the unrolled network does not have: this instance of the claim is skipped. */
  static final class MissingStage extends RuntimeException {
    MissingStage(String what) {
      super(what, null, false, false);
    }
  }

  private final UnrolledGraph graph;
  private final AdjointSystem system;
  private final Adjoints adjoints;
  private final StatePaths paths;
  private final Backprop.Result truth;
  private final Map<String, RealMatrix> adjointValues = new HashMap<>();
  private final boolean[] reaches;
  private Jacobians jacobians;
  private final LocalCalculus calculus;

  NumericWorld(CellDefinition cell, int steps, LossKind loss, LocalCalculus calculus) {
    this.calculus = calculus;
    this.graph = new Unroller().unroll(cell, steps);
    this.adjoints = new Adjoints(calculus);
    this.paths = new StatePaths(calculus);
    this.system = adjoints.derive(graph, loss);
    Params params = new ParamsGenerator(cell).generate(SEED, SIZES, steps, "");
    this.truth = new Backprop().run(graph, params, loss);
    Map<Expr, RealMatrix> values = new AdjointEvaluator().adjoints(AdjointForm.of(system, adjoints), truth.tape());
    for (AdjointSystem.Adjoint a : system.adjoints()) {
      adjointValues.put(key(a.variable()), values.get(adjoints.lhs(system, a.variable())));
    }
    this.reaches = graph.reaching(system.roots());
  }

  UnrolledGraph graph() {
    return graph;
  }

  AdjointSystem system() {
    return system;
  }

  Adjoints adjoints() {
    return adjoints;
  }

  StatePaths paths() {
    return paths;
  }

  /** The loss every adjoint here belongs to: {@code E_{t+1}} or the total {@code E}. */
  Expr lossSymbol() {
    return system.lossSymbol();
  }

  /** dE/dP from the backward pass, shaped like P. */
  RealMatrix gradient(String parameter) {
    return truth.gradients().get(parameter);
  }

  /**
   * dE/dv at a stage: zero when v does not reach the loss.
   *
   * @throws IllegalArgumentException for a value that reaches the loss but holds no adjoint of its own
   *     (a softmax output read only by cross-entropy: the engine writes {@code p - y} one gate earlier)
   */
  RealMatrix adjoint(String name, Time stage) {
    Node n = node(name, stage);
    RealMatrix m = adjointValues.get(key(n));
    if (m != null) {
      return m;
    }
    if (reaches[n.id()]) {
      throw new IllegalArgumentException("the engine gives " + name + " no adjoint of its own (it reaches the loss only"
          + " through a gate whose gradient is taken together with the next one's); in the chain notation, write the"
          + " sum's terms out to have them compared factor by factor");
    }
    return MatrixUtils.createRealMatrix(truth.tape().value(n).getDimension(), 1);
  }

  /** The forward value of a node of the unrolled network. */
  org.hipparchus.linear.RealVector value(Node n) {
    return truth.tape().value(n);
  }

  Node node(String name, Time stage) {
    return graph.node(name, stage).orElseThrow(() -> new MissingStage(name + " at " + stage.spelled()));
  }

  /**
   * The value of an engine expression (cell names, engine stages). A partial of this world's loss by
   * a value is that value's adjoint, by a parameter that parameter's gradient; a partial of one value
   * by another is the total Jacobian between them through the unrolled graph ({@link Jacobians}), and
   * where it stands in an elementwise product and is diagonal (the activation's derivative), its
   * diagonal, as authors who write {@code \partial s_t/\partial z_t \odot ...} mean. An activation's
   * derivative written with a prime ({@code \sigma'(z_t)}, {@code f'(a_t)}) is the engine's derivative
   * of that activation; a power of a weight matrix ({@code (W^\top)^3}) is a matrix power, and {@code a \otimes b}
   * the outer product {@code a b^\top}.
   */
  RealMatrix evaluate(Expr e) {
    Map<Expr, RealMatrix> partials = new HashMap<>();
    java.util.Set<Expr> elementwise = new java.util.HashSet<>();
    Rewrite.bottomUp(e, x -> {
      if (x instanceof Expr.Hadamard h) {
        for (Expr side : List.of(h.left(), h.right())) {
          if (side instanceof Expr.Partial) {
            elementwise.add(side);
          }
        }
      }
      return x;
    });
    Expr keyed = Rewrite.bottomUp(e, x -> {
      if (x instanceof Expr.Symbol s && !isValue(s.name())) {
        throw new IllegalArgumentException("it names " + WrittenTex.of(new Expr.Symbol(s.name(), Optional.empty(), s.role()))
            + ", which is not a value of the " + graph.cell().name() + " cell");
      }
      if (x instanceof Expr.Symbol s && s.time().isPresent()) {
        node(s.name(), s.time().get()); // a stage the network lacks skips the instance, not the claim
      }
      if (x instanceof Expr.Apply a && a.function().endsWith("'") && a.arguments().size() == 1) {
        return derivative(a);
      }
      if (x instanceof Expr.Apply a && a.function().equals("otimes") && a.arguments().size() == 2) {
        // a \otimes b between the vectors of a gradient: the outer product a b^T
        return Expr.juxtapose(List.of(a.arguments().get(0), new Expr.Transpose(a.arguments().get(1))));
      }
      if (x instanceof Expr.Power p && p.exponent() > 1 && isWeight(p.base())) {
        return Expr.juxtapose(java.util.Collections.nCopies(p.exponent(), p.base()));
      }
      if (!(x instanceof Expr.Partial p)) {
        return x;
      }
      RealMatrix value = partial(p);
      boolean diagonal = value.getRowDimension() == value.getColumnDimension() && isDiagonal(value);
      if (elementwise.contains(p) && diagonal && value.getRowDimension() > 1) {
        value = MatrixUtils.createColumnRealMatrix(ClaimEvaluation.diagonalOf(value));
      }
      Expr k = new Expr.Partial(new Expr.Symbol("value", Optional.of(Time.t(partials.size())), Expr.Role.LOSS), p);
      partials.put(k, value);
      return k;
    });
    return new ExprEvaluator(truth.tape(), partials).evaluate(keyed);
  }

  /** The value of one partial derivative an author writes, in engine names and stages. */
  RealMatrix partial(Expr.Partial p) {
    if (sameLoss(p.of()) && p.by() instanceof Expr.Symbol by && by.time().isPresent()) {
      return adjoint(by.name(), by.time().get());
    }
    if (sameLoss(p.of()) && p.by() instanceof Expr.Symbol by && truth.gradients().containsKey(by.name())) {
      return gradient(by.name());
    }
    if (p.of() instanceof Expr.Symbol of && of.time().isPresent() && p.by() instanceof Expr.Symbol by
        && by.time().isPresent() && !of.name().equals(graph.cell().loss()) && !by.name().equals(graph.cell().loss())) {
      return jacobians().of(node(of.name(), of.time().get()), node(by.name(), by.time().get()));
    }
    throw new IllegalArgumentException("it has a partial derivative that is neither the loss's gradient nor a Jacobian"
        + " between two values of the network (" + WrittenTex.of(p) + ")");
  }

  Jacobians jacobians() {
    if (jacobians == null) {
      jacobians = new Jacobians(truth.tape(), calculus);
    }
    return jacobians;
  }

  /** {@code \sigma'(z)}: the engine's derivative of the activation the prime names (or of the state's own). */
  private Expr derivative(Expr.Apply a) {
    String base = a.function().substring(0, a.function().length() - 1).replace("\\", "");
    String named = switch (base) {
      case "sigma", "sigmoid", "logistic" -> "sigmoid";
      case "tanh" -> "tanh";
      case "relu", "ReLU" -> "relu";
      default -> stateActivation();
    };
    String name = graph.nodes().stream().anyMatch(n -> n.op() == Op.ACTIVATION && n.function().equals(named)) ? named
        : stateActivation();
    Expr in = a.arguments().get(0);
    return calculus.activationDerivative(name, new Expr.Apply(name, List.of(in)), in);
  }

  /** The activation of the cell's first state, what {@code f} and {@code \phi} name. */
  private String stateActivation() {
    return graph.nodes().stream().filter(n -> n.op() == Op.ACTIVATION).map(Node::function).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the " + graph.cell().name() + " cell applies no activation"));
  }

  /** A weight matrix, maybe transposed: what a whole-number power raises as a matrix, not entry by entry. */
  private boolean isWeight(Expr e) {
    Expr bare = e instanceof Expr.Transpose t ? t.operand() : e;
    return bare instanceof Expr.Symbol s && s.time().isEmpty() && truth.gradients().containsKey(s.name())
        && gradient(s.name()).getColumnDimension() > 1;
  }

  private static boolean isDiagonal(RealMatrix m) {
    for (int r = 0; r < m.getRowDimension(); r++) {
      for (int c = 0; c < m.getColumnDimension(); c++) {
        if (r != c && Math.abs(m.getEntry(r, c)) > 1e-300) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean isValue(String name) {
    return graph.cell().declaration(name).isPresent() || graph.cell().equationFor(name).isPresent()
        || name.equals(graph.cell().loss());
  }

  private boolean sameLoss(Expr of) {
    if (!(of instanceof Expr.Symbol s) || !(lossSymbol() instanceof Expr.Symbol l)) {
      return false;
    }
    return s.name().equals(l.name()) && s.time().equals(l.time());
  }

  private static String key(Node n) {
    return n.name().map(s -> s.name() + "@" + s.time().map(Time::spelled).orElse("")).orElse("#" + n.id());
  }
}
