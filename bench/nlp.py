"""NLP benchmark: tokens/s of each pipeline component and of the whole pipeline on one core, the time
the quotation stage and the actors+events stage add to the core (tokenizer … NER), peak RSS, and HanTa
tagging alone (lemma + STTS) on the same text as the reference.

    .venv/bin/python bench/nlp.py [--tokens 200000] [--path FANG.jsonl.gz] [--batch-size 16]

Text: the first FANG-COVID articles (in file order) until --tokens tokens are reached, with
boilerplate masked as in `lagebild analyze`. The pipeline runs once over the text before anything is timed.
Also printed: the OpenBLAS kernels the matrix products run on (an environment that sets OPENBLAS_CORETYPE pins
them; on this project's machine OpenBLAS's own choice, AVX-512 kernels, runs the whole pipeline ~15 % faster than
the AVX2 ones that OPENBLAS_CORETYPE=Haswell pins).
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fang-covid" / "fang_covid_articles_text.jsonl.gz"


# which stage each component belongs to (the rest is the core: tokenizer, tagger stack, NER)
STAGES = ("core", "quotations", "actors+events")
STAGE = {
    "quote_spans": "quotations", "stash_quote_spans": "quotations", "role_spans": "quotations",
    "quotations": "quotations",
    "actor_mentions": "actors+events", "event_coder": "actors+events",
}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_texts(path: Path, tokens: int, nlp) -> list[str]:
    from lagebild.sources import FieldMap, read_file
    from lagebild.sources.boilerplate import find_segments, masked_text

    texts, count = [], 0
    for article in read_file(path, "jsonl", FieldMap()):
        if not hasattr(article, "text"):
            continue
        text = masked_text(article.text, find_segments(article.text))
        texts.append(text)
        count += sum(1 for t in nlp.make_doc(text) if not t.is_space)
        if count >= tokens:
            break
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=200_000)
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--no-hanta", action="store_true", help="skip the HanTa reference")
    parser.add_argument("--models", type=Path, default=None, help="model folder (default: the package's)")
    parser.add_argument("--batch-size", type=int, default=16,
                        help="docs per nlp.pipe batch (default: 16, as analyze's workers run it)")
    args = parser.parse_args()
    if not args.path.exists():
        print(f"skipped: {args.path} is absent (the shared data folder beside the repository)")
        return 0

    from lagebild.nlp.ops import blas_kernels
    from lagebild.nlp.pipeline import MODELS, load_pipeline

    nlp = load_pipeline(args.models or MODELS)
    texts = load_texts(args.path, args.tokens, nlp)

    for _ in nlp.pipe(texts, batch_size=args.batch_size):  # warm-up: the first batches grow the heap, which costs page faults
        pass
    started = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    seconds = {"tokenizer": time.perf_counter() - started}
    n_tokens = sum(1 for d in docs for t in d if not t.is_space)
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=args.batch_size)) if hasattr(component, "pipe") else [component(d) for d in docs]
        seconds[name] = time.perf_counter() - started

    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    whole = time.perf_counter() - started

    print(f"text:        {len(texts):,} FANG-COVID articles, {n_tokens:,} tokens (whitespace tokens not counted), "
          f"batches of {args.batch_size} docs")
    print(f"BLAS:        OpenBLAS kernels {blas_kernels() or 'unknown'}"
          f" (OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')})")
    for name, value in seconds.items():
        print(f"{name:<12} {n_tokens / value:>12,.0f} tokens/s")
    print(f"{'pipeline':<12} {n_tokens / whole:>12,.0f} tokens/s   (components: {', '.join(nlp.pipe_names)})")
    stages = {stage: sum(v for k, v in seconds.items() if STAGE.get(k, "core") == stage) for stage in STAGES}
    core = stages["core"]
    print(f"{'core':<12} {n_tokens / core:>12,.0f} tokens/s   (tokenizer … ner, summed over components)")
    for stage in STAGES[1:]:
        if stages[stage]:
            print(f"{stage:<12} {n_tokens / stages[stage]:>12,.0f} tokens/s   adds {stages[stage] / core:.0%} to the core")

    if not args.no_hanta:
        from HanTa import HanoverTagger as ht

        tagger = ht.HanoverTagger("morphmodel_ger.pgz")
        sentences = [[t.text for t in s if not t.is_space] for d in docs for s in d.sents]
        sentences = [s for s in sentences if s]
        started = time.perf_counter()
        for sentence in sentences:
            tagger.tag_sent(sentence)
        hanta = time.perf_counter() - started
        hanta_rate = n_tokens / hanta
        print(f"{'HanTa':<12} {hanta_rate:>12,.0f} tokens/s   (lemma + STTS, tag_sent per sentence, same tokens)")
        print(f"ratio        {n_tokens / whole / hanta_rate:>12.2f} × HanTa")
    print(f"peak RSS     {peak_rss_mb():>12,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
