"""Load a submission folder as it was at a git revision, through a temporary copy.

Only read-only git commands that run nothing a repository configures are
used: `rev-parse`, `ls-tree` and `cat-file` read objects as they are stored
(`git archive` or `checkout` would run the filter commands a received
folder's `.git/config` names). The working tree, the index and the refs are
never touched. A symbolic link is copied only when it points inside the
submission folder: one that leaves it (an absolute one, or one climbing
out with `..`) is refused, as a path outside the folder is in the content.
Errors in content read from a revision point at `REV:path/in/repo:line:col`,
not at the temporary copy.
"""

from __future__ import annotations

import os
import subprocess
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
    files, links = _files(top, commit.decode().strip(), prefix, revision)
    with tempfile.TemporaryDirectory(prefix="upr-diff-") as tmp:
        root = Path(tmp).resolve()
        for path, data in files.items():
            target = (root / path).resolve()
            if not target.is_relative_to(root):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _copy_links(root, prefix, links, revision)
        copy = Path(tmp) / prefix
        try:
            return load_resolved(copy)
        except ContentError as exc:
            raise _relabel(exc, Path(tmp).resolve(), revision) from None


def _files(top: Path, commit: str, prefix: str, revision: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Return the regular files and the symbolic links below `prefix` at `commit`, each by its path in the
    repository: a file's content as stored, a link's target."""
    listing = _git(top, "ls-tree", "-r", "-z", "--full-name", commit, "--", prefix or ".",
                   what=f"{prefix or '.'} is not in revision '{revision}'")
    blobs, link_paths = [], set()
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        mode, kind, sha = meta.split()
        if kind == b"blob" and mode in (b"100644", b"100755", b"120000"):  # submodules are left out
            blobs.append((sha.decode(), path.decode("utf-8", errors="surrogateescape")))
            if mode == b"120000":
                link_paths.add(blobs[-1][1])
    if not blobs:
        raise UprError(f"git: {prefix or '.'} is not in revision '{revision}'")
    output = _git(top, "cat-file", "--batch", stdin="".join(f"{sha}\n" for sha, _ in blobs).encode())
    files, at = {}, 0
    for sha, path in blobs:
        header_end = output.index(b"\n", at)
        size = int(output[at:header_end].split()[2])
        files[path] = output[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1
    return ({path: data for path, data in files.items() if path not in link_paths},
            {path: data for path, data in files.items() if path in link_paths})


def _copy_links(root: Path, prefix: str, links: dict[str, bytes], revision: str) -> None:
    """Make the revision's symbolic links in the copy at `root`; raise UprError for one that points outside
    the submission folder (once all are made, so that a link through another link is judged too)."""
    folder = (root / prefix).resolve()
    for path, target in links.items():
        link = root / path
        if not os.path.isabs(target) and (link.parent.resolve() / os.fsdecode(target)).resolve().is_relative_to(folder):
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(os.fsdecode(target))
    for path, target in links.items():
        link = root / path
        if not link.is_symlink() or not link.resolve().is_relative_to(folder):
            raise UprError(f"{revision}:{path}: a symbolic link to {os.fsdecode(target)}, outside the submission "
                           "folder: upr reads nothing outside it; replace the link with the file itself")


def _git(where: Path, *args: str, what: str | None = None, stdin: bytes | None = None) -> bytes:
    """Return the output of a read-only git command; raise UprError when it fails."""
    try:
        done = subprocess.run(["git", "-c", "core.fsmonitor=false", "-C", str(where), *args], input=stdin,
                              capture_output=True, timeout=GIT_TIMEOUT, check=False)
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
