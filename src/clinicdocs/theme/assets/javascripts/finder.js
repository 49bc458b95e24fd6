/* clinicdocs: the treatment finder and the sortable comparison table on the treatments index.
   Everything happens in the page: nothing is stored or sent, so it works offline and from
   file://. Without JavaScript the finder stays hidden and the full table is the page.

   The rows carry their numbers as data attributes, written by the generator
   (clinicdocs/generate/facts.py): data-downtime (days), data-sessions, data-concerns and
   data-numbing (space-separated ids). A finder's <select data-cd-match="max"> keeps the rows
   whose number is at most the chosen one, data-cd-match="has" those whose words include it;
   a row that does not state the fact is left out while that choice is made. */
(function () {
  "use strict";

  function setUpFinder(form) {
    var compare = form.nextElementSibling;
    while (compare && !compare.classList.contains("cd-compare")) {
      compare = compare.nextElementSibling;
    }
    if (!compare) return;
    var rows = Array.prototype.slice.call(compare.querySelectorAll("tbody tr"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector("[data-cd-count]");
    var lang = document.documentElement.lang || undefined;

    function matches(row, select) {
      if (!select.value) return true;
      var stated = row.getAttribute("data-" + select.name);
      if (stated === null) return false;
      if (select.getAttribute("data-cd-match") === "max") {
        return parseFloat(stated) <= parseFloat(select.value);
      }
      return stated.split(" ").indexOf(select.value) !== -1;
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var keep = selects.every(function (select) {
          return matches(row, select);
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      var filtering = selects.some(function (select) {
        return select.value;
      });
      count.textContent = filtering
        ? count
            .getAttribute("data-cd-count")
            .replace("{shown}", shown.toLocaleString(lang))
            .replace("{total}", rows.length.toLocaleString(lang))
        : "";
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      // The form's values are reset after this event.
      window.setTimeout(apply, 0);
    });
    form.hidden = false;
    apply();
  }

  function sortValue(row, column, numeric) {
    var cell = row.children[column];
    if (!numeric) return cell ? cell.textContent.trim() : "";
    var value = cell ? cell.getAttribute("data-sort") : null;
    return value === null ? null : parseFloat(value);
  }

  function setUpSorting(table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var body = table.querySelector("tbody");
    var lang = document.documentElement.lang || undefined;
    var label = table.closest(".cd-compare").getAttribute("data-cd-sort-label") || "{column}";
    headers.forEach(function (header, column) {
      var kind = header.getAttribute("data-cd-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cd-sort";
      button.textContent = header.textContent;
      button.setAttribute("aria-label", label.replace("{column}", header.textContent));
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) {
          other.removeAttribute("aria-sort");
        });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = kind === "number";
        var rows = Array.prototype.slice.call(body.children);
        rows.sort(function (a, b) {
          var x = sortValue(a, column, numeric);
          var y = sortValue(b, column, numeric);
          // Rows that do not state the fact go last, whichever the direction.
          if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
          var order = numeric ? x - y : x.localeCompare(y, lang);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) {
          body.appendChild(row);
        });
      });
    });
  }

  function setUp() {
    document.querySelectorAll("form[data-cd-finder]:not([data-cd-ready])").forEach(function (form) {
      form.setAttribute("data-cd-ready", "");
      setUpFinder(form);
    });
    document.querySelectorAll(".cd-compare table:not([data-cd-ready])").forEach(function (table) {
      table.setAttribute("data-cd-ready", "");
      setUpSorting(table);
    });
  }

  // Material's instant navigation swaps pages without a reload and announces each on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
