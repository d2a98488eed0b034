"""Throughput of the whole NER pipeline (tokenizer + NER tok2vec + NER) on raw German news text, one core.

    taskset -c 0 env OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
        python bench_speed.py MODEL_DIR [--articles 400] [--repeats 3]

Text: the first N articles (header + body) of ../shared/data/fang-covid (the project's throughput benchmark
corpus; its text also went into the NER's vectors and pretraining, which does not matter for timing). Falls back
to WIKINEWS-quotes dev if absent.
Reports the best of --repeats passes of nlp.pipe(texts, batch_size=64) over all texts, in tokens/s
(tokens = spaCy tokens produced by the pipeline's own tokenizer), after one warm-up pass on 20 texts, both per
wall-clock second and per CPU second of this (single-threaded) process; the CPU-second figure is robust to other
processes competing for the core, the wall figure is only meaningful on an otherwise idle core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path


def load_texts(shared: Path, n: int):
    fang = shared / "data/fang-covid/fang_covid_articles_text.jsonl.gz"
    texts = []
    if fang.exists():
        with gzip.open(fang, "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                t = ((d.get("header") or "") + "\n" + (d.get("article") or "")).strip()
                if t:
                    texts.append(t)
                if len(texts) >= n:
                    break
        return texts, "fang-covid (first %d articles)" % len(texts)
    for p in sorted((shared / "data/wikinews-quotes/dev").glob("*.json"))[:n]:
        texts.append(json.load(open(p, encoding="utf-8"))["originalText"])
    return texts, "wikinews-quotes dev (%d articles)" % len(texts)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[3] / "shared"))
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()

    import spacy
    from thinc.api import set_gpu_allocator  # noqa: F401  (CPU only)

    nlp = spacy.load(args.model)
    texts, source = load_texts(Path(args.shared), args.articles)
    list(nlp.pipe(texts[:20], batch_size=args.batch_size))
    best, best_cpu, n_tok, n_ent = None, None, 0, 0
    for _ in range(args.repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        n_tok = n_ent = 0
        for doc in nlp.pipe(texts, batch_size=args.batch_size):
            n_tok += len(doc)
            n_ent += len(doc.ents)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        best = dt if best is None else min(best, dt)
        best_cpu = dc if best_cpu is None else min(best_cpu, dc)
    aff = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print(json.dumps({"model": args.model, "pipeline": nlp.pipe_names, "text": source, "tokens": n_tok,
                      "entities": n_ent, "wall_s": round(best, 3), "tokens_per_s_wall": round(n_tok / best),
                      "cpu_s": round(best_cpu, 3), "tokens_per_cpu_s": round(n_tok / best_cpu),
                      "loadavg_1min": round(os.getloadavg()[0], 2),
                      "cpu_affinity": aff, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS")}))


if __name__ == "__main__":
    main()
