"""A neural trigger tagger for events, as an experiment: does a CNN over the sentence with topical word vectors find
the events the lexicon misses? (It did not; README.md, "The neural tagger". Nothing of it is shipped.)

    python training/events/tagger.py training/events/tagger.cfg [--half A|B] [--thresholds 0.3,0.5,0.7,0.9]

1. vectors: PPMI + SVD word vectors over FANG-COVID and the Wikinews quotation sentences (lower-cased words, a wide
   window, so that words of the same topic and use come close: "bemängelte" next to "monierte", "kritisierte"), by
   `training/ner/vectors.py`'s `ppmi_svd` → `output/vectors` (a spaCy pipeline with vectors only, keyed on LOWER).
2. data: our training labels plus the dev half of the gold file except the documents of `--half`, each trigger's
   token (`train.trigger_token`) tagged with its category and every other token `O` → `output/{train,eval}.spacy`.
3. train: `spacy train tagger.cfg` (a tok2vec with the vectors and a tagger) → `output/model-<half>/model-last`.
4. evaluate: on the gold file's dev sentences of `--half` (documents split by the first hex digit of MD5 of the
   document id, < 8 → A), the coder with and without the tagger's events on the tokens the lexicon left alone, for
   a range of least probabilities, scored as `lagebild eval events` scores.

The test half of the gold file is never read. On two cores: vectors ~5 minutes (once; ~4.5 GB of memory), the
rest ~12 minutes per half.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "training" / "ner"))

import train  # noqa: E402

WORD = re.compile(r"[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß\-]+")


def half_of(sentence_id: str) -> str:
    document = sentence_id.rsplit("-s", 1)[0]
    return "A" if int(hashlib.md5(document.encode()).hexdigest()[0], 16) < 8 else "B"


def paragraphs(shared: Path):
    """Lower-cased words of every distinct FANG-COVID paragraph and every Wikinews quotation sentence."""
    from vectors import fang_paragraphs

    for para in fang_paragraphs(shared / "data" / "fang-covid" / "fang_covid_articles_text.jsonl.gz"):
        yield [w.lower() for w in WORD.findall(para)]
    for path in sorted((shared / "data" / "wikinews-quotes").glob("*/*.json")):
        for sentence in json.loads(path.read_text(encoding="utf-8"))["sentences"]:
            yield [w.lower() for w in WORD.findall(sentence["text"])]


def build_vectors(shared: Path, out: Path, cfg: dict) -> None:
    from collections import Counter

    import spacy
    from spacy.vectors import Vectors
    from vectors import ppmi_svd

    docs = list(paragraphs(shared))
    counts = Counter(w for d in docs for w in d)
    words = [w for w, c in counts.most_common(cfg["vocab"]) if c >= cfg["min_count"]]
    index = {w: n for n, w in enumerate(words)}
    ids = (np.array([index.get(w, -1) for w in d], dtype=np.int64) for d in docs)
    table = ppmi_svd(ids, len(words), cfg["dim"], window=cfg["window"])
    blank = spacy.blank("de")
    keys = [blank.vocab.strings.add(w) for w in words]
    blank.vocab.vectors = Vectors(strings=blank.vocab.strings, data=table, keys=keys, attr="LOWER")
    blank.to_disk(out)


def tagged(nlp, sentences: list[dict]):
    """A Doc per sentence in the pipeline's tokens, each trigger's token tagged with its category, others O."""
    from spacy.tokens import Doc

    with nlp.select_pipes(disable=["event_coder"]):
        for sentence, doc in zip(sentences, nlp.pipe((s["text"] for s in sentences), batch_size=64)):
            tags = ["O"] * len(doc)
            for e in sentence["events"]:
                i = train.trigger_token(doc, sentence["text"], e["trigger"])
                if i is not None and tags[i] == "O":
                    tags[i] = e["category"]
            yield Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc], tags=tags)


def tagger_events(tagger_nlp, words: list[str], spaces: list[bool], least: float) -> list[tuple[str, str, float]]:
    """(category, word, probability) for each token the tagger gives a category with at least `least`."""
    from spacy.tokens import Doc

    doc = Doc(tagger_nlp.vocab, words=words, spaces=spaces)
    for name, pipe in tagger_nlp.pipeline:
        if name != "tagger":
            doc = pipe(doc)
    tagger = tagger_nlp.get_pipe("tagger")
    # the model gives scores (the config's normalize = false), not probabilities
    scores = np.asarray(tagger.model.predict([doc])[0])
    p = np.exp(scores - scores.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    labels = list(tagger.labels)
    p[:, labels.index("O")] = 0.0
    best = p.argmax(axis=1)
    return [(labels[b], words[k], float(p[k, b])) for k, b in enumerate(best) if p[k, b] >= least]


def evaluate(model: Path, half: str, thresholds: list[float]) -> None:
    import spacy

    from lagebild.evaluation.events import PredictedEvent, predict, read_gold, score
    from lagebild.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    tagger_nlp = spacy.load(model)
    gold = [g for g in read_gold(train.GOLD, "dev") if half_of(g.id) == half]
    lexicon = predict(gold, nlp)
    extra = {}
    for g in gold:
        tokens = nlp.make_doc(g.text)
        extra[g.id] = tagger_events(tagger_nlp, [t.text for t in tokens], [bool(t.whitespace_) for t in tokens],
                                    min(thresholds))
    base = score(gold, lexicon)
    print(f"dev half {half}, {len(gold)} sentences; coder: macro-F1 {base.macro_f1:.3f}, micro P/R "
          f"{base.micro['precision']:.3f}/{base.micro['recall']:.3f}")
    for least in thresholds:
        found = {}
        alone = {}
        for g in gold:
            words = {w for e in lexicon[g.id] for w in e.trigger.split()}
            added = [PredictedEvent(c, "actual", None, None, w) for c, w, p in extra[g.id] if p >= least]
            alone[g.id] = added
            found[g.id] = lexicon[g.id] + [e for e in added if e.trigger not in words]
        s, t = score(gold, found), score(gold, alone)
        print(f"  least {least:.2f}: coder + tagger macro-F1 {s.macro_f1:.3f}, micro P/R {s.micro['precision']:.3f}/"
              f"{s.micro['recall']:.3f}; tagger alone macro-F1 {t.macro_f1:.3f}, micro P/R "
              f"{t.micro['precision']:.3f}/{t.micro['recall']:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("config", type=Path)
    ap.add_argument("--half", choices=["A", "B"], default="B", help="dev documents held out for scoring")
    ap.add_argument("--out", type=Path, default=HERE / "output")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--thresholds", default="0.3,0.5,0.7,0.9")
    args = ap.parse_args()
    from spacy.tokens import DocBin
    from thinc.api import Config

    from lagebild.nlp.pipeline import load_pipeline

    cfg = Config().from_disk(args.config)
    fang = args.shared / "data" / "fang-covid" / "fang_covid_articles_text.jsonl.gz"
    if not fang.exists():
        sys.exit(f"missing {fang} (the word vectors and the training labels read it)")
    args.out.mkdir(parents=True, exist_ok=True)
    vectors = args.out / "vectors"
    if not vectors.exists():
        print("1/4 word vectors", file=sys.stderr, flush=True)
        build_vectors(args.shared, vectors, cfg["vectors"])
    print("2/4 tagged sentences", file=sys.stderr, flush=True)
    nlp = load_pipeline()
    sentences = train.read_labels(sorted((ROOT / cfg["data"]["labels"]).glob("*.jsonl")), args.shared)
    sentences += [s for s in train.read_gold_dev() if half_of(s["id"]) != args.half]
    held = [s for s in train.read_gold_dev() if half_of(s["id"]) == args.half]
    for name, part in (("train", sentences), ("eval", held)):
        DocBin(attrs=["ORTH", "TAG"], docs=tagged(nlp, part)).to_disk(args.out / f"{name}.spacy")
    print(f"3/4 spacy train ({len(sentences)} sentences)", file=sys.stderr, flush=True)
    model = args.out / f"model-{args.half}"
    subprocess.run([sys.executable, "-m", "spacy", "train", str(args.config), "--output", str(model),
                    "--paths.train", str(args.out / "train.spacy"), "--paths.dev", str(args.out / "eval.spacy"),
                    "--paths.vectors", str(vectors)], check=True)
    print("4/4 evaluate", file=sys.stderr, flush=True)
    evaluate(model / "model-last", args.half, [float(t) for t in args.thresholds.split(",")])


if __name__ == "__main__":
    main()
