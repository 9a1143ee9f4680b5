package dev.unroll.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.derive.AdjointSystem;
import dev.unroll.derive.Adjoints;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.Recurrence;
import dev.unroll.derive.TextbookCalculus;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.expr.Time;
import dev.unroll.pipeline.ExternalTools;
import dev.unroll.symbolic.SymjaCalculus;
import dev.unroll.unroll.UnrolledGraph;
import dev.unroll.unroll.Unroller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated code checks, it does not only print: it passes for the engine's derivation and fails
 * its own assertion (exit status 1) when the derivation handed to the emitter is broken on purpose at
 * the engine's level, a term dropped, a weight left untransposed, a route of an adjoint lost.
 */
class NumpyLessonTest {
  private static final LocalCalculus TEXTBOOK = new TextbookCalculus();
  private static final CellLibrary CELLS = new CellLibrary();

  @TempDir
  Path tmp;

  @BeforeAll
  static void python() throws Exception {
    Python.require("numpy");
  }

  private static CellDefinition rnn(String activation) {
    return CELLS.load("rnn").withPlaceholder("f", activation);
  }

  private ExternalTools.Run run(LessonCode code) throws Exception {
    return Python.script(tmp, "lesson.py", code.script("test"));
  }

  private static LessonCode sums(CellDefinition cell, int steps, LossKind loss, Derivation d, Optional<Recurrence> r,
      LocalCalculus calculus) {
    UnrolledGraph graph = new Unroller().unroll(cell, steps);
    return new NumpyLesson(calculus).sums(graph, d, r, Optional.empty(), new Forms(calculus));
  }

  /** A user's cell file: an RNN whose activation, softsign, the engine knows only from its definition. */
  private CellDefinition softsign() throws IOException {
    Path file = tmp.resolve("softsign.cell");
    Files.writeString(file, String.join("\n", "cell softsign \"An RNN with the softsign activation\"", "",
        "input  x : D", "state  s : H", "target y : K", "param  U : H x D", "param  W : H x H", "param  V : K x H",
        "activation softsign(z) = z/(1+Abs(z))", "loss E", "",
        "z_t = U x_t + W s_{t-1}", "s_t = softsign(z_t)", "q_t = V s_t", "o_t = softmax(q_t)",
        "E_t = crossentropy(o_t, y_t)", ""));
    return CELLS.load(file.toString());
  }

  @Test
  void theEnginesDerivationPassesEveryFormAgainstFiniteDifferences() throws Exception {
    CellDefinition cell = rnn("tanh");
    Derivation d = new Differentiator().derive(new Unroller().unroll(cell, 3), "W", LossKind.LAST);
    Forms forms = new Forms(TEXTBOOK);
    ExternalTools.Run ok = run(sums(cell, 3, LossKind.LAST, d, forms.recurrence(d), TEXTBOOK));
    assertThat(ok.exitCode()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("the sum of 3 terms, concrete form, dE_{t+1}/dW: ")
        .contains("the sum of 3 terms, matrix form, dE_{t+1}/dW: ")
        .contains("the delta recursion, dE_{t+1}/dW: ")
        .containsPattern("worst relative difference from central finite differences: \\d\\.\\de-(1[0-9]|0[7-9]) ");
  }

  @Test
  void aDroppedTermFailsTheCodesOwnCheck() throws Exception {
    CellDefinition cell = rnn("tanh");
    Derivation d = new Differentiator().derive(new Unroller().unroll(cell, 3), "W", LossKind.LAST);
    Derivation dropped = new Derivation(d.graph(), d.parameter(), d.loss(), d.terms().subList(0, 2), d.walk());
    ExternalTools.Run broken = run(sums(cell, 3, LossKind.LAST, dropped, Optional.empty(), TEXTBOOK));
    assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
    assertThat(broken.output()).contains("the sum of 2 terms, matrix form")
        .contains("AssertionError: A derived form disagrees with finite differences");
  }

  @Test
  void anUntransposedWeightInTheDeltaRecursionFailsTheCodesOwnCheck() throws Exception {
    CellDefinition cell = rnn("sigmoid");
    Derivation d = new Differentiator().derive(new Unroller().unroll(cell, 4), "W", LossKind.LAST);
    Recurrence r = new Forms(TEXTBOOK).recurrence(d).orElseThrow();
    Expr w = Expr.Symbol.param("W");
    Expr untransposed = Rewrite.bottomUp(r.columnFactor(), x -> x.equals(new Expr.Transpose(w)) ? w : x);
    assertThat(untransposed).isNotEqualTo(r.columnFactor());
    Recurrence broken = new Recurrence(r.chainFactor(), untransposed, r.firstChain(), r.firstDelta(), r.first(), r.last(),
        r.end());
    Derivation none = new Derivation(d.graph(), d.parameter(), d.loss(), List.of(), d.walk());
    ExternalTools.Run ok = run(sums(cell, 4, LossKind.LAST, none, Optional.of(r), TEXTBOOK));
    assertThat(ok.exitCode()).as(ok.output()).isZero();
    ExternalTools.Run failed = run(sums(cell, 4, LossKind.LAST, none, Optional.of(broken), TEXTBOOK));
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    assertThat(failed.output()).contains("the delta recursion, dE_{t+1}/dW").contains("AssertionError");
  }

  @Test
  void theLstmsAdjointEquationsPassAndLosingOneRouteFails() throws Exception {
    CellDefinition lstm = CELLS.load("lstm");
    Adjoints adjoints = new Adjoints(TEXTBOOK);
    AdjointSystem s = adjoints.derive(new Unroller().unroll(lstm, 3), LossKind.TOTAL);
    ExternalTools.Run ok = run(new NumpyLesson(TEXTBOOK).adjoints(s, adjoints, "Uf"));
    assertThat(ok.exitCode()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("the adjoint equations, dE/dWi: ").contains("the sum over stages, dE/dUf: ");

    // The adjoint of h at stage t loses the route through the forget gate of stage t+1.
    List<AdjointSystem.Adjoint> lost = new ArrayList<>();
    boolean changed = false;
    for (AdjointSystem.Adjoint a : s.adjoints()) {
      boolean target = a.variable().name().orElseThrow().name().equals("h") && a.variable().stage().equals(Optional.of(Time.t(0)));
      if (target) {
        List<AdjointSystem.Route> routes = a.routes().stream()
            .filter(r -> !r.consumer().name().orElseThrow().name().equals("f")).toList();
        changed = routes.size() < a.routes().size();
        lost.add(new AdjointSystem.Adjoint(a.variable(), routes));
      } else {
        lost.add(a);
      }
    }
    assertThat(changed).isTrue();
    AdjointSystem broken = new AdjointSystem(s.graph(), s.loss(), s.lossSymbol(), s.roots(), lost, s.uses());
    ExternalTools.Run failed = run(new NumpyLesson(TEXTBOOK).adjoints(broken, adjoints, "Uf"));
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    assertThat(failed.output()).contains("AssertionError: A derived form disagrees with finite differences");
  }

  @Test
  void aUsersOwnActivationIsEvaluatedAndDifferentiatedFromTheEnginesExpressions() throws Exception {
    CellDefinition cell = softsign();
    SymjaCalculus symja = new SymjaCalculus(cell.activations());
    Derivation d = new Differentiator().derive(new Unroller().unroll(cell, 3), "W", LossKind.TOTAL);
    LessonCode code = sums(cell, 3, LossKind.TOTAL, d, new Forms(symja).recurrence(d.newestLoss()), symja);
    String script = code.script("softsign");
    // Symja's reading of the definition, and its derivative in the input (softsign has no form in its output).
    assertThat(script).contains("def softsign(z, xp=np):").contains("xp.abs(z)").contains("np.sign(z[");
    ExternalTools.Run ok = run(code);
    assertThat(ok.exitCode()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("the sum of 6 terms, matrix form, dE/dW: ");
  }

  /**
   * With PyTorch importable (CI installs Debian's python3-torch) the last cell compares every form
   * with autograd, to rounding; with PyTorch hidden it says so in one sentence and passes. Checked on
   * the RNN, the LSTM and a user's own activation, whose NumPy and PyTorch functions both come from
   * the engine's expressions.
   */
  @Test
  void autogradAgreesWhereverPyTorchIsAndItsAbsenceIsSaid() throws Exception {
    Python.require("numpy", "torch");
    CellDefinition cell = rnn("sigmoid");
    Derivation d = new Differentiator().derive(new Unroller().unroll(cell, 3), "U", LossKind.TOTAL);
    CellDefinition lstm = CELLS.load("lstm");
    Adjoints adjoints = new Adjoints(TEXTBOOK);
    AdjointSystem s = adjoints.derive(new Unroller().unroll(lstm, 2), LossKind.LAST);
    CellDefinition own = softsign();
    SymjaCalculus symja = new SymjaCalculus(own.activations());
    Derivation ownD = new Differentiator().derive(new Unroller().unroll(own, 3), "W", LossKind.LAST);
    List<LessonCode> codes = List.of(sums(cell, 3, LossKind.TOTAL, d, new Forms(TEXTBOOK).recurrence(d.newestLoss()), TEXTBOOK),
        new NumpyLesson(TEXTBOOK).adjoints(s, adjoints, "Wg"),
        sums(own, 3, LossKind.LAST, ownD, new Forms(symja).recurrence(ownD), symja));
    Path hidden = Files.createDirectories(tmp.resolve("no-torch"));
    Files.writeString(hidden.resolve("torch.py"), "raise ImportError('hidden by the test')\n");
    for (LessonCode code : codes) {
      ExternalTools.Run with = run(code);
      assertThat(with.exitCode()).as(with.output()).isZero();
      assertThat(with.output()).containsPattern("worst relative difference from PyTorch's autograd: \\d\\.\\de-(1[2-9]) ");

      ProcessBuilder pb = new ProcessBuilder(Python.PYTHON.toString(), tmp.resolve("lesson.py").toString())
          .directory(tmp.toFile()).redirectErrorStream(true);
      pb.environment().put("PYTHONPATH", hidden.toString());
      Process p = pb.start();
      String without = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(without).isZero();
      assertThat(without).contains("PyTorch is not installed here, so autograd is not compared")
          .doesNotContain("from PyTorch's autograd");
    }
  }

  @Test
  void theScriptIsTheSameBytesEveryTime() {
    CellDefinition cell = rnn("tanh");
    Derivation d = new Differentiator().derive(new Unroller().unroll(cell, 2), "U", LossKind.TOTAL);
    Forms forms = new Forms(TEXTBOOK);
    assertThat(sums(cell, 2, LossKind.TOTAL, d, forms.recurrence(d.newestLoss()), TEXTBOOK).script("a"))
        .isEqualTo(sums(cell, 2, LossKind.TOTAL, d, forms.recurrence(d.newestLoss()), TEXTBOOK).script("a"));
  }
}
