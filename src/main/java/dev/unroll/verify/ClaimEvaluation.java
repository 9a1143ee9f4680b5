package dev.unroll.verify;

import dev.unroll.derive.StatePaths;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.RealMatrix;

/**
 * Both sides of one {@link AdjointClaims.Claim} at every reading of its free time variables (each set
 * to every stage of the network in turn): how many readings had every value the claim names, which
 * failed, the worst relative difference, and whether the written side is the transpose of the truth
 * everywhere (a Jacobian written the other way round).
 */
final class ClaimEvaluation {
  /** The most settings of the free variables one claim is evaluated at. */
  static final int MAX_READINGS = 100;

  /** Both sides evaluate, to matrices of different shapes: the claim is wrong, not unreadable. */
  static final class ShapeMismatch extends IllegalArgumentException {
    ShapeMismatch(String message) {
      super(message);
    }
  }

  private final AdjointClaims.Claim claim;
  private final StageFrame frame;
  private final NumericWorld world;
  private final List<String> free;
  int instances;
  double worst;
  boolean transposedAgrees = true;
  /**
   * Every failing reading's written side is a diagonal matrix holding exactly the diagonal of a Jacobian
   * that is not diagonal: the derivative taken entry by entry, its cross terms lost ({@link DiagonalJacobian}).
   */
  boolean onlyDiagonal = true;
  final List<Map<String, Time>> failed = new ArrayList<>();
  final Map<Map<String, Time>, RealMatrix> written = new LinkedHashMap<>();

  ClaimEvaluation(AdjointClaims.Claim claim, StageFrame frame, NumericWorld world, List<String> free) {
    this.claim = claim;
    this.frame = frame;
    this.world = world;
    this.free = free;
  }

  void run() {
    for (Map<String, Time> values : readings()) {
      RealMatrix truth;
      RealMatrix got;
      try {
        truth = truth(values);
        got = world.evaluate(frame.engine(claim.rhs(), values, world.graph().first(), world.graph().last()));
      } catch (NumericWorld.MissingStage e) {
        continue;
      } catch (dev.unroll.numeric.ShapeException e) {
        if (java.util.regex.Pattern.compile("\\d+ x [2-9]").matcher(e.shapes()).find()) {
          // A matrix met a vector: as likely a product the reader took the wrong way (a row-vector
          // convention, a dropped transpose in the reading) as the author's mistake, so not said to be false.
          throw new IllegalArgumentException("as read, it combines " + e.shapes() + ", which may be a convention"
              + " this reader does not follow");
        }
        throw new ShapeMismatch("the right side cannot be computed: it has " + e.shapes()
            + " (with H = 3 hidden units, D = 2 inputs, K = 4 outputs)");
      }
      if (got.getRowDimension() == 1 && got.getColumnDimension() == 1 && truth.getRowDimension() > 1
          && truth.getRowDimension() == truth.getColumnDimension()) {
        // A number where a square matrix is claimed: that many times the identity (W^0, an empty product).
        got = org.hipparchus.linear.MatrixUtils.createRealIdentityMatrix(truth.getRowDimension()).scalarMultiply(got.getEntry(0, 0));
      }
      if (got.getColumnDimension() == 1 && got.getRowDimension() > 1 && truth.getColumnDimension() == got.getRowDimension()
          && truth.getRowDimension() == got.getRowDimension()) {
        // A vector where a square Jacobian is claimed: the elementwise convention for a diagonal one.
        if (!diagonal(truth)) {
          throw new ShapeMismatch("the right side is a vector, an elementwise derivative, where the left side is a full "
              + truth.getRowDimension() + " x " + truth.getColumnDimension() + " matrix that is not diagonal: treated "
              + "elementwise, it loses every entry off the diagonal");
        }
        truth = org.hipparchus.linear.MatrixUtils.createColumnRealMatrix(diagonalOf(truth));
      }
      if (got.getRowDimension() == 1 && truth.getColumnDimension() == 1 && truth.getRowDimension() > 1
          && got.getColumnDimension() == truth.getRowDimension()) {
        // A scalar's gradient written as a row (numerator layout, as notes that chain Jacobians left to right
        // write it, (\hat y - y)^\top U): the same numbers in the author's convention.
        got = got.transpose();
      }
      if (got.getRowDimension() != truth.getRowDimension() || got.getColumnDimension() != truth.getColumnDimension()) {
        throw new ShapeMismatch("the right side is a " + got.getRowDimension() + " x " + got.getColumnDimension()
            + " matrix where the left side is " + truth.getRowDimension() + " x " + truth.getColumnDimension()
            + " (with H = 3 hidden units, D = 2 inputs, K = 4 outputs)");
      }
      instances++;
      written.put(values, got);
      double d = difference(got, truth);
      transposedAgrees &= truth.getRowDimension() == truth.getColumnDimension()
          && difference(got, truth.transpose()) <= AdjointClaims.TOLERANCE;
      if (d > AdjointClaims.TOLERANCE) {
        onlyDiagonal &= DiagonalJacobian.isDiagonalOf(got, truth);
        failed.add(values);
        worst = Math.max(worst, d);
      }
    }
  }

  private RealMatrix truth(Map<String, Time> values) {
    Expr target = frame.engine(claim.target(), values, world.graph().first(), world.graph().last());
    if (claim.kind() == AdjointClaims.Kind.GRADIENT) {
      return world.gradient(claim.target().name());
    }
    if (claim.kind() == AdjointClaims.Kind.JACOBIAN) {
      Expr bare = claim.lhs() instanceof Expr.Transpose t ? t.operand() : claim.lhs();
      Expr.Partial p = (Expr.Partial) frame.engine(bare, values, world.graph().first(), world.graph().last());
      Time of = ((Expr.Symbol) p.of()).time().orElseThrow();
      Time by = ((Expr.Symbol) p.by()).time().orElseThrow();
      if (of.offset() < by.offset() || of.equals(by) && ((Expr.Symbol) p.of()).name().equals(((Expr.Symbol) p.by()).name())) {
        // A later value's derivative by an earlier one only: the written products and powers mean nothing else.
        throw new NumericWorld.MissingStage("an earlier value by a later one");
      }
      RealMatrix m = world.partial(p);
      return claim.transposed() ? m.transpose() : m;
    }
    Expr.Symbol s = (Expr.Symbol) target;
    if (claim.kind() == AdjointClaims.Kind.ADJOINT) {
      return world.adjoint(s.name(), s.time().orElseThrow());
    }
    world.node(s.name(), s.time().orElseThrow().plus(-1));
    RealMatrix column = world.evaluate(world.paths().step(world.graph(), s.name(), s.time().orElseThrow(),
        StatePaths.Family.ALL_ROUTES));
    return claim.transposed() ? column : column.transpose();
  }

  /** Every setting of the free variables to stages of the network; with two over many stages, a selection under a second. */
  private List<Map<String, Time>> readings() {
    return Readings.of(free, java.util.stream.IntStream.rangeClosed(world.graph().first().offset(),
        world.graph().last().offset()).mapToObj(Time::t).toList(), MAX_READINGS);
  }

  private static boolean diagonal(RealMatrix m) {
    for (int r = 0; r < m.getRowDimension(); r++) {
      for (int c = 0; c < m.getColumnDimension(); c++) {
        if (r != c && Math.abs(m.getEntry(r, c)) > 1e-12 * m.getFrobeniusNorm()) {
          return false;
        }
      }
    }
    return true;
  }

  /** The diagonal of a square matrix, as the vector an elementwise convention writes for it. */
  static double[] diagonalOf(RealMatrix m) {
    double[] d = new double[m.getRowDimension()];
    for (int i = 0; i < d.length; i++) {
      d[i] = m.getEntry(i, i);
    }
    return d;
  }

  static double difference(RealMatrix got, RealMatrix want) {
    if (got.getRowDimension() != want.getRowDimension() || got.getColumnDimension() != want.getColumnDimension()) {
      return Double.POSITIVE_INFINITY;
    }
    double norm = want.getFrobeniusNorm();
    double diff = dense(got).subtract(dense(want)).getFrobeniusNorm();
    return norm < 1e-300 ? diff : diff / norm;
  }

  /** A plain copy: Hipparchus's diagonal matrix refuses a difference that is not diagonal. */
  static RealMatrix dense(RealMatrix m) {
    return org.hipparchus.linear.MatrixUtils.createRealMatrix(m.getData());
  }
}
