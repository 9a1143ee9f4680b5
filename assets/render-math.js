// Typesets every formula the site's Markdown renderer marked: <span class="math inline|display">
// holds TeX as written. Runs after the page's text, with the KaTeX bundled beside the site. Each
// display formula gets a button that copies its TeX, as written, to the clipboard.
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    document.body.removeChild(area);
    return copied;
  }

  function copyButton(tex) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-tex";
    button.textContent = "Copy LaTeX";
    button.setAttribute("aria-label", "Copy this formula's LaTeX");
    var said = function (text) {
      button.textContent = text;
      window.setTimeout(function () { button.textContent = "Copy LaTeX"; }, 1500);
    };
    button.addEventListener("click", function () {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(tex).then(function () { said("Copied"); },
          function () { said(fallbackCopy(tex) ? "Copied" : "Copy failed"); });
      } else {
        said(fallbackCopy(tex) ? "Copied" : "Copy failed");
      }
    });
    return button;
  }

  var spans = document.querySelectorAll("span.math");
  for (var i = 0; i < spans.length; i++) {
    var span = spans[i];
    var tex = span.textContent;
    var display = span.classList.contains("display");
    katex.render(tex, span, {
      displayMode: display,
      throwOnError: false,
      macros: {"\\sech": "\\operatorname{sech}"}
    });
    if (display) {
      span.setAttribute("data-tex", tex);
      span.parentNode.insertBefore(copyButton(tex), span.nextSibling);
    }
  }
  document.documentElement.setAttribute("data-math-rendered", String(spans.length));
})();
