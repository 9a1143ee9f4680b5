[#-- Markdown layout of a lesson. Math is $...$ inline and $$ blocks on their own lines with blank
     lines around, which GitHub, Jupyter, pandoc and KaTeX all read. The words live in
     common/lesson-body.ftl, shared with the LaTeX layout. --]
[#-- A heading stands alone: a blank line before it (except the page's first) and after it, which every
     Markdown reader needs to see it as a heading. --]
[#macro heading level][#local text][#nested][/#local]
[#if level > 1]

[/#if]
[#list 1..level as i]#[/#list] [=text?trim]
[/#macro]
[#macro m tex]$[=tex]$[/#macro]
[#macro display tex]

$$
[=tex]
$$

[/#macro]
[#macro list][#local body][#nested][/#local]

[=body?trim]

[/#macro]
[#macro item][#local body][#nested][/#local]
* [=body?trim?replace("\n", "\n  ")?replace("\n  \n", "\n\n")]

[/#macro]
[#-- Words from files (a cell's title, names) are text, never markup: every character Markdown or its
     HTML could read as syntax is backslash-escaped, so a title cannot open a tag, a link or math. --]
[#macro text value][=value?replace("\\", "\\\\")?replace("*", "\\*")?replace("_", "\\_")?replace("[", "\\[")?replace("]", "\\]")?replace("<", "\\<")?replace(">", "\\>")?replace("&", "\\&")?replace("`", "\\`")?replace("$", "\\$")][/#macro]
[#macro code value][#if value?contains("`")]`` [=value] ``[#else]`[=value]`[/#if][/#macro]
[#macro command value]


```sh
[=value]
```[/#macro]
[#macro image path alt]

![[=alt]]([=path])
[/#macro]
[#macro plot file drawing alt xlabel ylabel]![[=alt]]([=file])

[/#macro]
[#macro table header rows]
| [#list header as h][@text h/][#sep] | [/#list] |
|[#list header as h]---:|[/#list]
[#list rows as r]
| [#list r as c][#if c?index == 0][=c][#else][@m c/][/#if][#sep] | [/#list] |
[/#list]

[/#macro]
[#if gated??]
[#include "../common/gated-lesson-body.ftl"]
[#else]
[#include "../common/lesson-body.ftl"]
[/#if]
