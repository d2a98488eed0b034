"""WIKINEWS quotation gold → spaCy DocBins in lagebild's own tokenization.

    .venv/bin/python training/quotes/convert.py [--shared ../shared] [--out training/quotes/corpus]

Each document is tokenized and split into sentences by lagebild's pipeline (tokenizer +
news_sentences); every gold role's character spans are mapped to the tokens they overlap.
Span groups per Doc: `quote` (quotations not nested in another, labelled with their type),
`quote_nested` (nested ones), `cue`, `speaker`, `addressee`, `frame`. The links between a
quotation and its roles are kept in `doc.user_data["quotations"]` as a list of dicts of token
index pairs, for training the attribution step. Writes train.spacy and dev.spacy (train and
dev splits of the data; the test split is not in ../shared) and prints how many gold spans did
not align with token boundaries.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin, Span, SpanGroup

from lagebild.nlp.pipeline import load_pipeline

ROLES = ("cue", "speaker", "addressee", "frame")
REPO = Path(__file__).resolve().parents[2]


def token_span(doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def convert(path: Path, nlp, stats: Counter):
    data = json.loads(path.read_text(encoding="utf-8"))
    doc = nlp(data["originalText"])
    groups = {name: [] for name in ("quote", "quote_nested", *ROLES)}
    quotations = []
    for annotation in data["annotations"]:
        record = {"type": annotation["type"], "medium": annotation["medium"], "nested": annotation["isNested"]}
        for role in ("quote", *ROLES):
            spans = []
            for part in (annotation.get(role) or {}).get("spans", []):
                aligned = token_span(doc, part["charBegin"], part["charEnd"])
                stats["spans"] += 1
                if aligned is None:
                    stats["unaligned"] += 1
                    continue
                if doc[aligned[0]:aligned[1]].text != data["originalText"][part["charBegin"]:part["charEnd"]]:
                    stats["expanded"] += 1
                spans.append(aligned)
                layer = ("quote_nested" if annotation["isNested"] else "quote") if role == "quote" else role
                label = annotation["type"] if role == "quote" else role
                groups[layer].append(Span(doc, aligned[0], aligned[1], label=label))
            record[role] = spans
        quotations.append(record)
    for name, spans in groups.items():
        doc.spans[name] = SpanGroup(doc, name=name, spans=spans)
    doc.user_data["quotations"] = quotations
    doc.user_data["file"] = path.name
    return doc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=REPO / "training" / "quotes" / "corpus")
    args = parser.parse_args()
    source = args.shared / "data" / "wikinews-quotes"
    args.out.mkdir(parents=True, exist_ok=True)
    nlp = load_pipeline()
    for split in ("train", "dev"):
        stats: Counter = Counter()
        bin_ = DocBin(store_user_data=True)
        files = sorted((source / split).glob("*.json"))
        for path in files:
            bin_.add(convert(path, nlp, stats))
        bin_.to_disk(args.out / f"{split}.spacy")
        print(f"{split}: {len(files)} documents, {stats['spans']} gold spans, {stats['unaligned']} unaligned, "
              f"{stats['expanded']} expanded to token boundaries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
