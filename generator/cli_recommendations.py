"""`upr recommendations import|list`: previous-cycle recommendations from the Working Group report."""

from __future__ import annotations

from pathlib import Path

import click

from .build import write_atomically
from .cliutil import content_dirs, fail
from .errors import UprError
from .load import load_submission
from .recommendations.data import RESPONSES, dump_recommendation_data, search
from .recommendations.importer import format_summary, import_report


@click.group()
def recommendations() -> None:
    """Import and look up the recommendations of previous reviews."""


@recommendations.command("import")
@click.argument("report", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--responses", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="Addendum with deferred responses.")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False), help="Data file to write (.yaml).")
def import_(report: Path, responses: Path | None, out: Path) -> None:
    """Read a Working Group REPORT (PDF or text) and write its recommendations as data."""
    try:
        result = import_report(report, responses)
        text = dump_recommendation_data(result.recommendations)
        write_atomically(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    except UprError as exc:
        fail(exc)
    for line in format_summary(result):
        click.echo(line)
    click.echo(f"wrote {out}")


@recommendations.command("list")
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option("--response", type=click.Choice(RESPONSES), help="Only supported, noted or pending ones.")
@click.option("--search", "text", help="Words that must all occur in the text.")
@click.option("--state", help="A recommending State (short names work: Iran).")
def list_(folders: tuple[Path, ...], response: str | None, text: str | None, state: str | None) -> None:
    """List the previous recommendations in the submissions' data, to find numbers while writing."""
    try:
        rsets = [rset for folder in content_dirs(folders) for rset in load_submission(folder).recommendation_data]
    except UprError as exc:
        fail(exc)
    found = search(rsets, response=response, text=text, state=state)
    for rec in found:
        category = f", {rec.category}" if rec.category else ""
        states = " ".join(f"({name})" for name in rec.states)
        click.echo(f"{rec.number} {states} [{rec.response}{category}] {rec.text}")
    click.echo(f"{len(found)} recommendation{'s' if len(found) != 1 else ''}")
