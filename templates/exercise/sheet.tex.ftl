[#-- LaTeX layout of an exercise sheet, a complete document for pdflatex; the words are in sheet-body.ftl. --]
\pdfinfoomitdate=1
\pdftrailerid{}
\documentclass[11pt]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\usepackage[margin=2cm]{geometry}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6em}
\begin{document}
[#macro heading level][#local text][#nested][/#local]
[#if level <= 1]{\LARGE\bfseries [=text?trim]\par}
[#elseif level == 2]\section*{[=text?trim]}
[#else]\subsection*{[=text?trim]}
[/#if]
[/#macro]
[#macro m tex]$[=tex]$[/#macro]
[#macro display tex]
\begin{equation*}
[=tex]
\end{equation*}
[/#macro]
[#macro text value][=latexText(value)][/#macro]
[#macro room]
\vspace{7cm}
[/#macro]
[#include "sheet-body.ftl"]
\end{document}
