/* lagebild's line chart: a small SVG chart, written for lagebild (no third-party code).
   LagebildChart.line(container, spec, onPoint)
   spec = {series: [{name, points: [{x, y, label}]}], x: [labels in order], ymin, ymax, ylabel, integer}
   Points are focusable; a click or Enter calls onPoint(x, seriesIndex). */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var COLORS = ["#1f5fa8", "#c2410c", "#15803d", "#7e22ce"];

  function el(name, attrs, parent, text) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function niceTicks(lo, hi, count, integer) {
    var span = hi - lo, step = Math.pow(10, Math.floor(Math.log10(span / count)));
    [1, 2, 2.5, 5, 10].some(function (m) { if (span / (step * m) <= count) { step = step * m; return true; } return false; });
    if (integer) step = Math.max(1, Math.round(step));
    var ticks = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step / 1e6; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
    return ticks;
  }

  function format(v) {
    return Math.abs(v) >= 1000 ? v.toLocaleString("de-DE") : String(Math.round(v * 100) / 100).replace(".", ",");
  }

  function line(container, spec, onPoint) {
    var series = spec.series || [];
    var labels = spec.x ? spec.x.slice() : [];
    if (!spec.x) {
      var seen = {};
      series.forEach(function (s) { s.points.forEach(function (p) { if (!seen[p.x]) { seen[p.x] = 1; labels.push(p.x); } }); });
      labels.sort();
    }
    var values = [];
    series.forEach(function (s) { s.points.forEach(function (p) { if (p.y !== null && p.y !== undefined) values.push(p.y); }); });
    var box = container.querySelector("svg.lagebild-chart");
    if (box) box.remove();
    if (!labels.length || !values.length) {
      var empty = document.createElement("p");
      empty.className = "muted";
      empty.textContent = "Keine Daten für das Diagramm.";
      container.appendChild(empty);
      return null;
    }
    var lo = spec.ymin !== undefined ? Math.min(spec.ymin, Math.min.apply(null, values)) : Math.min(0, Math.min.apply(null, values));
    var hi = spec.ymax !== undefined ? Math.max(spec.ymax, Math.max.apply(null, values)) : Math.max.apply(null, values);
    if (hi === lo) { hi = lo + 1; }
    var width = Math.max(320, container.clientWidth || 800), height = 260;
    var m = {left: 52, right: 34, top: 14, bottom: 46};
    var w = width - m.left - m.right, h = height - m.top - m.bottom;
    var xOf = function (i) { return m.left + (labels.length === 1 ? w / 2 : (i * w) / (labels.length - 1)); };
    var yOf = function (v) { return m.top + h - ((v - lo) / (hi - lo)) * h; };
    var svg = el("svg", {"class": "lagebild-chart", viewBox: "0 0 " + width + " " + height, width: width, height: height,
      role: "img", "aria-label": spec.ylabel || "Diagramm"});
    var grid = el("g", {"class": "grid"}, svg);
    niceTicks(lo, hi, 5, spec.integer).forEach(function (t) {
      el("line", {x1: m.left, x2: m.left + w, y1: yOf(t), y2: yOf(t), "class": t === 0 ? "zero" : ""}, grid);
      el("text", {x: m.left - 6, y: yOf(t) + 4, "text-anchor": "end"}, grid, format(t));
    });
    var every = Math.ceil(labels.length / Math.max(1, Math.floor(w / 70)));
    labels.forEach(function (label, i) {
      if (i % every !== 0 && i !== labels.length - 1) return;
      el("text", {x: xOf(i), y: m.top + h + 18, "text-anchor": "middle", "class": "xlabel"}, grid, label);
    });
    if (spec.ylabel) el("text", {x: 12, y: m.top + h / 2, transform: "rotate(-90 12 " + (m.top + h / 2) + ")", "text-anchor": "middle", "class": "ylabel"}, svg, spec.ylabel);
    var index = {};
    labels.forEach(function (label, i) { index[label] = i; });
    series.forEach(function (s, si) {
      var color = COLORS[si % COLORS.length];
      var pts = s.points.filter(function (p) { return p.y !== null && p.y !== undefined && index[p.x] !== undefined; });
      var d = pts.map(function (p, k) { return (k ? "L" : "M") + xOf(index[p.x]).toFixed(1) + " " + yOf(p.y).toFixed(1); }).join(" ");
      el("path", {d: d, fill: "none", stroke: color, "stroke-width": 2, "class": "series series-" + si}, svg);
      pts.forEach(function (p) {
        var shown = p.label !== undefined ? p.label : format(p.y);
        var dot = el("circle", {cx: xOf(index[p.x]), cy: yOf(p.y), r: 5, fill: color, "class": "point series-" + si,
          tabindex: 0, role: "button", "data-x": p.x, "data-series": si, "aria-label": s.name + " " + p.x + ": " + shown}, svg);
        el("title", {}, dot, s.name + " · " + p.x + ": " + shown);
        if (onPoint) {
          dot.addEventListener("click", function () { onPoint(p.x, si, dot); });
          dot.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onPoint(p.x, si, dot); } });
        }
      });
    });
    var legend = el("g", {"class": "legend"}, svg);
    var lx = m.left;
    series.forEach(function (s, si) {
      el("rect", {x: lx, y: height - 16, width: 10, height: 10, fill: COLORS[si % COLORS.length]}, legend);
      var t = el("text", {x: lx + 14, y: height - 7}, legend, s.name);
      lx += 24 + s.name.length * 6.5;
      return t;
    });
    container.insertBefore(svg, container.firstChild);
    return svg;
  }

  window.LagebildChart = {line: line};
})();
