package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the times an author writes map to the engine's stages (newest t+1; here three stages, t-1 to t+1). */
class StageFrameTest {
  private static final Time FIRST = Time.t(-1);
  private static final Time LAST = Time.t(1);

  private static Expr rhs(String tex) {
    var s = new TexParser().parse(tex).statements().get(0);
    return s.sides().get(s.sides().size() - 1);
  }

  private static Expr.Symbol loss(String tex) {
    return (Expr.Symbol) rhs(tex);
  }

  private static Expr.Symbol sym(String name, int offset) {
    return new Expr.Symbol(name, Optional.of(Time.t(offset)), Expr.Role.INTERMEDIATE);
  }

  @Test
  void theLossSubscriptAnchorsItsVariable() {
    StageFrame newest = new StageFrame(Notation.LSTM, loss("E_{t+1}"));
    StageFrame shifted = new StageFrame(Notation.LSTM, loss("E_t"));

    assertThat(newest.engine(rhs("c_{t-1}"), Map.of(), FIRST, LAST)).isEqualTo(sym("c", -1));
    assertThat(shifted.engine(rhs("c_{t-1}"), Map.of(), FIRST, LAST)).isEqualTo(sym("c", 0));
    assertThat(shifted.author(sym("c", 0))).isEqualTo(sym("c", -1));
    assertThat(newest.free(rhs("c_{k-1} \\odot f_t"))).containsExactly("k");
    assertThat(new StageFrame(Notation.LSTM, loss("E")).free(rhs("c_{k-1} \\odot f_t"))).containsExactly("k", "t");
  }

  @Test
  void sumsAreExpandedOverTheirLimits() {
    StageFrame frame = new StageFrame(Notation.LSTM, loss("E_{t+1}"));

    assertThat(frame.engine(rhs("\\sum_{k=t}^{t+1} f_k"), Map.of(), FIRST, LAST))
        .isEqualTo(new Expr.Sum(java.util.List.of(sym("f", 0), sym("f", 1))));
    assertThat(frame.engine(rhs("\\sum_{k=2}^{T} f_k"), Map.of(), FIRST, LAST))
        .as("stage numbers count from 1").isEqualTo(new Expr.Sum(java.util.List.of(sym("f", 0), sym("f", 1))));
    assertThat(frame.engine(rhs("\\sum_{k=0}^{1} f_k"), Map.of(), FIRST, LAST))
        .as("or from 0").isEqualTo(new Expr.Sum(java.util.List.of(sym("f", -1), sym("f", 0))));
    assertThat(frame.engine(rhs("\\sum_k f_k"), Map.of(), FIRST, LAST))
        .isEqualTo(new Expr.Sum(java.util.List.of(sym("f", -1), sym("f", 0), sym("f", 1))));
    assertThat(frame.engine(rhs("\\prod_{j=k+1}^{t+1} f_j"), Map.of("k", Time.t(0)), FIRST, LAST)).isEqualTo(sym("f", 1));
  }

  @Test
  void theLimitsSayHowManyStagesTheClaimIsAbout() {
    StageFrame frame = new StageFrame(Notation.LSTM, loss("E_{t+1}"));

    assertThat(frame.reach(rhs("\\sum_{k=t-3}^{t+1} f_k"))).hasValue(5);
    assertThat(frame.reach(rhs("\\sum_{k=1}^{7} f_k"))).hasValue(7);
    assertThat(frame.limitsFixStages(rhs("\\sum_{k=t-3}^{t+1} f_k"))).isTrue();
    assertThat(frame.limitsFixStages(rhs("\\sum_{k=1}^{T} f_k"))).isFalse();
    assertThat(frame.reach(rhs("f_k"))).isEmpty();
  }

  @Test
  void aProductOfMatricesStandsLatestStepLeftmostUnlessReadTheOtherWay() {
    StageFrame frame = new StageFrame(Notation.LSTM, loss("E_{t+1}"));
    Expr written = rhs("\\prod_{j=t}^{t+1} f_j");

    assertThat(frame.engine(written, Map.of(), FIRST, LAST)).isEqualTo(Expr.juxtapose(java.util.List.of(sym("f", 1), sym("f", 0))));
    assertThat(frame.ascendingProducts().engine(written, Map.of(), FIRST, LAST))
        .isEqualTo(Expr.juxtapose(java.util.List.of(sym("f", 0), sym("f", 1))));
  }

  @Test
  void stageNumbersCountFromTheDocumentsFirstStage() {
    Expr.Symbol e3 = (Expr.Symbol) AbsoluteTimes.read(rhs("E_3"), Notation.LSTM);
    StageFrame numbered = new StageFrame(Notation.LSTM, e3, java.util.List.of(), java.util.OptionalInt.of(0));
    Expr f0 = AbsoluteTimes.read(rhs("f_0"), Notation.LSTM);

    assertThat(numbered.engine(f0, Map.of(), Time.t(-2), LAST)).as("E_3 is the newest of stages 0..3").isEqualTo(sym("f", -2));
    assertThat(numbered.reach(f0)).as("so the network has four stages").hasValue(4);
    assertThat(numbered.engine(rhs("\\sum_{k=0}^{3} f_k"), Map.of(), Time.t(-2), LAST))
        .isEqualTo(new Expr.Sum(java.util.List.of(sym("f", -2), sym("f", -1), sym("f", 0), sym("f", 1))));
    StageFrame total = new StageFrame(Notation.LSTM, loss("E"), java.util.List.of(), java.util.OptionalInt.of(1));
    assertThat(total.engine(AbsoluteTimes.read(rhs("f_T + f_1"), Notation.LSTM), Map.of(), FIRST, LAST))
        .as("T is the last stage, 1 the first").isEqualTo(new Expr.Sum(java.util.List.of(sym("f", 1), sym("f", -1))));
    assertThat(total.free(AbsoluteTimes.read(rhs("f_T + f_1"), Notation.LSTM))).isEmpty();
  }
}
