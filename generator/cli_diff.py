"""`upr diff`: compare two versions of a submission, in the terminal and as redlines."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from .cliutil import fail
from .errors import UprError, UsageProblem

COLOURS: dict[str, dict[str, Any]] = {
    "delete": {"fg": "red", "strikethrough": True},
    "insert": {"fg": "green", "underline": True},
    "heading": {"bold": True},
}


def colour_styler(text: str, kind: str) -> str:
    """Return text coloured for the terminal: deletions red and struck, insertions green."""
    return click.style(text, **COLOURS[kind]) if kind in COLOURS and text else text


def wants_colour(choice: bool | None) -> bool:
    """Tell whether to colour the report: as asked, else when stdout is a terminal and NO_COLOR is unset."""
    if choice is not None:
        return choice
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@click.command()
@click.argument(
    "folders",
    nargs=-1,
    required=True,
    metavar="OLD_FOLDER [NEW_FOLDER]",
    type=click.Path(path_type=Path),
)
@click.option("--rev", help="Compare FOLDER as it was at this git revision …")
@click.option("--rev2", help="… with FOLDER at this revision (default: as it is on disk).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the report to read; json: the same as data.")
@click.option("--html", "html_out", type=click.Path(path_type=Path, dir_okay=False), help="Write an HTML redline here.")
@click.option(
    "--docx",
    "docx_out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the new version with Word tracked changes here.",
)
@click.option("--author", default="upr", show_default=True, help="Author of the tracked changes.")
@click.option("--date", "when", help="Date of the tracked changes, e.g. 2019-03-28 (default: now).")
@click.option(
    "--color/--no-color", "colour", default=None, help="Colour the report (default: when writing to a terminal)."
)
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="A folder of templates to use instead of upr's.")
def diff(
    folders: tuple[Path, ...],
    rev: str | None,
    rev2: str | None,
    fmt: str,
    html_out: Path | None,
    docx_out: Path | None,
    author: str,
    when: str | None,
    colour: bool | None,
    templates: Path | None,
) -> None:
    """Compare OLD_FOLDER with NEW_FOLDER, or FOLDER at --rev with --rev2."""
    from .diff import compare_folders, revision_date, write_redlines
    from .diff.report import json_report, plain_styler, text_report

    try:
        if any(ord(char) < 32 or ord(char) == 127 for char in author):
            raise UsageProblem("--author holds a control character: give a name as plain text")
        date = revision_date(when)
        result = compare_folders(folders, rev, rev2)
        written = write_redlines(result, html_out, docx_out, author, date, templates)
    except UprError as exc:
        fail(exc)
    if fmt == "json":
        click.echo(json.dumps(json_report(result), ensure_ascii=False, indent=2))
    else:
        coloured = wants_colour(colour)
        click.echo(text_report(result, colour_styler if coloured else plain_styler), nl=False, color=coloured)
    for path in written:
        click.echo(f"wrote {path}", err=fmt == "json")
