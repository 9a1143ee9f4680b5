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
\usepackage{xcolor}
\usepackage{pict2e}
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
[#-- The x axis of every plot is j; xlabel says what j counts. The colours are LogPlot's palette. The
     engine lays the plot out (PlotView: every coordinate in the picture's unit, the frame from (0,0) to
     (width,height)); this places it, in LaTeX's picture environment with pict2e rather than pgfplots,
     which costs pdflatex a fraction of the time. The frame is 170 units wide (LogPlot.FRAME_WIDTH), the
     margins 30: the unit makes the whole picture 0.9 of the line wide. --]
[#macro plot file drawing alt xlabel ylabel]
[#local colours = ["blue", "red", "teal", "violet", "orange"]]
\begin{center}
\setlength{\unitlength}{0.0045\linewidth}%
\begin{picture}([=drawing.width + 30],[=drawing.height + 22])(-26,-18)% a log-scale plot
\linethickness{0.4pt}%
\put(0,0){\framebox([=drawing.width],[=drawing.height]){}}
[#list drawing.yTicks as t]
\put(0,[=t.at]){\line(1,0){2}}\put([=drawing.width],[=t.at]){\line(-1,0){2}}\put(-1.5,[=t.at]){\makebox(0,0)[r]{\small $[=t.label]$}}
[/#list]
[#list drawing.xTicks as t]
\put([=t.at],0){\line(0,1){2}}\put([=t.at],[=drawing.height]){\line(0,-1){2}}\put([=t.at],-2){\makebox(0,0)[t]{\small $[=t.label]$}}
[/#list]
\put([=drawing.width / 2],-11){\makebox(0,0)[t]{$j$, [@text xlabel/]}}
\put(-22,[=drawing.height / 2]){\makebox(0,0){\rotatebox{90}{[@text ylabel/]}}}
[#list drawing.lines as s]
% [@text s.label/]
\put(0,0){\color{[=colours[s.color % 5]]}[#if !s.dashed]\linethickness{0.8pt}[/#if][=s.path]}
[/#list]
\put(2,2){\makebox(0,0)[bl]{\fcolorbox{black}{white}{\tiny\begin{tabular}{@{}l@{\ }l@{}}
[#list drawing.lines as s]
\textcolor{[=colours[s.color % 5]]}{[#if s.dashed]\rule[0.5ex]{0.3em}{0.4pt}\hspace{0.15em}\rule[0.5ex]{0.3em}{0.4pt}\hspace{0.15em}\rule[0.5ex]{0.3em}{0.4pt}[#else]\rule[0.5ex]{1.2em}{0.8pt}[/#if]} & [@text s.label/] \\
[/#list]
\end{tabular}}}}
\end{picture}
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
