"""From a coded `Doc` to the rows the store keeps: `Event` (doc._.events) and `Statement` (who speaks to or about
which state, with the tone of what is said: doc._.quotes, doc._.quote_tones, doc._.relation_statements).

Called by `analyze` for every article, after `quote_rows`:

    quote_ids = [q.quote_id for q in quotes]            # the ids quote_rows gave doc._.quotes, in order
    batch.events.extend(events_to_rows(doc, article_id, quote_ids, sentence_of))
    batch.statements.extend(statements_to_rows(doc, article_id, quote_ids, sentence_of))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span

from ..records import Event, Statement
from .events import ActorRef, EventAnnotation, _candidate_spans, _Tables, actor_for

SentenceOf = Callable[[int], "int | None"]


def event_id(article_id: str, index: int) -> str:
    return f"{article_id}-e{index}"


def statement_id(article_id: str, index: int) -> str:
    return f"{article_id}-st{index}"


def _sentence_lookup(doc: Doc) -> SentenceOf:
    starts = [(s.start_char, s.end_char, n) for n, s in enumerate(doc.sents)]

    def lookup(offset: int) -> int | None:
        for start, end, n in starts:
            if start <= offset < end:
                return n
        return None

    return lookup


def _actor(ref: ActorRef | None) -> tuple:
    if ref is None:
        return None, None, None, None, None
    return ref.span.text, ref.span.start_char, ref.span.end_char, ref.name, ref.country


def _quote_id(quote_ids: Sequence[str] | None, index: int | None) -> str | None:
    if index is None or not quote_ids or index >= len(quote_ids):
        return None
    return quote_ids[index]


def _trimmed(span: Span) -> tuple[int, int, str]:
    """The span's character range and text without surrounding whitespace (boilerplate is blanked out in the
    analysed text, so a sentence may end in the blanks of a photo credit)."""
    text = span.text
    left = len(text) - len(text.lstrip())
    stripped = text.strip()
    return span.start_char + left, span.start_char + left + len(stripped), stripped


def event_row(ev: EventAnnotation, index: int, article_id: str, quote_ids: Sequence[str] | None,
              sentence_of: SentenceOf) -> Event:
    s_text, s_start, s_end, s_name, s_country = _actor(ev.source)
    t_text, t_start, t_end, t_name, t_country = _actor(ev.target)
    start, end, text = _trimmed(ev.sentence)
    return Event(
        event_id=event_id(article_id, index), article_id=article_id, quote_id=_quote_id(quote_ids, ev.quote),
        sentence_no=sentence_of(start), start=start, end=end, text=text, trigger_text=ev.trigger.text, trigger_start=ev.trigger.start_char,
        trigger_end=ev.trigger.end_char, category=ev.category, mode=ev.mode,
        source_text=s_text, source_start=s_start, source_end=s_end, source_name=s_name, source_country=s_country,
        source_actor_id=None, target_text=t_text, target_start=t_start, target_end=t_end, target_name=t_name,
        target_country=t_country, target_actor_id=None, date=ev.date, date_precision=ev.date_precision,
        date_text=ev.date_text, location=ev.location, score=ev.score,
    )


def events_to_rows(doc: Doc, article_id: str, quote_ids: Sequence[str] | None = None,
                   sentence_of: SentenceOf | None = None) -> list[Event]:
    """One `Event` row per `doc._.events` entry. `quote_ids[i]` is the stored id of `doc._.quotes[i]`;
    `sentence_of(offset)` the stored sentence number at a character offset (default: the index in doc.sents).
    The actor ids are filled when the actor registry is rebuilt (`source_actor_id`/`target_actor_id` null here)."""
    sentence_of = sentence_of or _sentence_lookup(doc)
    return [event_row(ev, i, article_id, quote_ids, sentence_of) for i, ev in enumerate(doc._.events or [])]


def _countries_in(spans: Sequence[Span], doc: Doc, tables: _Tables | None = None) -> list[str]:
    """The states and organisations named inside a statement, in order of first mention (`tables`: the doc's token
    attributes, read once for all its statements)."""
    found: list[str] = []
    for span in spans:
        sent = span  # _candidate_spans works on any span of the doc
        for candidate in _candidate_spans(sent, tables):
            ref = actor_for(candidate, doc)
            if ref is not None and ref.country and ref.country not in found:
                found.append(ref.country)
    return found


def statements_to_rows(doc: Doc, article_id: str, quote_ids: Sequence[str] | None = None,
                       sentence_of: SentenceOf | None = None) -> list[Statement]:
    """Statement rows: for each quotation whose speaker is placed in a state or organisation, one row per state it
    is addressed to (`basis` = addressee), speaks about (mention) or is about the relationship with (relation);
    for a narrator's sentence about the relationship between two states, one row in each direction."""
    sentence_of = sentence_of or _sentence_lookup(doc)
    quotes = doc._.quotes or []
    tones = doc._.quote_tones or []
    relations = doc._.relation_statements or []
    rows: list[Statement] = []

    def add(quote_index, span_start, span_end, text, speaker, source, target, basis, relation, tone):
        rows.append(Statement(
            statement_id=statement_id(article_id, len(rows)), article_id=article_id,
            quote_id=_quote_id(quote_ids, quote_index), sentence_no=sentence_of(span_start), start=span_start,
            end=span_end, text=text, speaker_country=speaker, source_country=source, target_country=target,
            basis=basis, relation=relation, tone=tone,
        ))

    tables: _Tables | None = None
    relation_by_quote: dict[int, list] = {}
    for rel in relations:
        if rel.quote is not None:
            relation_by_quote.setdefault(rel.quote, []).append(rel)

    for i, quote in enumerate(quotes):
        speaker = quote.speaker.country if quote.speaker is not None else None
        if not speaker:
            continue
        tone = tones[i] if i < len(tones) else None
        targets: dict[str, tuple[str, bool]] = {}
        for rel in relation_by_quote.get(i, []):
            if speaker in rel.states:
                other = rel.states[1] if rel.states[0] == speaker else rel.states[0]
                targets.setdefault(other, ("relation", True))
        if quote.addressee is not None and quote.addressee.country and quote.addressee.country != speaker:
            targets.setdefault(quote.addressee.country, ("addressee", False))
        if tables is None:
            tables = _Tables(doc)
        for country in _countries_in(quote.spans, doc, tables):
            if country != speaker:
                targets.setdefault(country, ("mention", False))
        for country, (basis, is_relation) in targets.items():
            add(i, quote.start_char, quote.end_char, quote.text, speaker, speaker, country, basis, is_relation, tone)

    for rel in relations:
        a, b = rel.states
        quoted = rel.quote is not None and rel.speaker_country in (a, b)
        if quoted:
            continue  # counted with its quotation above
        start, end, text = _trimmed(rel.span)
        for source, target in ((a, b), (b, a)):
            add(rel.quote, start, end, text, rel.speaker_country, source, target, "relation", True, rel.tone)
    return rows


def quote_tone(doc: Doc, index: int) -> float | None:
    """The tone of `doc._.quotes[index]` (for `Quote.tone`), or None when the event coder did not run."""
    tones = doc._.quote_tones
    return tones[index] if tones is not None and index < len(tones) else None


def link_actors(con) -> int:
    """Fill `events.source_actor_id`/`target_actor_id` from the mention each actor span overlaps (after the actor
    registry has set `mentions.actor_id`). Returns the number of events that got an actor id."""
    before = con.execute("SELECT count(*) FROM events WHERE source_actor_id IS NOT NULL "
                         "OR target_actor_id IS NOT NULL").fetchone()[0]
    for side in ("source", "target"):
        con.execute(f"""
            UPDATE events SET {side}_actor_id = m.actor_id
            FROM (SELECT e.event_id, min(m.actor_id) AS actor_id
                  FROM events e JOIN mentions m
                    ON m.article_id = e.article_id AND m.actor_id IS NOT NULL
                   AND m.start < e.{side}_end AND e.{side}_start < m."end"
                  GROUP BY e.event_id) AS m
            WHERE events.event_id = m.event_id
        """)
    after = con.execute("SELECT count(*) FROM events WHERE source_actor_id IS NOT NULL "
                        "OR target_actor_id IS NOT NULL").fetchone()[0]
    return after - before
