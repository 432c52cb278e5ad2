// The viewer's graph: filters, layout of what remains, labels, focus, details.
// The page's layouts are viewer_layouts.js; its own drawing (labels, halos, many edges)
// viewer_canvas.js; the timeline, the map and the PNG export viewer_panels.js; the search
// viewer_search.js. They meet through `viewer`.
// Every string from the data goes into the page as text (textContent), never as markup.
(function () {
  "use strict";
  var times = window.viewerTimes = {start: performance.now()};  // ms from navigation start (bench/viewer_render.py)
  var data = JSON.parse(document.getElementById("viewer-data").textContent);
  times.parsed = performance.now();
  var articles = data.articles, statements = data.statements;
  var RELAYOUT_MAX = 800;  // filtered views up to this many nodes are laid out again (O(n^2) a step)
  var FOCUS_MAX = 400;     // a focus view shows at most this many nodes, the most connected
  // vis-network builds each edge slowly (about 0.3 ms on 2 cores): past this many shown edges the
  // page draws them itself as plain lines (clicks on them still show their evidence), and vis only
  // the nodes; a focus or a filter that leaves fewer hands them back to vis (arrows, hover, curves).
  var VIS_EDGES_MAX = 1000;

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function articleLine(i) {
    var a = articles[i];
    if (!a) return "";
    var where = [a.source, a.date].filter(Boolean).join(", ");
    return a.id + ": " + a.title + (where ? " (" + where + ")" : "");
  }
  function short(text, n) { return text.length <= n ? text : text.slice(0, n - 1) + "\u2026"; }

  // --- the data, indexed ---------------------------------------------------
  var byId = new Map(), adjacency = new Map(), edgeById = new Map();
  data.nodes.forEach(function (n) {
    byId.set(n.id, n);
    adjacency.set(n.id, []);
    n.search = [n.label].concat(n.details.filter(function (r) { return r[0] === "aliases"; })
      .map(function (r) { return r[1]; })).join("\n").toLowerCase();
  });
  data.edges.forEach(function (e, i) {  // ends by index in data.nodes
    e.index = i;
    e.id = "e" + i;
    e.from = data.nodes[e.from].id;
    e.to = data.nodes[e.to].id;
    edgeById.set(e.id, e);
    adjacency.get(e.from).push(e);
    adjacency.get(e.to).push(e);
  });
  var statementNodes = statements.map(function (s) { return [s.node]; });
  data.nodes.forEach(function (n) {
    (n.said || []).concat(n.about || []).forEach(function (i) { statementNodes[i].push(n.id); });
  });
  function evidenceLine(ev) {
    var where = [ev[1] >= 0 ? articleLine(ev[1]) : "", ev[2], "confidence " + ev[3], ev[4] ? "verb: " + ev[4] : "",
                 ev[5] ? "rule: " + ev[5] : ""].filter(Boolean).join("; ");
    return "\u201c" + ev[0] + "\u201d\n" + where;
  }
  function edgeName(e) { return e.predicate + (e.count > 1 ? " \u00d7" + e.count : ""); }

  times.indexed = performance.now();
  var visNodes = new vis.DataSet(data.nodes.map(function (n) {
    return {id: n.id, x: n.x, y: n.y, shape: n.shape, size: n.size, color: n.color,
            title: n.label + " (" + n.type + ")\n" + n.degree + " neighbours, " + n.articles.length + " articles"};
  }));
  var visEdges = new vis.DataSet(data.edges.map(function (e) {
    var item = {id: e.id, from: e.from, to: e.to, width: e.width,
                title: edgeName(e) + "\n" + e.evidence.slice(0, 3).map(function (ev) { return "\u201c" + ev[0] + "\u201d"; }).join("\n")};
    if (e.smooth) item.smooth = e.smooth;
    if (e.kind === "speech" || e.dashes) item.dashes = true;  // statements, and facts not asserted
    return item;
  }));

  // --- state and filters ---------------------------------------------------
  var state = {hiddenTypes: new Set(), article: -1, source: "", from: "", to: "", speech: false,
               hidden: new Set(), mode: "whole", focusSet: null, focusPos: null, root: null,
               selected: null, highlighted: new Set()};
  var shownIds = new Set(), shownEdges = new Set();
  function filtering() {
    return state.hiddenTypes.size > 0 || state.article >= 0 || state.source !== "" || state.from !== "" ||
      state.to !== "" || state.hidden.size > 0;
  }
  function articlePasses(i) {
    var a = articles[i];
    if (!a) return state.article < 0 && state.source === "" && state.from === "" && state.to === "";
    if (state.article >= 0 && i !== state.article) return false;
    if (state.source && a.source !== state.source) return false;
    return datePasses(a.date);
  }
  function datePasses(date) {
    if (!state.from && !state.to) return true;
    if (!date) return false;
    return (!state.from || date >= state.from) && (!state.to || date.slice(0, 10) <= state.to);
  }
  function nodePasses(n) {
    if (n.kind !== "entity" && !state.speech) return false;
    if (state.hiddenTypes.has(n.type) || state.hidden.has(n.id)) return false;
    if (state.article < 0 && !state.source && !state.from && !state.to) return true;
    return n.articles.some(articlePasses);
  }
  function evidencePasses(ev) {
    if (state.article < 0 && !state.source && !state.from && !state.to) return true;
    return (ev[1] < 0 ? state.article < 0 && !state.source : articlePasses(ev[1])) && datePasses(ev[2]);
  }
  function edgePasses(e) {
    if (!shownIds.has(e.from) || !shownIds.has(e.to)) return false;
    e.shown = e.evidence.filter(evidencePasses).length;
    return e.shown > 0;
  }
  data.nodes.forEach(function (n) { if (nodePasses(n)) shownIds.add(n.id); });
  data.edges.forEach(function (e) { if (edgePasses(e)) shownEdges.add(e.id); });
  var nodeView = new vis.DataView(visNodes, {filter: function (n) { return shownIds.has(n.id); }});
  var visDrawsEdges = shownEdges.size <= VIS_EDGES_MAX;
  var edgeView = new vis.DataView(visEdges, {filter: function (e) { return visDrawsEdges && shownEdges.has(e.id); }});

  // --- layouts in the page -------------------------------------------------
  // Who is next to a node, among the nodes the filters pass.
  function neighboursOf(id) {
    var out = [];
    adjacency.get(id).forEach(function (e) {
      var other = e.from === id ? e.to : e.from;
      if (other !== id && nodePasses(byId.get(other)) && out.indexOf(other) < 0) out.push(other);
    });
    return out;
  }
  function ringOrder(a, b) {
    var na = byId.get(a), nb = byId.get(b);
    return (na.type < nb.type ? -1 : na.type > nb.type ? 1 : 0) || nb.degree - na.degree || (na.label < nb.label ? -1 : 1);
  }
  function place(pos) {
    var body = network.body.nodes;
    shownIds.forEach(function (id) {
      var p = pos ? pos.get(id) : null, n = byId.get(id), b = body[id];
      if (!b) return;
      b.x = p ? p[0] : n.x;
      b.y = p ? p[1] : n.y;
    });
  }

  // --- redraw what passes --------------------------------------------------
  function fitView() {  // vis fits the nodes; leave room for the labels under them
    network.fit({animation: false});
    network.moveTo({scale: network.getScale() * 0.85, animation: false});
  }
  function refresh(fit) {
    var pass = data.nodes.filter(nodePasses).map(function (n) { return n.id; });
    if (state.mode === "focus") pass = pass.filter(function (id) { return state.focusSet.has(id); });
    shownIds = new Set(pass);
    shownEdges = new Set(data.edges.filter(edgePasses).map(function (e) { return e.id; }));
    // Edges first: nodes coming back must not be drawn with a focus view's edges, and vis-network
    // draws nothing until the whole change is in (one frame, not one per DataView event).
    network.renderer.allowRedraw = false;
    try {
      visDrawsEdges = shownEdges.size <= VIS_EDGES_MAX;
      edgeView.refresh();
      nodeView.refresh();
    } finally {
      network.renderer.allowRedraw = true;
    }
    var pos = null;
    if (state.mode === "focus") pos = state.focusPos;
    else if (filtering() && shownIds.size <= RELAYOUT_MAX) {
      pos = viewerLayouts.force(pass, function (id) { return [byId.get(id).x, byId.get(id).y]; },
        Array.from(shownEdges, function (id) { var e = edgeById.get(id); return [e.from, e.to]; }));
    }
    place(pos);
    if (fit !== false) fitView();
    network.redraw();
    showCounts();
  }
  function showCounts() {
    var pass = Array.from(shownIds), relations = 0;
    shownEdges.forEach(function (id) { if (edgeById.get(id).kind === "fact") relations++; });
    var entities = pass.filter(function (id) { return byId.get(id).kind === "entity"; }).length;
    $("counts").textContent = entities + " of " + data.summary.nodes + " entities, " + relations + " of " +
      data.summary.edges + " relations" + (state.speech ? ", " + (pass.length - entities) + " statements and claims" : "");
    var counts = new Map();
    pass.forEach(function (id) { var t = byId.get(id).type; counts.set(t, (counts.get(t) || 0) + 1); });
    document.querySelectorAll("#legend-items .legend-count").forEach(function (c) {
      c.textContent = (counts.get(c.dataset.type) || 0) + " / " + c.dataset.total;
    });
    $("hidden-nodes").hidden = state.hidden.size === 0;
    $("hidden-count").textContent = state.hidden.size + " hidden";
    viewer.changed();
  }

  // --- the network -------------------------------------------------------------
  times.datasets = performance.now();
  var network = new vis.Network($("graph"), {nodes: nodeView, edges: edgeView}, data.options);
  window.network = network;  // for tests and for the browser console
  times.network = performance.now();
  window.viewerStable = false;

  // --- details -------------------------------------------------------------
  function showDetails(heading, rows, actions) {
    $("details-heading").textContent = heading;
    $("details-hint").hidden = true;
    var bar = $("details-actions");
    bar.replaceChildren();
    (actions || []).forEach(function (a) {
      var b = el("button", a[0]);
      b.type = "button";
      b.dataset.action = a[0];
      b.addEventListener("click", a[1]);
      bar.append(b);
    });
    var list = $("details-list");
    list.replaceChildren();
    rows.forEach(function (row) {
      list.append(el("dt", row[0]));
      [].concat(row[1]).forEach(function (v) { list.append(el("dd", v)); });
    });
  }
  function statementLine(i) {
    var s = statements[i];
    var what = s.kind === "claim" ? " (claim): " + s.text + (s.sentence ? "\n\u201c" + s.sentence + "\u201d" : "")
      : s.mode === "direct" ? ": \u201c" + s.text + "\u201d" : ": " + s.text;
    return s.speaker + what + (s.article >= 0 ? "\n(" + articleLine(s.article) + ")" : "");
  }
  function relationLine(e, id) {
    var other = byId.get(e.from === id ? e.to : e.from);
    return (e.from === id ? edgeName(e) + " \u2192 " : "\u2190 " + edgeName(e) + " \u2014 ") + other.label;
  }
  function showNode(id) {
    var n = byId.get(id);
    if (!n) return;
    var rows = n.details.slice();
    if (n.articles.length) rows.push(["articles", n.articles.map(articleLine)]);
    var rel = adjacency.get(id).filter(function (e) { return e.kind === "fact"; })
      .sort(function (a, b) { return b.count - a.count || a.index - b.index; });
    if (rel.length) rows.push(["relations", rel.slice(0, 40).map(function (e) { return relationLine(e, id); })]);
    if (n.said) rows.push([n.kind === "entity" ? "said and claimed" : "said", n.said.map(statementLine)]);
    if (n.about) rows.push(["said about it", n.about.map(statementLine)]);
    showDetails(n.label, rows, [
      ["Focus", function () { focusOn(id); }],
      ["Expand", function () { expand(id); }],
      ["Hide", function () { hide(id); }],
    ]);
  }
  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    var rows = [["from", byId.get(e.from).label], ["to", byId.get(e.to).label], ["relation", e.predicate],
                ["modality", e.modality || "asserted"],
                ["count", String(e.count)], ["evidence", e.evidence.map(evidenceLine)]];
    showDetails(edgeName(e), rows);
  }
  function select(id, centre) {
    state.selected = id;
    network.selectNodes(shownIds.has(id) ? [id] : []);
    if (centre && shownIds.has(id)) network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: false});
    showNode(id);
    network.redraw();
    viewer.changed();
  }

  // --- focus, expand, hide -------------------------------------------------------
  function focusOn(id) {
    var t0 = performance.now();
    state.mode = "focus";
    state.root = state.selected = id;
    state.focusPos = viewerLayouts.rings(id, Number($("hops").value), neighboursOf, ringOrder,
                                         function (q) { return byId.get(q).degree; }, FOCUS_MAX);
    state.focusSet = new Set(state.focusPos.keys());
    $("mode-banner").hidden = false;
    $("mode-text").textContent = "Neighbourhood of " + byId.get(id).label + " (" + $("hops").value + " hop" +
      ($("hops").value === "1" ? "" : "s") + ", " + state.focusSet.size + " nodes)";
    refresh();  // draws once, labels and all (vis-network's redraw() is synchronous)
    network.selectNodes([id]);
    showNode(id);
    window.viewerFocusMs = performance.now() - t0;
  }
  function expand(id) {
    if (state.mode !== "focus") { focusOn(id); return; }
    var p = state.focusPos.get(id) || [0, 0], fresh = neighboursOf(id).filter(function (q) { return !state.focusSet.has(q); });
    var away = Math.atan2(p[1], p[0]) || 0, spread = Math.min(2 * Math.PI, 0.35 * fresh.length), r = 140 + 4 * fresh.length;
    fresh.sort(ringOrder).forEach(function (q, i) {
      var a = away + (fresh.length > 1 ? spread * (i / (fresh.length - 1) - 0.5) : 0);
      state.focusPos.set(q, [Math.round(p[0] + r * Math.cos(a)), Math.round(p[1] + r * Math.sin(a))]);
      state.focusSet.add(q);
    });
    refresh();
    select(id, false);
  }
  function hide(id) {
    state.hidden.add(id);
    if (state.selected === id) state.selected = null;
    if (state.mode === "focus" && state.root === id) back(); else refresh();
  }
  function back() {
    state.mode = "whole";
    state.root = null;
    $("mode-banner").hidden = true;
    refresh();
  }
  $("back").addEventListener("click", back);
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && state.mode === "focus") back(); });

  network.on("click", function (params) {
    if (params.nodes.length) {
      if (state.mode === "whole") focusOn(params.nodes[0]); else select(params.nodes[0], false);
    } else if (params.edges.length) showEdge(params.edges[0]);
    else if (!visDrawsEdges && params.pointer) {
      var id = viewer.edgeAt(params.pointer.DOM);
      if (id) showEdge(id);
    }
  });
  network.on("doubleClick", function (params) { if (params.nodes.length) expand(params.nodes[0]); });
  network.on("oncontext", function (params) {
    var id = network.getNodeAt(params.pointer.DOM);
    if (id !== undefined) { params.event.preventDefault(); hide(id); }
  });

  // --- filters and legend ----------------------------------------------------
  var legend = $("legend-items");
  data.legend.forEach(function (item) {
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = item.type;
    box.addEventListener("change", function () {
      if (box.checked) state.hiddenTypes.delete(item.type); else state.hiddenTypes.add(item.type);
      refresh();
    });
    var swatch = el("span", undefined, "swatch");
    swatch.style.backgroundColor = item.color;
    if (item.kind !== "entity") swatch.style.borderRadius = item.kind === "claim" ? "2px" : "0";
    var count = el("span", "", "legend-count");
    count.dataset.type = item.type;
    count.dataset.total = String(item.count);
    var label = el("label");
    label.append(box, swatch, el("span", item.type, "legend-type"), count);
    var li = el("li");
    li.appendChild(label);
    legend.appendChild(li);
  });
  var articleSelect = $("article-filter"), sourceSelect = $("source-filter");
  articles.forEach(function (a, i) {
    var o = el("option", short(a.id + ": " + a.title, 80));
    o.value = String(i);
    articleSelect.appendChild(o);
  });
  data.sources.forEach(function (s) {
    var o = el("option", s);
    o.value = s;
    sourceSelect.appendChild(o);
  });
  var dates = articles.map(function (a) { return a.date.slice(0, 10); }).filter(Boolean).sort();
  if (dates.length) {
    ["date-from", "date-to"].forEach(function (id) { $(id).min = dates[0]; $(id).max = dates[dates.length - 1]; });
  }
  articleSelect.addEventListener("change", function () {
    state.article = articleSelect.value === "" ? -1 : Number(articleSelect.value);
    refresh();
  });
  sourceSelect.addEventListener("change", function () { state.source = sourceSelect.value; refresh(); });
  $("date-from").addEventListener("change", function () { state.from = $("date-from").value; refresh(); });
  $("date-to").addEventListener("change", function () { state.to = $("date-to").value; refresh(); });
  $("unhide").addEventListener("click", function () { state.hidden.clear(); refresh(); });
  $("speech-toggle").addEventListener("change", function () {
    state.speech = $("speech-toggle").checked;
    if (state.mode === "focus") focusOn(state.root); else refresh();  // a focus takes in the statements too
  });
  $("hops").addEventListener("change", function () { if (state.mode === "focus") focusOn(state.root); });
  function clearFilters() {
    state.hiddenTypes.clear();
    state.hidden.clear();
    legend.querySelectorAll("input").forEach(function (b) { b.checked = true; });
    state.article = -1; state.source = ""; state.from = ""; state.to = "";
    articleSelect.value = ""; sourceSelect.value = ""; $("date-from").value = ""; $("date-to").value = "";
    if (byId.get(state.selected) && byId.get(state.selected).kind !== "entity") {
      state.speech = true; $("speech-toggle").checked = true;
    }
    state.mode = "whole"; $("mode-banner").hidden = true;
    refresh();
  }

  // --- what the panels (viewer_panels.js) and the search (viewer_search.js) use ---
  var listeners = [];
  var viewer = window.viewer = {
    data: data, byId: byId, edgeById: edgeById, state: state, network: network, statementNodes: statementNodes,
    neighboursOf: neighboursOf, visDrawsEdges: function () { return visDrawsEdges; },
    shownIds: function () { return shownIds; }, shownEdges: function () { return shownEdges; },
    edge: function (i) { return data.edges[i]; }, evidencePasses: evidencePasses, articlePasses: articlePasses,
    articleLine: articleLine, evidenceLine: evidenceLine, statementLine: statementLine, edgeName: edgeName,
    select: function (id) {  // from the map: a place the view does not show is brought in
      if (!nodePasses(byId.get(id))) { state.selected = id; clearFilters(); }
      if (state.mode === "focus" && !shownIds.has(id)) focusOn(id); else select(id, true);
    },
    highlight: function (ids) { state.highlighted = new Set(ids); network.redraw(); },
    reveal: function (id) {  // from the search: a node filtered out clears the filters first
      if (!shownIds.has(id)) { state.selected = id; clearFilters(); }
      state.highlighted = new Set([id]);
      select(id, true);
    },
    showDetails: showDetails, el: el,
    onChange: function (f) { listeners.push(f); },
    changed: function () { listeners.forEach(function (f) { f(); }); },
  };
  // --- first render --------------------------------------------------------
  function stable() {
    window.viewerStable = true;
    window.viewerRenderMs = times.drawn = performance.now();
    $("status").textContent = "";
  }
  // After the whole first frame: the handlers of viewer_canvas.js (labels) run after this one.
  if (shownIds.size) network.once("afterDrawing", function () { setTimeout(stable, 0); });
  fitView();
  showCounts();
  if (!shownIds.size) stable();
})();
