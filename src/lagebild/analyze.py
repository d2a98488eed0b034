"""The main job: read files, separate boilerplate, link duplicates, run the pipeline, store in batches."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language

from .nlp import ops
from .nlp.event_records import events_to_rows, link_actors, quote_tone, statements_to_rows
from .nlp.ops import release_freed_memory, resident_mb
from .nlp.pipeline import make_doc, release_dropped_pipeline
from .nlp.quote_records import SentenceLookup, mention_rows, quote_rows
from .records import ArticleRow, RejectionRow, SegmentRow, SentenceRow
from .sources import Article, FieldMap, Rejection, choose_format, read_file, walk
from .sources.boilerplate import Segment, find_segments, masked_text, outlet_from_segments, text_without_boilerplate
from .sources.dedupe import DEFAULT_NEAR_THRESHOLD, DuplicateIndex, fingerprints
from .store import Batch, Store

log = logging.getLogger("lagebild")

DEFAULT_BATCH_SIZE = 256


@dataclass
class Summary:
    """What one `analyze` run did; every rejected file or record is listed with its reason."""

    db: str
    files: int = 0
    files_read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    rejected_files: list[tuple[str, str]] = field(default_factory=list)
    rejected_records: list[tuple[str, str, str]] = field(default_factory=list)
    read: int = 0
    stored: int = 0
    known: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    flagged_dates: int = 0
    tokens: int = 0
    quotes: int = 0
    mentions: int = 0
    actors: int = 0
    batches: int = 0
    seconds: float = 0.0

    @property
    def duplicates(self) -> int:
        return self.exact_duplicates + self.near_duplicates

    def counts(self) -> dict[str, int]:
        return {"files": self.files, "read": self.read, "stored": self.stored, "known": self.known,
                "duplicates": self.duplicates,
                "rejected": len(self.rejected_files) + len(self.rejected_records)}


@dataclass
class Prepared:
    row: ArticleRow
    found: list[Segment]

    @property
    def segments(self) -> list[SegmentRow]:
        return [SegmentRow(self.row.article_id, s.kind, s.start, s.end, s.text, s.is_boilerplate) for s in self.found]

    @property
    def masked(self) -> str:
        """The text the NLP reads: boilerplate blanked, offsets unchanged."""
        return masked_text(self.row.text, self.found)


def prepare(articles: list[Article], index: DuplicateIndex) -> list[Prepared]:
    """Everything decided before the NLP: boilerplate, outlet, fingerprint, duplicate link.

    Articles are compared in order, with each other and with everything in `index`."""
    found = [find_segments(a.text) for a in articles]
    prints = fingerprints([text_without_boilerplate(a.text, f) for a, f in zip(articles, found)])
    prepared = []
    for article, segments, fingerprint in zip(articles, found, prints):
        outlet, outlet_source = article.outlet, article.outlet_source
        if outlet is None and (inferred := outlet_from_segments(segments)):
            outlet, outlet_source = inferred, "text"
        duplicate = index.find(fingerprint.content_hash, fingerprint.signature)
        index.add(article.id, fingerprint.content_hash, fingerprint.signature)
        row = ArticleRow(
            article_id=article.id, source_file=article.source_file, locator=article.locator,
            outlet=outlet, outlet_source=outlet_source, url=article.url,
            date=article.date, date_precision=article.date_precision, date_raw=article.date_raw,
            date_flag=article.date_flag, title=article.title, text=article.text, encoding=article.encoding,
            content_hash=fingerprint.content_hash, minhash=fingerprint.signature.tobytes(),
            duplicate_of=duplicate.of if duplicate else None,
            duplicate_kind=duplicate.kind if duplicate else None,
            duplicate_similarity=duplicate.similarity if duplicate else None,
            n_chars=len(article.text), n_tokens=None, n_sentences=None,
        )
        prepared.append(Prepared(row, segments))
    return prepared


def analyze(
    paths: Iterable[Path],
    store: Store,
    nlp: Language | None,
    fields: FieldMap = FieldMap(),
    near_threshold: float = DEFAULT_NEAR_THRESHOLD,
    batch_size: int = DEFAULT_BATCH_SIZE,
    command: str = "analyze",
    on_file: Callable[[Path, Summary], None] | None = None,
    on_batch: Callable[[Summary], None] | None = None,
    reload: Callable[[], Language] | None = None,
) -> Summary:
    """Analyse files into the store. Articles already stored (same id) are skipped, so a rerun
    adds nothing and an interrupted run resumes after its last committed batch.

    `nlp=None` stores articles without running the pipeline (the ingest benchmark measures that). With `reload`
    (e.g. `load_pipeline`), a batch that leaves the process above `nlp.ops.RECYCLE_RSS_MB` resident is followed by
    a newly loaded pipeline, as on the engine's workers (same results)."""
    started = time.perf_counter()
    summary = Summary(db=str(store.path))
    index = DuplicateIndex(near_threshold)
    index.load(store.duplicate_keys())
    known = store.known_article_ids()
    run_id = store.start_run(command)

    def flush(articles: list[Article], rejections: list[RejectionRow]) -> None:
        nonlocal nlp
        if not articles and not rejections:
            return
        prepared = prepare(articles, index)
        count_prepared(summary, prepared)
        batch = _run_pipeline(nlp, prepared)
        batch.rejections.extend(rejections)
        store.write_batch(run_id, batch)
        summary.batches += 1
        summary.stored += len(batch.articles)
        summary.tokens += sum(r.n_tokens or 0 for r in batch.articles)
        summary.quotes += len(batch.quotes)
        summary.mentions += len(batch.mentions)
        log.info("committed batch %d (%d articles, %d rejections)", summary.batches, len(batch.articles),
                 len(batch.rejections))
        del batch
        if nlp is not None:
            release_freed_memory()
            if reload is not None and resident_mb() > ops.RECYCLE_RSS_MB:
                nlp = None
                release_dropped_pipeline()
                nlp = reload()
        if on_batch:
            on_batch(summary)

    status = "failed"
    try:
        for articles, rejections in read_batches(paths, fields, summary, known, batch_size, on_file):
            flush(articles, rejections)
        if summary.mentions:
            # actors merge across all stored articles, so the registry is rebuilt once per run
            summary.actors = store.rebuild_actors()
            link_actors(store.con)  # events' source/target actor ids from the mentions' registry ids
        status = "finished"
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(run_id, status, summary.counts())
    return summary


def read_batches(
    paths: Iterable[Path],
    fields: FieldMap,
    summary: Summary,
    known: set[str],
    batch_size: int,
    on_file: Callable[[Path, Summary], None] | None = None,
) -> Iterator[tuple[list[Article], list[RejectionRow]]]:
    """`read_new` in batches: each `batch_size` articles with the rejections read since the batch before, then a
    last batch of what is left (shorter, possibly without articles). Shared by `analyze` and the engines."""
    articles: list[Article] = []
    rejections: list[RejectionRow] = []
    for item in read_new(paths, fields, summary, known, on_file):
        if isinstance(item, RejectionRow):
            rejections.append(item)
            continue
        articles.append(item)
        if len(articles) >= batch_size:
            yield articles, rejections
            articles, rejections = [], []
    yield articles, rejections


def count_prepared(summary: Summary, prepared: list[Prepared]) -> None:
    """Count the batch's flagged dates and duplicates into `summary`."""
    for p in prepared:
        summary.flagged_dates += p.row.date_flag is not None
        summary.exact_duplicates += p.row.duplicate_kind == "exact"
        summary.near_duplicates += p.row.duplicate_kind == "near"


def read_new(
    paths: Iterable[Path],
    fields: FieldMap,
    summary: Summary,
    known: set[str],
    on_file: Callable[[Path, Summary], None] | None = None,
) -> Iterator[Article | RejectionRow]:
    """Read every file in input order and yield the articles not in `known` (which grows) and every rejection,
    counting files, reads, rejections and known articles into `summary`. Shared by `analyze` and the engines
    (`lagebild.engine`), so a distributed run reads exactly what a single-process run reads."""
    for path in paths:
        for file, walked in _files(path):
            fmt = choose_format(file, walked) if file.exists() else "missing"
            if fmt is None:
                summary.skipped.append((str(file), f"not an article format ({file.suffix or 'no extension'})"))
                continue
            summary.files += 1
            items = [Rejection(str(file), "no such file or directory")] if fmt == "missing" else \
                read_file(file, fmt, fields)
            read_any = False
            for item in items:
                if isinstance(item, Rejection):
                    if item.locator == "-":
                        summary.rejected_files.append((item.source_file, item.reason))
                    else:
                        summary.rejected_records.append((item.source_file, item.locator, item.reason))
                    yield RejectionRow(item.source_file, item.locator, item.reason)
                    continue
                read_any = True
                summary.read += 1
                if item.id in known:
                    summary.known += 1
                    continue
                known.add(item.id)
                yield item
            summary.files_read += read_any
            if on_file:
                on_file(file, summary)


def _files(path: Path) -> Iterable[tuple[Path, bool]]:
    if not path.exists():
        return [(path, False)]
    return walk(path)


def _run_pipeline(nlp: Language | None, pending: list[Prepared], pipe_batch_size: int = 64) -> Batch:
    """Run the NLP on the boilerplate-masked texts and turn each Doc into rows (`pipe_batch_size` docs at a time
    through each component: fewer hold less memory at once)."""
    batch = Batch.empty()
    if nlp is None:
        for prepared in pending:
            batch.articles.append(prepared.row)
            batch.segments.extend(prepared.segments)
        return batch
    for prepared, doc in _piped(nlp, pending, pipe_batch_size):
        article_id = prepared.row.article_id
        spans = _sentence_spans(doc)
        batch.articles.append(_with_counts(prepared.row, doc, len(spans)))
        batch.segments.extend(prepared.segments)
        batch.sentences.extend(SentenceRow(article_id, i, start, end) for i, (start, end) in enumerate(spans))
        sentence_of = SentenceLookup(spans)
        batch.mentions.extend(mention_rows(doc, article_id, sentence_of))
        quotes = [replace(q, tone=quote_tone(doc, i)) for i, q in enumerate(quote_rows(doc, article_id, sentence_of))]
        batch.quotes.extend(quotes)
        quote_ids = [q.quote_id for q in quotes]
        batch.events.extend(events_to_rows(doc, article_id, quote_ids, sentence_of))
        batch.statements.extend(statements_to_rows(doc, article_id, quote_ids, sentence_of))
        # the Doc's annotations hold Spans, which hold the Doc: a reference cycle only the garbage collector would
        # free; without them the Doc is freed as soon as the next one comes
        doc.user_data.clear()
    return batch


# characters per nlp.pipe batch at most: the activations grow with the batch's tokens (16 docs of FANG-COVID's
# first 1,000 articles, up to 244k characters, peaked at ~1.2 GB; the corpus has 16-article runs of 458k characters,
# which took a worker to 2.0 GB). An article longer than this is a batch of its own.
MAX_BATCH_CHARS = 200_000


def _piped(nlp: Language, pending: list[Prepared], pipe_batch_size: int) -> Iterator[tuple[Prepared, object]]:
    """(prepared, Doc) in input order, through `nlp.pipe` in batches of at most `pipe_batch_size` articles and
    `MAX_BATCH_CHARS` characters (the pipeline's results do not depend on the batch)."""
    batch: list[Prepared] = []
    chars = 0
    for prepared in [*pending, None]:
        if batch and (prepared is None or len(batch) >= pipe_batch_size
                      or chars + len(prepared.row.text) > MAX_BATCH_CHARS):
            docs = nlp.pipe((make_doc(nlp, p.masked, p.row.article_id, p.found, p.row.date, p.row.date_precision)
                             for p in batch), batch_size=len(batch))
            yield from zip(batch, docs)
            batch, chars = [], 0
        if prepared is not None:
            batch.append(prepared)
            chars += len(prepared.row.text)  # the masked text has the same length


def _sentence_spans(doc) -> list[tuple[int, int]]:
    """Character span of each sentence without the whitespace tokens at its edges; blank sentences left out
    (from the token arrays, without a Token object per word)."""
    values = doc.to_array([IS_SPACE, IDX, LENGTH])
    words = numpy.flatnonzero(values[:, 0] == 0)
    spans = []
    for sentence in doc.sents:
        lo, hi = numpy.searchsorted(words, (sentence.start, sentence.end))
        if lo < hi:
            first, last = words[lo], words[hi - 1]
            spans.append((int(values[first, 1]), int(values[last, 1] + values[last, 2])))
    return spans


def _with_counts(row: ArticleRow, doc, n_sentences: int) -> ArticleRow:
    n_tokens = len(doc) - int(doc.to_array(IS_SPACE).sum())
    return replace(row, n_tokens=n_tokens, n_sentences=n_sentences)
