[#ftl output_format="HTML" strip_whitespace=true]
[#-- The frame of every page of a grade report. Layout only. --]
[#macro page root title]
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="unroll grade">
<link rel="icon" href="data:,">
<title>[=title]</title>
<link rel="stylesheet" href="[=root]katex/katex.min.css">
<link rel="stylesheet" href="[=root]assets/site.css">
<link rel="stylesheet" href="[=root]assets/grade.css">
</head>
<body>
<header class="site-header"><a class="site-title" href="[=root]report.html">[=title]</a></header>
<main class="wide">
[#nested]
</main>
<footer class="site-footer">Graded by unroll. Formulas typeset in your browser by KaTeX, with no network connection.</footer>
<script src="[=root]katex/katex.min.js"></script>
<script src="[=root]assets/render-math.js"></script>
<script src="[=root]assets/sort-table.js"></script>
</body>
</html>
[/#macro]
