package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reader on LaTeX written the way public write-ups write it (textbook chapters, course notes,
 * blog posts, notebooks), each form as MathJax and KaTeX accept it: what it reads, not whether the
 * mathematics holds.
 */
class RealNotationReadingTest {
  private static Expr.Symbol at(String name, int offset) {
    return new Expr.Symbol(name, Optional.of(Time.t(offset)), Expr.Role.INTERMEDIATE);
  }

  private static Expr.Symbol param(String name) {
    return new Expr.Symbol(name, Optional.empty(), Expr.Role.PARAMETER);
  }

  private static List<Statement> read(String tex) {
    return new TexParser().parse(tex).statements();
  }

  private static Expr last(String tex) {
    List<Statement> s = read(tex);
    assertThat(s).as(tex).hasSize(1);
    return s.get(0).sides().get(s.get(0).sides().size() - 1);
  }

  @Test
  void timesWrittenAsSuperscriptsAreTimes() {
    assertThat(last("h^{(t)}")).isEqualTo(at("h", 0));
    assertThat(last("h^{(t-1)}")).isEqualTo(at("h", -1));
    assertThat(last("a^{<t>}")).isEqualTo(at("a", 0));
    assertThat(last("a^{\\langle t+1 \\rangle}")).isEqualTo(at("a", 1));
    assertThat(last("h^t")).isEqualTo(at("h", 0));
    assertThat(last("W^{xh}")).as("a weight's superscript is its name").isEqualTo(param("W_xh"));
    assertThat(last("W^{k}")).as("a matrix power stays a power").isNotEqualTo(new Expr.Symbol("W", Optional.of(new Time("k", 0)),
        Expr.Role.INTERMEDIATE));
    assertThat(last("W^T")).isEqualTo(new Expr.Transpose(param("W")));
  }

  @Test
  void aLossWrittenWithItsArgumentsIsTheLoss() {
    assertThat(read("E_t(y_t, \\hat{y}_t) = -y_t \\log \\hat{y}_t").get(0).sides().get(0)).isEqualTo(at("E", 0));
    assertThat(last("[h_{t-1}, x_t]")).isEqualTo(new Expr.Apply("concat", List.of(at("h", -1), at("x", 0))));
    assertThat(last("(0, 1)")).isInstanceOf(Expr.Apply.class);
  }

  @Test
  void presentationalWrappersAreSeenThrough() {
    Expr want = new Expr.Partial(at("E", 0), param("W"));
    assertThat(last("\\displaystyle \\left. \\frac{\\partial E_t}{\\partial \\mathbf{W}} \\right. \\tag{3} \\label{eq:w}"))
        .isEqualTo(want);
    assertThat(last("\\underbrace{\\frac{\\partial E_t}{\\partial W}}_{\\text{the gradient}}")).isEqualTo(want);
    assertThat(last("\\overbrace{\\frac{\\partial E_t}{\\partial \\boldsymbol{W}}}^{\\text{total}}")).isEqualTo(want);
    assertThat(last("\\color{red} \\frac{\\partial E_t}{\\partial \\bm{W}} \\nonumber")).isEqualTo(want);
    assertThat(last("\\hat{\\boldsymbol{y}}_t")).isEqualTo(at("hat_y", 0));
    assertThat(last("\\Big( s_t \\Big)")).isEqualTo(at("s", 0));
  }

  @Test
  void primesDifferentiateTheNamedFunction() {
    assertThat(last("\\tanh'(z_t)")).isEqualTo(new Expr.Apply("tanh'", List.of(at("z", 0))));
    assertThat(last("\\sigma'(z)")).isEqualTo(new Expr.Apply("sigma'", List.of(param("z"))));
    assertThat(last("f'(z_t)")).isEqualTo(new Expr.Apply("f'", List.of(at("z", 0))));
    assertThat(last("\\phi'(a_t)")).isEqualTo(new Expr.Apply("phi'", List.of(at("a", 0))));
    assertThat(read("\\sigma' = \\sigma(1 - \\sigma)").get(0).sides()).hasSize(2);
  }

  @Test
  void shapesEvaluationBarsAndFractionsAreRead() {
    Statement shape = read("W_{hh} \\in \\mathbb{R}^{n \\times n}").get(0);
    assertThat(shape.isEquation()).as("a shape claims nothing").isFalse();
    assertThat(last("\\frac{\\partial s_t}{\\partial z_t}\\Big|_{z = z_t}")).isEqualTo(new Expr.Partial(at("s", 0), at("z", 0)));
    assertThat(last("\\frac12")).isEqualTo(new Expr.Apply("frac", List.of(new Expr.Num(1), new Expr.Num(2))));
    assertThat(last("|f'(z)|")).isEqualTo(new Expr.Apply("abs", List.of(new Expr.Apply("f'", List.of(param("z"))))));
  }

  @Test
  void chainedEqualitiesAndContinuedRowsAreOneChain() {
    List<Statement> s = read("\\frac{\\partial E}{\\partial W} &= \\sum_{t=1}^{T} \\frac{\\partial E_t}{\\partial W} \\\\\n"
        + "&= \\sum_{t=1}^{T} \\delta_t h_{t-1}^\\top");
    assertThat(s).hasSize(1);
    assertThat(s.get(0).sides()).hasSize(3);
    assertThat(read("a = b = c").get(0).sides()).hasSize(3);
  }

  @Test
  void operatorsKeepTheAuthorsMeaning() {
    assertThat(last("\\operatorname{diag}(1 - h_t^2)")).isInstanceOf(Expr.Diag.class);
    assertThat(last("\\text{softmax}(o_t)")).isEqualTo(new Expr.Apply("softmax", List.of(at("o", 0))));
    assertThat(last("a_t \\circ b_t")).isEqualTo(new Expr.Hadamard(at("a", 0), at("b", 0)));
    assertThat(last("a_t \\odot b_t")).isEqualTo(new Expr.Hadamard(at("a", 0), at("b", 0)));
    assertThat(last("\\delta_t \\otimes h_{t-1}")).isEqualTo(new Expr.Apply("otimes", List.of(at("\\delta", 0), at("h", -1))));
    assertThat(last("\\prod_{j=k+1}^{t} W")).isInstanceOf(Expr.Apply.class);
  }

  @Test
  void htmlCommentsHoldNoMathematics() {
    Document d = new DocumentReader().parse("a.md", "Text $a$ <!-- $b$ and $$c$$ -->\n$$d$$\n"
        .getBytes(StandardCharsets.UTF_8));
    List<MathSpan> spans = new MathExtractor().extract(d.segments().get(0), true).spans();
    assertThat(spans).extracting(MathSpan::tex).containsExactly("a", "d");
  }

  @Test
  void alignInsideDisplayDollarsIsANoteInMarkdownAndAWarningInTex() {
    String md = "$$\n\\begin{align}\nz_t &= U x_t + W s_{t-1}\n\\end{align}\n$$\n";
    Report r = new Verifier(Verifier.Options.inferred(), null).verify("a.md",
        new DocumentReader().parse("a.md", md.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.findings()).filteredOn(f -> f.message().contains("\\begin{align} inside"))
        .singleElement().extracting(Finding::severity).isEqualTo(Severity.NOTE);
    Report tex = new Verifier(Verifier.Options.inferred(), null).verify("a.tex",
        new DocumentReader().parse("a.tex", ("\\[" + md.replace("$$", "") + "\\]").getBytes(StandardCharsets.UTF_8)));
    assertThat(tex.findings()).filteredOn(f -> f.message().contains("\\begin{align} inside"))
        .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
  }

  @Test
  void theDocumentsForwardEquationsNameTheNetwork() {
    List<Statement> eqs = read("h^{(t)} = \\tanh(W h^{(t-1)} + U x^{(t)} + b) \\\\ o^{(t)} = c + V h^{(t)} \\\\"
        + " \\hat{y}^{(t)} = \\operatorname{softmax}(o^{(t)})");
    eqs = new java.util.ArrayList<>(eqs);
    eqs.addAll(read("\\frac{\\partial L}{\\partial W} = 0"));
    NetworkReader.Network n = NetworkReader.read(eqs, "").orElseThrow();
    assertThat(n.activation()).isEqualTo("tanh");
    Notation notation = n.notation();
    assertThat(notation.variable("h")).contains("s");
    assertThat(notation.variable("W")).contains("W");
    assertThat(notation.variable("U")).contains("U");
    assertThat(notation.variable("V")).contains("V");
    assertThat(notation.variable("o")).contains("q");
    assertThat(notation.variable("hat_y")).contains("o");
    assertThat(notation.variable("L")).contains("E");
    assertThat(notation.variable("b")).as("a bias has no counterpart in the cell").isEmpty();
  }

  @Test
  void theActivationMayBeALetterTheProseDefines() {
    List<Statement> eqs = read("a_t = W_{aa} a_{t-1} + W_{ax} x_t");
    NetworkReader.Network linear = NetworkReader.read(eqs, "").orElseThrow();
    assertThat(linear.activation()).as("no function: the identity").isEqualTo("identity");
    NetworkReader.Network phi = NetworkReader.read(read("h_t = \\phi(W_{hh} h_{t-1} + W_{hx} x_t)"),
        "where we use the identity activation for phi").orElseThrow();
    assertThat(phi.activation()).isEqualTo("identity");
    assertThat(phi.notation().variable("W_hh")).contains("W");
    assertThat(phi.notation().variable("W_hx")).contains("U");
    NetworkReader.Network row = NetworkReader.read(read("h_t = \\tanh(h_{t-1} W_{hh} + x_t W_{xh})"), "").orElseThrow();
    assertThat(row.notation().variable("W_hh")).as("row vectors as code writes them").contains("W");
  }
}
