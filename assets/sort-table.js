// Sorts a table.sortable by the column whose heading is clicked; a second click reverses the order.
// Columns marked data-type="number" sort as numbers.
(function () {
  "use strict";
  var tables = document.querySelectorAll("table.sortable");
  for (var t = 0; t < tables.length; t++) {
    (function (table) {
      var heads = table.querySelectorAll("thead th");
      for (var h = 0; h < heads.length; h++) {
        (function (th, column) {
          th.addEventListener("click", function () {
            var ascending = th.getAttribute("aria-sort") !== "ascending";
            for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute("aria-sort"); }
            th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
            var numeric = th.getAttribute("data-type") === "number";
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (a, b) {
              var x = a.cells[column].textContent.trim();
              var y = b.cells[column].textContent.trim();
              var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
              return ascending ? c : -c;
            });
            rows.forEach(function (r) { body.appendChild(r); });
          });
        })(heads[h], h);
      }
    })(tables[t]);
  }
})();
