/**
 * {@code unroll verify}: reads a derivation a person wrote (Markdown, Jupyter notebook or LaTeX),
 * parses its mathematics into {@link dev.unroll.expr.Expr}, and judges each claim against the
 * engine's own derivation ({@code unroll} + {@code derive}), term by term and factor by factor, in
 * the convention the author uses.
 *
 * <p>Pipeline: {@link dev.unroll.verify.DocumentReader} (file to {@link dev.unroll.verify.Segment}s;
 * a notebook's Markdown cells map each source line to the line of the {@code .ipynb} holding its
 * JSON string) -> {@link dev.unroll.verify.MathExtractor} (segments to math spans and prose) ->
 * {@link dev.unroll.verify.TexParser} (span to statements of expressions; the Deep Learning book's
 * {@code \nabla_{x} L} is the partial, its indicator {@code \mathbf{1}_{i = y^{(t)}}} the one-hot target,
 * {@link dev.unroll.verify.Indicators}; then, deciding from the whole document, SuperscriptTimes reads
 * {@code h^3} as a stage where time is a superscript and DifferentialNames {@code \mathrm{d}z^{<t>}} as one name) ->
 * {@link dev.unroll.verify.NetworkReader} (the document's own forward equations to the notation it is
 * judged in: the author's names mapped onto the cell; a gated, stacked or otherwise non-standard network is
 * built by {@link dev.unroll.verify.CellReader} into a cell definition of its own, parsed from the
 * {@code .cell} text {@link dev.unroll.verify.CellText} writes, gate arguments the text names ({@code a^i_t})
 * made values by GateArguments, with row vectors and bars as gradients read
 * where the author uses them; {@link dev.unroll.verify.NetworkSections} starts a new network at each block of
 * forward equations, and {@link dev.unroll.verify.Section} holds each section's network and its judges) ->
 * {@link dev.unroll.verify.Verifier} (statements to {@link dev.unroll.verify.Finding}s): network
 * equations against the cell (NetworkCheck); the simple RNN's gradient claims against the expanded
 * derivation (ClaimJudge, TermJudge); adjoint-form claims of any cell, the LSTM's and the GRU's
 * above all, evaluated in one seeded network (AdjointClaims, with StageFrame mapping the author's
 * times to stages, NumericWorld holding every value and adjoint, ClaimEvaluation, TermMatch; a failed
 * claim's slip named by Repairs (with WrittenSeries for a sum written one term per stage), WrongFactor,
 * MislabelledGradient (another weight's gradient) and, for a one-step Jacobian's left-out paths, MissingTerms,
 * for a node's own equation less one term, DroppedTerms; a sum over every step corrected as one, GradientSeries);
 * a state's Jacobian across several stages (JacobianClaims, Jacobians);
 * gradient-so-far chains against the prose's "flows through" (GradientSoFar); then, where the
 * document writes its own network and loss, every derivative claim and every ad hoc delta again in
 * that network taken literally (AuthorNetwork, Pass and AuthorFormula evaluate the author's
 * equations with finite-difference gradients; AdHocDeltas values and binds {@code \delta^{raw}_t},
 * {@code \delta 7}, {@code \mathrm{d}a_t}, {@code g_t = \partial L/\partial h_t}; AuthorClaims judges
 * and diagnoses: wrong delta, left side, transpose, power, elementwise, extra term (ExtraTerms), within the
 * stages a condition beside the claim allows (StageConditions); NormBounds judges bounds on a Jacobian's norm
 * across stages, refuted by a counterexample among seeded instances and confirmed only where proved),
 * whose verdict replaces the others' in the spans it judges (OwnNetworkPass); a Jacobian written as its own
 * diagonal is said to be taken elementwise (DiagonalJacobian); and bounds on an
 * activation's derivative in the prose or written as mathematics ({@code symbolic.ActivationBounds}).
 * An error is only said of a false claim; a name that cannot be mapped is a warning
 * ({@link dev.unroll.verify.UnknownSymbols}). {@link dev.unroll.verify.Outcomes} gives every math span
 * exactly one {@link dev.unroll.verify.Outcome} (confirmed, wrong, not judged with its reason), which
 * the {@link dev.unroll.verify.Report}'s exit code and summary count.
 *
 * <p>Imports {@code expr}, {@code cell}, {@code unroll}, {@code derive}, {@code numeric} (the
 * forward and backward passes and the evaluator of engine expressions), {@code render} (the right
 * LaTeX of a correction comes from {@code render.LatexWriter}) and {@code symbolic} (the cached local
 * derivatives and {@code ActivationBounds}); never Symja itself.
 */
package dev.unroll.verify;
