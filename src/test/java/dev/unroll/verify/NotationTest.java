package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotationTest {
  private static Expr.Symbol sym(String name, Optional<Time> time) {
    return new Expr.Symbol(name, time, Expr.Role.INTERMEDIATE);
  }

  @Test
  void gatedNotationsAreReadOffTheirCellFiles() {
    assertThat(Notation.LSTM.cell()).isEqualTo("lstm");
    assertThat(Notation.LSTM.variable("W_f")).contains("Wf");
    assertThat(Notation.LSTM.variable("b_g")).contains("bg");
    assertThat(Notation.LSTM.variable("c")).contains("c");
    assertThat(Notation.LSTM.variable("s")).isEmpty();
    assertThat(Notation.GRU.variable("U_r")).contains("Ur");
    assertThat(Notation.GRU.variable("n")).contains("n");
  }

  @Test
  void anIndexLetterSubscriptOnAParameterNamesTheParameter() {
    // The parser reads W_i as W at time i, since i is an index letter; the LSTM's W_i is its input gate's weights.
    assertThat(Notation.LSTM.resolve(sym("W", Optional.of(new Time("i", 0)))))
        .contains(new Expr.Symbol("Wi", Optional.empty(), Expr.Role.INTERMEDIATE));
    assertThat(Notation.LSTM.resolve(sym("c", Optional.of(new Time("k", -1)))))
        .contains(sym("c", Optional.of(new Time("k", -1))));
    assertThat(Notation.LESSON.resolve(sym("W", Optional.of(new Time("i", 0)))))
        .contains(sym("W", Optional.of(new Time("i", 0))));
  }

  @Test
  void suggestionsStayWithinTheCell() {
    assertThat(Notation.LSTM.nearest("C")).isEqualTo("c");
    assertThat(Notation.LSTM.otherSpelling("W_hh")).isEmpty();
    assertThat(Notation.LESSON.otherSpelling("W_hh")).contains(Notation.CS231N);
  }

  @Test
  void theCellIsGuessedFirstAndThenItsSpelling() {
    java.util.function.Function<String, Notation> guess = tex -> Notation.guess(
        new TexParser().parse(tex).statements().get(0).sides(), Notation.all());

    assertThat(guess.apply("c_t = f_t \\odot c_{t-1} + i_t \\odot g_t")).isEqualTo(Notation.LSTM);
    assertThat(guess.apply("c_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde{c}_t")).isEqualTo(Notation.LSTM_WIKIPEDIA);
    assertThat(guess.apply("h_t = (1 - z_t) \\odot h_{t-1} + z_t \\odot n_t")).isEqualTo(Notation.GRU);
    assertThat(guess.apply("z_t = W_{xh} x_t + W_{hh} h_{t-1}")).isEqualTo(Notation.CS231N);
    assertThat(guess.apply("x_t = y_t")).as("nothing distinctive: the reference lesson's").isEqualTo(Notation.LESSON);
    assertThat(Notation.LSTM.otherSpelling("tilde_c")).contains(Notation.LSTM_WIKIPEDIA);
    assertThat(Notation.LSTM_WIKIPEDIA.render()).isSameAs(dev.unroll.render.Notation.WIKIPEDIA);
  }

  @Test
  void cellsAndNotationsAreChosenByName() {
    assertThat(Notation.ofCellNamed("rnn")).containsExactly(Notation.LESSON, Notation.CS231N);
    assertThat(Notation.ofCellNamed("gru")).containsExactly(Notation.GRU, Notation.GRU_WIKIPEDIA);
    assertThatThrownBy(() -> Notation.ofCellNamed("elman")).hasMessage("--cell must be one of rnn, lstm, gru, got 'elman'.");
    assertThatThrownBy(() -> Notation.named("lstm")).hasMessageContaining("--notation must be lesson or cs231n");
    assertThatThrownBy(() -> new Verifier.Options(java.util.OptionalInt.empty(), Optional.of(Notation.CS231N),
        Optional.of("lstm"))).hasMessageContaining("--notation cs231n spells the rnn cell's variables");
  }
}
