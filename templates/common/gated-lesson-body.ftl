[#-- The words of a gated cell's lesson (LSTM, GRU), shared by the Markdown and LaTeX layouts, which
     define the macros heading, m, display, list, item, text, code, image, plot and table. Every formula is
     a field of the view, typeset by the engine; every statement about the measured gradients is a
     finding generated from the numbers in the table. --]
[#assign isTotal = loss == "total"]
[#-- A generated sentence whose mathematics is marked with dollar signs: words as text, the rest as inline math. --]
[#macro words sentence][#list sentence?split("$") as piece][#if piece?index % 2 == 1][@m piece/][#else][@text piece/][/#if][/#list][/#macro]
[@heading 1][@text title/]: [=steps] stage[#if steps != 1]s[/#if][/@heading]
This page derives how the gradient of [#if isTotal]the total loss [@m lossTex/], summed over every stage,[#else]the loss [@m lossTex/] of the newest stage[/#if] flows back through the [@text cellTitle?lower_case/] unrolled over [=steps] stage[#if steps != 1]s[/#if], and in particular [@m gradientTex/]. Every formula on it was produced by the unroll engine from the cell's definition file; the numbers were measured by running the network (see the last two sections).

[#if diagram?has_content][@image diagram "The network unrolled over " + steps + (steps == 1)?then(" stage", " stages") + ": its values, one column of gates per stage"/][/#if]
[@heading 2]The cell[/@heading]
One stage of the cell computes, from that stage's input and the states of the stage before:
[@display equations/]
Vectors are columns and [@m "\\odot"/] is the elementwise product. Each elementwise product is a gate of the unrolled graph like any other: its local gradient towards one input is the diagonal matrix of the other input.

[@heading 2]The adjoint equations[/@heading]
A gated cell has several routes from one stage to the one before it, so writing out every path from the loss to a weight, as the lesson on the plain RNN does, gives a sum whose number of terms grows exponentially with the number of stages: for [@m gradientTex/] it would have [@m paths.here/] term[#if paths.here != "1"]s[/#if] over [#if steps == 1]this one stage[#else]these [=steps] stages[/#if][#if paths.farSteps > 0] and [@m paths.far/] over [=paths.farSteps][/#if], by the engine's count of the paths. Instead we give every named value [@m "v"/] its adjoint, the gradient of the loss with respect to it, and compute each adjoint from the adjoints of the values that read it: the adjoint of the reader carried back through the gates in between.

[#if generalStage?has_content]
At a general stage [@m "k"/], written elementwise:
[@display generalStage/]
[/#if]
At the newest stage, where the walk begins:
[@display newestStage/]
The gradient of the parameter [@m parameterTex/] adds its share at every gate where it enters:
[@display gradient/]
The cell's parameters are [#list parameters?split(", ") as p][@code p/][#sep], [/#list]; any of them can be chosen with [@code "--wrt"/].

[#if memory.present]
[@heading 2]The path along [@m memory.stateTex/][/@heading]
[#if memory.along?has_content]
From one stage to the one before, the state [@m memory.stateTex/] is carried back in two ways. Along its own path, through the elementwise product with the gate [@m memory.gateTex/] only, the step from stage [@m "k"/] back to the stage before is
[@display memory.ownStep/]
so following that path alone from the newest stage back to stage [@m "k"/] gives the product of the gates:
[@display memory.along/]
The full step also includes the paths through the hidden state and through the gates, which all read the previous hidden state:
[@display memory.step/]
and the full adjoint at stage [@m "k"/] collects every route:
[@display memory.full/]
[#else]
With a single stage there is no earlier state to carry the gradient back to; unroll more stages to see the product of the gates.

[/#if]
What this means for vanishing: along the path of [@m memory.stateTex/] the gradient is multiplied at each stage by the gate's values, numbers between 0 and 1, and by no weight matrix and no activation's derivative. It still decays, at the rate of the gate, but the network can learn to keep the gate near 1, and then each stage multiplies it by nearly 1. The original long short-term memory of Hochreiter and Schmidhuber (1997) had no forget gate: the cell's connection to itself was the identity, with a fixed weight of 1.0, so along that path the gradient did not decay at all (the "constant error carousel"); the forget gate, added by Gers, Schmidhuber and Cummins (2000), lets the network reset its memory, at the price of this learned decay.

[/#if]
[@heading 2]Measured: how much of the gradient reaches back[/@heading]
[@words measure.setup/]


[#assign header = ["j"] + measure.columns]
[#assign cells = []]
[#list measure.rows as r]
[#assign cells = cells + [[r.distance?c] + r.values]]
[/#list]
[@table header cells/]
[#if measure.plot?has_content]
The plot draws the same norms at every [@m "j"/] from 0 to [=(measure.steps - 1)?c], one line per column of the table, on a log scale.[#if memory.present] Dashed lines follow the path of [@m memory.stateTex/] alone.[/#if] A norm that shrinks by the same factor at every stage falls on a straight line.

[@plot file=measure.plot drawing=measure.drawing alt="Gradient norm j stages back, one line per column of the table, log scale" xlabel="stages back from the newest stage" ylabel="gradient norm"/]
[/#if]
What these numbers show:
[@list]
[#list measure.findings as f]
[@item][@words f/][/@item]
[/#list]
[/@list]

[@heading 2]Checked[/@heading]
[@list]
[#list checks as c]
[@item][#if c.passed]Passed[#else]FAILED[/#if], [@text c.name/]: [#list c.words as w][#if w.math][@m w.value/][#else][@text w.value/][/#if][/#list][/@item]
[/#list]
[#if symbolicNote?has_content][@item][@text symbolicNote/][/@item][/#if]
[/@list]
This page was generated by the command[@command "./unroll lesson --cell " + cellName + " --steps " + steps + " --wrt " + parameter + " --loss " + loss/]
