"""Install the trained quotation layers into the package.

    .venv/bin/python training/quotes/install.py training/quotes/output src/lagebild/nlp/models/quotes

For each layer (quote, roles) the best model is loaded and everything but its span tagger `spans` is
removed (the frozen tagger stack it was trained with ships in models/tagger already), then saved to
OUT/<layer>. OUT/media.json maps cue lemmas ("teilen mit") to the medium most often annotated with them in
WIKINEWS *train* (at least two occurrences); OUT/cues.json the lemmas that are often cues there (the
fallback where the role tagger finds no cue). The `quotations` component reads both.
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from lagebild.nlp.quotes import cue_key

HERE = Path(__file__).resolve().parent


def media_table(corpus: Path) -> dict[str, str]:
    nlp = spacy.blank("de")
    counts: dict[str, Counter] = defaultdict(Counter)
    for doc in DocBin(store_user_data=True).from_disk(corpus / "train.spacy").get_docs(nlp.vocab):
        for quotation in doc.user_data["quotations"]:
            cues = [doc[a:b] for a, b in quotation["cue"]]
            if cues and quotation["medium"] != "none":
                counts[cue_key(cues)][quotation["medium"]] += 1
                counts[cue_key(cues[:1])][quotation["medium"]] += 1
    return {key: c.most_common(1)[0][0] for key, c in sorted(counts.items()) if sum(c.values()) >= 2}


def cue_lexicon(corpus: Path, min_count: int = 3, min_ratio: float = 0.3) -> dict[str, float]:
    """Lemmas of single-word cues in WIKINEWS train with how often a token of that lemma is a cue: those seen
    as a cue at least `min_count` times and in at least `min_ratio` of their occurrences."""
    nlp = spacy.blank("de")
    as_cue: Counter = Counter()
    seen: Counter = Counter()
    for doc in DocBin(store_user_data=True).from_disk(corpus / "train.spacy").get_docs(nlp.vocab):
        cue_tokens = {i for q in doc.user_data["quotations"] for a, b in q["cue"] for i in range(a, b)}
        for token in doc:
            key = (token.lemma_ or token.text).lower()
            seen[key] += 1
            if token.i in cue_tokens and not token.is_punct:
                as_cue[key] += 1
    return {key: round(n / seen[key], 3) for key, n in sorted(as_cue.items())
            if n >= min_count and n / seen[key] >= min_ratio}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    for layer in ("quote", "roles"):
        import lagebild.nlp.pipeline  # noqa: F401  (registers verb_morph for loading the trained pipeline)

        nlp = spacy.load(args.output / layer / "model-best")
        for name in list(nlp.pipe_names):
            if name != "spans":
                nlp.remove_pipe(name)
        if (args.target / layer).exists():
            shutil.rmtree(args.target / layer)
        nlp.to_disk(args.target / layer)
    table = media_table(args.corpus)
    (args.target / "media.json").write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                                            encoding="utf-8")
    lexicon = cue_lexicon(args.corpus)
    (args.target / "cues.json").write_text(json.dumps(lexicon, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                                           encoding="utf-8")
    print(f"installed quote and roles layers, {len(table)} cue media and {len(lexicon)} cue lemmas into {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
