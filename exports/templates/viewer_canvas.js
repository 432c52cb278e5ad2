// The viewer's own drawing on vis-network's canvas: labels by degree and zoom (never one over
// another, one size on screen at every zoom), the halos of the selected and highlighted nodes, and
// the edges when there are too many for vis-network (with the hit test for a click on one).
(function () {
  "use strict";
  var viewer = window.viewer, network = viewer.network, state = viewer.state, byId = viewer.byId;
  var edgeById = viewer.edgeById;
  var LABEL_PX = 13, MAX_LABELS = 300, EDGE_LABELS_MAX = 250;
  function $(id) { return document.getElementById(id); }
  function short(text, n) { return text.length <= n ? text : text.slice(0, n - 1) + "\u2026"; }
  var byDegree = viewer.data.nodes.map(function (n) { return n.id; }).sort(function (a, b) {
    return byId.get(b).degree - byId.get(a).degree || (a < b ? -1 : 1);
  });
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = LABEL_PX + "px sans-serif";
  var widths = new Map();
  function labelText(id) { return short(byId.get(id).label, 42); }
  function widthOf(text) {
    var w = widths.get(text);
    if (w === undefined) { w = measure.measureText(text).width; widths.set(text, w); }
    return w;
  }
  function labelOrder() {
    var first = [];
    if (state.selected && viewer.shownIds().has(state.selected)) {
      first.push(state.selected);
      first = first.concat(viewer.neighboursOf(state.selected).filter(function (id) { return viewer.shownIds().has(id); }));
    }
    if (state.mode === "focus" && state.root) first.push(state.root);
    state.highlighted.forEach(function (id) { first.push(id); });
    return first.concat(byDegree);
  }
  function drawLabels(ctx) {
    var scale = network.getScale(), box = $("graph"), w = box.clientWidth, h = box.clientHeight;
    var tl = network.DOMtoCanvas({x: 0, y: 0}), cell = 48, grid = new Map(), placed = [], done = new Set();
    function free(b) {
      for (var gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++) {
        for (var gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) {
          var list = grid.get(gx + "," + gy) || [];
          for (var i = 0; i < list.length; i++) {
            var o = list[i];
            if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return false;
          }
        }
      }
      return true;
    }
    function take(b) {
      for (var gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++) {
        for (var gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) {
          var key = gx + "," + gy;
          if (!grid.has(key)) grid.set(key, []);
          grid.get(key).push(b);
        }
      }
    }
    var order = labelOrder(), body = network.body.nodes;
    for (var i = 0; i < order.length && placed.length < MAX_LABELS; i++) {
      var id = order[i];
      if (done.has(id) || !viewer.shownIds().has(id) || !body[id]) continue;
      done.add(id);
      var sx = (body[id].x - tl.x) * scale, sy = (body[id].y - tl.y) * scale;
      if (sx < -50 || sy < -20 || sx > w + 50 || sy > h + 20) continue;
      var text = labelText(id), tw = widthOf(text), r = byId.get(id).size * scale;
      var b = [sx - tw / 2 - 2, sy + r + 1, sx + tw / 2 + 2, sy + r + LABEL_PX + 4];
      if (!free(b)) continue;
      take(b);
      placed.push([id, text, body[id].x, body[id].y + (r + 1 + LABEL_PX * 0.85) / scale]);
    }
    ctx.save();
    ctx.textAlign = "center";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3 / scale;
    ctx.strokeStyle = "rgba(255,255,255,0.95)";
    ctx.fillStyle = "#1a1a1a";
    placed.forEach(function (p) {
      ctx.font = (p[0] === state.selected ? "bold " : "") + (LABEL_PX / scale) + "px sans-serif";
      ctx.strokeText(p[1], p[2], p[3]);
      ctx.fillText(p[1], p[2], p[3]);
    });
    var edgeLabels = [];
    if (viewer.shownEdges().size <= EDGE_LABELS_MAX) {
      ctx.font = (11 / scale) + "px sans-serif";
      ctx.fillStyle = "#555";
      viewer.shownEdges().forEach(function (id) {
        var be = network.body.edges[id];
        if (!be || !be.edgeType) return;
        var pt = be.edgeType.getPoint(0.5), e = edgeById.get(id);
        var text = e.predicate + (e.shown > 1 ? " \u00d7" + e.shown : "");
        var sx = (pt.x - tl.x) * scale, sy = (pt.y - tl.y) * scale, tw = measure.measureText(text).width * 11 / LABEL_PX;
        var b = [sx - tw / 2, sy - 7, sx + tw / 2, sy + 5];
        if (sx < 0 || sy < 0 || sx > w || sy > h || !free(b)) return;
        take(b);
        ctx.strokeText(text, pt.x, pt.y + 4 / scale);
        ctx.fillText(text, pt.x, pt.y + 4 / scale);
        edgeLabels.push(text);
      });
    }
    ctx.restore();
    window.viewerLabels = placed.map(function (p) { return p[1]; });
    window.viewerEdgeLabels = edgeLabels;
  }
  function drawEdges(ctx) {  // when vis does not: every shown edge as a plain line, under the nodes
    if (viewer.visDrawsEdges() || moving) return;  // like vis's hideEdgesOnDrag/Zoom: a frame then costs a third less
    var body = network.body.nodes;
    ctx.save();
    ctx.beginPath();
    viewer.shownEdges().forEach(function (id) {
      var e = edgeById.get(id), a = body[e.from], b = body[e.to];
      if (a && b) { ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); }
    });
    ctx.lineWidth = 1 / Math.max(network.getScale(), 0.5);
    ctx.strokeStyle = "rgba(140, 140, 140, 0.45)";
    ctx.stroke();
    ctx.restore();
  }
  function edgeAt(dom) {  // the drawn-by-us edge under a click, within 5 px
    var p = network.DOMtoCanvas(dom), tol = 5 / network.getScale(), best = null, bestD = tol, body = network.body.nodes;
    viewer.shownEdges().forEach(function (id) {
      var e = edgeById.get(id), a = body[e.from], b = body[e.to];
      if (!a || !b) return;
      var dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy || 1;
      var t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
      var d = Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
      if (d < bestD) { bestD = d; best = id; }
    });
    return best;
  }
  function drawHalos(ctx) {
    drawEdges(ctx);
    var body = network.body.nodes, scale = network.getScale();
    state.highlighted.forEach(function (id) {
      if (!viewer.shownIds().has(id) || !body[id]) return;
      ctx.beginPath();
      ctx.arc(body[id].x, body[id].y, byId.get(id).size + 6 / scale, 0, 2 * Math.PI);
      ctx.strokeStyle = "#ff7f0e";
      ctx.lineWidth = 3 / scale;
      ctx.stroke();
    });
    var s = state.selected;
    if (s && viewer.shownIds().has(s) && body[s]) {
      ctx.beginPath();
      ctx.arc(body[s].x, body[s].y, byId.get(s).size + 12 / scale, 0, 2 * Math.PI);
      ctx.fillStyle = "rgba(255, 204, 0, 0.55)";
      ctx.fill();
    }
  }

  var moving = false, settle = null;
  function still() { moving = false; settle = null; network.redraw(); }
  network.on("dragStart", function () { moving = true; });
  network.on("dragEnd", still);
  network.on("zoom", function () {  // no zoomEnd event: the edges come back when the wheel rests
    moving = true;
    if (settle) clearTimeout(settle);
    settle = setTimeout(still, 200);
  });
  viewer.edgeAt = edgeAt;
  network.on("beforeDrawing", drawHalos);
  network.on("afterDrawing", drawLabels);
})();
