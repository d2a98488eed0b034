"""Plain typed rows, the hand-over from the NLP stage to the store.

One dataclass per stored concept. The store's tables and the Python API's frames use these
field names, so `columns(Quote)` is also the column list of an empty quotes frame.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class ArticleRow:
    article_id: str
    source_file: str
    locator: str
    outlet: str | None
    outlet_source: str | None
    url: str | None
    date: str | None
    date_precision: str | None
    date_raw: str | None
    date_flag: str | None
    title: str | None
    text: str
    encoding: str
    content_hash: str
    minhash: bytes | None
    duplicate_of: str | None
    duplicate_kind: str | None
    duplicate_similarity: float | None
    n_chars: int
    n_tokens: int | None
    n_sentences: int | None


@dataclass(frozen=True)
class SegmentRow:
    """A stretch of an article's text that is boilerplate (or a heading), by character offsets."""

    article_id: str
    kind: str
    start: int
    end: int
    text: str
    is_boilerplate: bool


@dataclass(frozen=True)
class SentenceRow:
    article_id: str
    sentence_no: int
    start: int
    end: int


@dataclass(frozen=True)
class RejectionRow:
    source_file: str
    locator: str
    reason: str


@dataclass(frozen=True)
class Mention:
    """A span naming an actor (a name, role phrase or pronoun) in an article."""

    mention_id: str
    article_id: str
    sentence_no: int | None
    start: int
    end: int
    text: str
    label: str
    name: str | None
    kind: str | None
    role: str | None
    country: str | None
    agent_type: str | None
    chain: int | None
    actor_id: str | None


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    kind: str | None
    role: str | None
    country: str | None
    agent_type: str | None
    aliases: list[str]
    n_mentions: int
    n_quotes: int


@dataclass(frozen=True)
class Quote:
    quote_id: str
    article_id: str
    sentence_no: int | None
    start: int
    end: int
    spans: list[list[int]]
    text: str
    type: str
    medium: str | None
    cue_text: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_name: str | None
    speaker_role: str | None
    speaker_country: str | None
    speaker_mention_id: str | None
    speaker_actor_id: str | None
    addressee_text: str | None
    addressee_start: int | None
    addressee_end: int | None
    addressee_name: str | None
    addressee_role: str | None
    addressee_country: str | None
    addressee_mention_id: str | None
    addressee_actor_id: str | None
    frame_text: str | None
    nested_in: str | None
    tone: float | None


@dataclass(frozen=True)
class Event:
    """Something one actor does or intends towards another, coded with a PLOVER category (see docs/schema.md)."""

    event_id: str
    article_id: str
    quote_id: str | None
    sentence_no: int | None
    start: int
    end: int
    text: str
    trigger_text: str
    trigger_start: int
    trigger_end: int
    category: str
    mode: str
    source_text: str | None
    source_start: int | None
    source_end: int | None
    source_name: str | None
    source_country: str | None
    source_actor_id: str | None
    target_text: str | None
    target_start: int | None
    target_end: int | None
    target_name: str | None
    target_country: str | None
    target_actor_id: str | None
    date: str | None
    date_precision: str | None
    date_text: str | None
    location: str | None
    score: float | None


@dataclass(frozen=True)
class Statement:
    """A quotation (or a narrator's sentence about a relationship) directed at or about a state, with its tone."""

    statement_id: str
    article_id: str
    quote_id: str | None
    sentence_no: int | None
    start: int
    end: int
    text: str
    speaker_country: str | None
    source_country: str
    target_country: str
    basis: str
    relation: bool
    tone: float | None


@dataclass(frozen=True)
class Relation:
    """One period of a dyad series: what happened between `source` and `target`."""

    period: str
    source: str
    target: str
    n_events: int
    n_statements: int
    score: float | None
    tone: float | None


def columns(row_type: type) -> list[str]:
    return [f.name for f in fields(row_type)]
