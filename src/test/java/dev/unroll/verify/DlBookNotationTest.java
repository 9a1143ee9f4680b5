package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.Declaration;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Deep Learning book's notation (Goodfellow, Bengio and Courville, section 10.2.2) and its
 * imitators': {@code \nabla_{x} L} gradients, bracketed times with a transpose mark, {@code h^{(\tau)}}
 * for the last stage, the indicator {@code \mathbf{1}_{i = y^{(t)}}}, and a pre-activation
 * {@code a^{(t)}} named apart with biases {@code b} and {@code c}, which becomes a cell of its own.
 */
class DlBookNotationTest {
  private static Expr side(String tex, int statement, int side) {
    return new TexParser().parse(tex).statements().get(statement).sides().get(side);
  }

  private static Expr.Symbol at(String name, int offset) {
    return new Expr.Symbol(name, Optional.of(new Time("t", offset)), Expr.Role.INTERMEDIATE);
  }

  private static Expr.Symbol param(String name) {
    return new Expr.Symbol(name, Optional.empty(), Expr.Role.PARAMETER);
  }

  @Test
  void nablaWithASubscriptIsTheLossGradientByWhatTheSubscriptNames() {
    assertThat(side("\\nabla_{\\boldsymbol{o}^{(t)}} L", 0, 0)).isEqualTo(new Expr.Partial(param("L"), at("o", 0)));
    assertThat(side("\\nabla_{\\bm{W}} \\mathcal{L}", 0, 0)).isEqualTo(new Expr.Partial(param("L"), param("W")));
    // the loss may carry its own time, and the gradient sits inside a product like any factor
    Expr product = side("\\boldsymbol{V}^\\top \\nabla_{\\mathbf{h}^{(t+1)}} L^{(t)}", 0, 0);
    assertThat(product).isEqualTo(Expr.juxtapose(List.of(new Expr.Transpose(param("V")),
        new Expr.Partial(at("L", 0), at("h", 1)))));
    // \nabla alone, without a subscript, is not a gradient of anything the reader can name
    assertThat(side("\\nabla L", 0, 0)).isNotInstanceOf(Expr.Partial.class);
  }

  @Test
  void aTransposeMarkAfterABracketedTimeTransposesTheValueAtThatTime() {
    for (String mark : List.of("\\top", "T", "\\mathsf{T}", "\\intercal")) {
      assertThat(side("\\boldsymbol{h}^{(t-1)" + mark + "}", 0, 0)).as(mark).isEqualTo(new Expr.Transpose(at("h", -1)));
    }
    assertThat(side("\\mathbf{x}^{(t)\\top}", 0, 0)).isEqualTo(new Expr.Transpose(at("x", 0)));
    assertThat(side("\\mathbf{W}^{\\mathsf{T}}", 0, 0)).isEqualTo(new Expr.Transpose(param("W")));
    assertThat(side("\\boldsymbol{h}^{(t)}{}^{\\top}", 0, 0)).isEqualTo(new Expr.Transpose(at("h", 0)));
    // a bracketed time alone is still the value at that time, untransposed
    assertThat(side("h^{(t+1)}", 0, 0)).isEqualTo(at("h", 1));
  }

  @Test
  void tauInBracketsIsTheLastStageAsASubscriptTauIs() {
    assertThat(side("\\boldsymbol{h}^{(\\tau)}", 0, 0)).isEqualTo(side("h_{\\tau}", 0, 0));
    assertThat(AbsoluteTimes.numberedName((Expr.Symbol) side("h^{(\\tau)}", 0, 0)).orElseThrow().time())
        .contains(new Time(AbsoluteTimes.LAST, 0));
  }

  @Test
  void theIndicatorOfTheTargetClassIsTheOneHotTarget() {
    Expr.Symbol y = at("y", 0);
    assertThat(side("\\hat{y}^{(t)}_i - \\mathbf{1}_{i = y^{(t)}}", 0, 0))
        .isEqualTo(Expr.sum(List.of(at("hat_y", 0), new Expr.Negate(y))));
    assertThat(side("\\mathbb{1}_{i=y_t}", 0, 0)).isEqualTo(y);
    assertThat(side("1_{\\{i = y^{(t)}\\}}", 0, 0)).isEqualTo(y);
    // an indicator of something else stays as written
    assertThat(side("\\mathbb{1}_{c_t}", 0, 0)).isNotEqualTo(y);
  }

  private static List<Statement> statements(String... tex) {
    List<Statement> out = new ArrayList<>();
    for (String t : tex) {
      out.addAll(new TexParser().parse(t).statements());
    }
    return out;
  }

  private static final String FORWARD = """
      \\begin{aligned}
      \\boldsymbol{a}^{(t)} &= \\boldsymbol{b} + \\boldsymbol{W}\\boldsymbol{h}^{(t-1)} + \\boldsymbol{U}\\boldsymbol{x}^{(t)} \\\\
      \\boldsymbol{h}^{(t)} &= \\tanh(\\boldsymbol{a}^{(t)}) \\\\
      \\boldsymbol{o}^{(t)} &= \\boldsymbol{c} + \\boldsymbol{V}\\boldsymbol{h}^{(t)} \\\\
      \\hat{\\boldsymbol{y}}^{(t)} &= \\operatorname{softmax}(\\boldsymbol{o}^{(t)})
      \\end{aligned}""";

  @Test
  void aNamedPreActivationWithBiasesBecomesACellWithThoseBiases() {
    NetworkReader.Network n = CellReader.read(statements(FORWARD), statements("\\nabla_{\\boldsymbol{o}^{(t)}} L = 0"), "")
        .orElseThrow();
    var cell = n.cell().orElseThrow();
    assertThat(cell.declarations()).filteredOn(d -> d.kind() == Declaration.Kind.PARAM).extracting(Declaration::name)
        .containsExactlyInAnyOrder("b", "W", "U", "c", "V");
    assertThat(cell.declaration("b").orElseThrow().shape()).hasSize(1);
    assertThat(cell.declaration("c").orElseThrow().shape()).hasSize(1);
    assertThat(n.notation().variable("a")).isPresent();
    assertThat(n.notation().variable("L")).contains(cell.loss());
    // the lesson's own z_t = U x_t + W s_{t-1}, without a bias, is the built-in cell's and not read here
    assertThat(CellReader.read(statements("z_t = U x_t + W s_{t-1}", "s_t = \\tanh(z_t)",
        "o_t = \\operatorname{softmax}(V s_t)"), List.of(), "")).isEmpty();
  }

  private static Report verify(String markdown) {
    Document d = new DocumentReader().parse("notes.md", markdown.getBytes(StandardCharsets.UTF_8));
    return new Verifier(Verifier.Options.inferred(), new dev.unroll.symbolic.ActivationBounds()).verify("notes.md", d);
  }

  private static final String NOTES = """
      Forward pass for $t = 1, \\dots, \\tau$ with $\\tau = 3$:

      $$\\boldsymbol{a}^{(t)} = \\boldsymbol{b} + \\boldsymbol{W}\\boldsymbol{h}^{(t-1)} + \\boldsymbol{U}\\boldsymbol{x}^{(t)}, \\qquad \\boldsymbol{h}^{(t)} = \\tanh(\\boldsymbol{a}^{(t)})$$

      $$\\boldsymbol{o}^{(t)} = \\boldsymbol{c} + \\boldsymbol{V}\\boldsymbol{h}^{(t)}, \\qquad \\hat{\\boldsymbol{y}}^{(t)} = \\operatorname{softmax}(\\boldsymbol{o}^{(t)})$$

      with $L = \\sum_t L^{(t)}$ the summed cross-entropy. Then

      $$\\nabla_{\\boldsymbol{o}^{(t)}} L = %s$$

      $$\\nabla_{\\boldsymbol{h}^{(t)}} L = \\boldsymbol{W}^\\top \\operatorname{diag}\\left(1 - \\left(\\boldsymbol{h}^{(t+1)}\\right)^2\\right) \\nabla_{\\boldsymbol{h}^{(t+1)}} L + \\boldsymbol{V}^\\top \\nabla_{\\boldsymbol{o}^{(t)}} L$$

      $$\\nabla_{\\boldsymbol{W}} L = \\sum_t \\operatorname{diag}\\left(1 - \\left(\\boldsymbol{h}^{(t)}\\right)^2\\right) \\nabla_{\\boldsymbol{h}^{(t)}} L \\, \\boldsymbol{h}^{(%s)\\top}$$
      """;

  @Test
  void theBooksEquationsAreConfirmedInTheDocumentsOwnNetwork() {
    Report r = verify(NOTES.formatted("\\hat{\\boldsymbol{y}}^{(t)} - \\boldsymbol{y}^{(t)}", "t-1"));
    assertThat(r.findings()).noneMatch(f -> f.severity() != Severity.NOTE);
    assertThat(r.findings()).filteredOn(f -> f.message().startsWith("confirmed: \\frac{\\partial L}")).extracting(Finding::line)
        .containsExactly(9, 11, 13);
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void theErratumInTheWeightsGradientIsAWrongStageCorrectedAsASumOverEveryStep() {
    Report r = verify(NOTES.formatted("\\hat{\\boldsymbol{y}}^{(t)} - \\boldsymbol{y}^{(t)}", "t"));
    assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement().satisfies(f -> {
      assertThat(f.line()).isEqualTo(13);
      assertThat(f.message()).contains("wrong stage: h_{t} is written where h_{t-1} belongs");
      assertThat(f.correction()).hasValueSatisfying(c -> assertThat(c).startsWith("\\sum_{k=1}^{T} ").contains("h_{k-1}^\\top"));
    });
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void theOutputGradientWithoutTheTargetIsAMissingTerm() {
    Report r = verify(NOTES.formatted("\\hat{\\boldsymbol{y}}^{(t)}", "t-1"));
    assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement().satisfies(f -> {
      assertThat(f.line()).isEqualTo(9);
      assertThat(f.message()).contains("a missing term, -y_{t}");
    });
  }

  @Test
  void withoutBiasesTheNamedPreActivationIsTheBuiltInCellsZ() {
    String notes = NOTES.replace("\\boldsymbol{b} + ", "").replace("\\boldsymbol{c} + ", "")
        .formatted("\\hat{\\boldsymbol{y}}^{(t)} - \\boldsymbol{y}^{(t)}", "t-1");
    Report r = verify(notes);
    assertThat(r.findings()).filteredOn(f -> f.message().startsWith("read as the network's definition of the pre-activation z"))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("a is z, h is s"));
    assertThat(r.findings()).noneMatch(f -> f.severity() != Severity.NOTE);
    assertThat(r.exitCode()).isZero();
  }
}
