"""Strict outer-span NER evaluation on a GermEval-2014-format TSV.

    python evaluate.py MODEL_DIR GOLD.tsv [--json out.json] [--pred out.tsv]
    python evaluate.py --selftest GOLD.tsv          # perfect prediction -> 1.0, empty -> 0.0

The model is run on the *gold tokenization*: a Doc is built from the tokens of each sentence (soft hyphens
U+00AD removed, as in convert.py), so the tokenizer is bypassed. Predicted doc.ents are compared with the gold
OUTER column as spans (start, end, type); a span counts only if boundaries and type match exactly.

Two views are printed:
  official   types as in the GermEval 2014 official scorer: PER, LOC, ORG, OTH and the deriv/part variants are
             separate labels (LOCderiv != LOC). Model label MISC* is mapped to OTH*.
  collapsed  deriv/part suffixes are stripped from gold and prediction (LOCderiv -> LOC, ORGpart -> ORG, ...)
             before matching; spans then only need the base type to match.
Micro-averaged P/R/F1 overall and per type.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

SOFT_HYPHEN = "\u00ad"
MODEL_TO_GE = {"MISC": "OTH", "MISCderiv": "OTHderiv", "MISCpart": "OTHpart"}


def read_germeval(path):
    sents, rows = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") and not rows:
                continue
            if not line.strip():
                if rows:
                    sents.append(rows)
                rows = []
                continue
            rows.append(line.split("\t"))
    if rows:
        sents.append(rows)
    return sents


def bio_spans(tags):
    """conlleval-style span extraction: B- starts; I- continues only the same type, otherwise starts."""
    spans, start, label = [], None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                spans.append((start, i, label))
                start, label = None, None
            if tag != "O":
                start, label = i, tag[2:]
    return spans


def collapse(label):
    for suf in ("deriv", "part"):
        if label.endswith(suf) and label != suf:
            return label[: -len(suf)]
    return label


def score(gold_sents, pred_sents, collapsed=False):
    """gold_sents/pred_sents: lists (per sentence) of (start, end, label) sets."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold_sents, pred_sents):
        if collapsed:
            g = {(s, e, collapse(l)) for s, e, l in g}
            p = {(s, e, collapse(l)) for s, e, l in p}
        else:
            g, p = set(g), set(p)
        for x in g & p:
            tp[x[2]] += 1
        for x in p - g:
            fp[x[2]] += 1
        for x in g - p:
            fn[x[2]] += 1
    res = {}
    for lab in sorted(set(tp) | set(fp) | set(fn)) + ["ALL"]:
        t = sum(tp.values()) if lab == "ALL" else tp[lab]
        f_p = sum(fp.values()) if lab == "ALL" else fp[lab]
        f_n = sum(fn.values()) if lab == "ALL" else fn[lab]
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        res[lab] = {"p": p, "r": r, "f": f, "tp": t, "fp": f_p, "fn": f_n, "n_gold": t + f_n}
    return res


def print_table(title, res, out=sys.stdout):
    print(f"\n== {title}", file=out)
    print(f"{'type':<10} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6} {'pred':>6}", file=out)
    for lab, m in res.items():
        print(f"{lab:<10} {m['p']:7.4f} {m['r']:7.4f} {m['f']:7.4f} {m['n_gold']:6d} {m['tp'] + m['fp']:6d}",
              file=out)


def predict(model_dir, sents, batch_size=256):
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model_dir)
    docs = []
    for rows in sents:
        words = []
        for r in rows:
            w = r[1].replace(SOFT_HYPHEN, "")
            words.append(w if w else r[1])
        docs.append(Doc(nlp.vocab, words=words))
    t0 = time.perf_counter()
    preds = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        preds.append({(e.start, e.end, MODEL_TO_GE.get(e.label_, e.label_)) for e in doc.ents})
    dt = time.perf_counter() - t0
    n_tok = sum(len(d) for d in docs)
    print(f"predicted {len(docs)} sentences, {n_tok} tokens in {dt:.1f}s (pre-tokenized; {n_tok / dt:.0f} tok/s)",
          file=sys.stderr)
    return preds


def write_pred_tsv(path, sents, preds):
    with open(path, "w", encoding="utf-8") as f:
        for rows, pred in zip(sents, preds):
            tags = ["O"] * len(rows)
            for s, e, l in sorted(pred):
                tags[s] = "B-" + l
                for i in range(s + 1, e):
                    tags[i] = "I-" + l
            for r, t in zip(rows, tags):
                f.write(f"{r[0]}\t{r[1]}\t{r[2]}\t{t}\n")
            f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", nargs="?")
    ap.add_argument("gold")
    ap.add_argument("--json", help="write scores as JSON here")
    ap.add_argument("--pred", help="write token/gold/pred TSV here")
    ap.add_argument("--selftest", action="store_true", help="score gold-as-prediction and empty prediction")
    args = ap.parse_args()

    sents = read_germeval(args.gold)
    gold = [set(bio_spans([r[2] for r in rows])) for rows in sents]
    if args.selftest:
        perfect = score(gold, gold)["ALL"]["f"], score(gold, gold, collapsed=True)["ALL"]["f"]
        empty = score(gold, [set() for _ in gold])["ALL"]["f"], score(gold, [set() for _ in gold], True)["ALL"]["f"]
        print(f"perfect prediction: official F1={perfect[0]:.4f} collapsed F1={perfect[1]:.4f}")
        print(f"empty prediction:   official F1={empty[0]:.4f} collapsed F1={empty[1]:.4f}")
        ok = perfect == (1.0, 1.0) and empty == (0.0, 0.0)
        print("selftest", "OK" if ok else "FAILED")
        sys.exit(0 if ok else 1)
    if not args.model:
        ap.error("model directory required")

    preds = predict(args.model, sents)
    official = score(gold, preds)
    collapsed = score(gold, preds, collapsed=True)
    print(f"model: {args.model}\ngold:  {args.gold} ({len(sents)} sentences)")
    print_table("official (strict outer spans; deriv/part types separate, OTH=MISC)", official)
    print_table("collapsed (deriv/part folded into base type)", collapsed)
    print(f"\nOFFICIAL strict outer F1 = {official['ALL']['f']:.4f}   "
          f"COLLAPSED F1 = {collapsed['ALL']['f']:.4f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"model": str(args.model), "gold": str(args.gold),
                                               "official": official, "collapsed": collapsed}, indent=1))
    if args.pred:
        write_pred_tsv(args.pred, sents, preds)


if __name__ == "__main__":
    main()
