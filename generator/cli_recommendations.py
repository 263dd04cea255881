"""`upr recommendations import|list`: previous-cycle recommendations from the report and OHCHR's matrix."""

from __future__ import annotations

from pathlib import Path

import click

from .cliutil import content_dirs, fail
from .errors import UprError

_FILE = click.Path(path_type=Path, dir_okay=False, exists=True)


@click.group()
def recommendations() -> None:
    """Import and look up the recommendations of previous reviews."""


@recommendations.command("import")
@click.argument("report", type=_FILE)
@click.option("--responses", type=_FILE, help="Addendum with deferred responses.")
@click.option("--matrix", type=_FILE, help="OHCHR's thematic list of recommendations (.docx): its positions win.")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Data file to write (.yaml); only one that upr wrote is ever overwritten.")
@click.option("--force", is_flag=True, help="Overwrite --out even when it is not a data file that upr wrote.")
def import_(report: Path, responses: Path | None, matrix: Path | None, out: Path, force: bool) -> None:
    """Read a Working Group REPORT (PDF or text) or OHCHR's matrix (.docx) and write its recommendations as data."""
    from .build import write_atomically
    from .recommendations.data import check_overwritable, dump_recommendation_data
    from .recommendations.matrix import import_recommendations, is_matrix_file

    if is_matrix_file(report) and (matrix or responses):
        raise click.UsageError("REPORT is a matrix (.docx): give it alone, or give the report and --matrix MATRIX")
    try:
        if not force:
            check_overwritable(out)
        imported = import_recommendations(report, responses=responses, matrix=matrix)
        text = dump_recommendation_data(imported.recommendations)
        write_atomically(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    except UprError as exc:
        fail(exc)
    for line in imported.summary:
        click.echo(line)
    click.echo(f"wrote {out}")


def _response(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Return the response asked for ("partially-supported" and "Supported/Noted" mean "partially supported")."""
    from .recommendations.data import RESPONSES, response_named

    if value is None:
        return None
    response = response_named(value)
    if response is None:
        raise click.BadParameter(f"{value!r} is not one of {', '.join(RESPONSES)}")
    return response


@recommendations.command("list")
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
@click.option("--data", "data_files", multiple=True, type=_FILE, help="A recommendation data file (repeatable).")
@click.option("--response", callback=_response, help="supported, noted, partially supported or pending.")
@click.option("--search", "text", help="Words that must all occur in the text.")
@click.option("--state", help="A recommending State (short names work: Iran).")
@click.option("--theme", help="Words that must all occur in its themes, affected persons or SDGs.")
def list_(folders: tuple[Path, ...], data_files: tuple[Path, ...], response: str | None, text: str | None,
          state: str | None, theme: str | None) -> None:
    """List previous recommendations, from data files or the submissions' data, to find numbers while writing."""
    from .recommendations.data import search
    from .recommendations.matrix import filter_by_theme

    try:
        rsets = recommendation_sets(folders, data_files)
    except UprError as exc:
        fail(exc)
    found = filter_by_theme(search(rsets, response=response, text=text, state=state), theme)
    for rec in found:
        category = f", {rec.category}" if rec.category else ""
        states = " ".join(f"({name})" for name in rec.states)
        click.echo(f"{rec.number} {states} [{rec.response}{category}] {rec.text}")
    click.echo(f"{len(found)} recommendation{'s' if len(found) != 1 else ''}")


def recommendation_sets(folders: tuple[Path, ...], data_files: tuple[Path, ...]) -> list:
    """Return the data files named, then the data of the submission folders (of all under content/ if none is named)."""
    from .load import load_submission
    from .recommendations.data import load_recommendation_data

    rsets = [load_recommendation_data(path) for path in data_files]
    if folders or not data_files:
        rsets += [rset for folder in content_dirs(folders) for rset in load_submission(folder).recommendation_data]
    return rsets
