// tifa's index.html: search, filters, contexts and sortable tables over the data embedded in
// the page (script#tifa-data). No network, no library. Without JavaScript the page is the same
// static report: this script only adds to it.
(function () {
  "use strict";
  var node = document.getElementById("tifa-data");
  if (!node) return;
  var data = JSON.parse(node.textContent);
  var L = data.labels, docs = data.docs;
  var terms = new Map(data.terms.map(function (t) { return [t.term, t]; }));
  // Documents by id, file name and file stem, as tables and citations name them.
  var byName = new Map();
  docs.forEach(function (d, i) {
    byName.set(d.id, i);
    byName.set(d.file, i);
    var stem = d.file.replace(/\.[^.]+$/, "");
    if (!byName.has(stem)) byName.set(stem, i);
  });
  var bar = document.getElementById("explore");
  var panel = document.getElementById("contexts");
  var input = document.getElementById("explore-q");
  var results = document.getElementById("explore-results");
  bar.hidden = false;
  var filter = { level: "", year: "", region: "" };
  var selects = {};
  ["level", "year", "region"].forEach(function (key) {
    var select = document.getElementById("explore-" + key);
    var values = Array.from(new Set(docs.map(function (d) { return d[key]; })
      .filter(function (v) { return v !== null && v !== undefined; }).map(String)));
    values.sort(function (a, b) { return a.localeCompare(b, "zh"); });
    if (key === "year") {
      // Decades first (2020s), then the years.
      var decades = Array.from(new Set(values.map(function (y) { return y.slice(0, 3) + "0s"; })));
      if (decades.length > 1) values = decades.concat(values);
    }
    values.forEach(function (v) {
      var option = document.createElement("option");
      option.value = v;
      option.textContent = /s$/.test(v) ? L.decade.replace("{decade}", v.slice(0, 4)) : v;
      select.appendChild(option);
    });
    select.addEventListener("change", function () { filter[key] = select.value; apply(); });
    selects[key] = select;
  });
  function docOk(i) {
    var d = docs[i];
    return (!filter.level || d.level === filter.level) &&
      (!filter.year || String(d.year) === filter.year ||
        (/s$/.test(filter.year) && String(d.year).slice(0, 3) === filter.year.slice(0, 3))) &&
      (!filter.region || d.region === filter.region);
  }
  // Each table row names its documents by id or file name (cells and citations).
  var tables = Array.from(document.querySelectorAll("main table"));
  var rows = [];
  tables.forEach(function (table) {
    Array.from(table.tBodies[0] ? table.tBodies[0].rows : []).forEach(function (tr) {
      var named = new Set();
      tr.textContent.split(/[\s:：,，、;；→()（）]+/).forEach(function (token) {
        if (byName.has(token)) named.add(byName.get(token));
      });
      tr.tifaDocs = Array.from(named);
      rows.push(tr);
    });
  });
  var shown = null;
  function apply() {
    var any = filter.level || filter.year || filter.region;
    rows.forEach(function (tr) {
      tr.hidden = Boolean(any) && tr.tifaDocs.length > 0 && !tr.tifaDocs.some(docOk);
    });
    document.body.classList.toggle("filtered", Boolean(any));
    if (shown) show(shown);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function show(term) {
    var t = terms.get(term);
    if (!t) return;
    shown = term;
    panel.replaceChildren();
    var head = el("div", "contexts-head");
    head.appendChild(el("strong", "", t.term));
    head.appendChild(el("span", "", " " + t.kind + " · " +
      L.counted.replace("{count}", t.count).replace("{docs}", t.docs) + " "));
    var close = el("button", "", L.close);
    close.type = "button";
    close.addEventListener("click", function () { panel.hidden = true; shown = null; });
    head.appendChild(close);
    panel.appendChild(head);
    var list = el("ol", "contexts-lines");
    t.lines.filter(function (line) { return docOk(line.doc); }).forEach(function (line) {
      var li = el("li");
      li.appendChild(el("span", "left", line.left));
      li.appendChild(el("mark", "", line.hit));
      li.appendChild(el("span", "right", line.right));
      li.appendChild(el("cite", "", " " + line.cite));
      list.appendChild(li);
    });
    if (list.children.length === 0) panel.appendChild(el("p", "", L.none));
    else panel.appendChild(list);
    if (t.count > t.lines.length) {
      panel.appendChild(el("p", "note", "… " + (t.count - t.lines.length) + " · " + L.more));
    }
    panel.hidden = false;
  }
  function search(text) {
    results.replaceChildren();
    var q = text.trim();
    if (!q) return;
    var found = data.terms.filter(function (t) { return t.term.indexOf(q) >= 0; }).slice(0, 20);
    found.forEach(function (t) {
      var b = el("button", "term", t.term);
      b.type = "button";
      b.title = t.kind + " · " + t.count;
      b.addEventListener("click", function () { show(t.term); });
      results.appendChild(b);
    });
    if (found.length === 0) results.appendChild(el("span", "note", "—"));
  }
  input.addEventListener("input", function () { search(input.value); });
  // A term or formulation named in a table's cell or a list's bold text opens its contexts.
  var main = document.querySelector("main");
  main.querySelectorAll("td, li > strong").forEach(function (cell) {
    if (terms.has(cell.textContent.trim())) cell.classList.add("term");
  });
  main.addEventListener("click", function (event) {
    var cell = event.target.closest(".term");
    if (cell && main.contains(cell)) show(cell.textContent.trim());
  });
  // Sortable tables: a click on a header sorts by that column, numbers as numbers.
  function key(cell) {
    var text = cell ? cell.textContent.trim() : "";
    var number = parseFloat(text.replace(/[,%+\s]/g, ""));
    return isNaN(number) || !/^[+\-−]?[\d.,]+%?$/.test(text.replace(/\s/g, "")) ? text : number;
  }
  function sortBy(table, column) {
    var th = table.tHead.rows[0].cells[column];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.from(table.tHead.rows[0].cells).forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var sorted = Array.from(body.rows).sort(function (a, b) {
      var x = key(a.cells[column]), y = key(b.cells[column]);
      var order = typeof x === "number" && typeof y === "number" ? x - y :
        String(x).localeCompare(String(y), "zh");
      return ascending ? order : -order;
    });
    sorted.forEach(function (tr) { body.appendChild(tr); });
  }
  tables.forEach(function (table) {
    if (!table.tHead) return;
    Array.from(table.tHead.rows[0].cells).forEach(function (th, column) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, column); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(table, column); });
    });
  });
  // A link can carry a view: #q=投资于人&level=省级&year=2026&sort=3.1 (table 3, column 1),
  // year=2020s for a decade;
  // #term=投资于人 opens its contexts as a click on the first cell naming it does.
  function fromHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    ["level", "year", "region"].forEach(function (key) {
      if (params.has(key)) { filter[key] = params.get(key); selects[key].value = filter[key]; }
    });
    apply();
    if (params.has("q")) {
      // As a reader types it and picks it from the list, when the list holds it.
      input.value = params.get("q");
      search(input.value);
      var pick = Array.from(results.querySelectorAll("button")).find(function (b) {
        return b.textContent === input.value.trim();
      });
      if (pick) pick.click();
    }
    if (params.has("term")) {
      // As a reader's click on the first cell naming it, else straight to its contexts.
      var named = params.get("term");
      var cell = Array.from(main.querySelectorAll(".term")).find(function (c) {
        return c.textContent.trim() === named;
      });
      if (cell) cell.click(); else show(named);
    }
    if (params.has("sort")) {
      var at = params.get("sort").split(".");
      var table = tables[Number(at[0])];
      if (table && table.tHead) sortBy(table, Number(at[1] || 0));
    }
  }
  window.addEventListener("hashchange", fromHash);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  if (location.hash.length > 1) fromHash();
})();
