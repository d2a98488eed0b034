"""Build the tagger corpora in corpus/ (DocBin): HanTa silver + GSD dev gold (80/20 split, fixed seed).

Outputs
  corpus/silver.spacy          HanTa-labelled raw text (wikinews-quotes train, GermEval 2014 dev, MobIE train,
                               SmartData v1 train + v3 dev), tags/UPOS/lemmas from silver.label_sentence
  corpus/gold_train.spacy      80 % of GSD dev (gold words, XPOS, UPOS, lemmas)
  corpus/heldout.spacy         the other 20 % (model selection only)
  corpus/heldout.conllu        the same sentences as CoNLL-U for evaluate.py
  corpus/train_g{K}/           silver.spacy + gold_train repeated K times (the training corpus directories)

Never reads GSD/PUD/LIT test, GermEval test or FANG-COVID.
"""
from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import pickle
import random
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from common import DATA, GSD_DEV, HERE, SEED, Sentence, read_conllu
from silver import label_sentence

CORPUS = HERE / "corpus"
SOFT_HYPHEN = "\u00ad"
MAX_DOC_TOKENS = 400


# --- raw sources: each yields documents = lists of sentences = lists of (word, space_after) ----------------------
def _clean(w: str) -> str:
    return w.replace(SOFT_HYPHEN, "")


def wikinews_docs():
    for f in sorted(glob.glob(str(DATA / "wikinews-quotes" / "train" / "*.json"))):
        d = json.load(open(f, encoding="utf-8"))
        toks = d["tokens"]
        doc = []
        for s in d["sentences"]:
            sent = []
            for i in range(s["begin"], s["end"]):
                t = toks[i]
                nxt = toks[i + 1]["charBegin"] if i + 1 < len(toks) else t["charEnd"] + 1
                sent.append((_clean(t["text"]), nxt > t["charEnd"]))
            sent = [(w, sp) for w, sp in sent if w.strip()]
            if sent:
                doc.append(sent)
        yield doc


def germeval_docs():
    # NER-de-dev only (GermEval test is evaluation-only and never read here).  One sentence per "document".
    sent = []
    for line in open(DATA / "germeval2014" / "NER-de-dev.tsv", encoding="utf-8"):
        if line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2:
            if sent:
                yield [sent]
            sent = []
            continue
        w = _clean(cols[1])
        if w.strip():
            sent.append((w, True))
    if sent:
        yield [sent]


def mobie_docs():
    doc, sent = [], []
    for line in open(DATA / "mobie" / "train.conll2003", encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if sent:
                doc.append(sent)
            if doc:
                yield doc
            doc, sent = [], []
            continue
        if not line.strip():
            if sent:
                doc.append(sent)
            sent = []
            continue
        w = _clean(line.split("\t")[0].split(" ")[0])
        if w.strip():
            sent.append((w, True))
    if sent:
        doc.append(sent)
    if doc:
        yield doc


def _read_concatenated_json(path: Path):
    txt = gzip.open(path, "rt", encoding="utf-8").read()
    dec = json.JSONDecoder()
    i = 0
    while True:
        while i < len(txt) and txt[i].isspace():
            i += 1
        if i >= len(txt):
            return
        obj, i = dec.raw_decode(txt, i)
        yield obj


def smartdata_docs():
    # v3 dev: the dataset's own tokens (character spans) and sentences.
    for d in _read_concatenated_json(DATA / "smartdata" / "v3_20200302" / "dev.json.gz"):
        text = d["text"]["string"]
        doc = []
        for s in (d.get("sentences") or {}).get("array", []):
            toks = s["tokens"]["array"]
            sent = []
            for i, t in enumerate(toks):
                a, b = t["span"]["start"], t["span"]["end"]
                nxt = toks[i + 1]["span"]["start"] if i + 1 < len(toks) else b + 1
                w = _clean(text[a:b])
                if w.strip():
                    sent.append((w, nxt > b))
            if sent:
                doc.append(sent)
        if doc:
            yield doc
    # v1 train: plain text only (no tokens); tokenised with spaCy's German tokenizer, split into lines and sentences.
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    for d in _read_concatenated_json(DATA / "smartdata" / "v1_20180119" / "train.json.gz"):
        text = d["text"]["string"]
        doc = []
        for para in text.split("\n"):
            if not para.strip():
                continue
            for s in nlp(para).sents:
                sent = [(_clean(t.text), bool(t.whitespace_)) for t in s if t.text.strip() and _clean(t.text)]
                if sent:
                    doc.append(sent)
        if doc:
            yield doc


SOURCES = {"wikinews": wikinews_docs, "germeval": germeval_docs, "mobie": mobie_docs, "smartdata": smartdata_docs}


def hanta_tag_sources(cache: Path) -> dict:
    if cache.exists():
        return pickle.load(open(cache, "rb"))
    from HanTa import HanoverTagger as ht

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    out = {}
    for name, fn in SOURCES.items():
        t0 = time.time()
        docs = []
        ntok = 0
        for doc in fn():
            tagged = []
            for sent in doc:
                words = [w for w, _ in sent]
                tagged.append((sent, tagger.tag_sent(words)))
                ntok += len(words)
            docs.append(tagged)
        out[name] = docs
        print(f"  {name}: {len(docs)} docs, {ntok} tokens, HanTa {time.time() - t0:.0f}s", flush=True)
    pickle.dump(out, open(cache, "wb"))
    return out


def make_doc(vocab, sents: list[tuple[list[str], list[bool], list[str], list[str], list[str]]]) -> Doc:
    words, spaces, tags, pos, lemmas, starts = [], [], [], [], [], []
    for w, sp, t, p, l in sents:
        words += w
        spaces += sp
        tags += t
        pos += p
        lemmas += l
        starts += [True] + [False] * (len(w) - 1)
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, lemmas=lemmas, sent_starts=starts)


def chunk(sents, max_tokens=MAX_DOC_TOKENS):
    cur, n = [], 0
    for s in sents:
        if cur and n + len(s[0]) > max_tokens:
            yield cur
            cur, n = [], 0
        cur.append(s)
        n += len(s[0])
    if cur:
        yield cur


def write_conllu(sents: list[Sentence], path: Path, source: Path) -> None:
    """Copy the selected sentences verbatim from the source CoNLL-U (keeps multi-word token lines)."""
    wanted = {s.sent_id for s in sents}
    blocks = open(source, encoding="utf-8").read().strip().split("\n\n")
    with open(path, "w", encoding="utf-8") as f:
        for b in blocks:
            sid = next((l.split("=", 1)[1].strip() for l in b.split("\n") if l.startswith("# sent_id")), None)
            if sid in wanted:
                f.write(b + "\n\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold-weights", default="1,3,10", help="K values for corpus/train_g{K}")
    ap.add_argument("--heldout-fraction", type=float, default=0.2)
    args = ap.parse_args()
    CORPUS.mkdir(exist_ok=True)
    vocab = spacy.blank("de").vocab

    # gold: GSD dev, split 80/20 by sentence with a fixed seed
    gold = read_conllu(GSD_DEV)
    idx = list(range(len(gold)))
    random.Random(SEED).shuffle(idx)
    n_held = round(len(gold) * args.heldout_fraction)
    held_ids = set(idx[:n_held])
    gold_train = [s for i, s in enumerate(gold) if i not in held_ids]
    heldout = [s for i, s in enumerate(gold) if i in held_ids]
    print(f"GSD dev: {len(gold_train)} train sentences, {len(heldout)} held-out sentences")

    def gold_docs(sents):
        # one Doc per sentence keeps the split exact; tok2vec windows do not cross sentences here.
        return [make_doc(vocab, [(s.words, s.spaces, s.xpos, s.upos, s.lemmas)]) for s in sents]

    DocBin(docs=gold_docs(gold_train), store_user_data=False).to_disk(CORPUS / "gold_train.spacy")
    DocBin(docs=gold_docs(heldout), store_user_data=False).to_disk(CORPUS / "heldout.spacy")
    write_conllu(heldout, CORPUS / "heldout.conllu", GSD_DEV)
    write_conllu(gold_train, CORPUS / "gold_train.conllu", GSD_DEV)

    # silver
    print("HanTa on the raw sources ...", flush=True)
    tagged = hanta_tag_sources(CORPUS / "hanta_sources.pkl")
    docs = []
    stats = {}
    for name, src_docs in tagged.items():
        ntok = 0
        for doc in src_docs:
            sents = []
            for sent, out in doc:
                words = [w for w, _ in sent]
                lab = label_sentence(words, out)
                sents.append((words, [sp for _, sp in sent], [t for t, _, _ in lab], [u for _, u, _ in lab],
                              [l for _, _, l in lab]))
                ntok += len(words)
            for c in chunk(sents):
                docs.append(make_doc(vocab, c))
        stats[name] = ntok
    random.Random(SEED).shuffle(docs)
    DocBin(docs=docs, store_user_data=False).to_disk(CORPUS / "silver.spacy")
    print("silver tokens:", stats, "total", sum(stats.values()))

    # training directories: silver + K copies of the gold part
    gd = gold_docs(gold_train)
    for k in [int(x) for x in args.gold_weights.split(",")]:
        d = CORPUS / f"train_g{k}"
        d.mkdir(exist_ok=True)
        for f in d.glob("*.spacy"):
            f.unlink()
        os.symlink("../silver.spacy", d / "silver.spacy")
        DocBin(docs=gd * k, store_user_data=False).to_disk(d / "gold.spacy")
    # gold only (for the ablation "what does silver bring")
    d = CORPUS / "train_goldonly"
    d.mkdir(exist_ok=True)
    DocBin(docs=gd, store_user_data=False).to_disk(d / "gold.spacy")
    # silver only
    d = CORPUS / "train_silveronly"
    d.mkdir(exist_ok=True)
    if not (d / "silver.spacy").exists():
        os.symlink("../silver.spacy", d / "silver.spacy")
    print("done")


if __name__ == "__main__":
    main()
