"""How far careful readers agree with the gold file: blind annotations of its **dev** sentences, scored against the
gold labels exactly as `lagebild eval events` scores the coder, and against each other.

    python training/events/agreement.py [tests/data/events_agreement.jsonl] [--coder]

Each line of the annotation file: `{"id", "annotator", "events"}`, `events` as in the gold file. The annotators
labelled the sentences without seeing their gold lines (tests/data/README.md, "events_agreement.jsonl"). An
annotator's actor lists are scored by their first code, as the coder gives one actor per slot. `--coder` also
scores the shipped coder on the same sentences.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "events_gold.jsonl"
ANNOTATIONS = ROOT / "tests" / "data" / "events_agreement.jsonl"


def read_annotations(path: Path, categories) -> dict[str, dict[str, list[dict]]]:
    """`{annotator: {sentence id: events}}`; a malformed line is named with its file and line number."""
    result: dict[str, dict[str, list[dict]]] = defaultdict(dict)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            annotator, sentence, events = row["annotator"], row["id"], row["events"]
            for e in events:
                if e["category"] not in categories:
                    raise ValueError(f"unknown category {e['category']!r}")
                if e["mode"] not in ("actual", "intended", "negated"):
                    raise ValueError(f"unknown mode {e['mode']!r}")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path.name}:{number}: {exc}") from exc
        if sentence in result[annotator]:
            raise ValueError(f"{path.name}:{number}: {sentence} labelled twice by {annotator}")
        result[annotator][sentence] = events
    return dict(result)


def as_predicted(events: list[dict]):
    from lagebild.evaluation.events import PredictedEvent

    return [PredictedEvent(e["category"], e["mode"], (e.get("source") or [None])[0],
                           (e.get("target") or [None])[0], e.get("trigger", "")) for e in events]


def as_gold(sentence: str, events: list[dict]):
    from lagebild.evaluation.events import GoldEvent, GoldSentence

    return GoldSentence(sentence, "dev", "", None, tuple(
        GoldEvent(e["category"], e["mode"], tuple(e.get("source") or ()), tuple(e.get("target") or ()),
                  e.get("trigger", "")) for e in events))


def agreement(gold, annotations: dict[str, dict[str, list[dict]]]) -> dict[str, object]:
    """Scores of each annotator against the gold sentences they labelled, and of every pair of annotators on the
    sentences both labelled (the first of the pair taken as reference)."""
    from lagebild.evaluation.events import score

    by_id = {g.id: g for g in gold}
    out: dict[str, object] = {}
    for name, labelled in sorted(annotations.items()):
        unknown = sorted(set(labelled) - set(by_id))
        if unknown:
            raise ValueError(f"annotator {name}: {len(unknown)} ids not in the gold dev half, e.g. {unknown[0]}")
        out[name] = score([by_id[i] for i in labelled], {i: as_predicted(e) for i, e in labelled.items()})
    names = sorted(annotations)
    for n, first in enumerate(names):
        for second in names[n + 1:]:
            shared = sorted(set(annotations[first]) & set(annotations[second]))
            if shared:
                out[f"{second} vs {first}"] = score(
                    [as_gold(i, annotations[first][i]) for i in shared],
                    {i: as_predicted(annotations[second][i]) for i in shared})
    return out


def _line(s) -> str:
    return (f"{s.n_sentences:4d} sentences  macro-F1 {s.macro_f1:.3f}  micro P/R/F1 {s.micro['precision']:.3f}/"
            f"{s.micro['recall']:.3f}/{s.micro['f1']:.3f}  source {s.source['accuracy']:.3f}  "
            f"target {s.target['accuracy']:.3f}  mode {s.mode_accuracy:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("annotations", type=Path, nargs="?", default=ANNOTATIONS)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--coder", action="store_true", help="also score the shipped coder on the same sentences")
    args = ap.parse_args()
    from lagebild.evaluation.events import predict, read_gold, score
    from lagebild.nlp.events import CATEGORIES

    gold = read_gold(args.gold, "dev")
    annotations = read_annotations(args.annotations, CATEGORIES)
    for name, s in agreement(gold, annotations).items():
        print(f"{name:10s} {_line(s)}")
    if args.coder:
        wanted = {i for labelled in annotations.values() for i in labelled}
        sentences = [g for g in gold if g.id in wanted]
        print(f"{'coder':10s} {_line(score(sentences, predict(sentences)))}")

if __name__ == "__main__":
    main()
