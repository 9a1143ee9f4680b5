[#-- LaTeX layout of a lesson: a complete document for pdflatex. The words live in
     common/lesson-body.ftl, shared with the Markdown layout. --]
\documentclass[11pt]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\usepackage[margin=2cm]{geometry}
\usepackage{graphicx}
\usepackage{hyperref}
\usepackage{pgfplots}
\pgfplotsset{compat=1.16}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6em}
\title{[=latexText(title)]: [=steps] stage[#if steps != 1]s[/#if]}
\date{}
\begin{document}
\maketitle
[#macro heading level][#local text][#nested][/#local]
[#if level <= 1][#elseif level == 2]\section*{[=text?trim]}
[#elseif level == 3]\subsection*{[=text?trim]}
[#else]\subsubsection*{[=text?trim]}
[/#if]
[/#macro]
[#macro m tex]$[=tex]$[/#macro]
[#-- A display of several rows is an align*, which \allowdisplaybreaks lets run onto the next page. --]
[#macro display tex]
[#if tex?starts_with("\\begin{aligned}\n") && tex?ends_with("\n\\end{aligned}") && !tex?remove_beginning("\\begin{aligned}\n")?contains("\\begin{aligned}")]
\begin{align*}
[=tex?remove_beginning("\\begin{aligned}\n")?remove_ending("\n\\end{aligned}")]
\end{align*}
[#else]
\begin{equation*}
[=tex]
\end{equation*}
[/#if]
[/#macro]
[#macro command value]

\begin{verbatim}
[=value]
\end{verbatim}

[/#macro]
[#macro list]
\begin{itemize}
[#nested]
\end{itemize}
[/#macro]
[#macro item]
\item [#nested]
[/#macro]
[#macro text value][=latexText(value)][/#macro]
[#-- \verb keeps every character as typed, so a command copied from the PDF runs: -- stays two hyphens. --]
[#macro code value][#if value?contains("|")]\texttt{[=latexText(value)]}[#else]\verb|[=value]|[/#if][/#macro]
[#macro image path alt][/#macro]
[#-- The x axis of every plot is j; xlabel says what j counts. The colours are LogPlot's palette. --]
[#macro plot file series alt xlabel ylabel]
\begin{center}
\begin{tikzpicture}
\begin{semilogyaxis}[width=0.9\linewidth, height=0.55\linewidth, xlabel={$j$, [@text xlabel/]}, ylabel={[@text ylabel/]}, legend pos=south west, legend style={font=\tiny}]
[#list series as s]
\addplot[[=["blue", "red", "teal", "violet", "orange"][s.color % 5]], [#if s.dashed]dashed, [#else]thick, [/#if]mark=none] coordinates {[=s.points]};
\addlegendentry{[@text s.label/]}
[/#list]
\end{semilogyaxis}
\end{tikzpicture}
\end{center}
[/#macro]
[#macro table header rows]
\begin{center}
\small
\begin{tabular}{[#list header as h]r[/#list]}
[#list header as h]\parbox[b]{[#if h?index == 0]1em[#else]5.5em[/#if]}{\raggedleft [@text h/]}[#sep] & [/#list] \\
\hline
[#list rows as r]
[#list r as c][#if c?index == 0][=c][#else][@m c/][/#if][#sep] & [/#list] \\
[/#list]
\end{tabular}
\end{center}
[/#macro]
[#if gated??]
[#include "../common/gated-lesson-body.ftl"]
[#else]
[#include "../common/lesson-body.ftl"]
[/#if]
\end{document}
