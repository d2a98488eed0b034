/* lagebild pages: draw the charts, load the evidence behind a point of a dyad series.
   Untrusted text (article sentences) is only ever set with textContent, never as HTML. */
(function () {
  "use strict";

  function evidenceItem(item) {
    var li = document.createElement("li");
    li.className = "evidence-item evidence-" + item.kind;
    var head = document.createElement("div");
    head.className = "evidence-head";
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = (item.kind === "event" ? "Ereignis " : item.kind === "quote" ? "Zitat " : "Aussage ") + (item.label || "");
    head.appendChild(kind);
    var link = document.createElement("a");
    link.href = item.url;
    link.className = "evidence-link";
    link.textContent = item.title || item.article_id;
    head.appendChild(document.createTextNode(" "));
    head.appendChild(link);
    var meta = document.createElement("span");
    meta.className = "muted";
    var score = item.score !== undefined && item.score !== null ? " · Score " + item.score : "";
    var tone = item.tone !== undefined && item.tone !== null ? " · Ton " + Number(item.tone).toFixed(2) : "";
    meta.textContent = " " + (item.date || "") + " " + (item.outlet || "") + score + tone;
    head.appendChild(meta);
    li.appendChild(head);
    var p = document.createElement("p");
    p.className = "evidence-text";
    var text = item.context || "", at = 0;
    (item.highlights || []).forEach(function (h) {
      if (h.start < at) return;  // overlapping marks: the first wins
      if (h.start > at) p.appendChild(document.createTextNode(text.slice(at, h.start)));
      var mark = document.createElement("mark");
      mark.className = "hl-" + String(h.kind).replace(/[^a-z]/g, "");
      mark.textContent = text.slice(h.start, h.end);
      p.appendChild(mark);
      at = h.end;
    });
    if (at < text.length) p.appendChild(document.createTextNode(text.slice(at)));
    li.appendChild(p);
    return li;
  }

  function showEvidence(ev, period) {
    var list = document.getElementById("evidence-list");
    var title = document.getElementById("evidence-title");
    var hint = document.getElementById("evidence-hint");
    if (!list) return;
    var params = new URLSearchParams({source: ev.source, target: ev.target, by: ev.by, period: period,
      both_directions: ev.both_directions ? "true" : "false", limit: "100"});
    title.textContent = "Belege " + period;
    hint.textContent = "lädt …";
    fetch("/api/relations/evidence?" + params.toString(), {headers: {Accept: "application/json"}})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        list.replaceChildren();
        data.items.forEach(function (item) { list.appendChild(evidenceItem(item)); });
        hint.textContent = data.total + " Belege" + (data.total > data.items.length ? ", die ersten " + data.items.length : "");
        list.setAttribute("data-period", period);
        document.getElementById("evidence").scrollIntoView({block: "nearest"});
      })
      .catch(function (e) { hint.textContent = "Belege konnten nicht geladen werden (" + e.message + ")."; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("figure[data-chart]").forEach(function (figure) {
      var source = document.getElementById(figure.getAttribute("data-chart"));
      if (!source || !window.LagebildChart) return;
      var spec = JSON.parse(source.textContent);
      var onPoint = spec.evidence ? function (x, si, dot) {
        figure.querySelectorAll(".point.selected").forEach(function (d) { d.classList.remove("selected"); });
        dot.classList.add("selected");
        showEvidence(spec.evidence, x);
      } : null;
      window.LagebildChart.line(figure, spec, onPoint);
      if (spec.evidence) {
        document.querySelectorAll("button.show-evidence").forEach(function (b) {
          b.addEventListener("click", function () { showEvidence(spec.evidence, b.getAttribute("data-period")); });
        });
      }
    });
    if (location.hash && location.hash.length > 1) {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) {
        var next = target.nextElementSibling;
        while (next && (next.classList.contains("badge") || next.classList.contains("anchor"))) next = next.nextElementSibling;
        if (next) next.classList.add("targeted");
        target.scrollIntoView({block: "center"});
      }
    }
  });
})();
