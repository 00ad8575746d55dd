"""veille's command line: thin wrappers over plain functions (which the tests call directly).

Exit codes: 0 every input processed, 1 some inputs failed (the others are stored), 2 usage error.
"""

from __future__ import annotations

import atexit
import gc
import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from veille.corpus.export import write_export
from veille.corpus.process import IngestReport, default_workers, ingest, warm_pipeline
from veille.errors import InputError, VeilleError
from veille.ingest.readers import iter_files
from veille.model import Document
from veille.store import DEFAULT_DB, Store

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="veille: French news articles to a dated, sourced knowledge base.")
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[str, typer.Option("--db", help="SQLite store path.")]
WorkersOption = Annotated[int, typer.Option("--workers", "-w", help="Processes for analysis (default: CPU count).")]


def _report_error(error: InputError) -> None:
    err.print(f"[red]error[/red]: {error}", soft_wrap=True)


def _open(db: str, readonly: bool = False) -> Store:
    try:
        return Store(db, readonly=readonly)
    except VeilleError as exc:
        err.print(f"[red]error[/red]: {exc}", soft_wrap=True)
        raise typer.Exit(2) from exc


def _run_ingest(paths: list[str], store: Store, workers: int) -> IngestReport:
    total = sum(1 for _ in iter_files(paths))
    show = sys.stderr.isatty() and total > 1
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=not show, transient=True) as progress:
        task = progress.add_task("analysing", total=total)
        seen: set[str] = set()

        def on_document(doc: Document) -> None:
            for s in doc.sources:
                if s.source not in seen:
                    seen.add(s.source)
                    progress.advance(task)

        def on_error(error: InputError) -> None:
            _report_error(error)
            progress.advance(task)

        report = ingest(paths, store, workers=workers, on_error=on_error, on_document=on_document)
    return report


def _check_paths(paths: list[str]) -> None:
    if not paths:
        err.print("[red]error[/red]: give at least one file or folder")
        raise typer.Exit(2)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (recursive); '-' for standard input.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Output JSON file ('-' for stdout).")] = "-",
    workers: WorkersOption = 1,
) -> None:
    """Process files together as one corpus (no store) and write the contract JSON."""
    _check_paths(paths)
    with tempfile.TemporaryDirectory(prefix="veille-") as tmp:
        store = Store(Path(tmp) / "extract.db")
        try:
            report = _run_ingest(paths, store, workers)
            write_export(store, output)
        finally:
            store.close()
    if output != "-":
        err.print(f"{report.stored} documents written to {output}"
                  + (f", {len(report.errors)} inputs failed" if report.errors else ""))
    raise typer.Exit(1 if report.errors else 0)


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (recursive); '-' for standard input.")],
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = 0,
) -> None:
    """Analyse articles and add them to the store (already stored ones are skipped)."""
    _check_paths(paths)
    store = _open(db)
    try:
        report = _run_ingest(paths, store, workers or default_workers())
        total = store.count_documents()
    finally:
        store.close()
    err.print(f"{report.stored} new documents stored, {report.already_known} already known, "
              f"{report.near_duplicates} near-duplicates kept as extra sources, "
              f"{len(report.errors)} failed; {total} documents in {db}")
    raise typer.Exit(1 if report.errors else 0)


def parse_every(text: str) -> float:
    """'15m', '30s', '2h' or a number of seconds -> seconds."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text)
    if not m:
        raise typer.BadParameter(f"expected a duration like 30s, 15m or 1h, not {text!r}")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="Feed files or URLs to poll.")],
    db: DbOption = DEFAULT_DB,
    every: Annotated[str, typer.Option(help="Polling interval: 30s, 15m, 1h.")] = "15m",
    polls: Annotated[int, typer.Option(help="Stop after this many polls (0: run until interrupted).")] = 0,
    workers: WorkersOption = 1,
) -> None:
    """Poll feeds and ingest their new items only (known items are recognised and skipped)."""
    import time

    interval = parse_every(every)
    store = _open(db)
    failed = False
    try:
        # loaded once, before the first poll: new items are then analysed without the start-up
        # cost (model load, first-document resources) that a one-off `veille ingest` pays
        with err.status("loading the French pipeline"):
            warm_pipeline()
        n = 0
        while True:
            n += 1
            report = ingest(feeds, store, workers=workers, on_error=_report_error)
            failed = failed or bool(report.errors)
            err.print(f"poll {n}: {report.stored} new items, {report.already_known + report.near_duplicates} known")
            if polls and n >= polls:
                break
            time.sleep(interval)
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
    raise typer.Exit(1 if failed else 0)


@app.command()
def export(
    output: Annotated[str, typer.Option("--output", "-o", help="Output JSON file ('-' for stdout).")] = "-",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write the whole store as the contract JSON."""
    store = _open(db, readonly=True)
    try:
        write_export(store, output)
    finally:
        store.close()


@app.command()
def stats(db: DbOption = DEFAULT_DB,
          as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Counts of documents, mentions, entities, time expressions, quotes and events."""
    store = _open(db, readonly=True)
    try:
        figures = store.stats()
    finally:
        store.close()
    if as_json:
        out.print_json(json.dumps(figures))
        return
    table = Table(show_header=False, box=None)
    for key, value in figures.items():
        table.add_row(key.replace("_", " "), str(value))
    out.print(table)


@app.command()
def timeline(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Entity id or name.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Latest date.")] = None,
    limit: Annotated[int, typer.Option(help="Most events to print.")] = 50,
    all_events: Annotated[bool, typer.Option("--all", help="Also the events without a date or without participants.")] = False,
) -> None:
    """Dated events with status, participants and sources."""
    from veille.corpus.views import timeline_rows

    store = _open(db, readonly=True)
    try:
        rows = timeline_rows(store, actor=actor, type=type, since=since, until=until, limit=limit,
                             complete=not all_events)
    except VeilleError as exc:
        err.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    if not rows:
        out.print("no events")
        return
    # one block per event: it stays readable in a narrow terminal and in logs
    for r in rows:
        docs = [Path(str(d.get("source") or d["document"])).name for d in r.get("source_documents", [])]
        kind = r["type"] + (f"/{r['mode']}" if r["mode"] else "")
        out.print(f"[bold]{r['date'] or '?':10s}[/bold]  {kind}  ({r['status']})  {r['summary']}", soft_wrap=True)
        sources = ", ".join(docs[:3]) + (f" +{len(docs) - 3}" if len(docs) > 3 else "")
        out.print(f"{'':12s}participants: {', '.join(r['participant_names']) or '-'}; "
                  f"sources: {sources or len(r['sources'])}", soft_wrap=True, style="dim")


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Speaker entity id or name.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest publication date.")] = None,
    search: Annotated[str | None, typer.Option(help="Words the quote must contain (accents ignored).")] = None,
    limit: Annotated[int, typer.Option(help="Most quotes to print.")] = 50,
) -> None:
    """The quote book: who said what, when, where."""
    store = _open(db, readonly=True)
    try:
        rows = store.quotes(speaker=speaker, since=since, search=search, limit=limit)
    finally:
        store.close()
    if not rows:
        out.print("no quotes")
        return
    for q in rows:
        who = q["speaker_text"] or "?"
        out.print(f"[bold]{who}[/bold] ({q['kind']}, {q['published'] or 'undated'}, {q['source']}): «{q['text']}»",
                  soft_wrap=True)


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Most entities to print.")] = 50,
    type: Annotated[str | None, typer.Option("--type", help="PER, ORG, GPE, LOC or MISC.")] = None,
) -> None:
    """Entities with their mention counts, most mentioned first."""
    store = _open(db, readonly=True)
    try:
        counts = store.entity_mention_counts()
        entities = {e.id: e for e in store.entities()}
    finally:
        store.close()
    rows = sorted(((n, eid) for eid, n in counts.items() if eid in entities), key=lambda x: (-x[0], x[1]))
    table = Table("mentions", "name", "type", "id", "wikidata")
    shown = 0
    for n, eid in rows:
        e = entities[eid]
        if type and e.type != type:
            continue
        table.add_row(str(n), e.name, e.type, e.id, e.wikidata or "")
        shown += 1
        if shown >= limit:
            break
    out.print(table)


@app.command()
def actor(name: Annotated[str, typer.Argument(help="Entity id or name.")], db: DbOption = DEFAULT_DB) -> None:
    """One entity: aliases, roles, documents, quotes, events."""
    from veille.corpus.views import actor_profile

    store = _open(db, readonly=True)
    try:
        profile = actor_profile(store, name)
    finally:
        store.close()
    if profile is None:
        err.print(f"[red]error[/red]: no entity matches {name!r}")
        raise typer.Exit(1)
    out.print_json(json.dumps(profile, ensure_ascii=False))


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the web page and the read-only JSON API over the store."""
    import uvicorn

    from veille.api.app import create_app

    store = _open(db, readonly=True)
    store.close()
    out.print(f"veille: serving {db} at http://{host}:{port}/  (Ctrl-C to stop)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


def main() -> None:  # pragma: no cover - entry point
    # At exit the interpreter runs a last garbage collection over every object, the loaded model's
    # included: about 1 s after an ingest. Frozen objects are skipped; the stores are closed and
    # the outputs flushed by then, and the memory goes back to the system anyway.
    atexit.register(gc.freeze)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
