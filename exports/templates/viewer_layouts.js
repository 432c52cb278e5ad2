// The viewer's layouts in the page, pure functions of their arguments (deterministic: no randomness).
// viewer.js lays out a filtered view with force() and a focus view with rings().
(function () {
  "use strict";
  // Fruchterman-Reingold from the exported positions (deterministic: no randomness).
  function force(ids, start, edges) {
    var n = ids.length, index = new Map(), X = new Float64Array(n), Y = new Float64Array(n);
    ids.forEach(function (id, i) { var p = start(id); index.set(id, i); X[i] = p[0]; Y[i] = p[1]; });
    var k = 110, side = k * Math.sqrt(n) * 1.5, minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (var i = 0; i < n; i++) { minX = Math.min(minX, X[i]); maxX = Math.max(maxX, X[i]); minY = Math.min(minY, Y[i]); maxY = Math.max(maxY, Y[i]); }
    var span = Math.max(maxX - minX, maxY - minY, 1);
    for (i = 0; i < n; i++) { X[i] = (X[i] - minX) / span * side; Y[i] = (Y[i] - minY) / span * side; }
    var links = [];
    edges.forEach(function (e) { links.push([index.get(e[0]), index.get(e[1])]); });
    var DX = new Float64Array(n), DY = new Float64Array(n), temp = side / 6, k2 = k * k;
    for (var it = 0; it < 80; it++) {
      DX.fill(0); DY.fill(0);
      var cx = 0, cy = 0;
      for (i = 0; i < n; i++) { cx += X[i] / n; cy += Y[i] / n; }
      for (i = 0; i < n; i++) {
        for (var j = 0; j < i; j++) {
          var dx = X[i] - X[j], dy = Y[i] - Y[j], d2 = dx * dx + dy * dy;
          if (d2 < 0.01) { dx = 0.1 * ((i % 7) - 3) || 0.1; dy = 0.1; d2 = dx * dx + dy * dy; }
          var f = k2 / d2;
          DX[i] += dx * f; DY[i] += dy * f; DX[j] -= dx * f; DY[j] -= dy * f;
        }
        DX[i] -= (X[i] - cx) * 0.03; DY[i] -= (Y[i] - cy) * 0.03;  // gravity keeps components together
      }
      links.forEach(function (l) {
        var dx = X[l[0]] - X[l[1]], dy = Y[l[0]] - Y[l[1]], d = Math.sqrt(dx * dx + dy * dy) / k;
        DX[l[0]] -= dx * d; DY[l[0]] -= dy * d; DX[l[1]] += dx * d; DY[l[1]] += dy * d;
      });
      for (i = 0; i < n; i++) {
        var disp = Math.sqrt(DX[i] * DX[i] + DY[i] * DY[i]);
        if (disp > 0) { var lim = Math.min(disp, temp) / disp; X[i] += DX[i] * lim; Y[i] += DY[i] * lim; }
      }
      temp *= 0.94;
    }
    var pos = new Map();
    ids.forEach(function (id, i) { pos.set(id, [Math.round(X[i]), Math.round(Y[i])]); });
    return pos;
  }
  // A node's neighbourhood on rings: the node, its neighbours, theirs (each near the first that reached it).
  function rings(root, hops, neighboursOf, order, degree, max) {
    var ring1 = neighboursOf(root).sort(order), seen = new Set([root].concat(ring1)), ring2 = [];
    if (hops > 1) {
      ring1.forEach(function (p) {
        neighboursOf(p).sort(order).forEach(function (q) { if (!seen.has(q)) { seen.add(q); ring2.push(q); } });
      });
    }
    var keep = max - 1 - ring1.length;
    if (ring2.length > keep) {  // the most connected, in their ring order
      var best = new Set(ring2.slice().sort(function (a, b) { return degree(b) - degree(a); }).slice(0, Math.max(0, keep)));
      ring2 = ring2.filter(function (q) { return best.has(q); });
    }
    var pos = new Map([[root, [0, 0]]]);
    var r1 = Math.max(180, ring1.length * 34 / (2 * Math.PI));
    ring1.forEach(function (id, i) { var a = 2 * Math.PI * i / ring1.length; pos.set(id, [Math.round(r1 * Math.cos(a)), Math.round(r1 * Math.sin(a))]); });
    var r2 = r1 + Math.max(200, ring2.length * 26 / (2 * Math.PI));
    ring2.forEach(function (id, i) { var a = 2 * Math.PI * i / ring2.length; pos.set(id, [Math.round(r2 * Math.cos(a)), Math.round(r2 * Math.sin(a))]); });
    return pos;
  }
  window.viewerLayouts = {force: force, rings: rings};
})();
