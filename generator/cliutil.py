"""What every `upr` command shares: finding submission folders, failing in one line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from .errors import UprError

CONTENT_ROOT = Path("content")


def content_dirs(given: tuple[Path, ...]) -> list[Path]:
    """Return the submission folders named, or every one under content/."""
    if given:
        return list(given)
    found = sorted(p.parent for p in CONTENT_ROOT.glob("*/submission.yaml"))
    if not found:
        raise UprError("no submission folder given and none found under content/")
    return found


def fail(exc: UprError) -> NoReturn:
    """Print an error on one line and exit with status 1."""
    click.echo(f"upr: error: {exc}", err=True)
    sys.exit(1)
