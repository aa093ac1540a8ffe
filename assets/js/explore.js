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
  // The documents some nodes of the page name by id or file name, read text node by text node
  // (an element's whole text runs its cells and citations together); a chart's labels are no
  // citations.
  function docsIn(nodes) {
    var found = new Set();
    function read(text) {
      text.split(/[\s:：,，、;；→()（）]+/).forEach(function (token) {
        if (byName.has(token)) found.add(byName.get(token));
      });
    }
    nodes.forEach(function (node) {
      if (node.nodeType === 3) { read(node.nodeValue); return; }
      if (node.nodeType !== 1 || node.closest("figure")) return;
      var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (var t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!t.parentElement.closest("figure")) read(t.nodeValue);
      }
    });
    return Array.from(found);
  }
  // Each table row names its documents (cells and citations).
  var tables = Array.from(document.querySelectorAll("main table"));
  var rows = [];
  tables.forEach(function (table) {
    Array.from(table.tBodies[0] ? table.tBodies[0].rows : []).forEach(function (tr) {
      tr.tifaDocs = docsIn([tr]);
      rows.push(tr);
    });
  });
  // Charts drawn again under a filter, from what the page embeds for each (data.charts): the
  // static picture stays for the whole corpus and comes back when the filters are cleared.
  var NS = "http://www.w3.org/2000/svg";
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf"];
  var charts = (data.charts || []).map(function (c) {
    c.figure = document.getElementById(c.id);
    c.picture = c.figure ? c.figure.querySelector("svg") : null;
    return c;
  }).filter(function (c) { return c.figure && c.picture; });
  function svgEl(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function canvas(width, height) {
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
      "class": "redrawn", width: width, height: height });
    svg.appendChild(svgEl("rect", { width: width, height: height, fill: "#fff" }));
    return svg;
  }
  function shade(v) {
    var x = Math.max(0, Math.min(1, v));
    var r = Math.round(255 - x * (255 - 31)), g = Math.round(255 - x * (255 - 78)),
      b = Math.round(255 - x * (255 - 156));
    return "rgb(" + r + "," + g + "," + b + ")";
  }
  // The width of a label at 12px: a Chinese character 12, anything else about 7.
  function textWidth(text) {
    var w = 0;
    for (var i = 0; i < text.length; i++) w += text.charCodeAt(i) > 255 ? 12 : 7;
    return w;
  }
  function margin(labels) {
    return 12 + Math.min(420, Math.max.apply(null, labels.map(function (t) { return textWidth(String(t)); }).concat([40])));
  }
  // A part about several documents (a pair) shows when one of them passes, as a table row does.
  function passes(list) { return !list.length || list.some(docOk); }
  function kept(lists, n) {
    var out = [];
    for (var i = 0; i < n; i++) if (!lists || !lists.length || passes(lists[i] || [])) out.push(i);
    return out;
  }
  // Rows against columns, each cell shaded by its value (0–1) and written as given or as a share.
  function cells(rowLabels, colLabels, values, text, rows, cols, asShare) {
    var left = margin(rows.map(function (r) { return rowLabels[r]; })),
      top = 16 + 0.8 * Math.min(420, Math.max.apply(null, cols.map(function (c) { return textWidth(String(colLabels[c])); }).concat([20]))),
      cw = Math.max(18, Math.min(48, (880 - left) / Math.max(1, cols.length))),
      ch = 22, svg = canvas(left + cw * cols.length + 20 + 0.65 * (top - 16), top + ch * rows.length + 10);
    cols.forEach(function (c, x) {
      var tx = left + cw * x + cw / 2;
      svg.appendChild(svgEl("text", { x: tx, y: top - 6, "font-size": 12,
        transform: "rotate(-50 " + tx + " " + (top - 6) + ")" }, colLabels[c]));
    });
    rows.forEach(function (r, y) {
      svg.appendChild(svgEl("text", { x: left - 6, y: top + ch * y + 15, "font-size": 12,
        "text-anchor": "end" }, rowLabels[r]));
      cols.forEach(function (c, x) {
        var v = values[r][c];
        svg.appendChild(svgEl("rect", { x: left + cw * x, y: top + ch * y, width: cw - 1,
          height: ch - 1, fill: shade(v) }));
        var t = text ? text[r][c] : asShare ? Math.round(v * 100) + "" : "";
        if (t) svg.appendChild(svgEl("text", { x: left + cw * x + cw / 2, y: top + ch * y + 15,
          "font-size": 11, "text-anchor": "middle", fill: v > 0.55 ? "#fff" : "#222" }, t));
      });
    });
    return svg;
  }
  // One bar per row, cut into parts.
  function stacked(labels, parts, values, rows) {
    var left = margin(rows.map(function (r) { return labels[r]; })), w = 620, h = 20, top = 34,
      svg = canvas(left + w + 30, top + h * rows.length + 10);
    parts.forEach(function (p, k) {
      svg.appendChild(svgEl("rect", { x: left + 150 * k, y: 8, width: 12, height: 12, fill: PALETTE[k] }));
      svg.appendChild(svgEl("text", { x: left + 150 * k + 16, y: 19, "font-size": 12 }, p));
    });
    rows.forEach(function (r, y) {
      svg.appendChild(svgEl("text", { x: left - 6, y: top + h * y + 14, "font-size": 12,
        "text-anchor": "end" }, labels[r]));
      var x = left;
      values[r].forEach(function (v, k) {
        svg.appendChild(svgEl("rect", { x: x, y: top + h * y, width: Math.max(0, v * w),
          height: h - 3, fill: PALETTE[k] }));
        x += v * w;
      });
    });
    return svg;
  }
  // One bar per row, a mark at each occurrence, light marks where sections start.
  function marks(labels, hits, sections, rows) {
    var left = margin(rows.map(function (r) { return labels[r]; })), w = 660, h = 22,
      svg = canvas(left + w + 20, 10 + h * rows.length);
    rows.forEach(function (r, y) {
      var top = 5 + h * y;
      svg.appendChild(svgEl("text", { x: left - 6, y: top + 14, "font-size": 12, "text-anchor": "end" }, labels[r]));
      svg.appendChild(svgEl("rect", { x: left, y: top + 2, width: w, height: h - 6, fill: "#f2f2f2" }));
      (sections[r] || []).forEach(function (p) {
        svg.appendChild(svgEl("rect", { x: left + p * w, y: top + 2, width: 1, height: h - 6, fill: "#bbb" }));
      });
      hits[r].forEach(function (p) {
        svg.appendChild(svgEl("rect", { x: left + p * w, y: top + 2, width: 2, height: h - 6, fill: "#1f4e9c" }));
      });
    });
    return svg;
  }
  // Lines over the years.
  function lines(series, yLabel) {
    var years = [], top = 0;
    series.forEach(function (s) { s[1].forEach(function (p) { years.push(p[0]); top = Math.max(top, p[1]); }); });
    years = Array.from(new Set(years)).sort(function (a, b) { return a - b; });
    if (!years.length) return null;
    var left = 60, w = 640, h = 300, svg = canvas(left + w + 200, h + 60);
    var x = function (y) { return left + (years.length > 1 ? (y - years[0]) / (years[years.length - 1] - years[0]) : 0.5) * w; };
    var yy = function (v) { return 20 + h - (top > 0 ? v / top : 0) * h; };
    svg.appendChild(svgEl("line", { x1: left, y1: 20 + h, x2: left + w, y2: 20 + h, stroke: "#444" }));
    svg.appendChild(svgEl("line", { x1: left, y1: 20, x2: left, y2: 20 + h, stroke: "#444" }));
    var step = Math.max(1, Math.ceil(years.length / 10));
    years.forEach(function (y, i) {
      if (i % step === 0 || i === years.length - 1) svg.appendChild(svgEl("text", { x: x(y), y: 38 + h,
        "font-size": 11, "text-anchor": "middle" }, String(y)));
    });
    [0, 0.5, 1].forEach(function (f) {
      svg.appendChild(svgEl("text", { x: left - 6, y: yy(top * f) + 4, "font-size": 11, "text-anchor": "end" },
        (top * f).toFixed(top * f >= 10 ? 0 : 1)));
    });
    svg.appendChild(svgEl("text", { x: left, y: 12, "font-size": 12 }, yLabel));
    series.forEach(function (s, k) {
      var colour = PALETTE[k % PALETTE.length];
      if (s[1].length > 1) svg.appendChild(svgEl("polyline", { fill: "none", stroke: colour, "stroke-width": 2,
        points: s[1].map(function (p) { return x(p[0]) + "," + yy(p[1]); }).join(" ") }));
      s[1].forEach(function (p) {
        svg.appendChild(svgEl("circle", { cx: x(p[0]), cy: yy(p[1]), r: 3, fill: colour,
          "data-series": s[0], "data-year": p[0], "data-value": p[1].toFixed(4) }));
      });
      svg.appendChild(svgEl("rect", { x: left + w + 20, y: 24 + 18 * k, width: 12, height: 12, fill: colour }));
      svg.appendChild(svgEl("text", { x: left + w + 36, y: 34 + 18 * k, "font-size": 12 }, s[0]));
    });
    return svg;
  }
  // Points on a year axis, one row per item, one colour per group.
  function timeline(rows, groups) {
    var years = [];
    rows.forEach(function (r) { r[1].forEach(function (p) { years.push(p[0]); }); });
    if (!years.length) return null;
    var lo = Math.min.apply(null, years), hi = Math.max.apply(null, years);
    var left = margin(rows.map(function (r) { return r[0]; })), w = 600, h = 22, top = 30,
      svg = canvas(left + w + 40, top + h * rows.length + 30);
    var x = function (y) { return left + (hi > lo ? (y - lo) / (hi - lo) : 0.5) * w; };
    groups.forEach(function (g, k) {
      svg.appendChild(svgEl("circle", { cx: left + 110 * k + 6, cy: 12, r: 5, fill: PALETTE[k] }));
      svg.appendChild(svgEl("text", { x: left + 110 * k + 16, y: 16, "font-size": 12 }, g));
    });
    rows.forEach(function (r, i) {
      var y = top + h * i + 11;
      svg.appendChild(svgEl("text", { x: left - 8, y: y + 4, "font-size": 12, "text-anchor": "end" }, r[0]));
      svg.appendChild(svgEl("line", { x1: left, y1: y, x2: left + w, y2: y, stroke: "#eee" }));
      r[1].forEach(function (p) {
        svg.appendChild(svgEl("circle", { cx: x(p[0]), cy: y, r: 5, fill: PALETTE[p[1]],
          "data-row": r[0], "data-year": p[0], "data-group": groups[p[1]] }));
      });
    });
    var step = Math.max(1, Math.ceil((hi - lo) / 8));
    for (var y = lo; y <= hi; y += step) {
      svg.appendChild(svgEl("text", { x: x(y), y: top + h * rows.length + 20, "font-size": 11,
        "text-anchor": "middle" }, String(y)));
    }
    return svg;
  }
  function yearOf(i) { return docs[i].year; }
  // What a chart shows under the filters: a new picture, none (hidden), or null (nothing left).
  function drawn(chart, passing) {
    var d = chart.data, f = chart.follow;
    if (f.follow === "whole") return passes(f.docs) ? "static" : "hide";
    if (f.follow === "docs") {
      if (d.kind === "heatmap") {
        var keep = kept(f.rows, d.labels.length);
        return keep.length >= 2 ? cells(d.labels, d.labels, d.values, null, keep, keep, true) : null;
      }
      var rows = kept(f.rows, (d.rows || []).length);
      if (!rows.length) return null;
      if (d.kind === "grid") {
        var cols = kept(f.columns, d.columns.length);
        if (!cols.length) return null;
        return cells(d.rows.map(String), d.columns, d.values, d.cell_text, rows, cols, !d.cell_text);
      }
      if (d.kind === "stacked_shares") {
        return stacked(d.rows.map(function (r) { return r[0]; }), d.parts,
          d.rows.map(function (r) { return r[1]; }), rows);
      }
      if (d.kind === "dispersion_plot") return marks(d.rows, d.hits, d.sections, rows);
      return "static";
    }
    if (f.follow === "rates") {
      var chars = {};
      docs.forEach(function (doc, i) {
        if (passing[i] && yearOf(i) !== null && yearOf(i) !== undefined) chars[yearOf(i)] = (chars[yearOf(i)] || 0) + doc.han_chars;
      });
      var years = Object.keys(chars).map(Number).sort(function (a, b) { return a - b; });
      if (years.length < 1) return null;
      var series = f.series.map(function (s) {
        var count = {};
        s[1].forEach(function (c) { if (passing[c[0]] && yearOf(c[0]) != null) count[yearOf(c[0])] = (count[yearOf(c[0])] || 0) + c[1]; });
        return [s[0], years.map(function (y) { return [y, chars[y] ? (count[y] || 0) * 10000 / chars[y] : 0]; })];
      });
      return lines(series, d.y_label);
    }
    if (f.follow === "shares") {
      var series2 = f.series.map(function (s) {
        var first = s[1], users = new Set(s[2]);
        var counted = docs.map(function (doc, i) { return passing[i] && doc.rank !== null && doc.year != null && doc.year >= first; });
        var below = docs.some(function (doc, i) { return counted[i] && doc.rank > 0; });
        var by = {};
        docs.forEach(function (doc, i) {
          if (!counted[i] || (below && doc.rank === 0)) return;
          var e = by[doc.year] || (by[doc.year] = [0, 0]);
          e[1] += 1;
          if (users.has(i)) e[0] += 1;
        });
        return [s[0], Object.keys(by).map(Number).sort(function (a, b) { return a - b; })
          .map(function (y) { return [y, 100 * by[y][0] / by[y][1]]; })];
      });
      return lines(series2, d.y_label);
    }
    if (f.follow === "first_use") {
      var rows2 = f.rows.map(function (r) {
        var first = {};
        r[1].forEach(function (i) {
          var doc = docs[i];
          if (!passing[i] || doc.rank === null || doc.year == null) return;
          if (first[doc.rank] === undefined || doc.year < first[doc.rank]) first[doc.rank] = doc.year;
        });
        return [r[0], Object.keys(first).map(function (g) { return [first[g], Number(g)]; })];
      }).filter(function (r) { return r[1].length; });
      return rows2.length ? timeline(rows2, d.groups) : null;
    }
    return "static";
  }
  function redraw(chart, passing) {
    if (chart.redrawn) { chart.redrawn.remove(); chart.redrawn = null; }
    chart.figure.hidden = false;
    chart.picture.style.display = "";
    if (!passing) return;
    var picture = drawn(chart, passing);
    if (picture === "static") return;
    if (picture === "hide") { chart.figure.hidden = true; return; }
    chart.picture.style.display = "none";
    chart.redrawn = picture || el("p", "note", L.nothing);
    chart.figure.insertBefore(chart.redrawn, chart.picture.nextSibling);
  }
  // A table whose rows name no document (a pair's term lists, its parts) follows the documents
  // its section names: the text from its heading to the next heading of the same or a higher
  // level. It is hidden when its section names documents and none of them passes.
  function sectionDocs(table) {
    var node = table;
    while (node.parentElement && node.parentElement !== main) node = node.parentElement;
    var heading = node, level = 7;
    // The nearest heading whose section names documents: a table under 各部分 (h4) follows
    // the pair its h3 section is about.
    for (;;) {
      while (heading && !(/^H[1-6]$/.test(heading.tagName) && Number(heading.tagName.slice(1)) < level)) {
        heading = heading.previousElementSibling;
      }
      if (!heading) return [];
      level = Number(heading.tagName.slice(1));
      var text = [];
      for (var e = heading.nextElementSibling; e; e = e.nextElementSibling) {
        if (/^H[1-6]$/.test(e.tagName) && Number(e.tagName.slice(1)) <= level) break;
        if (e.tagName !== "TABLE" && !e.querySelector("table")) text.push(e);
      }
      var named = docsIn(text);
      if (named.length || level <= 2) return named;
    }
  }
  var main = document.querySelector("main");
  var loose = tables.filter(function (table) {
    return Array.from(table.tBodies[0] ? table.tBodies[0].rows : []).every(function (tr) {
      return tr.tifaDocs.length === 0;
    });
  });
  loose.forEach(function (table) {
    table.tifaDocs = sectionDocs(table);
    if (table.tifaDocs.length) return;
    // A corpus-wide table (trends, keyness) says so under a filter.
    var note = el("p", "note corpus-wide", L.corpus_wide);
    note.hidden = true;
    var at = table.parentElement.classList.contains("scroll") ? table.parentElement : table;
    at.parentElement.insertBefore(note, at);
    table.tifaNote = note;
  });
  // A pair's section (its heading names A → B) goes whole when none of the documents it names
  // passes; a list item naming documents goes as a table row does.
  var pairSections = Array.from(main.children).filter(function (h) {
    return h.tagName === "H3" && h.textContent.indexOf("→") >= 0;
  }).map(function (h) {
    var members = [];
    for (var e = h.nextElementSibling; e && !/^H[1-3]$/.test(e.tagName); e = e.nextElementSibling) {
      members.push(e);
    }
    return { parts: [h].concat(members), docs: docsIn(members) };
  }).filter(function (section) { return section.docs.length > 0; });
  // A list item's own text, not that of a list inside it.
  var items = Array.from(main.querySelectorAll("li")).map(function (li) {
    li.tifaDocs = docsIn(Array.from(li.childNodes).filter(function (n) {
      return n.nodeType !== 1 || !/^(UL|OL)$/.test(n.tagName);
    }));
    return li;
  }).filter(function (li) { return li.tifaDocs.length > 0; });
  var shown = null;
  function apply() {
    var any = filter.level || filter.year || filter.region;
    rows.forEach(function (tr) {
      tr.hidden = Boolean(any) && tr.tifaDocs.length > 0 && !tr.tifaDocs.some(docOk);
    });
    items.forEach(function (li) {
      li.hidden = Boolean(any) && !li.tifaDocs.some(docOk);
    });
    pairSections.forEach(function (section) {
      var out = Boolean(any) && !section.docs.some(docOk);
      section.parts.forEach(function (e) { e.classList.toggle("filtered-out", out); });
    });
    loose.forEach(function (table) {
      table.hidden = Boolean(any) && table.tifaDocs.length > 0 && !table.tifaDocs.some(docOk);
      if (table.tifaNote) table.tifaNote.hidden = !any;
    });
    document.body.classList.toggle("filtered", Boolean(any));
    // Which documents pass, once for all the charts (none: no filter).
    var passing = any ? docs.map(function (_, i) { return docOk(i); }) : null;
    charts.forEach(function (chart) { redraw(chart, passing); });
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
