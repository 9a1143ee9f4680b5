[#-- Markdown layout of an exercise sheet; the words are in sheet-body.ftl. --]
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
[#macro text value][=value?replace("\\", "\\\\")?replace("*", "\\*")?replace("_", "\\_")?replace("[", "\\[")?replace("<", "&lt;")][/#macro]
[#macro room][/#macro]
[#include "sheet-body.ftl"]
