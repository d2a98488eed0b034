"""The `lagebild` command: a thin layer over the package's functions."""

from __future__ import annotations

import logging
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .store import DEFAULT_DB, Store, StoreError

app = typer.Typer(
    help="lagebild: who said what to whom, when — quotes, actors, events and relations from German news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
export_app = typer.Typer(help="Export stored records as JSON Lines, CSV or Parquet.", no_args_is_help=True)
app.add_typer(export_app, name="export")
ner_app = typer.Typer(help="Named entities on GermEval 2014 files.", no_args_is_help=True)
app.add_typer(ner_app, name="ner")
eval_app = typer.Typer(help="Score the pipeline against gold data (our own scorers).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
quotes_app = typer.Typer(help="Quotations on WIKINEWS-format files.", no_args_is_help=True)
app.add_typer(quotes_app, name="quotes")

err = Console(stderr=True)
out = Console(soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB database file.", show_default=True)]


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code=1)


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively); .gz is read transparently.")],
    db: DbOption = Path(DEFAULT_DB),
    text_field: Annotated[Optional[str], typer.Option(help="JSON/CSV field with the article text.")] = None,
    date_field: Annotated[Optional[str], typer.Option(help="JSON/CSV field with the date.")] = None,
    title_field: Annotated[Optional[str], typer.Option(help="JSON/CSV field with the title.")] = None,
    url_field: Annotated[Optional[str], typer.Option(help="JSON/CSV field with the URL.")] = None,
    outlet_field: Annotated[Optional[str], typer.Option(help="JSON/CSV field with the outlet.")] = None,
    near_threshold: Annotated[float, typer.Option(min=0.5, max=1.0, help="Jaccard similarity from which two articles are near duplicates.")] = 0.9,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles written per transaction.")] = 256,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every committed batch to stderr.")] = False,
    engine: Annotated[str, typer.Option(help="Where the NLP runs: 'local' (process pool on this machine) or 'dask' (a Dask cluster).")] = "local",
    workers: Annotated[Optional[int], typer.Option(min=1, help="Worker processes (local: default all cores; dask: LocalCluster size, default all cores).")] = None,
    scheduler: Annotated[Optional[str], typer.Option(help="Address of an existing Dask scheduler to join (tcp://host:8786 or a scheduler file path); implies --engine dask.")] = None,
    shards: Annotated[Optional[Path], typer.Option(help="Folder for the Parquet shards (default DB.shards; with a cluster, a folder the workers share).")] = None,
) -> None:
    """Read articles, separate boilerplate, link duplicates, analyse and store them.

    Formats: the seed format (first line ` date YYYY[-MM[-DD]] <title>`), JSON Lines, JSON, CSV/TSV and
    HTML. Without field options, JSON/CSV fields are found by common names (text/article/originalText,
    title/header/documentName, date, url, outlet/source). Running again on the same input adds nothing;
    a run that was interrupted continues after its last committed batch.

    The NLP of each batch (partition) runs on --workers processes (--engine local; one process and no pool
    for input of a single batch, e.g. --workers 1) or on a Dask cluster (--engine dask, --scheduler to join
    a running one); results are the same as in one process.
    """
    from .sources import FieldMap

    if engine not in ("local", "dask"):
        raise _fail(f"unknown engine {engine!r} (choose local or dask)")
    if scheduler:
        engine = "dask"
    fields = FieldMap(text=text_field, date=date_field, title=title_field, url=url_field, outlet=outlet_field)
    summary = _analyze(paths, db, fields, near_threshold, batch_size, verbose, engine=engine, workers=workers,
                       scheduler=scheduler, shards=shards)
    if summary.files and summary.files == len(summary.rejected_files):
        raise typer.Exit(code=2)
    if getattr(summary, "failed_partitions", None):
        raise typer.Exit(code=3)


def _analyze(paths, db, fields, near_threshold, batch_size, verbose, engine="local", workers=1, scheduler=None,
             shards=None):
    """`workers=1` with the local engine is the single-process path (`lagebild.analyze.analyze`)."""
    from .analyze import analyze as single
    from .engine import analyze_parallel, available_cores
    from .nlp import load_pipeline

    if engine == "local" and (workers or available_cores()) == 1:
        def run(paths, store, **kwargs):
            return single(paths, store, load_pipeline(), reload=load_pipeline, **kwargs)
    else:
        def run(paths, store, **kwargs):
            return analyze_parallel(paths, store, engine=engine, workers=workers, scheduler=scheduler,
                                    shard_dir=shards, **kwargs)

    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        store = Store.open(db, write=True)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    with store:
        files = sum(1 for _ in _count_files(paths))
        with Progress(
            SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"), TimeElapsedColumn(), console=err, transient=False,
            disable=not err.is_terminal and not verbose,
        ) as progress:
            task = progress.add_task("analysing", total=files, status="")

            def status(summary) -> str:
                return f"{summary.read:,} read · {summary.stored:,} stored · {summary.duplicates:,} dup"

            summary = run(
                paths, store, fields=fields, near_threshold=near_threshold, batch_size=batch_size,
                command="analyze " + " ".join(map(str, paths)),
                on_file=lambda _f, s: progress.update(task, advance=1, status=status(s)),
                on_batch=lambda s: progress.update(task, status=status(s)),
            )
        from .api import build_search_index

        with err.status("building the search index", spinner="dots"):
            build_search_index(store)
    _print_summary(summary)
    return summary


def _count_files(paths: list[Path]):
    from .sources import choose_format, walk

    for path in paths:
        if not path.exists():
            yield path
            continue
        for file, walked in walk(path):
            if choose_format(file, walked) is not None:
                yield file


def _print_summary(summary) -> None:
    table = Table(title="lagebild analyze", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows = [
        ("files", f"{summary.files:,} ({summary.files_read:,} read, {len(summary.rejected_files):,} rejected, "
                  f"{len(summary.skipped):,} skipped)"),
        ("articles read", f"{summary.read:,}"),
        ("articles stored", f"{summary.stored:,}"),
        ("already stored", f"{summary.known:,}"),
        ("duplicates", f"{summary.duplicates:,} ({summary.exact_duplicates:,} exact, {summary.near_duplicates:,} near)"),
        ("dates flagged", f"{summary.flagged_dates:,}"),
        ("records rejected", f"{len(summary.rejected_records):,}"),
        ("tokens", f"{summary.tokens:,}"),
        ("quotations", f"{summary.quotes:,}"),
        ("actor mentions", f"{summary.mentions:,} ({summary.actors:,} actors in the database)"),
        ("time", f"{summary.seconds:.1f} s"),
        ("database", summary.db),
    ]
    if hasattr(summary, "engine"):
        rows.insert(-2, ("engine", f"{summary.engine}, {summary.workers:,} workers, {summary.batches:,} partitions loaded"
                                   + (f" ({summary.reused_shards:,} from earlier shards)" if summary.reused_shards else "")
                                   + (f", {len(summary.failed_partitions):,} failed" if summary.failed_partitions else "")))
    for name, value in rows:
        table.add_row(name, value)
    out.print(table)
    if summary.rejected_files:
        out.print("[bold]rejected files[/]")
        for path, reason in summary.rejected_files:
            out.print(f"  {path}: {reason}", highlight=False, markup=False)
    if summary.rejected_records:
        out.print("[bold]rejected records[/]")
        for path, locator, reason in summary.rejected_records[:20]:
            out.print(f"  {path} ({locator}): {reason}", highlight=False, markup=False)
        if len(summary.rejected_records) > 20:
            out.print(f"  … and {len(summary.rejected_records) - 20:,} more (see `lagebild info`)")
    if getattr(summary, "failed_partitions", None):
        out.print("[bold]failed partitions[/] (their articles are not stored; run again to retry them)")
        for where, reason in summary.failed_partitions:
            out.print(f"  {where}: {reason}", highlight=False, markup=False)
    if summary.skipped:
        out.print(f"[dim]skipped {len(summary.skipped):,} files that are not an article format, e.g. "
                  f"{summary.skipped[0][0]}[/]", highlight=False)


@app.command()
def demo(
    db: DbOption = Path("lagebild-demo.duckdb"),
) -> None:
    """Analyse the bundled demo corpus (German articles written for lagebild) and print a summary."""
    corpus = Path(str(resources.files("lagebild").joinpath("demo", "corpus")))
    from .sources import FieldMap

    _analyze([corpus], db, FieldMap(), 0.9, 256, False)
    _print_findings(db)
    out.print(f"\nExplore it: [bold]lagebild info --db {db}[/], "
              f"[bold]lagebild export quotes --db {db} --format csv --out quotes.csv[/]", highlight=False)
    out.print(f"Dashboard: [bold]lagebild serve --db {db}[/] → http://127.0.0.1:8000/", highlight=False)


def _print_findings(db: Path) -> None:
    """Who is quoted most, and how Russia–USA moved: what the demo corpus is about, in a few lines."""
    try:
        store = Store.open(db)
    except StoreError:
        return
    with store:
        if not store.has_table("quotes"):
            return
        speakers = store.con.execute(
            "SELECT speaker_name, speaker_country, count(*) FROM quotes WHERE speaker_name IS NOT NULL "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 5"
        ).fetchall()
        if speakers:
            out.print("[bold]most quoted[/]  " + ", ".join(
                f"{name}{f' ({country})' if country else ''} {n}" for name, country, n in speakers), highlight=False)
        from .analysis.dyads import series

        dyad = series(store, "RUS", "USA", by="year", both_directions=True)
        if len(dyad):
            out.print("[bold]Russia–USA by year[/]  " + ", ".join(
                f"{r.period}: {r.n_events} events, {r.n_statements} statements, tone "
                f"{'–' if r.tone is None or r.tone != r.tone else f'{r.tone:+.2f}'}" for r in dyad.itertuples()),
                highlight=False)


@app.command()
def info(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Show what a database holds: counts, outlets, dates, runs and every rejected file with its reason."""
    try:
        store = Store.open(db)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    with store:
        counts = store.counts()
        table = Table(title=f"lagebild database {db}", show_header=False, title_justify="left")
        table.add_column(style="bold")
        table.add_column(justify="right")
        table.add_row("articles", f"{counts['articles']:,}")
        table.add_row("duplicates", f"{counts['exact_duplicates']:,} exact, {counts['near_duplicates']:,} near")
        table.add_row("dates flagged", f"{counts['flagged_dates']:,}")
        table.add_row("tokens", f"{counts['tokens']:,}")
        for name, table_name in (("quotations", "quotes"), ("actor mentions", "mentions"), ("actors", "actors"),
                                 ("events", "events")):
            if store.has_table(table_name):
                table.add_row(name, f"{store.con.execute(f'SELECT count(*) FROM {table_name}').fetchone()[0]:,}")
        table.add_row("source files", f"{counts['source_files']:,}")
        table.add_row("rejected files", f"{counts['rejected_files']:,}")
        table.add_row("rejected records", f"{counts['rejected_records']:,}")
        span = store.con.execute("SELECT min(date_start), max(date_start) FROM articles").fetchone()
        table.add_row("dates", f"{span[0]} … {span[1]}" if span[0] else "none")
        out.print(table)
        outlets = store.con.execute(
            "SELECT coalesce(outlet, '(unknown)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15"
        ).fetchall()
        if outlets:
            out.print("[bold]outlets[/]  " + ", ".join(f"{o} ({n:,})" for o, n in outlets), highlight=False)
        rejected = store.rejections()
        if len(rejected):
            out.print("[bold]rejected[/]")
            for row in rejected.head(50).itertuples():
                where = row.source_file if row.locator == "-" else f"{row.source_file} ({row.locator})"
                out.print(f"  {where}: {row.reason}", highlight=False, markup=False)
            if len(rejected) > 50:
                out.print(f"  … and {len(rejected) - 50:,} more")
        runs = store.runs().tail(5)
        if len(runs):
            out.print("[bold]last runs[/]")
            for row in runs.itertuples():
                out.print(f"  #{row.run_id} {row.started_at:%Y-%m-%d %H:%M} {row.status}: "
                          f"{row.n_stored if row.n_stored is not None else '?'} stored", highlight=False)


@app.command()
def migrate(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Bring a database's schema up to this version of lagebild."""
    from .store import migrations

    if not db.exists():
        raise _fail(f"no database at {db}")
    try:
        with Store.open(db, write=True):
            pass
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    out.print(f"{db}: schema version {migrations.LATEST}")


FormatOption = Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")]
OutOption = Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (default: standard output; required for parquet).")]


@export_app.command("articles")
def export_articles(db: DbOption = Path(DEFAULT_DB), fmt: FormatOption = "jsonl", out_file: OutOption = None) -> None:
    """Articles: text without boilerplate, the separated `boilerplate` segments and `headings` (offsets
    into `original_text`), date with its precision, outlet and duplicate links."""
    from .store.export import ARTICLE_SCHEMA, article_records

    _export(db, fmt, out_file, article_records, ARTICLE_SCHEMA, "articles")


@export_app.command("quotes")
def export_quotes(db: DbOption = Path(DEFAULT_DB), fmt: FormatOption = "jsonl", out_file: OutOption = None) -> None:
    """Quotations: text, type, medium, `spans` (offsets into the article's original text), the sentence, and
    `cue`, `speaker`, `addressee` with offsets — speaker and addressee resolved to name, role, country and
    actor id — plus `nested_in` for a quotation inside another. See docs/cli/export.md."""
    from .store.export import QUOTE_SCHEMA, quote_records

    _export(db, fmt, out_file, quote_records, QUOTE_SCHEMA, "quotations")


@export_app.command("actors")
def export_actors(db: DbOption = Path(DEFAULT_DB), fmt: FormatOption = "jsonl", out_file: OutOption = None) -> None:
    """The actor registry: `actor_id`, `name`, `kind`, `role`, `country`, `agent_type`, `aliases`, `n_mentions`,
    `n_quotes`, most mentioned first."""
    from .store.export import ACTOR_SCHEMA, actor_records

    _export(db, fmt, out_file, actor_records, ACTOR_SCHEMA, "actors")


def _export(db: Path, fmt: str, out_file: Path | None, records, schema, noun: str) -> None:
    from .store.export import FORMATS, write_records

    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet" and out_file is None:
        raise _fail("parquet is binary: give a file with --out")
    try:
        store = Store.open(db)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    with store:
        target = out_file if out_file is not None else sys.stdout
        count = write_records(records(store), fmt, target, schema=schema)
    if out_file is not None:
        err.print(f"wrote {count:,} {noun} to {out_file}", highlight=False)


def _read_or_fail(reader, path: Path):
    from .evaluation.germeval import FormatError

    if not path.exists():
        raise _fail(f"no such file: {path}")
    try:
        return reader(path)
    except (FormatError, UnicodeDecodeError) as exc:
        raise _fail(f"{path}: {exc}") from exc


@ner_app.command("predict")
def ner_predict(
    gold: Annotated[Path, typer.Argument(help="GermEval 2014 TSV (# comment lines, then index, token, outer, inner).")],
    out_file: Annotated[Path, typer.Argument(help="Where to write the same lines with column 3 predicted.")],
) -> None:
    """Tag the tokens of a GermEval file with our NER; columns 1, 2 and 4 are kept, column 3 is
    replaced by the predicted outer BIO tag (PER, LOC, ORG, OTH for our MISC)."""
    from .evaluation import germeval
    from .nlp import load_pipeline

    sentences = _read_or_fail(germeval.read, gold)
    germeval.write(out_file, germeval.predict(load_pipeline(), sentences))
    err.print(f"wrote {len(sentences):,} sentences to {out_file}", highlight=False)


@eval_app.command("ner")
def eval_ner(
    gold: Annotated[Path, typer.Argument(help="Gold GermEval 2014 TSV.")],
    predicted: Annotated[Optional[Path], typer.Argument(help="Predicted TSV (default: run the pipeline on the gold tokens).")] = None,
) -> None:
    """Strict outer-span precision, recall and F1 per type and overall; deriv/part spans count as
    types of their own (the official rule), and once more collapsed into their base types."""
    from .evaluation import germeval
    from .nlp import load_pipeline

    gold_sentences = _read_or_fail(germeval.read, gold)
    if predicted is None:
        predicted_sentences = list(germeval.predict(load_pipeline(), gold_sentences))
    else:
        predicted_sentences = _read_or_fail(germeval.read, predicted)
    for title, collapse in (("strict outer spans (official)", False), ("deriv/part collapsed", True)):
        try:
            scores = germeval.score(gold_sentences, predicted_sentences, collapse=collapse)
        except germeval.FormatError as exc:
            raise _fail(str(exc)) from exc
        table = Table(title=title, title_justify="left")
        for column in ("type", "precision", "recall", "F1", "gold spans"):
            table.add_column(column, justify="left" if column == "type" else "right")
        for kind, value in scores.items():
            table.add_row(kind, f"{value.precision:.4f}", f"{value.recall:.4f}", f"{value.f1:.4f}", f"{value.support:,}",
                          style="bold" if kind == "overall" else None)
        out.print(table)


@eval_app.command("tagger")
def eval_tagger(
    conllu: Annotated[Path, typer.Argument(help="CoNLL-U file with gold UPOS, lemmas and features.")],
) -> None:
    """UPOS accuracy, lemma accuracy and Mood precision/recall/F1 of the pipeline on the file's gold tokens."""
    from .evaluation import conllu as ud
    from .nlp import load_pipeline

    gold = _read_or_fail(ud.read, conllu)
    scores = ud.score(gold, ud.predict(load_pipeline(), gold))
    out.print(f"tokens {scores.tokens:,}  UPOS accuracy {scores.upos_accuracy:.4f}  lemma accuracy "
              f"{scores.lemma_accuracy:.4f} (ignoring case {scores.lemma_accuracy_nocase:.4f})", highlight=False)
    table = Table(title="Mood", title_justify="left")
    for column in ("value", "precision", "recall", "F1", "gold"):
        table.add_column(column, justify="left" if column == "value" else "right")
    for mood, value in scores.mood.items():
        table.add_row(mood, f"{value.precision:.4f}", f"{value.recall:.4f}", f"{value.f1:.4f}", f"{value.support:,}")
    out.print(table)


@quotes_app.command("predict")
def quotes_predict(
    in_dir: Annotated[Path, typer.Argument(help="Folder of WIKINEWS-format JSON files (originalText, tokens).")],
    out_dir: Annotated[Path, typer.Argument(help="Folder for the predictions (created; same file names).")],
) -> None:
    """Find quotations in each file's `originalText` and write them in the dataset's format against the file's
    own tokens: `quote`, `speaker`, `cue`, `addressee`, `frame` (spans, text, tokenIds), `type`, `medium`,
    `isNested`, `hasNested`, `id`. `documentName`, `sentences` and `tokens` are copied."""
    from .evaluation import wikinews
    from .evaluation.germeval import FormatError
    from .nlp import load_pipeline

    if not in_dir.is_dir():
        raise _fail(f"not a folder: {in_dir}")
    if out_dir.resolve() == in_dir.resolve():
        raise _fail("OUT_DIR must differ from IN_DIR (the gold files would be overwritten)")
    try:
        n_files, n_quotes = wikinews.predict_folder(load_pipeline(), in_dir, out_dir)
    except FormatError as exc:
        raise _fail(str(exc)) from exc
    out.print(f"{n_files:,} files, {n_quotes:,} quotations written to {out_dir}", highlight=False)


@quotes_app.command("eval")
def quotes_eval(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold WIKINEWS JSON files.")],
    predicted_dir: Annotated[Path, typer.Argument(help="Folder of predicted files with the same names.")],
) -> None:
    """The published WIKINEWS quotation metric: Messages, Roles, Joint, Form, STWR (and each role) as
    precision, recall and F1; see docs/cli/quotes.md for how pairs are formed and averaged."""
    from .evaluation import wikinews
    from .evaluation.germeval import FormatError

    for folder in (gold_dir, predicted_dir):
        if not folder.is_dir():
            raise _fail(f"not a folder: {folder}")
    try:
        scores, missing = wikinews.score_folders(gold_dir, predicted_dir)
        type_scores = wikinews.score_folders(gold_dir, predicted_dir, by_type=True)[0]
    except FormatError as exc:
        raise _fail(str(exc)) from exc
    table = Table(title=f"WIKINEWS quotations: {predicted_dir} against {gold_dir}", title_justify="left")
    for column in ("measure", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for name, value in scores.items():
        table.add_row(name, f"{value.precision:.4f}", f"{value.recall:.4f}", f"{value.f1:.4f}",
                      style="bold" if name == "Joint" else None)
    out.print(table)
    by_type = Table(title="Quote (Messages) per type", title_justify="left")
    for column in ("type", "precision", "recall", "F1", "gold"):
        by_type.add_column(column, justify="left" if column == "type" else "right")
    for name, value in type_scores.items():
        by_type.add_row(name, f"{value.precision:.4f}", f"{value.recall:.4f}", f"{value.f1:.4f}", f"{value.support:,}")
    out.print(by_type)
    if missing:
        err.print(f"{len(missing)} gold files have no prediction and count as without quotations, e.g. {missing[0]}",
                  highlight=False)


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on; the default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the read-only dashboard and JSON API over a database (API docs at /docs)."""
    import uvicorn

    from .api import create_app

    try:
        application = create_app(db)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/] listening on {host}: everyone who can reach it can read {db}", highlight=False)
    shown = f"[{host}]" if ":" in host else host
    out.print(f"lagebild: serving {db} read-only at http://{shown}:{port}/ (API docs at /docs, Ctrl+C stops)",
              highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False,
                limit_concurrency=100, h11_max_incomplete_event_size=16 * 1024)


@export_app.command("relations")
def export_relations(
    source: Annotated[str, typer.Option("--source", help="Code of one side: ISO 3166 alpha-3 (RUS) or an organisation code (EU, NATO).")],
    target: Annotated[str, typer.Option("--target", help="Code of the other side.")],
    db: DbOption = Path(DEFAULT_DB),
    by: Annotated[str, typer.Option("--by", help="Period: month, quarter or year.")] = "month",
    both_directions: Annotated[bool, typer.Option("--both-directions", help="Pool source→target and target→source.")] = False,
    date: Annotated[str, typer.Option("--date", help="Place events by the article date (article) or by their own date where precise enough (event).")] = "article",
    fmt: FormatOption = "jsonl",
    out_file: OutOption = None,
) -> None:
    """A dyad series: one record per period with events or statements between two actors — n_events,
    n_statements, mean event score (-10…+10), mean statement tone (-1…+1) and the evidence ids."""
    from .analysis.dyads import DATE_BASES, PERIODS
    from .store.export import RELATION_SCHEMA, relation_records

    if by not in PERIODS:
        raise _fail(f"unknown period {by!r}; choose one of {', '.join(PERIODS)}")
    if date not in DATE_BASES:
        raise _fail(f"unknown date basis {date!r}; choose one of {', '.join(DATE_BASES)}")

    def records(store):
        return iter(relation_records(store, source, target, by=by, both_directions=both_directions, date=date))

    _export(db, fmt, out_file, records, RELATION_SCHEMA, "periods")


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Argument(help="Gold sentences (JSON Lines, e.g. tests/data/events_gold.jsonl).")],
    split: Annotated[str, typer.Option("--split", help="dev, test or all.")] = "dev",
    show_errors: Annotated[bool, typer.Option("--errors", help="List the sentences with missed, spurious or wrong events.")] = False,
) -> None:
    """Event coder against hand-annotated sentences: P/R/F1 per PLOVER category, macro and micro F1, mode
    accuracy, and source/target accuracy (and P/R/F1) on the events found."""
    from .evaluation import events as event_eval

    if split not in ("dev", "test", "all"):
        raise _fail(f"unknown split {split!r}; choose dev, test or all")
    if not gold.exists():
        raise _fail(f"no such file: {gold}")
    try:
        sentences = event_eval.read_gold(gold, split)
    except event_eval.FormatError as exc:
        raise _fail(f"{gold}: {exc}") from exc
    scores = event_eval.score(sentences, event_eval.predict(sentences))
    table = Table(title=f"events, {split} ({scores.n_sentences} sentences, {scores.n_gold} gold events, "
                        f"{scores.n_predicted} predicted)", title_justify="left")
    for column in ("category", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for category, v in scores.per_category.items():
        table.add_row(category, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}",
                      str(v["tp"]), str(v["fp"]), str(v["fn"]))
    m = scores.micro
    table.add_row("micro", f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["tp"]),
                  str(m["fp"]), str(m["fn"]), style="bold")
    table.add_row("macro F1", "", "", f"{scores.macro_f1:.3f}", "", "", "", style="bold")
    out.print(table)
    roles = Table(title="on the events found", title_justify="left")
    for column in ("slot", "accuracy", "precision", "recall", "F1", "events"):
        roles.add_column(column, justify="left" if column == "slot" else "right")
    for slot, v in (("source", scores.source), ("target", scores.target)):
        roles.add_row(slot, f"{v['accuracy']:.3f}", f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}",
                      str(v["n"]))
    if scores.mode_accuracy is not None:
        roles.add_row("mode", f"{scores.mode_accuracy:.3f}", "", "", "", str(scores.source["n"]))
    out.print(roles)
    if show_errors:
        for e in scores.errors:
            out.print(f"\n[bold]{e['id']}[/] {e['text']}", highlight=False)
            for g in e["missed"]:
                out.print(f"  missed   {g['category']} {g['mode']} {list(g['source'])}→{list(g['target'])} "
                          f"({g['trigger']})", highlight=False)
            for p in e["spurious"]:
                out.print(f"  spurious {p['category']} {p['mode']} {p['source']}→{p['target']} ({p['trigger']})",
                          highlight=False)
            for g, p in e["paired"]:
                out.print(f"  differs  {g['category']}: gold {g['mode']} {list(g['source'])}→{list(g['target'])}, "
                          f"found {p['mode']} {p['source']}→{p['target']} ({p['trigger']})", highlight=False)


def main() -> None:  # pragma: no cover - console entry point
    app()
