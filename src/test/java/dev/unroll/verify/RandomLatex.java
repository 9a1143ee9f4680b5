package dev.unroll.verify;

import java.util.List;
import java.util.Random;

/** A seeded generator of plausible and implausible lesson mathematics, for {@link RobustnessTest}. */
final class RandomLatex {
  private static final List<String> PIECES = List.of(
      "\\frac{\\partial E_{t+1}}{\\partial W}", "\\frac{\\partial E_{t+1}}{\\partial o_{t+1}}",
      "\\frac{\\partial o_{t+1}}{\\partial q_{t+1}}", "\\frac{\\partial s_{t}}{\\partial z_{t}}",
      "\\frac{\\partial s_{t-7}}{\\partial z_{t+3}}", "\\partial E / \\partial W", "=", "=", "+", "-", ".", "\\cdot",
      "\\times", "\\odot", "\\otimes", "V", "W", "U", "W^T", "W^{\\top}", "s_{t}", "s_{t-1}", "S_{t}", "x_{t+1}",
      "h_{t}", "W_{hh}", "y", "(", ")", "{", "}", "\\left(", "\\right)", "^", "_", "^T", "\\sum_{k=1}^{N}",
      "\\prod_{j}", "\\operatorname{diag}(", "\\operatorname{diag}", "1 - s_t^2", "o_{t+1} - y_{t+1}", "&", "\\\\",
      "\\small", "\\large", "\\,", "\\begin{aligned}", "\\end{aligned}", "\\begin{align}", "\\end{align}", "\\tanh",
      "tanh(z_t)", "softmax(q_t)", "f'(z_t)", "\\sigma'", "0.25", "42", "s_{t-999999}", "E_{t}", "\\delta_k",
      "'", "%", "\\", "$", "\\frac", "\\frac{", "\\mathbf{x}", "\\hat{y}", "\\text{diag}", "|", "[", "]", ",",
      // the gated cells' names, so that random documents also reach the adjoint judge
      "\\frac{\\partial E}{\\partial c_k}", "\\frac{\\partial E_{t+1}}{\\partial h_{k-1}}",
      "\\frac{\\partial c_{k}}{\\partial c_{k-1}}", "\\frac{\\partial E}{\\partial U_f}", "f_{k+1}", "c_{t-1}", "W_i",
      "U_f", "b_g", "\\sigma(", "\\prod_{j=k+1}^{t+1}", "\\sum_{k=t-1}^{t+1}", "r_k", "n_k", "z_{k}", "g_t", "i_t");
  private static final List<String> OPEN = List.of("$$", "$", "\\[", "\\begin{equation}", "\\begin{align}", "```math\n");
  private static final List<String> CLOSE = List.of("$$", "$", "\\]", "\\end{equation}", "\\end{align}", "\n```");

  private RandomLatex() {}

  static String formula(Random r) {
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(40);
    for (int i = 0; i < n; i++) {
      b.append(PIECES.get(r.nextInt(PIECES.size())));
      b.append(r.nextInt(5) == 0 ? "\n" : " ");
    }
    return b.toString();
  }

  static String document(Random r) {
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(OPEN.size());
      b.append("Some prose; the sigmoid's derivative is less than 0.25 maybe.\n".substring(0, r.nextInt(20)));
      b.append(OPEN.get(k)).append(formula(r));
      if (r.nextInt(8) != 0) {
        b.append(CLOSE.get(k));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
