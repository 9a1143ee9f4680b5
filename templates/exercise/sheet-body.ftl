[#-- The words of an exercise sheet, shared by the Markdown and LaTeX layouts, which define the macros
     heading, m (inline math), display, text and room. Every formula is a field of the view, typeset by
     the engine from this student's variant; this file only arranges them and adds the questions' words. --]
[#assign isTotal = loss == "total"]
[@heading 1][@text title/][/@heading]
[@text "Sheet for " + student + " (" + sheetId + ")."/]

[@heading 2]The network[/@heading]
The [@text cellTitle?lower_case/] below runs for [=steps] stage[#if steps != 1]s[/#if], from stage [@m oldest/] to stage [@m newest/][#if !gated]; its state before the first of them is [@m initialState/][/#if]. One stage computes:
[@display network/]
[#if activation?has_content]The activation is [@text activation/]. [/#if]Vectors are columns, and the same weights serve every stage. The target of each stage is one-hot and its loss is the cross-entropy of the softmax output.
[#if isTotal]The loss to differentiate is the total loss [@m lossTex/], the sum of every stage's loss.[#else]The loss to differentiate is [@m lossTex/], the loss of the newest stage only.[/#if]

[@heading 2]Questions[/@heading]
Answer in the answer file you were given, under the heading of each question, with mathematics between dollar signs. Write indices and factors the way you derived them; every claim is checked.

[#list questions as q]
[@heading 3]Question [=q.number]: [@text q.title/][/@heading]
[#switch q.kind]
[#case "walk"]
Walk the gradient of [@m lossTex/] back from the loss of stage [@m newest/], one gate at a time, until it reaches [@m parameterTex/] for the first time. Write the gradient after each gate, and the term this first arrival contributes to [@m gradient/].
[#break]
[#case "sum"]
[#if gated]
Write [@m gradient/] as a sum over the [=steps] stage[#if steps != 1]s[/#if] of the adjoints (the gradients of the loss with respect to the cell's values) at each stage, one term per place the parameter is used.
[#elseif outputParameter]
Write [@m gradient/] over all [=steps] stage[#if steps != 1]s[/#if], with one term for each loss that reads [@m parameterTex/].
[#else]
Write [@m gradient/] over all [=steps] stage[#if steps != 1]s[/#if] as a sum of terms, one for each route from [#if isTotal]a stage's loss[#else]the loss[/#if] to [@m parameterTex/], each term a product of local gradients.
[/#if]
[#break]
[#case "matrix"]
Write [@m gradient/] in column form with concrete factors: [#if !outputParameter]the activation's derivative as a diagonal matrix of the stage's values, and [/#if]the softmax with cross-entropy through its output error.
[#break]
[#case "delta"]
[#if gated]
Write the adjoint equations: the gradient of [@m lossTex/] with respect to each named value of the cell at a stage [@m "k"/], in terms of those of stage [@m "k+1"/], and the ones at the newest stage [@m newest/].
[#else]
Define [@m "\\delta_k"/] as the gradient of [@m lossTex/] with respect to the activation's input at stage [@m "k"/], as a column vector. Write its value at the newest stage, the recursion that gives [@m "\\delta_k"/] from [@m "\\delta_{k+1}"/], and [@m gradient/] in terms of the [@m "\\delta_k"/].
[/#if]
[#break]
[#case "bound"]
[#if gated]
Write the Jacobian [@m "\\partial " + memory + "_k / \\partial " + memory + "_{k-1}"/] along [@m memory/]'s own path only (not through the other values of the cell), and the product of [=steps] of them. Say what decides whether that product shrinks.
[#else]
Let [@m "\\gamma"/] be the largest value of the activation's derivative. Give [@m "\\gamma"/] for [@text activation/], bound the norm of the Jacobian of [@m stateTex/] with respect to the state [@m "j"/] stages earlier in terms of [@m "\\gamma"/] and the largest singular value of the recurrent weight, and say for which largest singular values the terms must shrink.
[/#if]
[#break]
[/#switch]
[@room/]

[/#list]
