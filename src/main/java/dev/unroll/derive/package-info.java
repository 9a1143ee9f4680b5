/**
 * Walks the unrolled graph backwards from a loss to a parameter and builds the chain-rule sum: one
 * {@link dev.unroll.derive.Term} per path, each a list of {@link dev.unroll.derive.Factor}s, plus the
 * walk itself as the lesson narrates it. The three notations of one derivation (chain, concrete,
 * matrix) are built here as expressions, as are the closed form of a long sum
 * ({@link dev.unroll.derive.ClosedForm}, from the recurrence between consecutive terms) and, for cells
 * whose routes multiply with every stage, the adjoint equations ({@link dev.unroll.derive.Adjoints})
 * and the gradient along one state ({@link dev.unroll.derive.StatePaths}). Imports {@code unroll}, {@code cell} and {@code expr}; local
 * derivatives arrive through {@link dev.unroll.derive.LocalCalculus}, which {@code symbolic}
 * implements, so nothing here imports Symja or knows about templates.
 */
package dev.unroll.derive;
