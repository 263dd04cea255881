"""Run `upr` in-process with click's CliRunner, and look at what it wrote."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.uptodate import RECORD_SUFFIX


def run(*args: str) -> tuple[int, str, str]:
    """Return exit code, stdout and stderr of `upr ARGS`."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def files_in(folder: Path) -> list[str]:
    """Return the names in `folder`, sorted ([] when it does not exist), but for the builds' records of what
    they wrote (the up-to-date tests look at those)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(RECORD_SUFFIX)) if folder.exists() else []
