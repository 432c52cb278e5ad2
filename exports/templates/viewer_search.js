// The viewer's search box: the nodes whose label or names hold the text, exact and prefix matches
// first, then the most connected; picking one selects it (viewer.reveal). It meets the graph through `viewer`.
// Every string from the data goes into the page as text (textContent), never as markup.
(function () {
  "use strict";
  var viewer = window.viewer, data = viewer.data, el = viewer.el;
  var search = document.getElementById("search"), results = document.getElementById("search-results");
  function matches(text) {
    var q = text.trim().toLowerCase();
    if (!q) return [];
    var found = data.nodes.filter(function (n) { return n.search.indexOf(q) >= 0; });
    found.sort(function (a, b) {  // exact and prefix matches first, then the most connected
      function rank(n) { return n.label.toLowerCase() === q ? 0 : n.search.indexOf(q) === 0 ? 1 : 2; }
      return rank(a) - rank(b) || b.degree - a.degree || a.label.localeCompare(b.label);
    });
    return found.slice(0, 30);
  }
  function pick(id) {
    results.replaceChildren();
    viewer.reveal(id);
  }
  search.addEventListener("input", function () {
    results.replaceChildren();
    var found = matches(search.value);
    viewer.highlight(found.map(function (n) { return n.id; }));
    found.forEach(function (n) {
      var b = el("button", n.label + " (" + n.type + ")");
      b.type = "button";
      b.dataset.id = n.id;
      b.addEventListener("click", function () { pick(n.id); });
      var li = el("li");
      li.appendChild(b);
      results.appendChild(li);
    });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = matches(search.value);
      if (found.length) pick(found[0].id);
    }
  });
})();
