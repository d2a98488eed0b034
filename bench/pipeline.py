"""Pipeline benchmark: the whole `analyze` (read, prepare, NLP on worker processes, Parquet shards, load, actor
registry) on FANG-COVID with 1 and 2 local workers, and HanTa tagging alone on the same text as the reference.

    .venv/bin/python bench/pipeline.py [--limit 1000] [--workers 1,2] [--engine local|dask] [--hanta-tokens 100000]

The first --limit FANG-COVID articles (file order) are written to a temporary JSON Lines file and analysed into a
fresh database per worker count. Prints, per worker count: wall time, start-up (pool start + pipeline load, until
the first partition could start), articles/s, tokens/s per worker (tokens / NLP wall seconds summed over workers;
and per CPU second, which a busy machine does not lower), peak
RSS of each worker, the driver's CPU time, the time after the last shard was loaded (the actor registry), how
often workers loaded the pipeline anew over their memory limit (`LAGEBILD_RECYCLE_MB`), and the wall time
extrapolated to all 41,242 articles (start-up + the subset's steady time per character × the corpus' characters;
the first articles are longer than the average). HanTa
(lemma + STTS, `tag_sent` per sentence) runs in this process on the first --hanta-tokens tokens of the same text,
split into sentences by the pipeline's tokenizer and sentence splitter. Also printed: the OpenBLAS kernels the
matrix products run on (OpenBLAS picks them for the CPU unless OPENBLAS_CORETYPE pins them).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fang-covid" / "fang_covid_articles_text.jsonl.gz"
CORPUS_ARTICLES = 41_242


def run(corpus: Path, workers: int, engine: str, batch_size: int) -> dict:
    from lagebild.engine import analyze_parallel
    from lagebild.store import Store

    first_load: list[float] = []
    last_load = [0.0]

    def on_load(summary, executor) -> None:
        if not first_load:  # start-up = time to the first loaded shard minus that partition's NLP time
            first_load.append(time.perf_counter() - started - summary.worker_seconds)
        last_load[0] = time.perf_counter()

    with tempfile.TemporaryDirectory() as folder:
        with Store.open(Path(folder) / "bench.duckdb", write=True) as store:
            started, cpu = time.perf_counter(), time.process_time()
            summary = analyze_parallel([corpus], store, engine=engine, workers=workers, batch_size=batch_size,
                                       on_load=on_load)
            wall, driver_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert not summary.failed_partitions, summary.failed_partitions
    return {"summary": summary, "wall": wall, "startup": first_load[0] if first_load else 0.0,
            "driver_cpu": driver_cpu, "after_last_load": started + wall - last_load[0] if last_load[0] else 0.0}


def corpus_characters(path: Path) -> int:
    """Characters of article text in the whole corpus (FANG-COVID's `article` field), to extrapolate by."""
    import json

    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        return sum(len(json.loads(line).get("article") or "") for line in lines if line.strip())


def hanta_rate(texts: list[str], tokens: int) -> tuple[float, float, int]:
    from HanTa import HanoverTagger as ht

    from lagebild.nlp import load_pipeline

    nlp = load_pipeline()
    splitter = nlp.get_pipe("news_sentences")
    sentences, count = [], 0
    for text in texts:
        doc = splitter(nlp.make_doc(text))
        for sentence in doc.sents:
            words = [t.text for t in sentence if not t.is_space]
            if words:
                sentences.append(words)
                count += len(words)
        if count >= tokens:
            break
    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    started, cpu = time.perf_counter(), time.process_time()
    for sentence in sentences:
        tagger.tag_sent(sentence)
    return count / (time.perf_counter() - started), count / (time.process_time() - cpu), count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=1000, help="articles analysed (from the start of the file)")
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--engine", default="local", choices=("local", "dask"))
    parser.add_argument("--batch-size", type=int, default=64, help="articles per partition")
    parser.add_argument("--hanta-tokens", type=int, default=100_000, help="tokens HanTa tags (0: skip HanTa)")
    args = parser.parse_args()
    if not args.path.exists():
        print(f"skipped: {args.path} is absent (the shared data folder beside the repository)")
        return 0

    import json

    from lagebild.sources import FieldMap, read_file
    from lagebild.sources.boilerplate import find_segments, masked_text

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "fang-subset.jsonl"
        opener = gzip.open if args.path.suffix == ".gz" else open
        with opener(args.path, "rt", encoding="utf-8") as source, corpus.open("w", encoding="utf-8") as target:
            for line in itertools.islice(source, args.limit):
                target.write(line if line.endswith("\n") else line + "\n")
        texts = [masked_text(a.text, find_segments(a.text)) for a in read_file(corpus, "jsonl", FieldMap())
                 if hasattr(a, "text")]
        subset_chars = sum(len(t) for t in texts)
        corpus_chars = corpus_characters(args.path)
        print(f"text:        first {args.limit:,} FANG-COVID articles ({subset_chars / 1e6:,.1f} M of the corpus' "
              f"{corpus_chars / 1e6:,.0f} M characters), partitions of {args.batch_size}, "
              f"engine {args.engine}, {os.cpu_count()} cores on this machine")
        from lagebild.nlp.ops import blas_kernels

        print(f"BLAS:        OpenBLAS kernels {blas_kernels() or 'unknown'} (OPENBLAS_CORETYPE="
              f"{os.environ.get('OPENBLAS_CORETYPE', 'unset')}; the workers inherit this process's environment)")
        results = {}
        for workers in [int(w) for w in args.workers.split(",")]:
            result = results[workers] = run(corpus, workers, args.engine, args.batch_size)
            s = result["summary"]
            steady = result["wall"] - result["startup"]
            whole = result["startup"] + steady * corpus_chars / subset_chars  # the subset's rate per character
            rss = ", ".join(f"{mb:,.0f}" for mb in sorted(s.worker_peak_rss_mb.values(), reverse=True))
            print(f"{workers} worker{'s' if workers > 1 else ' '}:   {s.stored:,} articles, {s.tokens:,} tokens in "
                  f"{result['wall']:.1f} s (start-up {result['startup']:.1f} s) = {s.stored / result['wall']:,.1f} "
                  f"articles/s, {s.stored / steady:,.1f} after start-up; "
                  f"{s.tokens / s.worker_seconds:,.0f} tokens/s per worker (NLP wall time), "
                  f"{s.tokens / s.worker_cpu_seconds:,.0f} per CPU second")
            print(f"             peak RSS per worker: {rss} MB; all of FANG-COVID ({CORPUS_ARTICLES:,} articles, "
                  f"~{s.tokens * corpus_chars / subset_chars / 1e6:,.0f} M tokens) extrapolated: "
                  f"{whole / 60:,.0f} min")
            loads = sum(s.worker_pipeline_loads.values()) - len(s.worker_pipeline_loads)
            print(f"             driver CPU {result['driver_cpu']:,.1f} s (reading, duplicates, loading shards, "
                  f"registry); after the last shard loaded: {result['after_last_load']:,.1f} s (actor registry); "
                  f"pipelines loaded anew by workers over their memory limit: {loads}")
            result["whole"] = whole
        if 1 in results and 2 in results:
            one, two = results[1], results[2]
            print(f"scaling:     2 workers {one['wall'] / two['wall']:.2f}× 1 worker (wall, this subset); "
                  f"{one['whole'] / two['whole']:.2f}× extrapolated to the corpus")
        if args.hanta_tokens:
            rate, cpu_rate, count = hanta_rate(texts, args.hanta_tokens)
            print(f"HanTa:       {rate:,.0f} tokens/s, {cpu_rate:,.0f} per CPU second (lemma + STTS, one core, "
                  f"first {count:,} tokens of the same text)")
            for workers, result in results.items():
                s = result["summary"]
                print(f"ratio:       full pipeline {s.tokens / s.worker_seconds / rate:.2f}× HanTa per worker (wall), "
                      f"{s.tokens / s.worker_cpu_seconds / cpu_rate:.2f}× per CPU second "
                      f"({workers} worker{'s' if workers > 1 else ''})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
