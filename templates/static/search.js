// Offline search over the generated index (assets/search-index.js). Results are built with textContent,
// never innerHTML, so nothing in the index can become markup.
(function () {
  "use strict";
  var index = window.BULLETIN_SEARCH || [];
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var root = document.querySelector("script[src$='search.js']").getAttribute("src").replace(/assets\/search\.js$/, "");

  function words(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/[^a-z0-9µ°+%-]+/).filter(Boolean);
  }

  function score(entry, terms) {
    var title = entry.t.toLowerCase(), text = (entry.t + " " + entry.k + " " + entry.x).toLowerCase();
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      if (text.indexOf(terms[i]) < 0) { return 0; }
      total += title.indexOf(terms[i]) >= 0 ? 10 : 1;
    }
    return total;
  }

  function run(query) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var terms = words(query);
    if (!terms.length) { status.textContent = ""; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], terms);
      if (s > 0) { hits.push({ s: s, i: i }); }
    }
    hits.sort(function (a, b) { return b.s - a.s || a.i - b.i; });
    status.textContent = hits.length === 0 ? "No page matches \u201c" + query + "\u201d."
      : hits.length + (hits.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d.";
    hits.slice(0, 50).forEach(function (h) {
      var e = index[h.i];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.u;
      a.textContent = e.t;
      var kind = document.createElement("span");
      kind.className = "meta";
      kind.textContent = " " + e.k;
      var p = document.createElement("p");
      p.textContent = e.x;
      li.appendChild(a);
      li.appendChild(kind);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); run(params.get("q")); }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value);
    if (window.history && window.history.replaceState && window.location.protocol !== "file:") {
      window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    }
  });
})();
