/**
 * {@code unroll verify}: reads a derivation a person wrote (Markdown, Jupyter notebook or LaTeX),
 * parses its mathematics into {@link dev.unroll.expr.Expr}, and judges each claim against the
 * engine's own derivation ({@code unroll} + {@code derive}), term by term and factor by factor, in
 * the convention the author uses.
 *
 * <p>Pipeline: {@link dev.unroll.verify.DocumentReader} (file to {@link dev.unroll.verify.Segment}s;
 * a notebook's Markdown cells map each source line to the line of the {@code .ipynb} holding its
 * JSON string) -> {@link dev.unroll.verify.MathExtractor} (segments to math spans and prose) ->
 * {@link dev.unroll.verify.TexParser} (span to statements of expressions) ->
 * {@link dev.unroll.verify.Verifier} (statements to {@link dev.unroll.verify.Finding}s): network
 * equations against the cell, derivative claims against the derivation (ClaimJudge, TermJudge),
 * gradient-so-far chains against the prose's "flows through" (GradientSoFar), and bounds on an
 * activation's derivative in the prose ({@code symbolic.ActivationBounds}).
 *
 * <p>Imports {@code expr}, {@code cell}, {@code unroll}, {@code derive}, {@code render} (the right
 * LaTeX of a correction comes from {@code render.LatexWriter}) and {@code symbolic.ActivationBounds};
 * never Symja itself.
 */
package dev.unroll.verify;
