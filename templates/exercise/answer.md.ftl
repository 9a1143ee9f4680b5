[#-- The answer file a student fills in: front matter that names the student and the sheet, the
     network as the sheet gives it, and one heading per question. --]
---
student: [=studentSlug]
sheet: [=sheetId]
---

# Answers of [=student?replace("<", "&lt;")]

The network of the sheet, for reference ([=steps] stage[#if steps != 1]s[/#if]):

$$
[=network]
$$

[#list questions as q]
## Question [=q.number]: [=q.title]

<!-- Your answer to question [=q.number], with mathematics between dollar signs. -->

[/#list]
