"""Run `upr` in-process with click's CliRunner, and look at what it wrote; read a fixture's expected.txt."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.uptodate import RECORD_SUFFIX


def run(*args: str) -> tuple[int, str, str]:
    """Return exit code, stdout and stderr of `upr ARGS`."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def run_shown(*args: str) -> tuple[int, str]:
    """Return exit code and output of `upr ARGS` as a terminal shows it (stdout and stderr as they came)."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@dataclass(frozen=True)
class Expected:
    """What an expected.txt says: the arguments after `upr`, the output and the exit status."""

    args: list[str]
    output: str
    status: int


def read_expected(path: Path) -> Expected:
    """Return the command, output and exit status written in an expected.txt: `$ upr …` on the first line, the
    exact output, then `exit status N`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("$ upr "), f"{path}: the first line is the command"
    status = re.fullmatch(r"exit status (\d+)", lines[-1])
    assert status, f"{path}: the last line is 'exit status N'"
    return Expected(shlex.split(lines[0])[2:], "".join(line + "\n" for line in lines[1:-1]), int(status.group(1)))


def files_in(folder: Path) -> list[str]:
    """Return the names in `folder`, sorted ([] when it does not exist), but for the builds' records of what
    they wrote (the up-to-date tests look at those)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(RECORD_SUFFIX)) if folder.exists() else []
