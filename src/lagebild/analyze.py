"""The main job: read files, separate boilerplate, link duplicates, run the pipeline, store in batches."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language

from .records import ArticleRow, RejectionRow, SegmentRow, SentenceRow
from .sources import Article, FieldMap, Rejection, choose_format, read_file, walk
from .sources.boilerplate import clean_text, find_segments, masked_text, outlet_from_segments
from .sources.dedupe import DEFAULT_NEAR_THRESHOLD, DuplicateIndex, content_hash, normalised_words, signature
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
    article: Article
    row: ArticleRow
    segments: list[SegmentRow]
    masked: str


def prepare(article: Article, index: DuplicateIndex) -> Prepared:
    """Everything decided before the NLP: boilerplate, outlet, content hash, duplicate link."""
    found = find_segments(article.text)
    outlet, outlet_source = article.outlet, article.outlet_source
    if outlet is None and (inferred := outlet_from_segments(found)):
        outlet, outlet_source = inferred, "text"
    words = normalised_words(clean_text(article.text, found))
    key = content_hash(words)
    sig = signature(words)
    duplicate = index.find(key, sig)
    index.add(article.id, key, sig)
    row = ArticleRow(
        article_id=article.id, source_file=article.source_file, locator=article.locator,
        outlet=outlet, outlet_source=outlet_source, url=article.url,
        date=article.date, date_precision=article.date_precision, date_raw=article.date_raw,
        date_flag=article.date_flag, title=article.title, text=article.text, encoding=article.encoding,
        content_hash=key, minhash=sig.tobytes(),
        duplicate_of=duplicate.of if duplicate else None,
        duplicate_kind=duplicate.kind if duplicate else None,
        duplicate_similarity=duplicate.similarity if duplicate else None,
        n_chars=len(article.text), n_tokens=None, n_sentences=None,
    )
    segments = [SegmentRow(article.id, s.kind, s.start, s.end, s.text, s.is_boilerplate) for s in found]
    return Prepared(article, row, segments, masked_text(article.text, found))


def analyze(
    paths: Iterable[Path],
    store: Store,
    nlp: Language,
    fields: FieldMap = FieldMap(),
    near_threshold: float = DEFAULT_NEAR_THRESHOLD,
    batch_size: int = DEFAULT_BATCH_SIZE,
    command: str = "analyze",
    on_file: Callable[[Path, Summary], None] | None = None,
    on_batch: Callable[[Summary], None] | None = None,
) -> Summary:
    """Analyse files into the store. Articles already stored (same id) are skipped, so a rerun
    adds nothing and an interrupted run resumes after its last committed batch."""
    started = time.perf_counter()
    summary = Summary(db=str(store.path))
    index = DuplicateIndex(near_threshold)
    index.load(store.duplicate_keys())
    known = store.known_article_ids()
    run_id = store.start_run(command)
    pending: list[Prepared] = []
    rejections: list[RejectionRow] = []

    def flush() -> None:
        if not pending and not rejections:
            return
        batch = _run_pipeline(nlp, pending)
        batch.rejections.extend(rejections)
        store.write_batch(run_id, batch)
        summary.batches += 1
        summary.stored += len(batch.articles)
        summary.tokens += sum(r.n_tokens or 0 for r in batch.articles)
        log.info("committed batch %d (%d articles, %d rejections)", summary.batches, len(batch.articles),
                 len(batch.rejections))
        pending.clear()
        rejections.clear()
        if on_batch:
            on_batch(summary)

    status = "failed"
    try:
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
                        rejections.append(RejectionRow(item.source_file, item.locator, item.reason))
                        if item.locator == "-":
                            summary.rejected_files.append((item.source_file, item.reason))
                        else:
                            summary.rejected_records.append((item.source_file, item.locator, item.reason))
                        continue
                    read_any = True
                    summary.read += 1
                    if item.id in known:
                        summary.known += 1
                        continue
                    known.add(item.id)
                    prepared = prepare(item, index)
                    summary.flagged_dates += prepared.row.date_flag is not None
                    if prepared.row.duplicate_kind == "exact":
                        summary.exact_duplicates += 1
                    elif prepared.row.duplicate_kind == "near":
                        summary.near_duplicates += 1
                    pending.append(prepared)
                    if len(pending) >= batch_size:
                        flush()
                summary.files_read += read_any
                if on_file:
                    on_file(file, summary)
        flush()
        status = "finished"
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(run_id, status, summary.counts())
    return summary


def _files(path: Path) -> Iterable[tuple[Path, bool]]:
    if not path.exists():
        return [(path, False)]
    return walk(path)


def _run_pipeline(nlp: Language, pending: list[Prepared]) -> Batch:
    """Run the NLP on the boilerplate-masked texts and turn each Doc into rows."""
    batch = Batch.empty()
    docs = nlp.pipe((p.masked for p in pending), batch_size=64)
    for prepared, doc in zip(pending, docs):
        sentences = [s for s in doc.sents if s.text.strip()]
        batch.articles.append(_with_counts(prepared.row, doc, len(sentences)))
        batch.segments.extend(prepared.segments)
        batch.sentences.extend(
            SentenceRow(prepared.row.article_id, i, s.start_char, s.end_char) for i, s in enumerate(sentences)
        )
    return batch


def _with_counts(row: ArticleRow, doc, n_sentences: int) -> ArticleRow:
    n_tokens = sum(1 for t in doc if not t.is_space)
    return replace(row, n_tokens=n_tokens, n_sentences=n_sentences)
