// The site's behaviour besides the mathematics: the light or dark theme (the reader's choice, kept
// in localStorage, else the system's prefers-color-scheme) and the offline search (lunr and the
// index unroll built, both loaded from the site the first time the search box is used).
(function () {
  "use strict";
  var KEY = "unroll-theme";
  var html = document.documentElement;
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value === "dark" || value === "light" ? value : null;
    } catch (e) {
      return null; // storage refused (private mode, file:// policy): follow the system
    }
  }

  function theme() {
    return stored() || (dark && dark.matches ? "dark" : "light");
  }

  function applyTheme() {
    var current = theme();
    html.setAttribute("data-theme", current);
    var button = document.getElementById("theme-toggle");
    if (button) {
      button.setAttribute("aria-pressed", String(current === "dark"));
      button.textContent = current === "dark" ? "Light theme" : "Dark theme";
    }
  }

  applyTheme();
  if (dark && dark.addEventListener) {
    dark.addEventListener("change", applyTheme);
  }

  // The same three rules as the index's terms (SearchTerms.java): lower case, runs of ASCII letters
  // and digits, no stop words, a plural's final s dropped.
  function terms(text, stopWords) {
    var out = [];
    var words = text.toLowerCase().split(/[^a-z0-9]+/);
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      if (w === "" || stopWords.indexOf(w) >= 0) {
        continue;
      }
      if (w.length > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) {
        w = w.slice(0, -1);
      }
      out.push(w);
    }
    return out;
  }

  var search = {index: null, data: null, waiting: []};

  function loadScript(src, then) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = then;
    script.onerror = function () {
      console.warn("unroll: the search could not load " + src);
    };
    document.head.appendChild(script);
  }

  function withIndex(then) {
    if (search.index) {
      then();
      return;
    }
    search.waiting.push(then);
    if (search.waiting.length > 1) {
      return;
    }
    var root = html.getAttribute("data-root") || "";
    loadScript(root + "lunr/lunr.min.js", function () {
      loadScript(root + "assets/search-index.js", function () {
        search.data = window.UNROLL_SEARCH;
        search.index = window.lunr.Index.load(search.data.index);
        var waiting = search.waiting;
        search.waiting = [];
        for (var i = 0; i < waiting.length; i++) {
          waiting[i]();
        }
      });
    });
  }

  /** The lessons matching every term of a query (each term also as the start of a word), best first. */
  function find(query) {
    var words = terms(query, search.data.stopWords);
    if (words.length === 0) {
      return [];
    }
    var lunr = window.lunr;
    return search.index.query(function (q) {
      for (var i = 0; i < words.length; i++) {
        q.term(words[i], {presence: lunr.Query.presence.REQUIRED, wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false});
        q.term(words[i], {boost: 10, usePipeline: false});
      }
    });
  }

  function showResults(input, list) {
    var query = input.value;
    list.textContent = "";
    if (query.trim() === "") {
      list.hidden = true;
      return;
    }
    var root = html.getAttribute("data-root") || "";
    var results = find(query);
    var head = document.createElement("li");
    head.className = "search-count";
    head.textContent = results.length === 0 ? "No lesson matches." : results.length + (results.length === 1 ? " lesson" : " lessons");
    list.appendChild(head);
    for (var i = 0; i < results.length && i < 50; i++) {
      var doc = search.data.documents[Number(results[i].ref)];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + doc.url;
      link.textContent = doc.title;
      var label = document.createElement("span");
      label.className = "search-label";
      label.textContent = doc.label;
      item.appendChild(link);
      item.appendChild(label);
      list.appendChild(item);
    }
    list.hidden = false;
  }

  function setUp() {
    applyTheme();
    var button = document.getElementById("theme-toggle");
    if (button) {
      button.addEventListener("click", function () {
        var next = theme() === "dark" ? "light" : "dark";
        try {
          window.localStorage.setItem(KEY, next);
        } catch (e) {
          html.setAttribute("data-theme", next); // not remembered, but switched for this page
          return;
        }
        applyTheme();
      });
    }
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!input || !list) {
      return;
    }
    var update = function () {
      withIndex(function () {
        showResults(input, list);
      });
    };
    input.addEventListener("focus", function () {
      withIndex(function () { });
    });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        input.value = "";
        list.hidden = true;
      } else if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first) {
          window.location.href = first.href;
        }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
