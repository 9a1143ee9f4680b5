/**
 * {@code unroll verify}: reads a derivation a person wrote (Markdown, Jupyter notebook or LaTeX),
 * parses its mathematics into {@link dev.unroll.expr.Expr}, and judges each claim against the
 * engine's own derivation ({@code unroll} + {@code derive}), term by term and factor by factor, in
 * the convention the author uses. Pipeline: {@link dev.unroll.verify.DocumentReader} (file to
 * segments) -> {@link dev.unroll.verify.MathExtractor} (segments to math spans and prose) ->
 * {@link dev.unroll.verify.TexParser} (span to expressions) -> {@link dev.unroll.verify.Verifier}
 * (expressions to findings). Imports {@code expr}, {@code cell}, {@code unroll}, {@code derive} and,
 * for computable prose claims, {@code symbolic.ActivationBounds}; never Symja itself.
 */
package dev.unroll.verify;
