"""Token-level accuracy of a tagger pipeline on a CoNLL-U file, on its gold words.

    evaluate.py MODEL_DIR FILE.conllu [FILE2.conllu ...] [--errors N] [--json OUT]
    evaluate.py --oracle FILE.conllu        # predictions = gold (must print 1.0 everywhere)
    evaluate.py --hanta FILE.conllu         # the teacher: HanTa + our labelling rules (silver.py)

Docs are built from the syntactic words of each sentence (multi-word tokens such as "zum" appear as "zu" + "dem", as
in UD) with their SpaceAfter, so the tokenizer is not evaluated.  Reported over all words: UPOS accuracy, STTS (XPOS)
accuracy, lemma accuracy (case-sensitive, and case-insensitive as a second figure).  Note: UD German PUD's XPOS column
is not STTS, so its XPOS figure is not meaningful.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter

from common import read_conllu


def predict_model(model_dir: str, sents):
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model_dir)
    docs = [Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sents]
    t0 = time.time()
    out = []
    for doc in nlp.pipe(docs, batch_size=256):
        out.append(([t.pos_ for t in doc], [t.tag_ for t in doc], [t.lemma_ for t in doc]))
    dt = time.time() - t0
    return out, dt


def predict_hanta(sents):
    from HanTa import HanoverTagger as ht
    from silver import label_sentence

    t = ht.HanoverTagger("morphmodel_ger.pgz")
    t0 = time.time()
    out = []
    for s in sents:
        lab = label_sentence(s.words, t.tag_sent(s.words))
        out.append(([u for _, u, _ in lab], [x for x, _, _ in lab], [l for _, _, l in lab]))
    return out, time.time() - t0


def score(sents, preds, n_errors: int = 0) -> dict:
    c = Counter()
    errs = {"upos": Counter(), "xpos": Counter(), "lemma": Counter()}
    for s, (up, xp, lem) in zip(sents, preds):
        assert len(up) == len(s.words), "prediction/gold length mismatch"
        for i, w in enumerate(s.words):
            c["n"] += 1
            c["upos"] += up[i] == s.upos[i]
            c["xpos"] += xp[i] == s.xpos[i]
            c["lemma"] += lem[i] == s.lemmas[i]
            c["lemma_ci"] += lem[i].lower() == s.lemmas[i].lower()
            if n_errors:
                if up[i] != s.upos[i]:
                    errs["upos"][(s.upos[i], up[i])] += 1
                if xp[i] != s.xpos[i]:
                    errs["xpos"][(s.xpos[i], xp[i])] += 1
                if lem[i] != s.lemmas[i]:
                    errs["lemma"][(w, s.lemmas[i], lem[i])] += 1
    n = c["n"]
    res = {"tokens": n, "upos": c["upos"] / n, "xpos": c["xpos"] / n, "lemma": c["lemma"] / n,
           "lemma_ci": c["lemma_ci"] / n}
    if n_errors:
        res["errors"] = {k: [(list(a), b) for a, b in v.most_common(n_errors)] for k, v in errs.items()}
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", nargs="?", help="model directory (omit with --oracle/--hanta)")
    ap.add_argument("files", nargs="*")
    ap.add_argument("--oracle", action="store_true", help="score the gold annotation against itself")
    ap.add_argument("--hanta", action="store_true", help="score HanTa + silver.py rules")
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent confusions")
    ap.add_argument("--json", help="append results as JSON lines to this file")
    args = ap.parse_args()
    files = args.files
    if args.oracle or args.hanta:
        files = ([args.model] if args.model else []) + files
    if not files:
        ap.error("no CoNLL-U file given")
    for path in files:
        sents = read_conllu(path)
        if args.oracle:
            preds, dt = [(s.upos, s.xpos, s.lemmas) for s in sents], 0.0
            name = "oracle"
        elif args.hanta:
            preds, dt = predict_hanta(sents)
            name = "hanta+rules"
        else:
            preds, dt = predict_model(args.model, sents)
            name = args.model
        res = score(sents, preds, args.errors)
        res.update({"model": name, "file": str(path), "seconds": round(dt, 2)})
        print(f"{name}  {path}\n  tokens {res['tokens']}  UPOS {res['upos']:.4f}  XPOS {res['xpos']:.4f}  "
              f"lemma {res['lemma']:.4f}  lemma(ci) {res['lemma_ci']:.4f}  ({dt:.1f}s)")
        if args.errors:
            for k, v in res["errors"].items():
                print(f"  {k} errors (gold, predicted):")
                for a, b in v:
                    print(f"    {b:5d}  {a}")
        if args.json:
            with open(args.json, "a", encoding="utf-8") as f:
                f.write(json.dumps({k: v for k, v in res.items() if k != "errors"}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
