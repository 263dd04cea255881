"""What every `upr` command shares: finding submission folders, failing in one line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from .errors import UprError, UsageProblem

CONTENT_ROOT = Path("content")


def content_dirs(given: tuple[Path, ...]) -> list[Path]:
    """Return the submission folders named (a path to a submission.yaml names its folder), else the current
    folder when it is a submission's, else every one under content/; raise UsageProblem for a path that is not
    a submission folder. A folder named twice (content/x and ./content/x) is returned once."""
    from .load import submission_folder

    if given:
        once: dict[Path, Path] = {}
        for path in given:
            folder = submission_folder(path)
            once.setdefault(folder.resolve(), folder)
        return list(once.values())
    if Path("submission.yaml").is_file():  # run inside a submission's folder
        return [Path(".")]
    found = sorted(p.parent for p in CONTENT_ROOT.glob("*/submission.yaml"))
    if not found:
        raise UsageProblem("no submission folder given and none found under content/: name one, or run upr new")
    return found


def say_error(line: str) -> None:
    """Print one error line on stderr; a line break a quoted value holds is shown as \\n, so it stays one line."""
    click.echo("upr: error: " + line.replace("\r", "\\r").replace("\n", "\\n"), err=True)


def fail(exc: UprError) -> NoReturn:
    """Print an error on one line and exit with its status: 2 for a usage problem, else 1."""
    for line in exc.lines():
        say_error(line)
    sys.exit(exc.exit_code)
