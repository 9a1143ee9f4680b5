package dev.unroll.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The NumPy emitter, case by case, with the expected Python inline. */
class NumpyWriterTest {
  private final NumpyWriter py = new NumpyWriter(Set.of("tanh"), Set.of("s", "W", "V", "o", "y", "i"));

  private static Expr at(String name, int offset) {
    return Expr.Symbol.at(name, Time.t(offset), Expr.Role.STATE);
  }

  private static final Expr W = Expr.Symbol.param("W");
  private static final Expr V = Expr.Symbol.param("V");

  @Test
  void writesTheMatrixFormOfATermWithTheLessonsNames() {
    Expr oMinusY = new Expr.Sum(List.of(at("o", 1), new Expr.Negate(at("y", 1))));
    Expr d = new Expr.Diag(new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(new Expr.Power(at("s", 1), 2)))));
    Expr term = Expr.juxtapose(List.of(d, new Expr.Transpose(V), oMinusY, new Expr.Transpose(at("s", 0))));
    assertThat(py.write(term)).isEqualTo("np.diagflat(1 - s[t+1]**2) @ V.T @ (o[t+1] - y[t+1]) @ s[t].T");
  }

  @Test
  void aNumberMultipliesAndItsDiagonalIsTheNumber() {
    Expr identityDerivative = new Expr.Diag(new Expr.Num(1));
    assertThat(py.write(Expr.juxtapose(List.of(identityDerivative, new Expr.Transpose(W), at("s", -1)))))
        .isEqualTo("1 * W.T @ s[t-1]");
    assertThat(py.write(new Expr.Transpose(new Expr.Num(2)))).isEqualTo("2");
  }

  @Test
  void precedenceFollowsPython() {
    Expr s = at("s", 0);
    assertThat(py.write(new Expr.Negate(new Expr.Power(s, 2)))).isEqualTo("-s[t]**2");
    assertThat(py.write(new Expr.Power(new Expr.Negate(s), 2))).isEqualTo("(-s[t])**2");
    assertThat(py.write(new Expr.Power(s, -1))).isEqualTo("s[t]**(-1)");
    assertThat(py.write(new Expr.Sum(List.of(s, new Expr.Negate(new Expr.Sum(List.of(s, s)))))))
        .isEqualTo("s[t] - (s[t] + s[t])");
    assertThat(py.write(new Expr.Hadamard(s, new Expr.Sum(List.of(new Expr.Num(1), new Expr.Negate(s))))))
        .isEqualTo("s[t] * (1 - s[t])");
    assertThat(py.write(new Expr.Transpose(Expr.juxtapose(List.of(W, s))))).isEqualTo("(W @ s[t]).T");
  }

  @Test
  void adjointsAreDictionariesNamedAfterLossAndValue() {
    Expr loss = Expr.Symbol.at("E", Time.t(1), Expr.Role.LOSS);
    assertThat(py.write(new Expr.Partial(loss, at("h", -1)))).isEqualTo("dE_dh[t-1]");
    assertThat(py.write(new Expr.Partial(new Expr.Symbol("E", java.util.Optional.empty(), Expr.Role.LOSS), W)))
        .isEqualTo("dE_dW");
    assertThatThrownBy(() -> py.write(new Expr.Partial(at("o", 1), at("q", 1))))
        .hasMessageContaining("has no value of its own");
  }

  @Test
  void sumsAndProductsOverStagesAreGeneratorsOverTheirStages() {
    Time k = new Time("k", 0);
    Time j = new Time("j", 0);
    Expr body = Expr.juxtapose(List.of(new Expr.Diag(Expr.Symbol.at("s", j, Expr.Role.STATE)), new Expr.Transpose(W)));
    Expr product = new Expr.Series(Expr.SeriesKind.PRODUCT, j, k, Time.t(0), false, Expr.ProductStyle.JUXTAPOSE, body);
    Expr term = Expr.juxtapose(List.of(product, Expr.Symbol.at("delta", Time.t(1), Expr.Role.INTERMEDIATE),
        new Expr.Transpose(Expr.Symbol.at("s", k.plus(-1), Expr.Role.STATE))));
    Expr sum = new Expr.Series(Expr.SeriesKind.SUM, k, Time.t(1), Time.t(-1), true, Expr.ProductStyle.JUXTAPOSE, term);
    assertThat(py.write(sum)).isEqualTo(
        "sum(mprod(*[np.diagflat(s[j]) @ W.T for j in range(k, t+1)], delta[t+1], s[k-1].T) for k in range(t+1, t-2, -1))");
  }

  @Test
  void anIndexNamedLikeACellSymbolIsRenamed() {
    Time i = new Time("i", 0);
    Expr sum = new Expr.Series(Expr.SeriesKind.SUM, i, Time.t(1), Time.t(0), true, Expr.ProductStyle.JUXTAPOSE,
        Expr.Symbol.at("o", i, Expr.Role.STATE));
    assertThat(py.write(sum)).isEqualTo("sum(o[i_] for i_ in range(t+1, t-1, -1))");
  }

  @Test
  void functionsAreTheCellsActivationsOrNumpys() {
    Expr z = at("z", 0);
    assertThat(py.write(new Expr.Apply("tanh", List.of(z)))).isEqualTo("tanh(z[t])");
    assertThat(py.forArrays().write(new Expr.Apply("tanh", List.of(z)))).isEqualTo("tanh(z[t], xp)");
    assertThat(py.forDefinitions().write(new Expr.Apply("tanh", List.of(z)))).isEqualTo("xp.tanh(z[t])");
    assertThat(py.write(new Expr.Apply("step", List.of(z)))).isEqualTo("np.heaviside(z[t], 0.0)");
    assertThat(py.write(new Expr.Apply("sign", List.of(z)))).isEqualTo("np.sign(z[t])");
    assertThat(py.write(new Expr.Apply("sech", List.of(z)))).isEqualTo("(1 / np.cosh(z[t]))");
    assertThat(py.write(new Expr.Apply("max", List.of(new Expr.Num(0), z)))).isEqualTo("np.maximum(0, z[t])");
    assertThatThrownBy(() -> py.write(new Expr.Apply("gamma", List.of(z))))
        .hasMessageStartingWith("Generated code has no NumPy spelling for the function 'gamma'");
  }

  @Test
  void aSymbolNamedLikeTheProgramsOwnNamesGetsAnUnderscore() {
    assertThat(NumpyWriter.name("lambda")).isEqualTo("lambda_");
    assertThat(NumpyWriter.name("t")).isEqualTo("t_");
    assertThat(NumpyWriter.name("Wf")).isEqualTo("Wf");
  }
}
