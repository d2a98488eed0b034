"""The article view's text: the original text cut into pieces, each with the annotations covering it.

Nothing here produces HTML: pieces carry plain text, CSS class names from a fixed vocabulary and
titles; the template escapes all of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SAFE = re.compile(r"[^A-Za-z0-9_-]")

BOILERPLATE_LABELS = {
    "related": "Mehr zum Thema", "photo_credit": "Bildnachweis", "teaser": "Teaser", "agency": "Kürzel",
    "dateline": "Ortsmarke", "link": "Link", "byline": "Autorenzeile",
}


def css(name: Any) -> str:
    return _SAFE.sub("", str(name))[:40]


@dataclass
class Layer:
    start: int
    end: int
    css: str
    title: str = ""
    anchor: str | None = None
    badge: str | None = None  # label shown where the span begins (boilerplate kind)


@dataclass
class Piece:
    text: str
    classes: str = ""
    title: str = ""
    anchors: list[str] = field(default_factory=list)
    badges: list[str] = field(default_factory=list)


def layers(article: dict[str, Any]) -> list[Layer]:
    found: list[Layer] = []
    for seg in article.get("segments", []):
        if seg["is_boilerplate"]:
            label = BOILERPLATE_LABELS.get(seg["kind"], seg["kind"])
            found.append(Layer(seg["start"], seg["end"], f"boilerplate bp-{css(seg['kind'])}",
                               f"Boilerplate: {label}", badge=label))
        else:
            found.append(Layer(seg["start"], seg["end"], "heading", "Zwischenüberschrift"))
    for q in article.get("quotes", []):
        spans = q.get("spans") or [[q["start"], q["end"]]]
        speaker = q.get("speaker_name") or q.get("speaker_text") or "unbekannt"
        title = f"Zitat ({q.get('type')}) – Sprecher: {speaker}"
        if q.get("addressee_name") or q.get("addressee_country"):
            title += f" – an/über: {q.get('addressee_name') or q.get('addressee_country')}"
        for i, (s, e) in enumerate(spans):
            found.append(Layer(s, e, f"quote qt-{css(q.get('type'))}", title,
                               anchor=f"q-{q['quote_id']}" if i == 0 else None))
        if q.get("speaker_start") is not None and q.get("speaker_end") is not None:
            found.append(Layer(q["speaker_start"], q["speaker_end"], "speaker", f"Sprecher: {speaker}"))
        if q.get("cue_start") is not None and q.get("cue_end") is not None:
            found.append(Layer(q["cue_start"], q["cue_end"], "cue", "Redeeinleitung"))
    for m in article.get("mentions", []):
        name = m.get("name") or m.get("text")
        extra = ", ".join(str(v) for v in (m.get("role"), m.get("country")) if v)
        found.append(Layer(m["start"], m["end"], f"entity ent-{css(m.get('label'))}",
                           f"{m.get('label')}: {name}" + (f" ({extra})" if extra else "")))
    for e in article.get("events", []):
        found.append(Layer(e["start"], e["start"], "", anchor=f"e-{e['event_id']}"))
        if e.get("trigger_start") is not None:
            found.append(Layer(e["trigger_start"], e["trigger_end"], f"event ev-{css(e.get('category'))}",
                               f"Ereignis {e.get('category')} ({e.get('mode')}), Score {e.get('score')}"))
    for s in article.get("statements", []):
        found.append(Layer(s["start"], s["start"], "", anchor=f"s-{s['statement_id']}"))
    return found


def annotate(article: dict[str, Any]) -> list[Piece]:
    """The article's text as consecutive pieces; joined, their texts are the original text."""
    text = article["text"]
    n = len(text)
    spans = [l for l in layers(article) if 0 <= l.start <= l.end <= n]
    cuts = sorted({0, n, *(l.start for l in spans), *(l.end for l in spans)})
    opening: dict[int, list[int]] = {}
    for i, l in enumerate(spans):
        opening.setdefault(l.start, []).append(i)
    active: set[int] = set()
    pieces: list[Piece] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        active = {i for i in active if spans[i].end > a}
        anchors, badges = [], []
        for i in opening.get(a, []):
            layer = spans[i]
            if layer.anchor:
                anchors.append(layer.anchor)
            if layer.badge:
                badges.append(layer.badge)
            if layer.end > a and layer.css:
                active.add(i)
        if b is None:
            if anchors:
                pieces.append(Piece("", anchors=anchors))
            break
        covering = [spans[i] for i in sorted(active, key=lambda i: (spans[i].start, -spans[i].end))]
        classes = " ".join(dict.fromkeys(c for l in covering for c in l.css.split()))
        title = " · ".join(dict.fromkeys(l.title for l in covering if l.title))
        piece = Piece(text[a:b], classes, title, anchors, badges)
        last = pieces[-1] if pieces else None
        if last and not anchors and not badges and last.classes == classes and last.title == title:
            last.text += piece.text
        else:
            pieces.append(piece)
    return pieces
