package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.Declaration;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.derive.LossKind;
import dev.unroll.derive.StatePaths;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import dev.unroll.unroll.Node;
import dev.unroll.unroll.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Judges a state's Jacobian across several stages, {@code \partial c_t/\partial c_k = \prod_{j=k+1}^{t}
 * \operatorname{diag}(f_j)}: the whole derivative of the later value by the earlier one, along every
 * path of the unrolled network (through {@code h} and the gates as well as along c's own chain),
 * computed by carrying tangents forward from {@code c_k} through the seeded network's gates, at every
 * setting of the two times with {@code k < t}. The forget gates' product alone is the share along the
 * state's own path: said so, with the routes it leaves out named as missing terms, unless the prose
 * before it says it follows that path only.
 */
final class JacobianClaims {
  private final Notation notation;
  private final CellDefinition cell;
  private final LocalCalculus calculus;
  private final OptionalInt steps;

  JacobianClaims(Notation notation, CellDefinition cell, LocalCalculus calculus, OptionalInt steps) {
    this.notation = notation;
    this.cell = cell;
    this.calculus = calculus;
    this.steps = steps;
  }

  /** A claim about {@code \partial c_t/\partial c_k}, both times free, read by this judge. */
  Optional<AdjointClaims.Claim> read(Expr lhs, Expr rhs) {
    if (!(lhs instanceof Expr.Partial p) || !(p.of() instanceof Expr.Symbol of) || !(p.by() instanceof Expr.Symbol by)
        || of.time().isEmpty() || by.time().isEmpty() || of.time().get().variable().equals(by.time().get().variable())) {
      return Optional.empty();
    }
    Optional<Expr.Symbol> o = notation.resolve(of);
    Optional<Expr.Symbol> b = notation.resolve(by);
    if (o.isEmpty() || b.isEmpty() || !o.get().name().equals(b.get().name())
        || !cell.declaration(b.get().name()).map(d -> d.kind() == Declaration.Kind.STATE).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(new AdjointClaims.Claim(AdjointClaims.Kind.STEP, new Expr.Symbol(cell.loss(), Optional.empty(),
        Expr.Role.LOSS), b.get(), false, lhs, rhs));
  }

  List<Finding> judge(AdjointClaims.Claim c, Function<Expr, Position> where, String prose) {
    Position at = where.apply(c.lhs());
    Expr.Partial p = (Expr.Partial) c.lhs();
    Expr.Symbol later = notation.resolve((Expr.Symbol) p.of()).orElseThrow();
    Expr.Symbol earlier = c.target();
    int n = steps.orElse(4);
    NumericWorld world;
    try {
      world = new NumericWorld(cell, n, LossKind.TOTAL, calculus);
    } catch (IllegalArgumentException e) {
      return List.of(Finding.at(at, Severity.WARNING, "not checked: " + e.getMessage()));
    }
    StageFrame frame = new StageFrame(notation, new Expr.Symbol(cell.loss(), Optional.empty(), Expr.Role.LOSS));
    String tv = later.time().get().variable();
    String kv = earlier.time().get().variable();
    int first = world.graph().first().offset();
    int last = world.graph().last().offset();
    int readings = 0;
    double worst = 0;
    boolean own = true;
    for (int t = first; t <= last; t++) {
      for (int k = first - 1; k <= last; k++) {
        Map<String, Time> values = new LinkedHashMap<>();
        values.put(tv, Time.t(t - later.time().get().offset()));
        values.put(kv, Time.t(k - earlier.time().get().offset()));
        if (k >= t) {
          continue;
        }
        RealMatrix written;
        RealMatrix truth;
        try {
          written = world.evaluate(frame.engine(c.rhs(), values, world.graph().first(), world.graph().last()));
          truth = tangent(world, earlier.name(), Time.t(k), Time.t(t));
        } catch (NumericWorld.MissingStage e) {
          continue;
        } catch (RuntimeException e) {
          return List.of(Finding.at(at, Severity.WARNING, "could not evaluate this claim on random weights: "
              + e.getMessage() + "."));
        }
        if (written.getRowDimension() == 1 && written.getColumnDimension() == 1 && truth.getRowDimension() > 1) {
          written = MatrixUtils.createRealIdentityMatrix(truth.getRowDimension()).scalarMultiply(written.getEntry(0, 0));
        }
        readings++;
        double d = ClaimEvaluation.difference(written, truth);
        worst = Math.max(worst, d);
        own &= ClaimEvaluation.difference(written, ownPath(world, earlier.name(), k, t)) <= AdjointClaims.TOLERANCE;
      }
    }
    String what = WrittenTex.of(c.lhs());
    if (readings == 0) {
      return List.of(Finding.at(at, Severity.WARNING, "not checked: no two stages of a " + n + "-stage network have every"
          + " value this formula names."));
    }
    if (worst <= AdjointClaims.TOLERANCE) {
      return List.of(Finding.at(at, Severity.NOTE, "confirmed: " + what + ", evaluated on random weights at " + readings
          + " pairs of stages of a " + n + "-stage network."));
    }
    if (own) {
      String state = WrittenTex.of(new Expr.Symbol(notation.spell(earlier.name()), Optional.empty(), Expr.Role.STATE));
      if (AdjointClaims.ONE_PATH.matcher(prose).find()) {
        return List.of(Finding.at(at, Severity.NOTE, "confirmed: the share of " + what + " along the own path of " + state
            + " only, as the prose says; the whole of it adds the routes through the other values."));
      }
      return List.of(Finding.at(at, Severity.ERROR, "this is only the share of " + what + " along the own path of " + state
          + " (the product of the gates it is multiplied by, such as the forget gate): the routes through the other values"
          + " of the cell are missing terms, and on random weights the whole Jacobian differs from it (relative difference "
          + String.format(Locale.ROOT, "%.1e", worst) + "); if that share is meant, say so in the text before it (\"along"
          + " its own path only\")."));
    }
    return List.of(Finding.at(at, Severity.ERROR, "this is not " + what + ": on random weights the two sides differ (relative"
        + " difference " + String.format(Locale.ROOT, "%.1e", worst) + ", over every path of the unrolled network)."));
  }

  /** The product of the one-step Jacobians along the state's own path from stage k to stage t, rows first. */
  private static RealMatrix ownPath(NumericWorld world, String state, int k, int t) {
    RealMatrix out = null;
    for (int j = k + 1; j <= t; j++) {
      RealMatrix step = world.evaluate(world.paths().step(world.graph(), state, Time.t(j), StatePaths.Family.OWN_CHAIN))
          .transpose();
      out = out == null ? ClaimEvaluation.dense(step) : ClaimEvaluation.dense(step).multiply(out);
    }
    return out;
  }

  /** {@code \partial v_t/\partial v_k} along every path, rows first: tangents carried forward gate by gate. */
  static RealMatrix tangent(NumericWorld world, String state, Time from, Time to) {
    Node start = world.node(state, from);
    Node end = world.node(state, to);
    int size = world.value(start).getDimension();
    Map<Integer, RealMatrix> d = new LinkedHashMap<>();
    d.put(start.id(), MatrixUtils.createRealIdentityMatrix(size));
    for (Node node : world.graph().nodes().subList(start.id() + 1, end.id() + 1)) {
      RealMatrix j = step(world, node, d, size);
      if (j != null) {
        d.put(node.id(), j);
      }
    }
    RealMatrix out = d.get(end.id());
    return out == null ? MatrixUtils.createRealMatrix(world.value(end).getDimension(), size) : out;
  }

  private static RealMatrix step(NumericWorld world, Node node, Map<Integer, RealMatrix> d, int size) {
    List<RealMatrix> in = new ArrayList<>();
    boolean any = false;
    for (Node i : node.inputs()) {
      RealMatrix m = d.get(i.id());
      in.add(m);
      any |= m != null;
    }
    if (!any) {
      return null;
    }
    Op op = node.op();
    switch (op) {
      case MATMUL:
        RealMatrix w = world.evaluate(Expr.Symbol.param(node.input(0).name().orElseThrow().name()));
        return w.multiply(in.get(1));
      case ADD: {
        RealMatrix sum = null;
        for (RealMatrix m : in) {
          if (m != null) {
            sum = sum == null ? m : sum.add(m);
          }
        }
        return sum;
      }
      case NEGATE:
        return in.get(0).scalarMultiply(-1);
      case HADAMARD: {
        RealMatrix out = null;
        for (int i = 0; i < 2; i++) {
          if (in.get(i) != null) {
            RealVector other = world.value(node.input(1 - i));
            RealMatrix term = MatrixUtils.createRealDiagonalMatrix(other.toArray()).multiply(in.get(i));
            out = out == null ? term : out.add(term);
          }
        }
        return out;
      }
      case ACTIVATION: {
        RealVector y = world.value(node);
        RealVector z = world.value(node.input(0));
        double[] g = new double[y.getDimension()];
        for (int i = 0; i < g.length; i++) {
          g[i] = switch (node.function()) {
            case "tanh" -> 1 - y.getEntry(i) * y.getEntry(i);
            case "sigmoid" -> y.getEntry(i) * (1 - y.getEntry(i));
            case "identity" -> 1;
            case "relu" -> z.getEntry(i) > 0 ? 1 : 0;
            default -> throw new IllegalArgumentException("the activation " + node.function() + " has no derivative here");
          };
        }
        return MatrixUtils.createRealDiagonalMatrix(g).multiply(in.get(0));
      }
      case SOFTMAX, CROSSENTROPY:
        return null; // the output layer feeds no later state
      default:
        throw new IllegalArgumentException("a Jacobian across stages does not pass through " + op);
    }
  }
}
