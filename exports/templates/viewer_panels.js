// The viewer's other views: the timeline, the map (an offline base map), the PNG export.
// Both views follow the graph's filters and selection (viewer.onChange), and select in the graph.
(function () {
  "use strict";
  var viewer = window.viewer, data = viewer.data, byId = viewer.byId, state = viewer.state;
  var SVG = "http://www.w3.org/2000/svg";
  function $(id) { return document.getElementById(id); }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // --- timeline: dated facts, statements and claims, by day -------------------
  var DAY = 86400000;
  function day(date) { return Date.parse(date.slice(0, 10) + "T00:00:00Z"); }
  var items = data.timeline.filter(function (t) { return !isNaN(day(t.date)); });
  // The axis covers the bulk of the items (a fact dated years back would squeeze the rest into a
  // corner): items before the first percentile's day share one bar at the left, "earlier".
  var first = items.length ? day(items[Math.floor(items.length / 100)].date) : 0;
  var last = items.length ? day(items[items.length - 1].date) : 0;
  function itemNodes(t) {
    if (t.edge !== undefined) { var e = data.edges[t.edge]; return [e.from, e.to]; }
    return viewer.statementNodes[t.statement];
  }
  function itemShown(t) {
    var shown = viewer.shownIds();
    if (t.edge !== undefined) {
      var e = data.edges[t.edge];
      return viewer.shownEdges().has(e.id) && viewer.evidencePasses(e.evidence[t.evidence]);
    }
    var s = data.statements[t.statement];
    if (s.article >= 0 && !viewer.articlePasses(s.article)) return false;
    return itemNodes(t).some(function (id) { return shown.has(id); });
  }
  function itemLine(t) {
    if (t.statement !== undefined) return t.date + " \u00b7 " + viewer.statementLine(t.statement);
    var e = data.edges[t.edge], ev = e.evidence[t.evidence];
    return t.date + " \u00b7 " + byId.get(e.from).label + " \u2014 " + e.predicate + " \u2192 " + byId.get(e.to).label +
      "\n" + viewer.evidenceLine(ev);
  }
  function drawTimeline() {
    var box = $("timeline-svg"), w = box.clientWidth || 800, h = box.clientHeight || 90, pad = 40;
    box.replaceChildren();
    box.setAttribute("viewBox", "0 0 " + w + " " + h);
    var days = new Map(), mine = new Map(), shownCount = 0;
    items.forEach(function (t) {
      if (!itemShown(t)) return;
      shownCount++;
      var d = day(t.date) < first ? "earlier" : t.date.slice(0, 10);
      if (!days.has(d)) days.set(d, []);
      days.get(d).push(t);
      if (state.selected && itemNodes(t).indexOf(state.selected) >= 0) mine.set(d, (mine.get(d) || 0) + 1);
    });
    $("timeline-count").textContent = String(shownCount);
    var span = Math.max(last - first, DAY), most = 1;
    days.forEach(function (list) { most = Math.max(most, list.length); });
    var x = function (t) { return pad + (t - first) / span * (w - 2 * pad); };
    var barW = Math.max(2, Math.min(14, (w - 2 * pad) / (span / DAY + 1) - 1)), base = h - 16;
    box.append(svg("line", {x1: pad, x2: w - pad, y1: base + 0.5, y2: base + 0.5, stroke: "#999"}));
    var ticks = span > 90 * DAY ? "month" : span > 14 * DAY ? "week" : "day";
    var lastLabel = -Infinity;
    if (days.has("earlier")) { box.append(svg("text", {x: 2, y: h - 3}, "earlier")); lastLabel = 2; }
    for (var t = first; t <= last; t += DAY) {
      var d = new Date(t), iso = d.toISOString().slice(0, 10);
      var tick = t === first || (ticks === "month" && d.getUTCDate() === 1) || (ticks === "week" && d.getUTCDay() === 1) || ticks === "day";
      if (tick && x(t) - lastLabel > 70) {
        box.append(svg("text", {x: x(t), y: h - 3, "text-anchor": "middle"}, ticks === "month" ? iso.slice(0, 7) : iso));
        lastLabel = x(t);
      }
    }
    Array.from(days.keys()).sort().forEach(function (d) {
      var list = days.get(d), bh = Math.max(2, (base - 6) * list.length / most);
      var left = d === "earlier" ? 8 : x(day(d)) - barW / 2;
      var g = svg("g", {class: "day", "data-date": d, "data-count": list.length});
      g.append(svg("title", {}, d + ": " + list.length), svg("rect", {x: left, y: base - bh, width: barW, height: bh, class: "bar"}));
      var m = mine.get(d);
      if (m) {
        var mh = Math.max(2, (base - 6) * m / most);
        g.append(svg("rect", {x: left, y: base - mh, width: barW, height: mh, class: "bar mine", "data-count": m}));
      }
      g.addEventListener("click", function () { showDay(d, list); });
      box.append(g);
    });
  }
  function showDay(d, list) {
    var ids = new Set(), sel = state.selected;
    list = list.slice().sort(function (a, b) {  // the selected node's items first
      return (itemNodes(b).indexOf(sel) >= 0) - (itemNodes(a).indexOf(sel) >= 0);
    });
    list.forEach(function (t) { itemNodes(t).forEach(function (id) { if (id && byId.has(id)) ids.add(id); }); });
    viewer.highlight(Array.from(ids));
    viewer.showDetails(d + " \u00b7 " + list.length + " dated item" + (list.length === 1 ? "" : "s"),
                       [["timeline", list.map(itemLine)]]);
  }

  // --- map: the places with coordinates, on Natural Earth's countries -----------
  var mapBuilt = false, markers = new Map();
  var places = data.nodes.filter(function (n) { return n.geo; });
  function buildMap() {
    var outline = JSON.parse($("viewer-basemap").textContent);
    var root = svg("svg", {id: "map-svg", role: "img", "aria-label": "Map of places", preserveAspectRatio: "xMidYMid meet"});
    var land = svg("g", {id: "basemap"});
    outline.forEach(function (d) { land.append(svg("path", {d: d, class: "country"})); });
    root.append(land, svg("g", {id: "markers"}));
    $("map").append(root);
    mapBuilt = true;
  }
  function drawMap() {
    if (!mapBuilt) return;
    var shown = viewer.shownIds(), group = $("markers"), list = places.filter(function (n) { return shown.has(n.id); });
    group.replaceChildren();
    markers.clear();
    var lons = list.map(function (n) { return n.geo[1]; }), lats = list.map(function (n) { return n.geo[0]; });
    var x0 = Math.min.apply(null, lons.concat([180])), x1 = Math.max.apply(null, lons.concat([-180]));
    var y0 = Math.min.apply(null, lats.concat([90])), y1 = Math.max.apply(null, lats.concat([-90]));
    if (!list.length) { x0 = -180; x1 = 180; y0 = -60; y1 = 85; }
    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, sw = Math.max(x1 - x0 + 10, 30), sh = Math.max(y1 - y0 + 8, 16);
    var unit = Math.max(sw, sh) / 120;
    $("map-svg").setAttribute("viewBox", [cx - sw / 2, -cy - sh / 2, sw, sh].map(function (v) { return v.toFixed(2); }).join(" "));
    $("basemap").setAttribute("stroke-width", String(unit * 0.3));
    list.sort(function (a, b) { return b.degree - a.degree || (a.label < b.label ? -1 : 1); });
    list.slice().reverse().forEach(function (n) {  // the most connected on top
      var r = unit * (0.3 + 0.22 * Math.log2(1 + n.degree));
      var c = svg("circle", {cx: n.geo[1], cy: -n.geo[0], r: r.toFixed(3), fill: n.color, "stroke-width": unit * 0.12,
                             class: "marker" + (n.id === state.selected ? " selected" : ""), "data-id": n.id});
      c.append(svg("title", {}, n.label + " (" + n.type + ")"));
      c.addEventListener("click", function () { viewer.select(n.id); });
      group.append(c);
      markers.set(n.id, c);
    });
    // Labels for the selected place, then the most connected, none over another (at most 25).
    var boxes = [], size = unit * 2.2;
    list.filter(function (n) { return n.id === state.selected; }).concat(list).forEach(function (n) {
      if (boxes.length >= 25) return;
      var b = [n.geo[1] + unit, -n.geo[0] - unit - size, n.geo[1] + unit + size * 0.58 * n.label.length, -n.geo[0] - unit];
      if (boxes.some(function (o) { return b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]; })) return;
      boxes.push(b);
      group.append(svg("text", {x: b[0], y: b[3], "font-size": size.toFixed(3), "stroke-width": (unit * 0.4).toFixed(3),
                                 class: "marker-label"}, n.label));
    });
    window.viewerMarkers = list.length;
  }

  // --- tabs, PNG ------------------------------------------------------------
  function showTab(name) {
    $("tab-graph").setAttribute("aria-selected", String(name === "graph"));
    $("tab-map").setAttribute("aria-selected", String(name === "map"));
    $("map").hidden = name !== "map";
    if (name === "map") { if (!mapBuilt) buildMap(); drawMap(); }
  }
  $("tab-graph").addEventListener("click", function () { showTab("graph"); });
  $("tab-map").addEventListener("click", function () { showTab("map"); });
  $("png").addEventListener("click", function () {
    var source = document.querySelector("#graph canvas"), out = document.createElement("canvas");
    out.width = source.width;
    out.height = source.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
    var url = out.toDataURL("image/png"), a = document.createElement("a");
    a.href = url;
    a.download = "newskg-graph.png";
    window.viewerPng = url;
    document.body.append(a);
    a.click();
    a.remove();
  });

  viewer.onChange(function () { drawTimeline(); drawMap(); });
  window.addEventListener("resize", drawTimeline);
  // After the graph's first frame: the graph is what a reader waits for.
  if (window.viewerStable) drawTimeline();
  else viewer.network.once("afterDrawing", function () { setTimeout(drawTimeline, 0); });
})();
