"""Build static word vectors (+ gazetteer feature dimensions) for the NER from our own raw text only.

    python vectors.py --raw corpus/raw.jsonl --gazetteer gazetteer/de_gazetteer.txt \
        --extra corpus/ge_train.spacy --out corpus/vectors [--dim 100] [--no-svd] [--no-gaz]

1. Distributional part: PPMI + truncated SVD (count-based word vectors, robust on small corpora) over the
   lower-cased spaCy tokens of corpus/raw.jsonl (WIKINEWS-quotes train, SmartData texts, GermEval-train
   sentences; see convert.py). Window +-2 (weights 1, 1/2), context-distribution smoothing 0.75, words with
   count >= --min-count, vectors = U * sqrt(S), rows L2-normalised.
2. Gazetteer part: one binary dimension per category of gazetteer/de_gazetteer.txt (hand-written), scaled by
   --gaz-scale, matched on the exact token text (with generated case/inflection variants).
Rows are keyed by the token text (ORTH) for every surface form seen in the raw text / training data or listed in
the gazetteer; a form gets the distributional vector of its lower-cased form. The result is written as a spaCy
pipeline directory with only vectors (use it as [paths] vectors = corpus/vectors). Deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from gazetteer import CATEGORIES, gazetteer_forms, read_gazetteer


def ppmi_svd(sents, min_count, dim, window=2, cds=0.75):
    from scipy import sparse
    from scipy.sparse.linalg import svds

    counts = Counter(w for s in sents for w in s)
    vocab = [w for w, c in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for s in sents:
        ids = np.array([index.get(w, -1) for w in s], dtype=np.int64)
        for d in range(1, window + 1):
            if len(ids) <= d:
                break
            a, b = ids[:-d], ids[d:]
            m = (a >= 0) & (b >= 0)
            a, b = a[m], b[m]
            w = np.full(len(a), 1.0 / d)
            rows += [a, b]
            cols += [b, a]
            vals += [w, w]
    n = len(vocab)
    C = sparse.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)).tocsr()
    C.sum_duplicates()
    total = C.sum()
    wsum = np.asarray(C.sum(axis=1)).ravel()
    csum = np.asarray(C.sum(axis=0)).ravel() ** cds
    csum = csum / csum.sum()
    C = C.tocoo()
    pmi = np.log((C.data / total) / ((wsum[C.row] / total) * csum[C.col]))
    keep = pmi > 0
    P = sparse.csr_matrix((pmi[keep], (C.row[keep], C.col[keep])), shape=(n, n))
    k = min(dim, n - 2)
    U, S, _ = svds(P.astype(np.float64), k=k, random_state=0, solver="arpack",
                   v0=np.random.RandomState(0).rand(n))
    order = np.argsort(-S)
    U, S = U[:, order], S[order]
    # fix sign ambiguity deterministically
    signs = np.sign(U[np.abs(U).argmax(axis=0), np.arange(U.shape[1])])
    U = U * signs
    V = U * np.sqrt(S)
    V /= np.linalg.norm(V, axis=1, keepdims=True) + 1e-8
    return vocab, index, V.astype(np.float32)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", default="corpus/raw.jsonl")
    ap.add_argument("--gazetteer", default="gazetteer/de_gazetteer.txt")
    ap.add_argument("--extra", nargs="*", default=[], help="DocBins whose token texts also get rows")
    ap.add_argument("--out", default="corpus/vectors")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--gaz-scale", type=float, default=0.5)
    ap.add_argument("--no-svd", action="store_true")
    ap.add_argument("--no-gaz", action="store_true")
    args = ap.parse_args()

    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("de")
    texts = [json.loads(l)["text"] for l in open(args.raw, encoding="utf-8")]
    forms = Counter()
    sents = []
    for doc in nlp.tokenizer.pipe(texts, batch_size=256):
        words = [t.text for t in doc if not t.is_space]
        forms.update(words)
        sents.append([w.lower() for w in words])
    for p in args.extra:
        for doc in DocBin().from_disk(p).get_docs(nlp.vocab):
            forms.update(t.text for t in doc)
    print(f"raw: {len(sents)} paragraphs, {sum(map(len, sents))} tokens, {len(forms)} surface forms",
          file=sys.stderr)

    parts = []
    if not args.no_svd:
        vocab, index, V = ppmi_svd(sents, args.min_count, args.dim)
        print(f"svd: {len(vocab)} lower-cased words x {V.shape[1]} dims", file=sys.stderr)
    gaz = {} if args.no_gaz else gazetteer_forms(read_gazetteer(Path(args.gazetteer)), nlp.tokenizer)
    if gaz:
        print(f"gazetteer: {len(gaz)} token forms", file=sys.stderr)

    keys = sorted(set(f for f in forms if args.no_svd or f.lower() in index) | set(gaz))
    dim_svd = 0 if args.no_svd else V.shape[1]
    dim_gaz = 0 if args.no_gaz else len(CATEGORIES)
    M = np.zeros((len(keys), dim_svd + dim_gaz), dtype=np.float32)
    for r, k in enumerate(keys):
        if dim_svd and k.lower() in index:
            M[r, :dim_svd] = V[index[k.lower()]]
        for ci in gaz.get(k, ()):
            M[r, dim_svd + ci] = args.gaz_scale
    from spacy.vectors import Vectors

    nlp_v = spacy.blank("de")
    nlp_v.vocab.vectors = Vectors(strings=nlp_v.vocab.strings, data=M,
                                  keys=[nlp_v.vocab.strings.add(k) for k in keys],
                                  name="lagebild_de_ppmi%d_gaz%d" % (dim_svd, dim_gaz))
    Path(args.out).mkdir(parents=True, exist_ok=True)
    nlp_v.to_disk(args.out)
    print(f"vectors: {M.shape[0]} keys x {M.shape[1]} dims -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
