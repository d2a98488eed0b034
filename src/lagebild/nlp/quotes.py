"""Quotations: who said what, to whom, how.

Two trained span taggers (spaCy's transition-based `ner` architecture, trained by training/quotes on the
WIKINEWS quotation gold) run inside the pipeline: `quote_spans` marks quotations with their type, `role_spans`
marks SPEAKER, CUE and ADDRESSEE spans. Their spans are moved out of `doc.ents` into span groups by
`stash_entities`, so the real named-entity recogniser runs unaffected. The `quotations` component then builds
`doc._.quotes` (a list of `QuoteAnnotation`): it joins the pieces of a quotation interrupted by its frame
("„…“, sagte Peskow, „…“"), links each quotation to the cue, speaker and addressee of its sentence, carries
the speaker over to uncued continuations (free indirect speech, further direct quotes), marks quotations
inside quotations as nested, derives the frame (the reporting clause) and the medium (from the cue's lemma).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from .annotations import ActorMention, QuoteAnnotation

QUOTE_KEY, ROLE_KEY = "quote_spans", "role_spans"
OPENING = frozenset({"„", "»", "“", '"', "‚", "›", "«"})
CLOSING = {"„": "“", "»": "«", "“": "”", '"': '"', "‚": "‘", "›": "‹", "«": "»"}
# quotation types that report a statement without a cue of their own, continuing an earlier speaker's
CONTINUING = frozenset({"FreeIndirect", "IndirectFreeIndirect", "Direct"})
# how far back (in sentences) an uncued quotation may find the speaker it continues
CARRY_SENTENCES = 3
MAX_GAP_TOKENS = 14
# a passage in quotation marks this long (words inside the marks) is a direct quotation even where the tagger
# missed it. In WIKINEWS train, passages of 9+ words are direct quotations in 94 % of cases, of 4–8 words in
# 62 %, of 2–3 in 26 %; 4 scored best on dev
DIRECT_MIN_WORDS = 4
NESTED_MIN_WORDS = 2


@Language.factory("stash_entities", default_config={"key": QUOTE_KEY})
def make_stash_entities(nlp: Language, name: str, key: str) -> StashEntities:
    return StashEntities(key)


class StashEntities:
    """Moves `doc.ents` into `doc.spans[key]` and clears them: our span taggers share spaCy's entity
    machinery with the named-entity recogniser, which must start from an empty slate."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.key] = SpanGroup(doc, name=self.key, spans=list(doc.ents))
        doc.ents = []
        return doc


@Language.factory("quotations", default_config={"media": None})
def make_quotations(nlp: Language, name: str, media: str | None) -> Quotations:
    return Quotations(Path(media) if media else None)


@dataclass
class _Piece:
    span: Span
    type: str


class Quotations:
    """Assembles `doc._.quotes` from the span taggers' output (see the module docstring)."""

    def __init__(self, media_path: Path | None = None) -> None:
        self.media: dict[str, str] = {}
        if media_path is not None and media_path.exists():
            self.media = json.loads(media_path.read_text(encoding="utf-8"))

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = assemble(doc, self.media)
        return doc


def assemble(doc: Doc, media: dict[str, str]) -> list[QuoteAnnotation]:
    pieces = [_Piece(s, s.label_) for s in doc.spans[QUOTE_KEY]] if QUOTE_KEY in doc.spans else []
    pieces = _with_marked_passages(doc, pieces)
    roles = list(doc.spans[ROLE_KEY]) if ROLE_KEY in doc.spans else []
    speakers = [s for s in roles if s.label_ == "SPEAKER"]
    cues = [s for s in roles if s.label_ == "CUE"]
    addressees = [s for s in roles if s.label_ == "ADDRESSEE"]
    groups = _join_pieces(doc, pieces, speakers, cues)
    quotes: list[QuoteAnnotation] = []
    previous_speaker: tuple[int, Span] | None = None  # (sentence index, speaker span)
    sentence_of = _sentence_index(doc)
    for group in groups:
        spans = [p.span for p in group]
        qtype = group[0].type
        covered = set().union(*(range(s.start, s.end) for s in spans))
        sents = sorted({sentence_of[i] for s in spans for i in (s.start, s.end - 1)})
        window = _sentence_window(doc, sentence_of, sents)
        inside_ok = qtype == "Reported"
        quote = QuoteAnnotation(spans=spans, type=qtype)
        cue_spans = [c for c in cues if _within(c, window) and (inside_ok or not _overlaps(c, covered))]
        cue_spans = _nearest_cluster(cue_spans, spans)
        if cue_spans:
            quote.cue = doc[cue_spans[0].start:cue_spans[-1].end] if len(cue_spans) > 1 else cue_spans[0]
            quote.cue_parts = cue_spans
        speaker = _nearest([s for s in speakers if _within(s, window) and (inside_ok or not _overlaps(s, covered))],
                           spans)
        if speaker is None and previous_speaker is not None and qtype in CONTINUING and not cue_spans:
            last_sentence, last_speaker = previous_speaker
            if sents[0] - last_sentence <= CARRY_SENTENCES:
                speaker = last_speaker
        if speaker is not None:
            quote.speaker = ActorMention(span=speaker, label="SPEAKER")
            previous_speaker = (sents[-1], speaker)
        addressee = _nearest([a for a in addressees if _within(a, window) and not _overlaps(a, covered)], spans)
        if addressee is not None:
            quote.addressee = ActorMention(span=addressee, label="ADDRESSEE")
        if cue_spans:
            quote.frame = _frame(doc, window, covered, cue_spans, speaker)
            quote.medium = media.get(cue_key(cue_spans), media.get(cue_key(cue_spans[:1]), "Speech"))
        else:
            quote.medium = "Speech"
        quotes.append(quote)
    _nest(doc, quotes)
    return quotes


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


def _sentence_window(doc: Doc, sentence_of: list[int], sents: list[int]) -> tuple[int, int]:
    """Token range of the sentences a quotation covers."""
    first, last = sents[0], sents[-1]
    start = next(i for i, s in enumerate(sentence_of) if s == first)
    end = max(i for i, s in enumerate(sentence_of) if s == last) + 1
    return start, end


def _within(span: Span, window: tuple[int, int]) -> bool:
    return span.start >= window[0] and span.end <= window[1]


def _overlaps(span: Span, covered: set[int]) -> bool:
    return any(i in covered for i in range(span.start, span.end))


def _distance(span: Span, spans: list[Span]) -> int:
    return min(max(s.start - span.end, span.start - s.end, 0) for s in spans)


def _nearest(candidates: list[Span], spans: list[Span]) -> Span | None:
    return min(candidates, key=lambda c: (_distance(c, spans), c.start), default=None)


def _nearest_cluster(cues: list[Span], spans: list[Span]) -> list[Span]:
    """The cue nearest to the quotation, with the other cue pieces of the same verb ("teilte … mit")."""
    if not cues:
        return []
    first = _nearest(cues, spans)
    cluster = [first]
    for cue in sorted(cues, key=lambda c: c.start):
        if cue is not first and abs(cue.start - first.start) <= 8 and _separated_only_by_words(first, cue):
            cluster.append(cue)
    return sorted(cluster, key=lambda c: c.start)


def _separated_only_by_words(a: Span, b: Span) -> bool:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    between = a.doc[lo.end:hi.start]
    return not any(t.text in OPENING or t.text in CLOSING.values() or t.text in {".", "!", "?"} for t in between)


def cue_key(cues: list[Span]) -> str:
    """The cue's lemmas ("teilen mit"), the key of the medium table."""
    return " ".join((t.lemma_ or t.text).lower() for c in cues for t in c if not t.is_punct)


def _frame(doc: Doc, window: tuple[int, int], covered: set[int], cues: list[Span], speaker: Span | None) -> Span:
    """The reporting clause: the stretch of the quotation's sentences outside the quotation that holds the cue
    (and the speaker, when it is there too)."""
    anchors = [c.start for c in cues] + ([speaker.start] if speaker is not None and _within(speaker, window) else [])
    start = min(anchors)
    end = max([c.end for c in cues] + ([speaker.end] if speaker is not None and _within(speaker, window) else []))
    while start > window[0] and start - 1 not in covered:
        start -= 1
    while end < window[1] and end not in covered:
        end += 1
    return doc[start:end]


def _with_marked_passages(doc: Doc, pieces: list[_Piece]) -> list[_Piece]:
    """Direct quotations take the exact extent of their quotation marks: a passage the tagger marked as Direct
    (or a long one it missed) replaces the tagger's pieces that overlap it. Passages inside another
    quotation are left for `_nest`."""
    result = list(pieces)
    for passage in _marked_passages(doc, 0, len(doc)):
        if any(p.type != "Direct" and p.span.start <= passage.start and p.span.end >= passage.end for p in pieces):
            continue
        overlapping = [p for p in result if p.span.start < passage.end and p.span.end > passage.start]
        tagged = any(p.type == "Direct" for p in overlapping)
        if tagged or len(passage) - 2 >= DIRECT_MIN_WORDS:
            result = [p for p in result if p not in overlapping]
            result.append(_Piece(passage, "Direct"))
    return sorted(result, key=lambda p: p.span.start)


def _join_pieces(doc: Doc, pieces: list[_Piece], speakers: list[Span], cues: list[Span]) -> list[list[_Piece]]:
    """Pieces of one quotation interrupted by its frame — „…“, sagte er, „…“ / Die Lage, so Peskow, sei … —
    become one quotation: same type, a short gap that holds a cue or a speaker and no sentence end."""
    groups: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda p: p.span.start):
        if groups:
            last = groups[-1][-1]
            gap = doc[last.span.end:piece.span.start]
            if (
                last.type == piece.type
                and len(gap) <= MAX_GAP_TOKENS
                and any(_within(r, (gap.start, gap.end)) for r in (*cues, *speakers))
                and not any(t.is_sent_start for t in doc[last.span.end:piece.span.start + 1])
                and not any(t.text in {".", "!", "?"} for t in gap)
            ):
                groups[-1].append(piece)
                continue
        groups.append([piece])
    return groups


def _nest(doc: Doc, quotes: list[QuoteAnnotation]) -> None:
    """Quotation-marked passages inside a non-direct quotation are quotations of their own, nested in it
    (Peskow said that Putin had called it „…“): they get the outer speaker unless the text names another."""
    nested: list[QuoteAnnotation] = []
    for index, quote in enumerate(quotes):
        if quote.type == "Direct":
            continue
        for span in quote.spans:
            for inner in _marked_passages(doc, span.start, span.end):
                if len(inner) - 2 < NESTED_MIN_WORDS:  # a quoted word is mostly a term, not a statement
                    continue
                nested.append(QuoteAnnotation(spans=[inner], type="Direct", medium=quote.medium,
                                              speaker=quote.speaker, nested_in=index))
    quotes.extend(nested)


def _marked_passages(doc: Doc, start: int, end: int) -> list[Span]:
    found = []
    i = start
    while i < end:
        opening = doc[i].text
        if opening in OPENING:
            closing = CLOSING[opening]
            for j in range(i + 1, end):
                if doc[j].text == closing:
                    found.append(doc[i:j + 1])
                    i = j
                    break
        i += 1
    return found
