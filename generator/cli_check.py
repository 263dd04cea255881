"""`upr check`: run the checks on submissions and print the findings."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cliutil import content_dirs, fail, say_error
from .errors import UprError

REPORT_FORMATS = ("text", "json")
"""The report's forms (checks/report.py's FORMATTERS), named here so that `upr --help` imports no check."""


@click.command()
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True,
              help="text: one line per finding, then a summary; json: the same as data, for editors and CI.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(folders: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check each submission in FOLDERS (default: all of content/): exit 1 on errors."""
    from .build import load_resolved
    from .checks import exit_status, run_checks
    from .checks.report import FORMATTERS

    try:
        chosen = content_dirs(folders)
    except UprError as exc:
        fail(exc)
    reports, unreadable = [], 0
    for folder in chosen:  # a folder that cannot be read is told, and the others are still checked
        try:
            reports.append(run_checks(load_resolved(folder)))
        except UprError as exc:
            unreadable += 1
            for line in exc.lines():
                say_error(line)
    if reports:
        click.echo(FORMATTERS[fmt](reports, Path.cwd()))
    sys.exit(1 if unreadable else exit_status(reports, strict))
