"""Events benchmark: what actors, events and tone add to the core pipeline's time, on one core.

    .venv/bin/python bench/events.py [--tokens 100000] [--path FANG.jsonl.gz]

Text: the first FANG-COVID articles until --tokens tokens (as bench/nlp.py, boilerplate masked); one untimed pass of
the whole pipeline comes first, so that every part is timed with warm caches (as in bench/nlp.py). The core pipeline
is `load_pipeline()` without the quotation and actor components (tokenizer, sentences, tagger, verb_morph, gazetteer
ruler, NER). Measured on the same docs: the core, then `actor_mentions` (when installed), then
`event_coder` (events, relation statements and the tone of quotations; tone with SentiWS and Rauh when present)
on docs that went through the quotation components too (their time is shown, not counted: part 1 of the issue).
Target (issue 5): actors + events + tone add at most 30 % to the core's time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nlp import DEFAULT, load_texts, peak_rss_mb  # noqa: E402  (bench/nlp.py)

QUOTE_COMPONENTS = ("quote_spans", "stash_quote_spans", "role_spans", "stash_role_spans", "quotations")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=100_000)
    parser.add_argument("--path", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.path.exists():
        print(f"skipped: {args.path} is absent (the shared data folder beside the repository)")
        return 0

    from lagebild.nlp import events, tone
    from lagebild.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    optional = [name for name in nlp.pipe_names if name in QUOTE_COMPONENTS or name == "actor_mentions"]
    mentions = nlp.get_pipe("actor_mentions") if "actor_mentions" in nlp.pipe_names else None
    texts = load_texts(args.path, args.tokens, nlp)
    coder = events.EventCoder(events.default_lexicon(), events.default_scores())
    tone.default_lexicon()  # load the lexicons before timing

    # one untimed pass of everything fills the caches by word form, as bench/nlp.py does before it times
    for doc in nlp.pipe(texts, batch_size=64):
        coder(doc)
    with nlp.select_pipes(disable=optional):
        started = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=64))
        core = time.perf_counter() - started
    n_tokens = sum(1 for doc in docs for t in doc if not t.is_space)
    quoting = None
    if any(name in QUOTE_COMPONENTS for name in nlp.pipe_names):
        # the quotation components (part 1 of the issue, not counted here) give the docs the event coder reads:
        # events inside quotations and the tone of each quotation
        with nlp.select_pipes(disable=[n for n in optional if n not in QUOTE_COMPONENTS]):
            started = time.perf_counter()
            docs = list(nlp.pipe(texts, batch_size=64))
            quoting = time.perf_counter() - started - core

    actors = 0.0
    if mentions is not None:
        started = time.perf_counter()
        docs = [mentions(doc) for doc in docs]
        actors = time.perf_counter() - started

    started = time.perf_counter()
    docs = [coder(doc) for doc in docs]
    coding = time.perf_counter() - started
    n_events = sum(len(doc._.events) for doc in docs)
    n_relations = sum(len(doc._.relation_statements) for doc in docs)
    n_quotes = sum(len(doc._.quotes or []) for doc in docs)

    print(f"text: {len(texts):,} articles, {n_tokens:,} tokens (one core)")
    print(f"core pipeline    {core:8.2f} s  {n_tokens / core:10,.0f} tokens/s")
    if quoting is not None:
        print(f"quotations       {max(quoting, 0):8.2f} s  (part 1, not counted; {n_quotes:,} quotations)")
    if mentions is not None:
        print(f"actor_mentions   {actors:8.2f} s  {n_tokens / actors:10,.0f} tokens/s  (+{100 * actors / core:.1f} %)")
    else:
        print("actor_mentions   not in the pipeline")
    print(f"event_coder      {coding:8.2f} s  {n_tokens / coding:10,.0f} tokens/s  (+{100 * coding / core:.1f} %)"
          f"  {n_events:,} events, {n_relations:,} relation statements")
    added = 100 * (actors + coding) / core
    print(f"actors + events + tone add {added:.1f} % to the core (target ≤ 30 %): {'met' if added <= 30 else 'NOT met'}")
    print(f"peak RSS {peak_rss_mb():,.0f} MB; tone lexicons: "
          f"{'SentiWS/Rauh + domain' if tone.default_lexicon().has_general_lexicons else 'domain terms only'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
