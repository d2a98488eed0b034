"""Split the converted WIKINEWS gold into the two layers our quotation models learn:

    quote  — top-level quotations as entities labelled with their type (Direct, Indirect, ...)
    roles  — SPEAKER, CUE and ADDRESSEE spans as entities

    .venv/bin/python training/quotes/layers.py [--corpus training/quotes/corpus]

Reads <corpus>/{train,dev}.spacy (from convert.py) and writes <corpus>/{train,dev}_{quote,roles}.spacy.
Overlapping spans within a layer keep the longest (spaCy's filter_spans); the counts dropped are printed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.util import filter_spans

REPO = Path(__file__).resolve().parents[2]
ROLE_LABELS = {"speaker": "SPEAKER", "cue": "CUE", "addressee": "ADDRESSEE"}


def layer_docs(docs, layer: str):
    dropped = total = 0
    for doc in docs:
        if layer == "quote":
            spans = list(doc.spans["quote"])
        else:
            spans = [doc.char_span(s.start_char, s.end_char, label=ROLE_LABELS[name])
                     for name in ROLE_LABELS for s in doc.spans[name]]
        unique = {(s.start, s.end, s.label_): s for s in spans}.values()
        kept = filter_spans(unique)
        total += len(unique)
        dropped += len(unique) - len(kept)
        doc.ents = kept
        yield doc
    print(f"{layer}: {total} spans, {dropped} dropped as overlapping")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "training" / "quotes" / "corpus")
    args = parser.parse_args()
    nlp = spacy.blank("de")
    for split in ("train", "dev"):
        for layer in ("quote", "roles"):
            docs = DocBin().from_disk(args.corpus / f"{split}.spacy").get_docs(nlp.vocab)
            out = DocBin(attrs=["ORTH", "SPACY", "ENT_IOB", "ENT_TYPE", "SENT_START"])
            for doc in layer_docs(docs, layer):
                out.add(doc)
            out.to_disk(args.corpus / f"{split}_{layer}.spacy")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
