"""Build static word vectors (+ gazetteer feature dimensions) for the NER from unlabelled raw text.

    python vectors.py --raw corpus/raw.jsonl [--fang ../../../shared/data/fang-covid/fang_covid_articles_text.jsonl.gz] \
        --gazetteer gazetteer/de_gazetteer.txt --extra corpus/ge_train.spacy --out corpus/vectors \
        [--dim 100 --vocab 64000 --window 2 --min-count 2] [--no-svd] [--no-gaz]

1. Text: the paragraphs of --raw (WIKINEWS-quotes train, SmartData texts, GermEval-train sentences; see convert.py)
   and, with --fang, the FANG-COVID news articles (header + body, split into paragraphs; exact duplicate
   paragraphs - site boilerplate - are counted once). Tokenised with lagebild's news tokenizer
   (spacy.blank("de") + lagebild.nlp.tokenizer.customize_tokenizer), i.e. the tokens the pipeline produces.
2. Distributional part: PPMI + truncated SVD (count-based word vectors) over the lower-cased tokens: the --vocab
   most frequent lower-cased words (count >= --min-count) are both words and contexts; window +-W with weights 1/d,
   context-distribution smoothing 0.75, vectors = U * sqrt(S), rows L2-normalised. Deterministic (ARPACK with a
   fixed start vector, signs fixed).
3. Gazetteer part: one binary dimension per category of gazetteer/de_gazetteer.txt (hand-written), scaled by
   --gaz-scale, matched on the exact token text (with generated case/inflection variants).
Table layout (keeps the shipped model small): one row per lower-cased word; every surface form (exact token text,
spaCy's vectors attribute ORTH) that occurs >= --min-count times in the text or in the --extra DocBins points to
the row of its lower-cased form (many keys, one row); gazetteer forms get a row of their own (distributional part
+ their category flags). Keys are added as hashes only (no strings in the table's vocab). The result is a spaCy
pipeline directory with only vectors (use it as [paths] vectors = corpus/vectors).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from gazetteer import CATEGORIES, gazetteer_forms, read_gazetteer

REPO = Path(__file__).resolve().parents[2]


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def iter_paragraphs(raw: Path, fang: Path | None, fang_max: int):
    for line in open(raw, encoding="utf-8"):
        yield json.loads(line)["text"]
    if fang is not None:
        yield from fang_paragraphs(fang, fang_max)


def fang_paragraphs(fang: Path, fang_max: int = 0):
    """The distinct paragraphs of the FANG-COVID articles (header + body; repeated ones are site boilerplate)."""
    seen = set()
    with gzip.open(fang, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if fang_max and i >= fang_max:
                break
            d = json.loads(line)
            text = (d.get("header") or "") + "\n" + (d.get("article") or "")
            for para in text.split("\n"):
                para = para.strip()
                if not para:
                    continue
                h = hash(para)
                if h in seen:
                    continue
                seen.add(h)
                yield para


def ppmi_svd(docs, n, dim, window=2, cds=0.75, chunk=4_000_000):
    """docs: int32 arrays of word ids (0..n-1, -1 = out of vocabulary). Returns (n x dim) float32."""
    from scipy import sparse
    from scipy.sparse.linalg import svds

    C = sparse.csr_matrix((n, n), dtype=np.float64)
    buf, size = [], 0

    def flush(buf):
        rows, cols, vals = [], [], []
        for ids in buf:
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
        if not rows:
            return sparse.csr_matrix((n, n), dtype=np.float64)
        M = sparse.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                              shape=(n, n)).tocsr()
        M.sum_duplicates()
        return M

    for ids in docs:
        buf.append(ids)
        size += len(ids)
        if size >= chunk:
            C = C + flush(buf)
            buf, size = [], 0
    if buf:
        C = C + flush(buf)
    log(f"co-occurrence matrix: {n} x {n}, {C.nnz} non-zeros")
    total = C.sum()
    wsum = np.asarray(C.sum(axis=1)).ravel()
    csum = np.asarray(C.sum(axis=0)).ravel() ** cds
    csum = csum / csum.sum()
    C = C.tocoo()
    pmi = np.log((C.data / total) / ((wsum[C.row] / total) * csum[C.col]))
    keep = pmi > 0
    P = sparse.csr_matrix((pmi[keep], (C.row[keep], C.col[keep])), shape=(n, n))
    del C, pmi, keep
    log(f"PPMI: {P.nnz} positive entries; SVD k={min(dim, n - 2)}")
    k = min(dim, n - 2)
    U, S, _ = svds(P, k=k, random_state=0, solver="arpack", v0=np.random.RandomState(0).rand(n))
    order = np.argsort(-S)
    U, S = U[:, order], S[order]
    signs = np.sign(U[np.abs(U).argmax(axis=0), np.arange(U.shape[1])])  # deterministic sign
    V = U * signs * np.sqrt(S)
    V /= np.linalg.norm(V, axis=1, keepdims=True) + 1e-8
    return V.astype(np.float32)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", default="corpus/raw.jsonl")
    ap.add_argument("--fang", default=None, help="FANG-COVID jsonl.gz: add its article text")
    ap.add_argument("--fang-max", type=int, default=0, help="use only the first N FANG articles (0 = all)")
    ap.add_argument("--gazetteer", default="gazetteer/de_gazetteer.txt")
    ap.add_argument("--extra", nargs="*", default=[], help="DocBins whose token texts also get keys")
    ap.add_argument("--out", default="corpus/vectors")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--vocab", type=int, default=64000, help="max lower-cased words (rows) in the SVD")
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--gaz-scale", type=float, default=0.5)
    ap.add_argument("--no-svd", action="store_true")
    ap.add_argument("--no-gaz", action="store_true")
    args = ap.parse_args()

    import spacy
    from spacy.strings import hash_string
    from spacy.tokens import DocBin

    sys.path.insert(0, str(REPO / "src"))
    from lagebild.nlp.tokenizer import customize_tokenizer

    nlp = customize_tokenizer(spacy.blank("de"))
    form_id: dict[str, int] = {}
    docs = []
    n_tok = 0
    paras = iter_paragraphs(Path(args.raw), Path(args.fang) if args.fang else None, args.fang_max)
    for i, doc in enumerate(nlp.tokenizer.pipe(paras, batch_size=1000)):
        ids = np.fromiter((form_id.setdefault(t.text, len(form_id)) for t in doc if not t.is_space),
                          dtype=np.int32)
        docs.append(ids)
        n_tok += len(ids)
        if i % 200_000 == 0:
            log(f"{i} paragraphs, {n_tok} tokens, {len(form_id)} forms")
    forms = list(form_id)
    del form_id
    form_count = np.bincount(np.concatenate(docs), minlength=len(forms)) if docs else np.zeros(0, int)
    log(f"text: {len(docs)} paragraphs, {n_tok} tokens, {len(forms)} surface forms")

    # lower-cased vocabulary
    lower_of = {}
    low_count: Counter = Counter()
    for f, c in zip(forms, form_count):
        lf = f.lower()
        low_count[lf] += int(c)
    vocab = [w for w, c in sorted(low_count.items(), key=lambda x: (-x[1], x[0])) if c >= args.min_count]
    vocab = vocab[: args.vocab]
    index = {w: i for i, w in enumerate(vocab)}
    covered = sum(low_count[w] for w in vocab) / max(1, n_tok)
    log(f"vocabulary: {len(vocab)} lower-cased words (of {len(low_count)}), {covered:.1%} of the tokens")

    V = None
    if not args.no_svd:
        remap = np.array([index.get(f.lower(), -1) for f in forms] + [-1], dtype=np.int32)
        V = ppmi_svd((remap[d] for d in docs), len(vocab), args.dim, window=args.window)
        log(f"svd: {V.shape[0]} words x {V.shape[1]} dims")
    del docs

    key_forms = {f for f, c in zip(forms, form_count) if c >= args.min_count}
    for p in args.extra:
        for doc in DocBin().from_disk(p).get_docs(nlp.vocab):
            key_forms.update(t.text for t in doc)
    gaz = {} if args.no_gaz else gazetteer_forms(read_gazetteer(Path(args.gazetteer)), nlp.tokenizer)
    if gaz:
        log(f"gazetteer: {len(gaz)} token forms")

    dim_svd = 0 if V is None else V.shape[1]
    dim_gaz = 0 if args.no_gaz else len(CATEGORIES)
    gaz_keys = sorted(gaz)
    n_rows = (len(vocab) if dim_svd else 0) + len(gaz_keys)
    M = np.zeros((n_rows, dim_svd + dim_gaz), dtype=np.float32)
    key2row = {}
    if dim_svd:
        M[: len(vocab), :dim_svd] = V
        for f in sorted(key_forms):
            r = index.get(f.lower())
            if r is not None:
                key2row[f] = r
    base = len(vocab) if dim_svd else 0
    for j, f in enumerate(gaz_keys):
        r = base + j
        if dim_svd and f.lower() in index:
            M[r, :dim_svd] = V[index[f.lower()]]
        for ci in gaz[f]:
            M[r, dim_svd + ci] = args.gaz_scale
        key2row[f] = r

    from spacy.vectors import Vectors

    nlp_v = spacy.blank("de")
    vec = Vectors(data=M, name="lagebild_de_ppmi%d_gaz%d" % (dim_svd, dim_gaz))
    for f in sorted(key2row):
        vec.add(hash_string(f), row=key2row[f])
    nlp_v.vocab.vectors = vec
    Path(args.out).mkdir(parents=True, exist_ok=True)
    nlp_v.to_disk(args.out)
    log(f"vectors: {M.shape[0]} rows x {M.shape[1]} dims, {len(key2row)} keys -> {args.out}")


if __name__ == "__main__":
    main()
