"""Compare two versions of a submission: two folders, or one folder at two git revisions.

Both versions go through the same loader and resolver; the comparison reads
the two models (never rendered files) and returns one `SubmissionDiff`,
which the terminal report, the JSON, the HTML redline and the Word redline
all read.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ..build import load_resolved, write_atomically
from ..errors import UprError, UsageProblem
from ..load import submission_folder
from ..model import Submission
from .git import load_at_revision
from .match import Merger
from .meta import all_notes, annex_diff, cover_diff, metadata_changes, recommendation_ref_changes
from .model import SubmissionDiff

__all__ = ["SubmissionDiff", "compare_folders", "diff_submissions", "load_version", "revision_date", "write_redlines"]


def diff_submissions(
    old: Submission, new: Submission, old_label: str | None = None, new_label: str | None = None
) -> SubmissionDiff:
    """Return everything that differs between two resolved submissions."""
    merger = Merger(old, new)
    diff = SubmissionDiff(
        old=old,
        new=new,
        old_label=old_label or old.name,
        new_label=new_label or new.name,
        metadata=metadata_changes(old, new),
        cover=cover_diff(old, new),
        sections=merger.sections(),
        recommendations=merger.all_recommendations(),
        recommendation_refs=recommendation_ref_changes(old, new),
        notes=[],
        annex=annex_diff(old, new),
    )
    diff.notes = all_notes(diff)
    return diff


def load_version(folder: Path, revision: str | None = None, data: list[Path] | None = None) -> tuple[Submission, str]:
    """Return a submission folder (at a git revision, if given), loaded and resolved, and its label; a Word
    file is imported on the fly, its typed references read against `data` (the other side's)."""
    if revision is None and folder.suffix.lower() in WORD_SUFFIXES:
        return imported(folder, data or []), folder.name
    if revision is None:
        return load_resolved(folder), folder.resolve().name
    return load_at_revision(folder, revision), f"{folder.resolve().name}@{revision}"


WORD_SUFFIXES = (".docx", ".doc")


def imported(word_file: Path, data: list[Path]) -> Submission:
    """Return a Word file's submission, imported into a folder that is gone once it is read."""
    from ..wordimport import import_folder

    with tempfile.TemporaryDirectory(prefix="upr-import-") as tmp:
        import_folder(word_file, Path(tmp) / word_file.stem, data)
        return load_resolved(Path(tmp) / word_file.stem)


def compare_folders(folders: tuple[Path, ...], rev: str | None = None, rev2: str | None = None) -> SubmissionDiff:
    """Return the comparison of two folders, or of one folder at `rev` and at `rev2` (default: as it is now)."""
    if rev is None and rev2 is not None:
        raise UsageProblem("--rev2 needs --rev (the older revision)")
    wanted = 1 if rev is not None else 2
    if len(folders) != wanted:
        raise UsageProblem(
            "give two submission folders, or one folder with --rev"
            if wanted == 2
            else "with --rev, give one submission folder"
        )
    if rev is None or rev2 is None:  # a folder read from disk must be one (or a Word file)
        for f in folders:
            if f.suffix.lower() in WORD_SUFFIXES and not f.is_file():
                raise UsageProblem(f"there is no Word file '{f}'")
        folders = tuple(f if f.suffix.lower() in WORD_SUFFIXES else submission_folder(f) for f in folders)
    word = any(f.suffix.lower() in WORD_SUFFIXES for f in folders)  # a Word side reads its references with the data
    data = [rset.path for f in folders if word and f.is_dir() for rset in load_resolved(f).recommendation_data
            if rset.path]
    old, old_label = load_version(folders[0], rev, data)
    new, new_label = load_version(folders[-1], rev2, data)
    return diff_submissions(old, new, old_label, new_label)


def write_redlines(
    diff: SubmissionDiff,
    html: Path | None,
    docx: Path | None,
    author: str,
    date: str,
    templates_root: Path | None = None,
) -> list[Path]:
    """Write the Word and HTML redlines asked for, each whole or not at all; return their paths.

    Folders are checked and the HTML page is made before anything is
    written, so a failure leaves neither file behind.
    """
    from .html import render_diff_html
    from .redline_docx import render_redline_docx

    for target in (t for t in (docx, html) if t is not None):
        if not target.parent.is_dir():
            raise UprError(f"cannot write {target}: no folder {target.parent}")
    page = render_diff_html(diff, templates_root) if html is not None else None
    written: list[Path] = []
    if docx is not None:
        _write(docx, lambda tmp: render_redline_docx(diff, tmp, author, date, templates_root))
        written.append(docx)
    if html is not None and page is not None:
        _write(html, lambda tmp: _write_text(tmp, page))
        written.append(html)
    return written


def _write(target: Path, write: Callable[[Path], None]) -> None:
    """Write a file atomically; raise UprError when it cannot be written."""
    try:
        write_atomically(target, write)
    except OSError as exc:
        raise UprError(f"cannot write {target}: {exc.strerror or exc}") from None


def _write_text(target: Path, text: str) -> None:
    """Write UTF-8 text to a file."""
    target.write_text(text, encoding="utf-8")


def revision_date(text: str | None) -> str:
    """Return the date of tracked changes in Word's form (2019-03-28T00:00:00Z): `text`, or now."""
    if text is None:
        return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageProblem(f"'{text}' is not a date: write 2019-03-28 or 2019-03-28T14:30:00Z") from None
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")
