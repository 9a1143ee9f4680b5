/**
 * The only package that imports Symja ({@code org.matheclipse}): the local derivatives of the gates
 * ({@link dev.unroll.symbolic.SymjaCalculus}, behind {@link dev.unroll.derive.LocalCalculus}) and the
 * cross-check of a derived sum or of a gated cell's adjoint equations against forward-mode
 * differentiation of the unrolled loss, gate by gate with Symja's {@code D}
 * ({@link dev.unroll.symbolic.SymbolicCrossCheck}, {@link dev.unroll.symbolic.ForwardTangents}). Symja's {@code IExpr} never leaves this package:
 * everything it returns is an {@link dev.unroll.expr.Expr} or a plain record. Imports {@code expr},
 * {@code cell}, {@code unroll} and {@code derive}.
 */
package dev.unroll.symbolic;
