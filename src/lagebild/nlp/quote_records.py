"""`Doc` → rows: the actor mentions and quotations of one article as `records.Mention` and `records.Quote`.

Ids are stable: `<article_id>-m<n>` and `<article_id>-q<n>` by position in the article, so a rerun or a
distributed run produces the same ids. `actor_id`s are left empty; the registry (store/registry.py) fills them
once all articles of a run are stored.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from ..records import Mention, Quote
from .annotations import ActorMention, QuoteAnnotation


def mention_id(article_id: str, index: int) -> str:
    return f"{article_id}-m{index}"


def quote_id(article_id: str, index: int) -> str:
    return f"{article_id}-q{index}"


class SentenceLookup:
    """Sentence number of a character offset, given the stored sentence spans (start, end) in order."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in spans]

    def __call__(self, offset: int) -> int | None:
        index = bisect_right(self.starts, offset) - 1
        return index if index >= 0 else None


def mention_rows(doc: Doc, article_id: str, sentence_of: SentenceLookup) -> list[Mention]:
    return [
        Mention(
            mention_id=mention_id(article_id, i), article_id=article_id, sentence_no=sentence_of(m.start_char),
            start=m.start_char, end=m.end_char, text=m.span.text, label=m.label, name=m.name, kind=m.kind,
            role=m.role, country=m.country, agent_type=m.agent_type, chain=m.chain, actor_id=None,
        )
        for i, m in enumerate(doc._.mentions or [])
    ]


def quote_rows(doc: Doc, article_id: str, sentence_of: SentenceLookup) -> list[Quote]:
    mentions = doc._.mentions or []
    by_span = {(m.start_char, m.end_char): i for i, m in enumerate(mentions)}
    rows = []
    for i, q in enumerate(doc._.quotes or []):
        speaker = _person(q.speaker, by_span, article_id)
        addressee = _person(q.addressee, by_span, article_id)
        cue = _span(q.cue)
        rows.append(Quote(
            quote_id=quote_id(article_id, i), article_id=article_id, sentence_no=sentence_of(q.start_char),
            start=q.start_char, end=q.end_char, spans=[[s.start_char, s.end_char] for s in q.spans],
            text=q.text, type=q.type, medium=q.medium,
            cue_text=_cue_text(q), cue_start=cue[1], cue_end=cue[2],
            speaker_text=speaker[0], speaker_start=speaker[1], speaker_end=speaker[2], speaker_name=speaker[3],
            speaker_role=speaker[4], speaker_country=speaker[5], speaker_mention_id=speaker[6],
            speaker_actor_id=None,
            addressee_text=addressee[0], addressee_start=addressee[1], addressee_end=addressee[2],
            addressee_name=addressee[3], addressee_role=addressee[4], addressee_country=addressee[5],
            addressee_mention_id=addressee[6], addressee_actor_id=None,
            frame_text=q.frame.text if q.frame is not None else None,
            nested_in=quote_id(article_id, q.nested_in) if q.nested_in is not None else None,
            tone=None,
        ))
    return rows


def _span(span: Span | None) -> tuple[str | None, int | None, int | None]:
    if span is None:
        return None, None, None
    return span.text, span.start_char, span.end_char


def _cue_text(quote: QuoteAnnotation) -> str | None:
    if quote.cue_parts:
        return " … ".join(p.text for p in quote.cue_parts) if len(quote.cue_parts) > 1 else quote.cue_parts[0].text
    return quote.cue.text if quote.cue is not None else None


def _person(mention: ActorMention | None, by_span: dict, article_id: str) -> tuple:
    if mention is None:
        return (None,) * 7
    # the stored mention whose chain this one resolved to: the overlapping mention the linker chose
    index = _mention_index(mention, by_span)
    return (mention.span.text, mention.start_char, mention.end_char, mention.name, mention.role, mention.country,
            mention_id(article_id, index) if index is not None else None)


def _mention_index(mention: ActorMention, by_span: dict) -> int | None:
    if mention.source_span is not None:
        return by_span.get((mention.source_span.start_char, mention.source_span.end_char))
    return by_span.get((mention.start_char, mention.end_char))
