package dev.unroll.render;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import dev.unroll.cell.Equation;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import dev.unroll.unroll.UnrolledGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parts of a lesson's program that do not depend on which form of the gradient it computes: the
 * seeded weights and data, the activations (from the engine's reading of their definitions), the
 * forward pass (the cell's own equations, one stage after another), the two losses, the comparison of
 * every derived form with central finite differences, and the optional comparison with PyTorch's
 * autograd. Every expression goes through {@link NumpyWriter}.
 *
 * <p>Deterministic: weights from {@code np.random.default_rng(SEED)} in the cell's declaration order,
 * printed numbers in fixed formats.
 */
final class NumpyNetwork {
  static final long SEED = 1;
  /** Sizes of the seeded network: the numeric check's, any other size letter 3. */
  static final Map<String, Integer> SIZES = Map.of("H", 4, "D", 3, "K", 3);
  /** Largest relative difference of a derived form from finite differences (and from autograd) the code accepts. */
  static final String TOLERANCE = "1e-6";

  private final UnrolledGraph graph;
  private final LocalCalculus calculus;
  private final NumpyWriter py;
  private final NumpyWriter arrays;

  NumpyNetwork(UnrolledGraph graph, LocalCalculus calculus) {
    this.graph = graph;
    this.calculus = calculus;
    this.py = new NumpyWriter(activations(), symbols());
    this.arrays = py.forArrays();
  }

  NumpyWriter writer() {
    return py;
  }

  private CellDefinition cell() {
    return graph.cell();
  }

  /** Every name the cell gives a value: declarations, equation targets, the loss. */
  private Set<String> symbols() {
    Set<String> out = new TreeSet<>();
    cell().declarations().forEach(d -> out.add(d.name()));
    graph.equations().forEach(e -> out.add(e.target().name()));
    out.add(cell().loss());
    return out;
  }

  /** The activations the equations apply, in the order they first appear. */
  private Set<String> activations() {
    Set<String> out = new LinkedHashSet<>();
    for (Equation e : graph.equations()) {
      Rewrite.bottomUp(e.definition(), x -> {
        if (x instanceof Expr.Apply a && cell().activations().containsKey(a.function())) {
          out.add(a.function());
        }
        return x;
      });
    }
    return out;
  }

  /** Imports, sizes, seeded weights and data, and the functions the forward pass applies. */
  String setup() {
    int n = graph.steps();
    StringBuilder out = new StringBuilder("import numpy as np\n\n");
    out.append("# The lesson's ").append(n == 1 ? "stage is t+1" : n + " stages run from " + dev.unroll.expr.Time.t(2 - n).spelled()
        + " to t+1").append(". t is a number here, so s[t-1] is the lesson's s_{t-1}.\n")
        .append("N = ").append(n).append("\nt = N - 1\nSTAGES = range(t+2-N, t+2)  # oldest first, as the forward pass runs\n");
    Map<String, Integer> sizes = new TreeMap<>();
    cell().declarations().forEach(d -> d.shape().forEach(letter -> sizes.put(letter, SIZES.getOrDefault(letter, 3))));
    out.append("SIZES = {");
    List<String> entries = new ArrayList<>();
    sizes.forEach((k, v) -> entries.add("\"" + k + "\": " + v));
    out.append(String.join(", ", entries)).append("}\n");
    out.append("rng = np.random.default_rng(").append(SEED).append(")\n\n");
    out.append("# The cell's weights, seeded and small; a bias is a column.\nP = {\n");
    for (Declaration d : cell().declarations(Declaration.Kind.PARAM)) {
      out.append("    \"").append(d.name()).append("\": 0.5 * rng.standard_normal(").append(shape(d)).append("),\n");
    }
    out.append("}\n");
    out.append("# Each stage's input and one-hot target, and the states before the first stage.\n");
    for (Declaration d : cell().declarations(Declaration.Kind.INPUT)) {
      out.append(NumpyWriter.name(d.name())).append(" = {k: rng.standard_normal(").append(shape(d)).append(") for k in STAGES}\n");
    }
    for (Declaration d : cell().declarations(Declaration.Kind.TARGET)) {
      String size = "SIZES[\"" + d.shape().get(0) + "\"]";
      out.append(NumpyWriter.name(d.name())).append(" = {k: np.eye(").append(size).append(")[:, [rng.integers(").append(size)
          .append(")]] for k in STAGES}\n");
    }
    out.append("initial = {");
    List<String> states = new ArrayList<>();
    for (Declaration d : cell().declarations(Declaration.Kind.STATE)) {
      states.add("\"" + d.name() + "\": 0.5 * rng.standard_normal(" + shape(d) + ")");
    }
    out.append(String.join(", ", states)).append("}\n");
    out.append("DATA = (").append(String.join(", ", data())).append(", initial)\n\n");
    out.append(functions());
    return out.toString();
  }

  private List<String> data() {
    List<String> out = new ArrayList<>();
    cell().declarations(Declaration.Kind.INPUT).forEach(d -> out.add(NumpyWriter.name(d.name())));
    cell().declarations(Declaration.Kind.TARGET).forEach(d -> out.add(NumpyWriter.name(d.name())));
    return out;
  }

  private static String shape(Declaration d) {
    String rows = "SIZES[\"" + d.shape().get(0) + "\"]";
    String cols = d.isMatrix() ? "SIZES[\"" + d.shape().get(1) + "\"]" : "1";
    return "(" + rows + ", " + cols + ")";
  }

  /** The activations as the engine reads their definitions, softmax and cross-entropy computed stably. */
  private String functions() {
    StringBuilder out = new StringBuilder();
    Expr z = Expr.Symbol.param("z");
    for (String a : activations()) {
      String definition = cell().activations().get(a).definition();
      out.append("def ").append(NumpyWriter.name(a)).append("(z, xp=np):\n")
          .append("    \"\"\"").append(a).append("(z) = ").append(definition.replace("\\", "\\\\"))
          .append(", elementwise, as the engine reads it.\"\"\"\n")
          .append("    return ").append(py.forDefinitions().write(calculus.activation(a, z))).append("\n\n\n");
    }
    out.append("""
        def softmax(q, xp=np):
            \"\"\"exp(q) / sum(exp(q)), shifted by max(q) so that no exponential overflows.\"\"\"
            e = xp.exp(q - q.max())
            return e / e.sum()


        def cross_entropy_from_logits(q, y, xp=np):
            \"\"\"-y^T log softmax(q) for a one-hot y, as log-sum-exp(q) - y^T q: no probability is rounded to 0.\"\"\"
            m = q.max()
            return m + xp.log(xp.exp(q - m).sum()) - (y.T @ q).sum()


        def cross_entropy(o, y, xp=np):
            \"\"\"-y^T log o.\"\"\"
            return -(y.T @ xp.log(o)).sum()


        def mprod(*factors):
            \"\"\"The matrix product of the factors in order, taken from the right (a number multiplies).\"\"\"
            out = 1.0
            for f in reversed(factors):
                out = f @ out if np.ndim(f) and np.ndim(out) else f * out
            return out
        """);
    return out.toString();
  }

  /** The forward pass: the cell's equations at every stage, then the two losses a gradient can be of. */
  String forward() {
    StringBuilder out = new StringBuilder();
    List<String> params = cell().declarations(Declaration.Kind.PARAM).stream().map(d -> NumpyWriter.name(d.name())).toList();
    List<String> values = new ArrayList<>();
    cell().declarations(Declaration.Kind.STATE).forEach(d -> values.add(NumpyWriter.name(d.name())));
    graph.equations().forEach(e -> {
      String name = NumpyWriter.name(e.target().name());
      if (!values.contains(name)) {
        values.add(name);
      }
    });
    out.append("def forward(P, ").append(String.join(", ", data())).append(", initial, xp=np):\n")
        .append("    \"\"\"The cell's equations at every stage, oldest first; every value by name, then by stage.\"\"\"\n")
        .append("    ").append(String.join(", ", params)).append(" = ")
        .append(String.join(", ", params.stream().map(p -> "P[\"" + p + "\"]").toList())).append("\n")
        .append("    ").append(String.join(", ", values)).append(" = ")
        .append(String.join(", ", values.stream().map(v -> "{}").toList())).append("\n");
    for (Declaration d : cell().declarations(Declaration.Kind.STATE)) {
      out.append("    ").append(NumpyWriter.name(d.name())).append("[STAGES[0]-1] = initial[\"").append(d.name()).append("\"]\n");
    }
    out.append("    for t in STAGES:\n");
    Map<String, Expr> logits = new LinkedHashMap<>();
    for (Equation e : graph.equations()) {
      if (e.definition() instanceof Expr.Apply a && a.function().equals("softmax")) {
        logits.put(e.target().name(), a.arguments().get(0));
      }
      out.append("        ").append(arrays.assign(e.target(), stable(e.definition(), logits))).append("\n");
    }
    out.append("    return {").append(String.join(", ", values.stream().map(v -> "\"" + v + "\": " + v).toList()))
        .append("}\n\n\n");
    String loss = NumpyWriter.name(cell().loss());
    out.append("def loss_last(P, xp=np, data=DATA):\n")
        .append("    \"\"\"").append(cell().loss()).append("_{t+1}, the newest stage's loss.\"\"\"\n")
        .append("    return forward(P, *data, xp=xp)[\"").append(loss).append("\"][t+1]\n\n\n")
        .append("def loss_total(P, xp=np, data=DATA):\n")
        .append("    \"\"\"").append(cell().loss()).append(", the sum of every stage's loss.\"\"\"\n")
        .append("    ").append(loss).append(" = forward(P, *data, xp=xp)[\"").append(loss).append("\"]\n")
        .append("    return sum(").append(loss).append("[k] for k in STAGES)\n\n\n");
    out.append("# One forward pass with the seeded weights: the values every form of the gradient reads.\n")
        .append("values = forward(P, *DATA)\n")
        .append(String.join(", ", values)).append(" = ")
        .append(String.join(", ", values.stream().map(v -> "values[\"" + v + "\"]").toList())).append("\n")
        .append(String.join(", ", params)).append(" = ")
        .append(String.join(", ", params.stream().map(p -> "P[\"" + p + "\"]").toList())).append("\n")
        .append("derived = []  # (form, gradient, parameter, loss): what the last cells compare\n")
        .append("print(f\"").append(cell().loss()).append("_{{t+1}} = {loss_last(P):.6f}, ").append(cell().loss())
        .append(" = {loss_total(P):.6f}\")\n");
    return out.toString();
  }

  /** Cross-entropy of a softmax output is computed from the logits (log-sum-exp), never from log of the probabilities. */
  private static Expr stable(Expr definition, Map<String, Expr> logits) {
    return Rewrite.bottomUp(definition, x -> {
      if (x instanceof Expr.Apply a && a.function().equals("crossentropy") && a.arguments().size() == 2) {
        Expr o = a.arguments().get(0);
        if (o instanceof Expr.Symbol s && logits.containsKey(s.name())) {
          Expr q = Rewrite.retime(logits.get(s.name()), dev.unroll.expr.Time.t(0), s.time().orElseThrow());
          return new Expr.Apply("cross_entropy_from_logits", List.of(q, a.arguments().get(1)));
        }
        return new Expr.Apply("cross_entropy", a.arguments());
      }
      return x;
    });
  }

  /** Central finite differences of the right loss for every derived form; prints each difference, raises on any above the tolerance. */
  String check() {
    return """
        def finite_differences(loss, name, h=1e-5):
            \"\"\"(loss(P + h e_i) - loss(P - h e_i)) / 2h for every entry i of the weight called name.\"\"\"
            grad = np.zeros_like(P[name])
            for index in np.ndindex(P[name].shape):
                Q = {key: value.copy() for key, value in P.items()}
                Q[name][index] += h
                up = loss(Q)
                Q[name][index] -= 2 * h
                grad[index] = (up - loss(Q)) / (2 * h)
            return grad


        def relative_difference(a, b):
            \"\"\"|a - b| / max(|a|, |b|) in the Frobenius norm; 0 when both are 0.\"\"\"
            scale = max(np.linalg.norm(a), np.linalg.norm(b))
            return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


        TOLERANCE = %s
        references = {}
        worst = 0.0
        for form, gradient, name, loss in derived:
            if (name, loss) not in references:
                references[name, loss] = finite_differences(loss, name)
            difference = relative_difference(gradient, references[name, loss])
            worst = max(worst, difference)
            print(f"{form}, d{'%s' if loss is loss_total else '%s_{t+1}'}/d{name}: {difference:.1e}")
        print(f"worst relative difference from central finite differences: {worst:.1e} (tolerance {TOLERANCE:.0e})")
        if not worst <= TOLERANCE:
            raise AssertionError(f"A derived form disagrees with finite differences: {worst:.1e} > {TOLERANCE:.0e}.")
        """.formatted(TOLERANCE, cell().loss(), cell().loss());
  }

  /** The same forms against PyTorch's autograd, when PyTorch can be imported; otherwise says so and passes. */
  String autograd() {
    return """
        try:
            import torch
        except ImportError:
            torch = None
        if torch is None:
            print("PyTorch is not installed here, so autograd is not compared; the finite differences above checked every form.")
        else:
            class TorchArrays:
                \"\"\"NumPy's names for the array functions the forward pass uses, on PyTorch tensors.\"\"\"

                def __getattr__(self, name):
                    return getattr(torch, name)

                @staticmethod
                def maximum(a, b):
                    return torch.maximum(torch.as_tensor(a, dtype=torch.float64), torch.as_tensor(b, dtype=torch.float64))

                @staticmethod
                def minimum(a, b):
                    return torch.minimum(torch.as_tensor(a, dtype=torch.float64), torch.as_tensor(b, dtype=torch.float64))

            data_t = tuple({k: torch.tensor(v, dtype=torch.float64) for k, v in d.items()} for d in DATA)
            worst_autograd = 0.0
            for form, gradient, name, loss in derived:
                Pt = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in P.items()}
                (g,) = torch.autograd.grad(loss(Pt, TorchArrays(), data_t), Pt[name])
                worst_autograd = max(worst_autograd, relative_difference(gradient, g.detach().numpy()))
            print(f"worst relative difference from PyTorch's autograd: {worst_autograd:.1e} (tolerance {TOLERANCE:.0e})")
            if not worst_autograd <= TOLERANCE:
                raise AssertionError(f"A derived form disagrees with autograd: {worst_autograd:.1e} > {TOLERANCE:.0e}.")
        """;
  }
}
