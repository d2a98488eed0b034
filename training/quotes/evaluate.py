"""Score the installed pipeline's quotations on WIKINEWS dev (or train) with our scorer.

    .venv/bin/python training/quotes/evaluate.py [--split dev] [--out /tmp/quotes-dev] [--json logs/dev_eval.json]

Writes predictions with `lagebild quotes predict`'s code, then prints Messages/Roles/Joint/Form/STWR, each role
and the quote F1 per type.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from lagebild.evaluation import wikinews
from lagebild.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=Path("/tmp/lagebild-quotes-dev"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    gold = args.shared / "data" / "wikinews-quotes" / args.split
    started = time.perf_counter()
    n_files, n_quotes = wikinews.predict_folder(load_pipeline(), gold, args.out)
    seconds = time.perf_counter() - started
    scores, _ = wikinews.score_folders(gold, args.out)
    by_type, _ = wikinews.score_folders(gold, args.out, by_type=True)
    print(f"{args.split}: {n_files} files, {n_quotes} predicted quotations, {seconds:.1f} s")
    for name, s in {**scores, **{f"quote {k}": v for k, v in by_type.items()}}.items():
        print(f"{name:28s} P {s.precision:.4f}  R {s.recall:.4f}  F1 {s.f1:.4f}")
    if args.json:
        args.json.write_text(json.dumps({k: vars(v) if hasattr(v, "__dict__") else v._asdict()
                                         for k, v in {**scores, **by_type}.items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
