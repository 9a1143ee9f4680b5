package dev.unroll.numeric;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.cell.CellParser;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.LossKind;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The edge cases of issue 17, each with an independent reference ({@link ReferenceRnn}): losses from 1
 * to 1e6, saturated weights, N = 1 and N = 500, H = 1 and K = 1, and user cells (softsign with and
 * without a bias, a cell that redefines sigmoid, a Gaussian).
 */
final class EdgeCases {
  private EdgeCases() {}

  /** One configuration and its reference; {@code exact} is what the exact sources must reach against it. */
  record Edge(String name, UnrolledGraph graph, Params params, LossKind loss, List<Derivation> derivations, ReferenceRnn reference,
      double exact) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String SOFTSIGN = "activation softsign(z) = z/(1+Abs(z))";
  static final String SIGMOID = "activation sigmoid(z) = 2/(1+Exp(-z)) - 1";
  static final String GAUSS = "activation gauss(z) = Exp(-z^2)";

  /** A cell like rnn.cell with its own activation {@code name} and optionally a bias. */
  static CellDefinition cell(String definition, String name, boolean bias) {
    String text = "cell user \"user\"\ninput x : D\nstate s : H\ntarget y : K\nparam U : H x D\nparam W : H x H\nparam V : K x H\n"
        + (bias ? "param b : H\n" : "") + definition + "\nloss E\n"
        + "z_t = U x_t + W s_{t-1}" + (bias ? " + b" : "") + "\ns_t = " + name + "(z_t)\nq_t = V s_t\no_t = softmax(q_t)\n"
        + "E_t = crossentropy(o_t, y_t)\n";
    return new CellParser(CellLibrary.builtInActivations()).parse("user.cell", text);
  }

  static Edge of(String name, CellDefinition cell, Params params, LossKind loss, UnaryOperator<Dfp> f, boolean bias, double exact) {
    UnrolledGraph graph = new Unroller().unroll(cell, params.steps());
    List<Derivation> ds = params.weights().keySet().stream().map(p -> new Differentiator().derive(graph, p, loss)).toList();
    return new Edge(name, graph, params, loss, ds, new ReferenceRnn(f, bias), exact);
  }

  static Params generated(CellDefinition cell, long seed, int h, int d, int k, int steps, String activation) {
    return new ParamsGenerator(cell).generate(seed, Map.of("H", h, "D", d, "K", k), steps, activation);
  }

  /** The same params with every weight times {@code factor}. */
  static Params scaled(Params p, double factor) {
    Map<String, RealMatrix> w = new LinkedHashMap<>();
    p.weights().forEach((name, m) -> w.put(name, m.scalarMultiply(factor)));
    return new Params(p.activation(), p.sizes(), p.steps(), w, p.initial(), p.inputs(), p.targets());
  }

  /** The one-stage network: V = [[v], [-v]], U = [[1]], x = [[5]], y = [1]; its loss is about 2 v. */
  static Params oneStage(double v) {
    Map<String, RealMatrix> w = new LinkedHashMap<>();
    w.put("U", MatrixUtils.createRealMatrix(new double[][] {{1}}));
    w.put("W", MatrixUtils.createRealMatrix(new double[][] {{0.5}}));
    w.put("V", MatrixUtils.createRealMatrix(new double[][] {{v}, {-v}}));
    return new Params("tanh", Map.of("H", 1, "D", 1, "K", 2), 1, w,
        Map.of("s", new org.hipparchus.linear.ArrayRealVector(new double[] {0.25})),
        Map.of("x", List.of(new org.hipparchus.linear.ArrayRealVector(new double[] {5}))), Map.of("y", List.of(1)));
  }

  static Stream<Arguments> all() {
    CellDefinition rnn = new CellLibrary().load("rnn");
    CellDefinition tanh = rnn.withPlaceholder("f", "tanh");
    UnaryOperator<Dfp> th = Dfp::tanh;
    CellDefinition softsign = cell(SOFTSIGN, "softsign", false);
    CellDefinition softsignBias = cell(SOFTSIGN, "softsign", true);
    CellDefinition sigmoid = cell(SIGMOID, "sigmoid", false);
    CellDefinition gauss = cell(GAUSS, "gauss", false);
    UnaryOperator<Dfp> ss = z -> z.divide(z.abs().add(1));
    UnaryOperator<Dfp> sg = z -> ReferenceRnn.number(2).divide(z.negate().exp().add(1)).subtract(1);
    UnaryOperator<Dfp> gs = z -> z.multiply(z).negate().exp();
    // tanh' = 1 - s^2 in doubles loses digits as s nears 1: about eps / (1 - s^2) relative. At x = 5,
    // 1 - s^2 = 1.8e-4, so 3e-13 against the exact reference; with weights times 10 more.
    return Stream.of(
        of("loss 2 (one stage)", tanh, oneStage(1), LossKind.LAST, th, false, 1e-12),
        of("loss 712, the issue's NaN (one stage)", tanh, oneStage(356), LossKind.LAST, th, false, 1e-12),
        of("loss 1e6 (one stage)", tanh, oneStage(5e5), LossKind.LAST, th, false, 1e-12),
        of("seed 3, H=4 D=3 K=3 N=6, tanh, total loss", tanh, generated(tanh, 3, 4, 3, 3, 6, "tanh"), LossKind.TOTAL, th, false, 1e-12),
        of("weights times 10 (saturated tanh), N=6", tanh, scaled(generated(tanh, 4, 4, 3, 3, 6, "tanh"), 10), LossKind.LAST, th,
            false, 1e-9),
        of("N=1, H=1", tanh, generated(tanh, 5, 1, 2, 3, 1, "tanh"), LossKind.LAST, th, false, 1e-12),
        of("N=500, H=1, K=2", tanh, generated(tanh, 6, 1, 1, 2, 500, "tanh"), LossKind.LAST, th, false, 1e-12),
        of("K=1", tanh, generated(tanh, 7, 3, 2, 1, 4, "tanh"), LossKind.TOTAL, th, false, 1e-12),
        of("softsign", softsign, generated(softsign, 8, 3, 2, 3, 5, ""), LossKind.TOTAL, ss, false, 1e-12),
        of("softsign with a bias", softsignBias, generated(softsignBias, 9, 3, 2, 3, 5, ""), LossKind.LAST, ss, true, 1e-12),
        of("a cell's own sigmoid 2/(1+Exp(-z)) - 1", sigmoid, generated(sigmoid, 10, 3, 2, 3, 5, ""), LossKind.TOTAL, sg, false,
            1e-12),
        of("Gaussian Exp(-z^2)", gauss, generated(gauss, 11, 3, 2, 3, 5, ""), LossKind.TOTAL, gs, false, 1e-12))
        .map(Arguments::of);
  }
}
