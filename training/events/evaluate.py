"""Score the event coder with and without its trigger model on the **dev** half of tests/data/events_gold.jsonl,
for a range of thresholds (the one to ship is chosen here; the test half is scored once with `lagebild eval events
--split test`).

    python training/events/evaluate.py training/events/events.cfg [--model DIR | --folds 5] [--thresholds 0.5,0.6]

`--model DIR` scores a trained model (default: `src/lagebild/nlp/models/events`, where none is shipped).
`--folds K` trains K models, each on the training labels (and, with `use_gold_dev`, the other folds of dev) and
scores the fold it did not see.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thinc.api import Config

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train  # noqa: E402
from lagebild.evaluation.events import predicted_events, read_gold, score  # noqa: E402
from lagebild.nlp import event_model  # noqa: E402
from lagebild.nlp.events import code_doc  # noqa: E402


def predicted(gold, docs, models) -> dict:
    result = {}
    for sentence, doc, model in zip(gold, docs, models):
        code_doc(doc, model=model)
        result[sentence.id] = predicted_events(doc)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("config", type=Path)
    ap.add_argument("--model", type=Path, default=train.ROOT / "src" / "lagebild" / "nlp" / "models" / "events")
    ap.add_argument("--folds", type=int, default=0)
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7,0.8,0.9")
    ap.add_argument("--shared", type=Path, default=train.ROOT.parent / "shared")
    ap.add_argument("--per-category", action="store_true")
    args = ap.parse_args()
    cfg = Config().from_disk(args.config)
    shipped = None if args.folds else event_model.load(args.model)
    if not args.folds and shipped is None:
        sys.exit(f"no trigger model in {args.model}: train one with train.py --out DIR, or score with --folds K")
    from lagebild.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    gold = read_gold(train.GOLD, "dev")
    docs = []
    with nlp.select_pipes(disable=["event_coder"]):
        for sentence in gold:
            doc = nlp.make_doc(sentence.text)
            doc._.article_date = sentence.article_date
            docs.append(doc)
        docs = list(nlp.pipe(docs))
    if args.folds:
        labelled = train.read_labels(sorted((train.ROOT / cfg["data"]["labels"]).glob("*.jsonl")), args.shared)
        dev = train.read_gold_dev()
        models = [None] * len(gold)
        with nlp.select_pipes(disable=["event_coder"]):
            for k in range(args.folds):
                held = {s.id for n, s in enumerate(gold) if n % args.folds == k}
                rest = [s for s in dev if s["id"] not in held] if cfg["data"]["use_gold_dev"] else []
                labels, feats, dense, y, _, _, _ = train.examples(nlp, labelled + rest)
                model = train.fit(labels, feats, dense, y, cfg["training"], cfg["training"]["seed"])
                for n, s in enumerate(gold):
                    if s.id in held:
                        models[n] = model
    else:
        models = [shipped] * len(gold)
    base = score(gold, predicted(gold, docs, [None] * len(gold)))
    print(f"lexicon only: macro-F1 {base.macro_f1:.3f}, micro P/R/F1 {base.micro['precision']:.3f}/"
          f"{base.micro['recall']:.3f}/{base.micro['f1']:.3f}, source {base.source['accuracy']:.3f}, "
          f"target {base.target['accuracy']:.3f}")
    for threshold in [float(t) for t in args.thresholds.split(",")]:
        for m in {id(m): m for m in models}.values():
            m.add_threshold = threshold
        s = score(gold, predicted(gold, docs, models))
        print(f"threshold {threshold:.2f}: macro-F1 {s.macro_f1:.3f}, micro P/R/F1 {s.micro['precision']:.3f}/"
              f"{s.micro['recall']:.3f}/{s.micro['f1']:.3f}, source {s.source['accuracy']:.3f}, "
              f"target {s.target['accuracy']:.3f}, mode {s.mode_accuracy:.3f}")
        if args.per_category:
            for c, v in s.per_category.items():
                b = base.per_category.get(c, {"f1": 0.0})
                print(f"  {c:10s} {b['f1']:.3f} → {v['f1']:.3f} (tp {v['tp']}, fp {v['fp']}, fn {v['fn']})")


if __name__ == "__main__":
    main()
