"""A faster greedy decoder for spaCy's transition-based entity recogniser, which our NER and both quotation span
taggers are.

spaCy decodes token by token in a C loop that, per step, multiplies a handful of states with BLIS (whose PyPI
wheel runs its generic reference kernel, with a buffer allocation per call), takes the GIL back, and checks
every move's validity through function pointers: ~30 µs per token on news, more than the network before it.

The entity state machine (spaCy's BILUO moves) sees the network only through three context tokens: the
current token, and — while an entity is open — its first token and the token before the current one. So
outside entities the scores depend on the position alone: they are computed for all tokens in one matrix
product, with the moves' validity as boolean masks over token arrays, and only the tokens after an entity's
first token are stepped one by one. The validity rules are spaCy's (`_parser_internals/ner.pyx`: Begin, In,
Last, Unit, Out, including preset entities, sentence starts and whitespace), so the entities are the same as
spaCy's decoding gives (tested, also with preset entities from the gazetteer).

`greedy_ner` is registered as a factory with the same settings as spaCy's `ner`; `load_fast` loads a trained
pipeline folder with it in place of spaCy's class.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import numpy
import spacy
from spacy.attrs import ENT_IOB, ENT_TYPE, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.pipeline._parser_internals.transition_system import TransitionSystem
from spacy.tokens import Doc, Span
from thinc.api import Model

FACTORY = "greedy_ner"
BEGIN, IN, LAST, UNIT, OUT = "BILUO"
# spaCy's preset entity IOB codes on tokens
MISSING, I_PRESET, O_PRESET, B_PRESET = 0, 1, 2, 3
# tokens scored at once inside an entity: names are short, quotations long
FIRST_BLOCK, NEXT_BLOCK = 8, 64


class Entities(list):
    """One document's decoded entities as (start, end, label hash), what our `predict` returns per doc."""


class GreedyEntityRecognizer(EntityRecognizer):
    """spaCy's EntityRecognizer decoding through `decode`; spaCy's own path where ours does not apply (beam
    search, other network shapes, classes marked unseen)."""

    def predict(self, docs):
        if isinstance(docs, Doc):
            docs = [docs]
        if not _supported(self) or not any(len(d) for d in docs):
            return super().predict(docs)
        return decode(self, docs)

    def set_annotations(self, docs, predictions):
        if isinstance(docs, Doc):
            docs = [docs]
        if not predictions or not isinstance(predictions[0], Entities):
            return super().set_annotations(docs, predictions)
        for doc, entities in zip(docs, predictions):
            _set_entities(doc, entities)


def _supported(parser: EntityRecognizer) -> bool:
    model = parser.model
    return (parser.cfg.get("beam_width", 1) == 1 and bool(model.attrs.get("has_upper"))
            and not model.attrs.get("unseen_classes") and model.get_ref("lower").get_dim("nP") >= 2
            and model.get_ref("lower").get_dim("nF") == 3)


@dataclass(frozen=True)
class _Moves:
    kinds: list[str]            # B, I, L, U or O per class
    labels: numpy.ndarray       # label hash per class (0: none)
    is_kind: dict[str, numpy.ndarray]

    @classmethod
    def of(cls, parser: EntityRecognizer) -> "_Moves":
        names = [parser.moves.get_class_name(i) for i in range(parser.moves.n_moves)]
        kinds = [name[0] for name in names]
        labels = numpy.array([parser.vocab.strings.add(name[2:]) if len(name) > 2 else 0 for name in names],
                             dtype="uint64")
        return cls(kinds, labels, {k: numpy.array([x == k for x in kinds]) for k in BEGIN + IN + LAST + UNIT + OUT})


def decode(parser: EntityRecognizer, docs: list[Doc]) -> list[Entities]:
    """The entities spaCy's greedy decoding would give for `docs` (same network, same move rules)."""
    model = parser.model
    lower, upper = model.get_ref("lower"), model.get_ref("upper")
    features = _Features(lower, model.layers[0].predict(docs))
    bias = lower.get_param("b")
    weights, upper_bias = upper.get_param("W"), upper.get_param("b")
    moves = _Moves.of(parser)

    # outside an entity the context is (token, none, none): the same order of additions as spaCy's
    closed = features.current + features.pad[1]
    closed += features.pad[2]
    closed += bias
    closed_scores = _maxout(closed) @ weights.T
    closed_scores += upper_bias

    def block_scores(lo: int, hi: int, start: int) -> numpy.ndarray:
        """Scores at tokens lo … hi-1 inside an entity that began at `start` (batch indices)."""
        hidden = features.current[lo:hi] + features.first(start)
        hidden += features.previous(lo, hi)
        hidden += bias
        scores = _maxout(hidden) @ weights.T
        scores += upper_bias
        return scores

    offsets = numpy.cumsum([0] + [len(doc) for doc in docs]).tolist()
    closings = [_Closed(doc, closed_scores[o:o + len(doc)], moves) for doc, o in zip(docs, offsets)]
    # the first block of every entity that may begin, in one product
    features.prepare(numpy.concatenate([numpy.add.outer(c.begins + o, numpy.arange(FIRST_BLOCK)).ravel()
                                        for c, o in zip(closings, offsets)] or [numpy.zeros(0, "int64")]))
    return [_decode_doc(c, lambda lo, hi, start, o=o: block_scores(o + lo, o + hi, o + start), moves)
            for c, o in zip(closings, offsets)]


class _Features:
    """The lower layer's output (spaCy's PrecomputableAffine) per context slot: the current token's for every
    token at once; the entity's first token's and the previous token's (slots 1 and 2) only for tokens inside
    entities, which are few. The same values as spaCy's one product over all tokens and slots: each product has
    at least `MIN_ROWS` rows (OpenBLAS multiplies one or two rows on another path, with other rounding), and a
    batch of fewer tokens is multiplied as spaCy does."""

    MIN_ROWS = 64

    def __init__(self, lower: Model, X: numpy.ndarray) -> None:
        n_slots, n_out, n_pieces, n_in = (lower.get_dim(d) for d in ("nF", "nO", "nP", "nI"))
        weights = lower.get_param("W")
        self.ops, self.X, self.shape = lower.ops, X, (n_out, n_pieces)
        self.pad = lower.get_param("pad")[0]
        if len(X) < self.MIN_ROWS:
            every = self.ops.gemm(X, weights.reshape(n_slots * n_out * n_pieces, n_in), trans2=True)
            every = every.reshape(len(X), n_slots, n_out, n_pieces)
            self.current, self.slots = every[:, 0], every[:, 1:]
            self.known = numpy.ones(len(X), dtype=bool)
            return
        self.current = self.ops.gemm(X, weights[0].reshape(n_out * n_pieces, n_in), trans2=True)
        self.current = self.current.reshape(len(X), n_out, n_pieces)
        self.context = weights[1:].reshape((n_slots - 1) * n_out * n_pieces, n_in)
        self.slots = numpy.empty((len(X), n_slots - 1, n_out, n_pieces), dtype=self.current.dtype)
        self.known = numpy.zeros(len(X), dtype=bool)

    def prepare(self, rows: numpy.ndarray) -> None:
        """Compute slots 1 and 2 for these batch rows (those beyond the batch are ignored)."""
        rows = rows[rows < len(self.X)]
        missing = numpy.unique(rows[~self.known[rows]])
        if not missing.size:
            return
        if missing.size < self.MIN_ROWS:  # with neighbours, known or not, to a product of MIN_ROWS rows
            lo = min(int(missing[0]), len(self.X) - self.MIN_ROWS)
            missing = numpy.union1d(missing, numpy.arange(lo, lo + self.MIN_ROWS))
        values = self.ops.gemm(self.X[missing], self.context, trans2=True)
        self.slots[missing] = values.reshape(len(missing), -1, *self.shape)
        self.known[missing] = True

    def first(self, start: int) -> numpy.ndarray:
        """Slot 1 (the entity's first token) at batch index `start`."""
        if not self.known[start]:
            self.prepare(numpy.array([start]))
        return self.slots[start, 0]

    def previous(self, lo: int, hi: int) -> numpy.ndarray:
        """Slot 2 (the previous token) for tokens lo … hi-1: the rows of tokens lo-1 … hi-2."""
        if not self.known[lo - 1:hi - 1].all():
            self.prepare(numpy.arange(lo - 1, hi - 1))
        return self.slots[lo - 1:hi - 1, 1]


def _maxout(pieces: numpy.ndarray) -> numpy.ndarray:
    """The max over the last axis (the maxout pieces, 2 or 3): elementwise, where numpy's reduction over a
    short last axis loops per element."""
    result = pieces[..., 0].copy()
    for i in range(1, pieces.shape[-1]):
        numpy.maximum(result, pieces[..., i], out=result)
    return result


class _Closed:
    """A document's decisions outside entities: each move's validity and the best valid move per token."""

    def __init__(self, doc: Doc, closed_scores: numpy.ndarray, moves: _Moves) -> None:
        self.n = len(doc)
        if not self.n:
            self.begins = numpy.zeros(0, dtype="int64")
            return
        self.token = _TokenArrays(doc)
        valid = _closed_validity(self.token, moves)
        self.decision = numpy.where(valid, closed_scores, -numpy.inf).argmax(axis=1)
        self.stuck = ~valid.any(axis=1)
        out_index = moves.kinds.index(OUT) if OUT in moves.kinds else -1
        # positions where something other than O happens outside an entity
        self.events = numpy.flatnonzero((self.decision != out_index) | self.stuck)
        self.begins = self.events[moves.is_kind[BEGIN][self.decision[self.events]] & ~self.stuck[self.events]]


def _decode_doc(closed: _Closed, block_scores: Callable[[int, int, int], numpy.ndarray], moves: _Moves) -> Entities:
    n = closed.n
    entities = Entities()
    if n == 0:
        return entities
    token, decision, stuck = closed.token, closed.decision, closed.stuck
    at = 0
    for t in closed.events.tolist():
        if t < at:
            continue
        if stuck[t]:
            break
        move = int(decision[t])
        kind, label = moves.kinds[move], int(moves.labels[move])
        if kind == UNIT:
            entities.append((t, t + 1, label))
            at = t + 1
            continue
        # BEGIN: inside the entity the context is (token, first token, previous token), fixed by position
        # once the entity has begun, so the steps until it closes are scored in blocks
        start, lo, size = t, t + 1, FIRST_BLOCK
        while lo < n:  # the last token cannot continue an entity, so an end is always found before n
            hi = min(n, lo + size)
            open_valid = _open_validity(token, lo, hi, label, moves)
            inner = numpy.where(open_valid, block_scores(lo, hi, start), -numpy.inf).argmax(axis=1)
            ends = numpy.flatnonzero(~moves.is_kind[IN][inner] | ~open_valid.any(axis=1))
            if not ends.size:
                lo, size = hi, NEXT_BLOCK
                continue
            t = lo + int(ends[0])
            if not open_valid[t - lo].any():
                return entities  # no valid move: spaCy ends the document here, the open entity is dropped
            move = int(inner[t - lo])
            if moves.kinds[move] == LAST:
                entities.append((start, t + 1, label))
            else:  # a blocked unit inside an open entity abandons it
                entities.append((t, t + 1, int(moves.labels[move])))
            at = t + 1
            break
    return entities


class _TokenArrays:
    """Per token: preset IOB and label, and the next token's preset IOB and sentence start (0 after the last)."""

    def __init__(self, doc: Doc) -> None:
        values = doc.to_array([ENT_IOB, ENT_TYPE, SENT_START, IS_SPACE]).astype("int64")
        self.n = len(doc)
        self.iob = values[:, 0]
        self.label = doc.to_array([ENT_TYPE])
        self.space = values[:, 3].astype(bool)
        self.next_iob = numpy.append(self.iob[1:], 0)
        self.next_sent_start = numpy.append(values[1:, 2], 0)
        self.has_next = numpy.arange(self.n) < self.n - 1


def _closed_validity(token: _TokenArrays, moves: _Moves) -> numpy.ndarray:
    """valid[t, move] with no entity open at token t (spaCy's is_valid of each move)."""
    iob, next_iob = token.iob[:, None], token.next_iob[:, None]
    same_label = token.label[:, None] == moves.labels[None, :]
    labelled = moves.labels[None, :] != 0
    space = token.space[:, None]
    preset_begin = iob == B_PRESET
    begin = (token.has_next[:, None] & labelled & (iob != I_PRESET)
             & numpy.where(preset_begin, same_label & (next_iob == I_PRESET),
                           (next_iob != B_PRESET) & (token.next_sent_start[:, None] != 1) & ~space))
    unit = numpy.where(labelled,
                       (next_iob != I_PRESET) & numpy.where(preset_begin, same_label, ~space),
                       (token.label[:, None] == 0) & preset_begin)
    out = (iob != B_PRESET) & (iob != I_PRESET)
    return ((moves.is_kind[BEGIN][None, :] & begin) | (moves.is_kind[UNIT][None, :] & unit)
            | (moves.is_kind[OUT][None, :] & out))


def _open_validity(token: _TokenArrays, lo: int, hi: int, entity_label: int, moves: _Moves) -> numpy.ndarray:
    """valid[t - lo, move] at tokens lo … hi-1 inside an open entity labelled `entity_label`."""
    labels = moves.labels[None, :]
    iob, next_iob = token.iob[lo:hi, None], token.next_iob[lo:hi, None]
    preset_label = token.label[lo:hi, None]
    labelled = labels != 0
    same_as_entity = labels == entity_label
    at_end = (numpy.arange(lo, hi) >= token.n - 1)[:, None]
    next_starts_sentence = (token.has_next[lo:hi] & (token.next_sent_start[lo:hi] == 1))[:, None]
    inside = (labelled & same_as_entity & ~at_end & (iob != B_PRESET) & (next_iob != B_PRESET)
              & numpy.where(iob == I_PRESET,
                            (next_iob != MISSING) & (next_iob != O_PRESET) & (labels == preset_label),
                            ~next_starts_sentence))
    last = labelled & numpy.where((iob == I_PRESET) & (next_iob != I_PRESET), labels == preset_label,
                                  same_as_entity & (next_iob != I_PRESET))
    blocked_unit = ~labelled & (preset_label == 0) & (iob == B_PRESET)
    return ((moves.is_kind[IN][None, :] & inside) | (moves.is_kind[LAST][None, :] & last)
            | (moves.is_kind[UNIT][None, :] & blocked_unit))


def _set_entities(doc: Doc, entities: Entities) -> None:
    """As spaCy's BiluoPushDown.set_annotations: the entities (preset ones' knowledge-base ids kept), and O on
    every token still without annotation."""
    spans = [Span(doc, start, end, label=label, kb_id=doc[start].ent_kb_id) for start, end, label in entities]
    doc.set_ents(spans, default="unmodified")
    values = doc.to_array([ENT_IOB, ENT_TYPE])
    missing = values[:, 0] == MISSING
    if missing.any():
        values[missing, 0] = O_PRESET
        doc.from_array([ENT_IOB, ENT_TYPE], values)


@Language.factory(
    FACTORY,
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    default_config={"moves": None, "update_with_oracle_cut_size": 100, "model": None,
                    "incorrect_spans_key": None, "scorer": {"@scorers": "spacy.ner_scorer.v1"}},
)
def make_greedy_ner(nlp: Language, name: str, model: Model, moves: Optional[TransitionSystem],
                    update_with_oracle_cut_size: int, incorrect_spans_key: Optional[str],
                    scorer: Optional[Callable]) -> GreedyEntityRecognizer:
    return GreedyEntityRecognizer(nlp.vocab, model, name=name, moves=moves,
                                  update_with_oracle_cut_size=update_with_oracle_cut_size,
                                  incorrect_spans_key=incorrect_spans_key, scorer=scorer)


def load_fast(path: Path) -> Language:
    """spacy.load for a pipeline folder, with each `ner` component made a `greedy_ner` (same weights)."""
    config = spacy.util.load_config(Path(path) / "config.cfg")
    overrides = {f"components.{name}.factory": FACTORY
                 for name, section in config["components"].items() if section.get("factory") == "ner"}
    return spacy.load(path, config=overrides)
