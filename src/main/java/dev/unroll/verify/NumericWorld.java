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
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.HashMap;
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

  NumericWorld(CellDefinition cell, int steps, LossKind loss, LocalCalculus calculus) {
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
   * a value is that value's adjoint; any other partial has no value here.
   */
  RealMatrix evaluate(Expr e) {
    Map<Expr, RealMatrix> partials = new HashMap<>();
    Expr keyed = Rewrite.bottomUp(e, x -> {
      if (x instanceof Expr.Symbol s && !isValue(s.name())) {
        throw new IllegalArgumentException("it names " + WrittenTex.of(new Expr.Symbol(s.name(), Optional.empty(), s.role()))
            + ", which is not a value of the " + graph.cell().name() + " cell");
      }
      if (x instanceof Expr.Symbol s && s.time().isPresent()) {
        node(s.name(), s.time().get()); // a stage the network lacks skips the instance, not the claim
      }
      if (!(x instanceof Expr.Partial p)) {
        return x;
      }
      if (!(p.by() instanceof Expr.Symbol by) || by.time().isEmpty() || !sameLoss(p.of())) {
        throw new IllegalArgumentException("it has a partial derivative other than the loss's adjoint of one value ("
            + WrittenTex.of(p) + "); in the chain notation, write the sum's terms out to have them compared factor by"
            + " factor");
      }
      Expr k = new Expr.Partial(new Expr.Symbol("adjoint", Optional.empty(), Expr.Role.LOSS), by);
      partials.put(k, adjoint(by.name(), by.time().get()));
      return k;
    });
    return new ExprEvaluator(truth.tape(), partials).evaluate(keyed);
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
