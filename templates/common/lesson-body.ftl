[#-- The words of a lesson, shared by the Markdown and LaTeX layouts, which define the macros
     heading, m (inline math), display, list, item, text, code, image and plot. Every formula below is a
     field of the view, typeset by the engine; this file only arranges them and adds prose. --]
[#assign isTotal = loss == "total"]
[@heading 1][@text title/]: [=steps] stage[#if steps != 1]s[/#if][/@heading]
This page derives [@m gradientTex/], the gradient of [#if isTotal]the total loss [@m lossTex/], summed over every stage,[#else]the loss [@m lossTex/] of the newest stage[/#if] with respect to the parameter [@m parameterTex/], for the [@text cellTitle?lower_case/] unrolled over [=steps] stage[#if steps != 1]s[/#if] with the [@text activation/] activation. Every formula on it was produced by the unroll engine from the cell's definition and then checked (see the last section).

[#if diagram?has_content][@image diagram "The network unrolled over " + steps + (steps == 1)?then(" stage", " stages")/][/#if]
[@heading 2]The network[/@heading]
One stage of the cell computes, from that stage's input and the state of the stage before:
[@display equations/]
Vectors are columns. The same weights serve every stage, which is why the gradient of a weight is a sum over stages. The target of each stage is one-hot, so the loss of a stage is the negative log of the probability the network gives the right class.

[@heading 2]Walking the graph backwards[/@heading]
We follow the gradient from the loss back through each gate of the unrolled graph. At every gate the gradient that arrives is multiplied by the gate's local gradient. At a multiplication gate the two inputs are treated differently: the input that is a weight receives the incoming gradient together with the other input, and the gradient that continues towards the earlier stages is multiplied by the weight. Each route from the loss to [@m parameterTex/] contributes one term.

The formulas in this section use the chain notation of the classic lesson: factors are written left to right in the order the walk meets them, separated by a dot. The section after the sum says exactly what that notation means and how to compute with it.

[#if isTotal]
The total loss adds one walk per stage's loss. Below is the walk from the newest loss, [@m walk[0].lossTex/]; the walk from an older stage's loss takes the same steps, starting that many stages further back.

[/#if]
[#if walkScope == "abridged"]
With [=steps] stages the walk is long, so it is shown for the newest three stages and the oldest one; every stage in between repeats the same steps one stage further back.

[#elseif walkScope == "newest"]
With [=steps] stages the walk is long, so it is shown for the newest stages only; every older stage repeats the same steps one stage further back, down to the oldest.

[/#if]
[#list walk as stage]
[@heading 3]Gradient of [@m parameterTex/] at stage [@m stage.stage/][#if isTotal], from [@m stage.lossTex/][/#if][/@heading]
[@list]
[#list stage.steps as s]
[@item]
[#if s.kind == "START"]
The loss [@m s.output/] reads the output [@m s.input/]. Its gradient [@m s.local/] is where the walk begins.
[#elseif s.kind == "LOCAL"]
The gate with input [@m s.input/] and output [@m s.output/] multiplies the incoming gradient by its local gradient [@m s.local/]. The gradient is now
[@display s.gradient/]
[#elseif s.kind == "THROUGH"]
A multiplication gate joins the weight [@m s.matrix/] and [@m s.other/]. The gradient heading for [@m s.other/] is the incoming one times [@m s.matrix/]:
[@display s.gradient/]
[#elseif s.kind == "FLOW"]
Past that gate, the rest of the gradient continues into [@m s.other/], multiplied by [@m s.matrix/]:
[@display s.gradient/]
[#elseif s.kind == "PARAMETER"]
[#if s.other?has_content]Here [@m s.matrix/] is an input of the multiplication gate. Its share of the gradient is the incoming gradient with the other input, [@m s.other/], attached at the end:[#else]Here [@m s.matrix/] is added directly, so its share of the gradient is the incoming gradient itself:[/#if]
[@display s.gradient/]
[#elseif s.kind == "ELEMENTWISE"]
An elementwise product passes the gradient on multiplied by its other input [@m s.other/]:
[@display s.gradient/]
[#elseif s.kind == "NEGATE"]
A subtraction flips the sign of the gradient:
[@display s.gradient/]
[/#if]
[/@item]
[/#list]
[/@list]
[/#list]
[@heading 2]The sum[/@heading]
[#if sums.compact]
With [=steps] stages the sum has [=sums.termCount] terms, so the engine writes it in closed form. The product's factors stand in the order the walk meets them, from the newest stage on the left to the oldest on the right:
[@display sums.closedChain/]
Its newest term[#if isTotal], from the newest loss,[/#if] written out:
[@display sums.firstTerm/]
and its oldest (where a term is very long, the dots stand for the pairs of factors that repeat between the ones shown):
[@display sums.lastTerm/]
[#elseif sums.shownTermCount < sums.termCount]
Adding the contribution of every route gives the gradient, [=sums.termCount] terms in all. Shown here are the [=sums.shownTermCount] terms that come from the newest loss, [@m walk[0].lossTex/]; every older loss contributes the same kind of terms, over the stages up to its own:
[@display sums.chain/]
[#else]
Adding the contribution of every route gives the gradient, [=sums.termCount] term[#if sums.termCount != 1]s[/#if] in all:
[@display sums.chain/]
[/#if]
[#if recurrence.present && steps > 1]
[#if isTotal]
The terms come in groups, one for each stage's loss. Within a group each term repeats the one before it and reaches one stage further back by one more pair of factors, [@m recurrence.chainFactor/]; the group of an older loss starts at that loss's own stage, so it has fewer terms.
[#else]
Each term repeats the one before it and reaches one stage further back by one more pair of factors, [@m recurrence.chainFactor/].
[/#if]
[/#if]

[@heading 2]What the notation means, and what one computes[/@heading]
Read literally, the chain above is a product of Jacobians in numerator layout: the gradient of a scalar loss with respect to a vector is a row vector, and each local gradient is a matrix that multiplies it from the right. Two details of the classic notation need care. The last factor of every term is not multiplied like a matrix: a weight's gradient is the outer product of the column gradient arriving at its gate with the gate's other input. And the local gradients are matrices, not numbers. Written out, they are
[#list localGradients as g]
[@display g/]
[/#list]
The softmax gate and the cross-entropy loss are taken together, because their combined gradient is much simpler than either one alone.
[#if sums.compact]
In column form, the form found in most textbooks and code, each Jacobian is transposed and the order reversed, so the product's factors now stand from the oldest stage on the left to the newest on the right:
[@display sums.closedMatrix/]
[#else]
With every factor made concrete, and each term closed by its outer product, the sum is
[@display sums.concrete/]
This is what a program computes. Transposing every term gives the column form found in most textbooks and code, with each Jacobian transposed and the order reversed:
[@display sums.matrix/]
[/#if]
[#if recurrence.present]
[#if isTotal]
Collecting the common factors of all the groups gives the delta recursion that backpropagation through time runs for the total loss. Each delta is the gradient of the total loss arriving at a stage's multiplication gate; each step back multiplies the later delta by [@m recurrence.jacobian/] and adds the error of the stage's own loss, carried into its gate, which is where the walk from that loss begins:
[#else]
Collecting the common factors gives the delta recursion that backpropagation through time runs: each delta is the gradient arriving at a stage's multiplication gate, and each step back multiplies it by [@m recurrence.jacobian/].
[/#if]
[@display recurrence.deltas/]
[@display recurrence.sum/]
[/#if]

[@heading 2]Why gradients vanish or explode[/@heading]
[#assign y = bound.symbols]
[#if bound.reach == "none"]
The gradient of [@m parameterTex/] carries no product of Jacobians: [#if sums.termCount == 1]its single term is[#else]each of its [=sums.termCount] terms is[/#if] met at its own loss's stage, before the walk crosses into an earlier stage, so nothing in it is multiplied once per stage back.[#if bound.jacobian?has_content] The gradients of the weights the walk meets at earlier stages do carry such products: for them every further stage back multiplies a term by one more copy of the per-stage factor
[@display bound.jacobian/][/#if]

[#elseif bound.reach == "single"]
With one stage, the single term of [@m gradientTex/] reaches no earlier stage and carries no product of Jacobians. Unrolled over more stages, every further stage back multiplies a term by one more copy of the per-stage factor
[@display bound.jacobian/]

[#elseif bound.reach == "chain"]
[#if isTotal]In the walk from each stage's loss, every[#else]Every[/#if] further stage back multiplies a term by one more copy of the per-stage factor
[@display bound.jacobian/]

[#elseif bound.reach == "routes"]
With more than one route per stage the terms do not share a single repeated factor, but each route back through a stage still passes through that stage's activation derivative and recurrent weight, one such factor per stage back, and the same reasoning applies to each route.

[/#if]
[#if bound.present]
[#if bound.jacobian?has_content]The size of each such factor is at most [#else]The size of the factor that carries a gradient one stage back is at most [/#if][@m bound.gainTex/], where [@m y.gamma/] is the largest value of [@m y.derivative/] for the [@text bound.activation/] activation and [@m y.sigma/] the largest singular value of the recurrent weight [@m bound.matrixTex/]. Differentiating and maximising the activation symbolically gives [@m bound.gamma/][#if bound.argument == "any"], attained at every [@m y.argument/][#elseif bound.argument?has_content], attained at [@m bound.argument/][#else], approached but never attained[/#if]. A stage [@m y.t/] therefore depends on an earlier stage [@m y.k/] through a Jacobian bounded by
[@display bound.bound/]
If [@m bound.vanishing/], the contributions of distant stages shrink geometrically: this is sufficient for vanishing gradients. A largest singular value [@m bound.exploding/] is necessary, but not sufficient, for them to explode, since the bound can be far from tight: it takes every factor to be as large as it can be.

The usual remedy for exploding gradients is gradient-norm clipping (Pascanu, Mikolov and Bengio, 2013): for a threshold [@m y.c/], whenever [@m bound.clippingCondition/] the whole gradient [@m y.g/] is replaced by [@m bound.clipped/], which keeps its direction and caps its size. Vanishing gradients call for a different cell, such as the LSTM.
[#assign me = bound.measure]
[#if me.present]

[#if me.horizon == "longer"][#if steps == 1]This lesson's single stage is[#else]This lesson's [=steps] stages are[/#if] too few to show a trend, so the measurement follows the same gradient, [@m me.gradientTex/], unrolled over [=me.steps] stages instead.[#elseif me.horizon == "newest"]The measurement follows the same gradient, [@m me.gradientTex/], unrolled over the newest [=me.steps] of this lesson's [=steps] stages.[#else]The measurement follows this lesson's gradient, [@m me.gradientTex/], over all its [=me.steps] stages.[/#if] On seeded random weights (seed [=me.seed], [@m me.sizes/]) with [@m bound.matrixTex/] scaled to three largest singular values, the plot shows, for each reach [@m y.j/], the spectral norm (the largest singular value) of the product of the [@m y.j/] factors [@m bound.jacobian/] that [#if isTotal]a term reaching [@m y.j/] stages back from its own loss carries, the largest over the [=me.termCount] terms,[#else]the term reaching [@m y.j/] stages back carries, over the [=me.termCount] terms,[/#if] against its bound [@m y.powerJ/], dashed, on a log scale.

[@plot file=me.plot drawing=me.drawing alt="Spectral norm of the product of j Jacobians against the bound, log scale" xlabel="stages back" ylabel="spectral norm"/]
[@list]
[#list me.rows as r]
[@item][@m r.setting/], so [@m r.gain/]: the product of the [=me.oldestReach] factors carried by the oldest term has spectral norm [@m r.oldest/], against a bound of [@m r.oldestBound/];[#if r.allUnder] every product lies under its bound[#else] NOT every product lies under its bound[/#if]. The whole gradient's norm is [@m r.total/], [#if r.clips]clipped to [@m r.clipped/] at threshold [@m me.threshold/][#else]under the clipping threshold [@m me.threshold/], so clipping leaves it alone[/#if].[/@item]
[/#list]
[/@list]
[/#if]
[#else]
The size of each such factor is bounded by the largest value of the activation's derivative, call it [@m y.gamma/], times the largest singular value of the recurrent weight matrix; a term that reaches [@m y.k/] stages back is bounded by that product raised to the power [@m y.k/].[#if bound.definition?has_content] The engine could not derive [@m y.gamma/] for [@code bound.definition/]: its computer algebra could not differentiate or maximise that definition (a function with a kink has no derivative there, and the maximum is left unevaluated), so this lesson states no value for [@m y.gamma/] rather than guess one, and measures no decay against it.[/#if] If the product is below 1 the contributions of distant stages shrink geometrically: this is sufficient for vanishing gradients. A product above 1 is necessary, but not sufficient, for them to explode. The usual remedy for exploding gradients is to clip the norm of the whole gradient to a threshold (Pascanu, Mikolov and Bengio, 2013); vanishing gradients call for a different cell, such as the LSTM.
[/#if]

[@heading 2]Checked[/@heading]
[#if checks?has_content]
[@list]
[#list checks as c]
[@item][#if c.passed]Passed[#else]FAILED[/#if], [@text c.name/]: [#list c.words as w][#if w.math][@m w.value/][#else][@text w.value/][/#if][/#list][/@item]
[/#list]
[/@list]
[#else]
No checks were run for this page.

[/#if]
This page was generated by the command[@command "./unroll lesson --cell " + cellName + " --steps " + steps + " --wrt " + parameter + " --activation " + activation + " --loss " + loss/]
