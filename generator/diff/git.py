"""Load a submission folder as it was at a git revision, through a temporary copy.

Only read-only git commands are run (`rev-parse`, `archive`); the working
tree, the index and the refs are never touched. Errors in content read from
a revision point at `REV:path/in/repo:line:col`, not at the temporary copy.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..build import load_resolved
from ..errors import ContentError, Location, UprError
from ..model import Submission

GIT_TIMEOUT = 60  # seconds; archiving one content folder takes far less


def load_at_revision(folder: Path, revision: str) -> Submission:
    """Return the submission in `folder` as it was at `revision`, loaded and resolved."""
    if not revision or revision.startswith("-"):
        raise UprError(f"'{revision}' is not a git revision")
    if not folder.is_dir():
        raise UprError(f"{folder}: no such folder (give the folder as it is now; --rev picks the version)")
    top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    prefix = _git(folder, "rev-parse", "--show-prefix").decode().strip().rstrip("/")
    commit = _git(
        top,
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        f"{revision}^{{commit}}",
        what=f"unknown revision '{revision}'",
    )
    archive = _git(
        top,
        "archive",
        "--format=tar",
        commit.decode().strip(),
        "--",
        prefix or ".",
        what=f"{prefix or '.'} is not in revision '{revision}'",
    )
    with tempfile.TemporaryDirectory(prefix="upr-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        copy = Path(tmp) / prefix
        try:
            return load_resolved(copy)
        except ContentError as exc:
            raise _relabel(exc, Path(tmp).resolve(), revision) from None


def _git(where: Path, *args: str, what: str | None = None) -> bytes:
    """Return the output of a read-only git command; raise UprError when it fails."""
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise UprError("--rev needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise UprError(f"git {args[0]} took longer than {GIT_TIMEOUT} seconds") from None
    if done.returncode != 0:
        detail = what or (done.stderr.decode(errors="replace").strip().splitlines() or ["failed"])[-1]
        raise UprError(f"git: {detail}")
    return done.stdout


def _relabel(exc: ContentError, tmp: Path, revision: str) -> ContentError:
    """Return the error with a place in the temporary copy written as REV:path."""
    where = exc.location
    if where is None or not where.path.resolve().is_relative_to(tmp):
        return exc
    inside = where.path.resolve().relative_to(tmp)
    return ContentError(exc.message, Location(Path(f"{revision}:{inside.as_posix()}"), where.line, where.col))
