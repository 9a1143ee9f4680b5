// Typesets every formula the site's Markdown renderer marked: <span class="math inline|display">
// holds TeX as written. Runs after the page's text, with the KaTeX bundled beside the site.
(function () {
  "use strict";
  var spans = document.querySelectorAll("span.math");
  for (var i = 0; i < spans.length; i++) {
    var span = spans[i];
    katex.render(span.textContent, span, {
      displayMode: span.classList.contains("display"),
      throwOnError: false,
      macros: {"\\sech": "\\operatorname{sech}"}
    });
  }
  document.documentElement.setAttribute("data-math-rendered", String(spans.length));
})();
