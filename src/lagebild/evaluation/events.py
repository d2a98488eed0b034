"""Scoring the event coder against hand-annotated sentences (`tests/data/events_gold.jsonl`).

Gold lines: `{"id", "split", "text", "article_date", "events": [{"category", "mode", "source": [codes],
"target": [codes], "trigger"}]}` (see tests/data/README.md).

Matching: within a sentence, gold and predicted events of the same category are paired one-to-one, preferring
pairs whose mode and actors agree; a paired event is a true positive of its category, an unpaired prediction a false
positive, an unpaired gold event a false negative. Category P/R/F1 per category, their macro average over the
categories that occur in gold or predictions, and the micro average. On the paired events: mode accuracy, and
source and target accuracy — a predicted actor is right when it is one of the gold codes, or when both are empty
(P/R/F1 of the actor slots are reported as well: a filled predicted slot is a positive, a non-empty gold slot a
gold positive).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import permutations
from pathlib import Path

from ..nlp.events import CATEGORIES


@dataclass(frozen=True)
class GoldEvent:
    category: str
    mode: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    trigger: str = ""


@dataclass(frozen=True)
class PredictedEvent:
    category: str
    mode: str
    source: str | None
    target: str | None
    trigger: str = ""


@dataclass(frozen=True)
class GoldSentence:
    id: str
    split: str
    text: str
    article_date: str | None
    events: tuple[GoldEvent, ...]


class FormatError(ValueError):
    pass


def read_gold(path: Path, split: str | None = None) -> list[GoldSentence]:
    """The gold sentences of `path`; `split` = "dev" or "test" keeps one half."""
    result = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            events = tuple(
                GoldEvent(e["category"], e["mode"], tuple(e.get("source") or ()), tuple(e.get("target") or ()),
                          e.get("trigger", ""))
                for e in row["events"])
            sentence = GoldSentence(row["id"], row["split"], row["text"], row.get("article_date"), events)
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise FormatError(f"line {number}: {exc}") from exc
        for e in events:
            if e.category not in CATEGORIES:
                raise FormatError(f"line {number}: unknown category {e.category!r}")
        if split in (None, "all") or sentence.split == split:
            result.append(sentence)
    return result


def _actor_right(predicted: str | None, gold: tuple[str, ...]) -> bool:
    return (predicted in gold) if gold else predicted is None


def _agreement(p: PredictedEvent, g: GoldEvent) -> int:
    return (p.mode == g.mode) + _actor_right(p.source, g.source) + _actor_right(p.target, g.target)


def match(gold: Iterable[GoldEvent], predicted: Iterable[PredictedEvent]
          ) -> tuple[list[tuple[GoldEvent, PredictedEvent]], list[GoldEvent], list[PredictedEvent]]:
    """Pair gold and predicted events of one sentence by category (best agreement first)."""
    by_cat_g: dict[str, list[GoldEvent]] = defaultdict(list)
    by_cat_p: dict[str, list[PredictedEvent]] = defaultdict(list)
    for g in gold:
        by_cat_g[g.category].append(g)
    for p in predicted:
        by_cat_p[p.category].append(p)
    pairs, missed, spurious = [], [], []
    for category in sorted(set(by_cat_g) | set(by_cat_p)):
        gs, ps = by_cat_g[category], by_cat_p[category]
        k = min(len(gs), len(ps))
        best, best_score = None, -1
        if k and len(gs) <= 6 and len(ps) <= 6:
            small, large, gold_small = (gs, ps, True) if len(gs) <= len(ps) else (ps, gs, False)
            for chosen in permutations(range(len(large)), len(small)):
                score = sum(_agreement(large[j], small[i]) if gold_small else _agreement(small[i], large[j])
                            for i, j in enumerate(chosen))
                if score > best_score:
                    best, best_score = chosen, score
            used = set(best)
            for i, j in enumerate(best):
                pairs.append((small[i], large[j]) if gold_small else (large[j], small[i]))
            rest = [large[j] for j in range(len(large)) if j not in used]
            (spurious if gold_small else missed).extend(rest)
        else:
            pairs.extend(zip(gs[:k], ps[:k]))
            missed.extend(gs[k:])
            spurious.extend(ps[k:])
    return pairs, missed, spurious


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


@dataclass
class EventScores:
    per_category: dict[str, dict[str, float]]
    macro_f1: float
    micro: dict[str, float]
    mode_accuracy: float | None
    source: dict[str, float]
    target: dict[str, float]
    n_sentences: int
    n_gold: int
    n_predicted: int
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "errors"}


def _slot_scores(pairs: list[tuple[GoldEvent, PredictedEvent]], slot: str) -> dict[str, float]:
    right = tp = fp = fn = 0
    for g, p in pairs:
        gold, pred = getattr(g, slot), getattr(p, slot)
        ok = _actor_right(pred, gold)
        right += ok
        if pred is not None:
            tp += pred in gold
            fp += pred not in gold
        if gold and pred not in gold:
            fn += 1
    scores = _prf(tp, fp, fn)
    scores["accuracy"] = right / len(pairs) if pairs else 0.0
    scores["n"] = len(pairs)
    return scores


def score(gold: list[GoldSentence], predicted: dict[str, list[PredictedEvent]]) -> EventScores:
    """Scores for `predicted` (sentence id → events) against `gold`."""
    counts: dict[str, Counter] = defaultdict(Counter)
    all_pairs: list[tuple[GoldEvent, PredictedEvent]] = []
    errors = []
    n_pred = 0
    for sentence in gold:
        preds = predicted.get(sentence.id, [])
        n_pred += len(preds)
        pairs, missed, spurious = match(sentence.events, preds)
        all_pairs.extend(pairs)
        for g, _ in pairs:
            counts[g.category]["tp"] += 1
        for g in missed:
            counts[g.category]["fn"] += 1
        for p in spurious:
            counts[p.category]["fp"] += 1
        if missed or spurious or any(_agreement(p, g) < 3 for g, p in pairs):
            errors.append({"id": sentence.id, "text": sentence.text, "missed": [g.__dict__ for g in missed],
                           "spurious": [p.__dict__ for p in spurious],
                           "paired": [(g.__dict__, p.__dict__) for g, p in pairs if _agreement(p, g) < 3]})
    per_category = {c: _prf(counts[c]["tp"], counts[c]["fp"], counts[c]["fn"]) for c in sorted(counts)}
    macro = sum(s["f1"] for s in per_category.values()) / len(per_category) if per_category else 0.0
    total = Counter()
    for c in counts.values():
        total.update(c)
    modes = [g.mode == p.mode for g, p in all_pairs]
    return EventScores(
        per_category=per_category, macro_f1=macro, micro=_prf(total["tp"], total["fp"], total["fn"]),
        mode_accuracy=sum(modes) / len(modes) if modes else None,
        source=_slot_scores(all_pairs, "source"), target=_slot_scores(all_pairs, "target"),
        n_sentences=len(gold), n_gold=sum(len(s.events) for s in gold), n_predicted=n_pred, errors=errors,
    )


def predict(gold: list[GoldSentence], nlp=None) -> dict[str, list[PredictedEvent]]:
    """Run the pipeline and the event coder on each gold sentence (dated with its article date)."""
    from ..nlp.events import code_doc
    from ..nlp.pipeline import load_pipeline

    nlp = nlp or load_pipeline()
    docs = []
    for sentence in gold:
        doc = nlp.make_doc(sentence.text)
        doc._.article_date = sentence.article_date
        docs.append(doc)
    result = {}
    for sentence, doc in zip(gold, nlp.pipe(docs)):
        if doc._.events is None:      # the pipeline does not include event_coder: run it here
            code_doc(doc)
        result[sentence.id] = predicted_events(doc)
    return result


def predicted_events(doc) -> list[PredictedEvent]:
    """The events the coder put on `doc`, as the scorer reads them."""
    return [PredictedEvent(e.category, e.mode, e.source.country if e.source else None,
                           e.target.country if e.target else None, e.trigger.text)
            for e in doc._.events]
