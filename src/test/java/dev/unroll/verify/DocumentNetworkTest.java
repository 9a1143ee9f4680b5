package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.StatePaths;
import dev.unroll.expr.Time;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The document defines its network: gated cells read from forward equations in their authors' own
 * notations ({@link CellReader}), row vectors, stacked weights, per-section networks
 * ({@link NetworkSections}), and the judges that need the network as written (a Jacobian across stages
 * checked against an independent path sum; a single wrong value named).
 */
class DocumentNetworkTest {
  private static List<Statement> statements(String... tex) {
    List<Statement> out = new ArrayList<>();
    for (String t : tex) {
      out.addAll(new TexParser().parse(t).statements());
    }
    return out;
  }

  private static Report verify(String markdown) {
    Document d = new DocumentReader().parse("doc.md", markdown.getBytes(StandardCharsets.UTF_8));
    return new Verifier(Verifier.Options.inferred(), new dev.unroll.symbolic.ActivationBounds()).verify("doc.md", d);
  }

  private static final String LSTM_XF = """
      \\begin{aligned}
      f_t &= \\sigma(W_{xf} x_t + W_{hf} h_{t-1} + b_f) \\\\
      i_t &= \\sigma(W_{xi} x_t + W_{hi} h_{t-1} + b_i) \\\\
      o_t &= \\sigma(W_{xo} x_t + W_{ho} h_{t-1} + b_o) \\\\
      g_t &= \\tanh(W_{xg} x_t + W_{hg} h_{t-1} + b_g) \\\\
      c_t &= f_t \\odot c_{t-1} + i_t \\odot g_t \\\\
      h_t &= o_t \\odot \\tanh(c_t)
      \\end{aligned}""";

  @Test
  void anLstmInTheXfHfNotationBecomesACellOfItsOwnWithEveryNameMapped() {
    NetworkReader.Network n = CellReader.read(statements(LSTM_XF), statements("p_t = \\operatorname{softmax}(W_{hy} h_t)",
        "\\frac{\\partial L}{\\partial c_t} = 0"), "").orElseThrow();
    CellDefinition cell = n.cell().orElseThrow();
    assertThat(cell.declarations().stream().filter(d -> d.kind() == dev.unroll.cell.Declaration.Kind.STATE)
        .map(dev.unroll.cell.Declaration::name)).containsExactly("c", "h");
    assertThat(cell.declaration("Wxf").orElseThrow().shape()).containsExactly("H", "D");
    assertThat(cell.declaration("Whf").orElseThrow().shape()).containsExactly("H", "H");
    assertThat(cell.declaration("Why").orElseThrow().shape()).containsExactly("K", "H");
    assertThat(n.notation().variable("W_xf")).contains("Wxf");
    assertThat(n.notation().variable("L")).as("the loss the author differentiates").contains(cell.loss());
    assertThat(n.notation().variable("p")).as("the softmax output").isPresent();
    assertThat(n.notation().rows()).isFalse();
  }

  @Test
  void aGruWhoseUpdateGateKeepsTheOldStateIsAnotherCellNotTheBuiltInOne() {
    NetworkReader.Network n = CellReader.read(statements(
        "r_t = \\sigma(W_{xr} x_t + W_{hr} h_{t-1} + b_r)", "z_t = \\sigma(W_{xz} x_t + W_{hz} h_{t-1} + b_z)",
        "\\tilde{h}_t = \\tanh(W_{xh} x_t + W_{hh} (r_t \\odot h_{t-1}) + b_h)",
        "h_t = z_t \\odot h_{t-1} + (1 - z_t) \\odot \\tilde{h}_t"), List.of(), "").orElseThrow();
    String h = n.cell().orElseThrow().equationFor("h").orElseThrow().definition().toString();
    assertThat(h).as("z multiplies the old state").contains("Hadamard[left=Symbol[name=z, time=Optional[t]")
        .contains("name=h, time=Optional[t-1]");
  }

  @Test
  void rowVectorsAsCodeWritesThemAreReadTransposed() {
    NetworkReader.Network n = CellReader.read(statements(
        "z_t = \\sigma(x_t U^z + s_{t-1} W^z)", "r_t = \\sigma(x_t U^r + s_{t-1} W^r)",
        "h_t = \\tanh(x_t U^h + (s_{t-1} \\circ r_t) W^h)", "s_t = (1 - z_t) \\circ h_t + z_t \\circ s_{t-1}"), List.of(), "")
        .orElseThrow();
    assertThat(n.notation().rows()).isTrue();
    assertThat(n.cell().orElseThrow().declaration("Uz").orElseThrow().shape()).as("the cell's weight, column form")
        .containsExactly("H", "D");
  }

  @Test
  void aStackedWeightIsSplitIntoBlocksAndTheStackedNameStaysUnmapped() {
    NetworkReader.Network n = CellReader.read(statements("h_t = \\tanh(W \\begin{bmatrix} h_{t-1} \\\\ x_t \\end{bmatrix} + b)"),
        statements("W = \\begin{bmatrix} W_h & W_x \\end{bmatrix}"), "").orElseThrow();
    assertThat(n.notation().variable("W")).isEmpty();
    assertThat(n.notation().variable("W_h")).isPresent();
    assertThat(n.notation().variable("W_x")).isPresent();
    assertThat(n.cell().orElseThrow().declaration(n.notation().variable("W_x").orElseThrow()).orElseThrow().shape())
        .containsExactly("H", "D");
  }

  @Test
  void aSimpleRnnIsLeftToTheRnnReader() {
    assertThat(CellReader.read(statements("h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t)"), List.of(), "")).isEmpty();
  }

  @Test
  void eachForwardBlockStartsASection() {
    List<List<Statement>> reads = List.of(statements("h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t)"),
        statements("\\frac{\\partial L}{\\partial h_t} = 0"), statements(LSTM_XF), statements("\\frac{\\partial L}{\\partial c_t} = 0"));
    assertThat(NetworkSections.starts(reads, "")).containsExactly(0, 2);
    assertThat(NetworkSections.starts(reads.subList(0, 2), "")).containsExactly(0);
    List<List<Statement>> restated = List.of(reads.get(0), reads.get(1), reads.get(0), reads.get(1));
    assertThat(NetworkSections.starts(restated, "")).as("a network restated is the same section").containsExactly(0);
  }

  @Test
  void theJacobianAcrossOneStageAgreesWithThePathSum() {
    // two independent computations: tangents carried forward gate by gate, and the engine's sum over paths
    CellDefinition lstm = new CellLibrary().load("lstm");
    EngineTerms engine = new EngineTerms(lstm);
    NumericWorld world = new NumericWorld(lstm, 4, LossKind.TOTAL, engine.calculus());
    for (int t = world.graph().first().offset() + 1; t <= world.graph().last().offset(); t++) {
      RealMatrix forward = JacobianClaims.tangent(world, "c", Time.t(t - 1), Time.t(t));
      RealMatrix paths = world.evaluate(world.paths().step(world.graph(), "c", Time.t(t), StatePaths.Family.ALL_ROUTES))
          .transpose();
      assertThat(ClaimEvaluation.difference(forward, paths)).isLessThan(1e-12);
    }
  }

  @Test
  void theForgetGateProductAloneIsSaidToMissTerms() {
    Report r = verify("$$\n" + LSTM_XF + "\n$$\n\nSo\n\n$$\\frac{\\partial c_t}{\\partial c_k} = \\prod_{j=k+1}^{t}"
        + " \\operatorname{diag}(f_j)$$\n\nand the one-step Jacobian\n\n$$\\frac{\\partial c_t}{\\partial c_{t-1}} = "
        + "\\operatorname{diag}(f_t)$$\n");
    assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.ERROR).hasSize(2)
        .allMatch(f -> f.message().contains("missing terms"));
    assertThat(r.findings()).filteredOn(f -> f.line() == 18 && f.severity() == Severity.ERROR).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("through the forget gate f_{t} alone"));
  }

  @Test
  void theSameProductIsConfirmedAsTheOwnPathsShareWhenTheProseSaysSo() {
    Report r = verify("$$\n" + LSTM_XF + "\n$$\n\nAlong its own path only,\n\n$$\\frac{\\partial c_t}{\\partial c_k} = "
        + "\\prod_{j=k+1}^{t} \\operatorname{diag}(f_j)$$\n");
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(r.exitCode()).isEqualTo(Report.CONFIRMED);
  }

  @Test
  void aValueAtTheWrongStageIsNamed() {
    Report r = verify("$$\n" + LSTM_XF + "\n$$\n\n$$\\frac{\\partial E}{\\partial c_t} = \\frac{\\partial E}{\\partial h_t} "
        + "\\odot o_t \\odot (1 - \\tanh^2(c_{t-1})) + \\frac{\\partial E}{\\partial c_{t+1}} \\odot f_{t+1}$$\n");
    assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.ERROR).first()
        .satisfies(f -> assertThat(f.message()).contains("wrong stage: c_{t-1}").contains("where c_{t} belongs"));
  }
}
