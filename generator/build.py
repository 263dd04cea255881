"""Build a submission: load, resolve, then write each output atomically."""

from __future__ import annotations

import errno
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .checks import run_checks
from .checks.registry import Finding
from .errors import RenderError, UprError, fault_line, shown_path
from .load import load_submission
from .model import Submission
from .resolve import resolve

FORMATS = ("docx", "pdf", "html", "md")
TEMPLATE_FILES = ("reference.docx", "submission.html.j2", "style.css")


@dataclass
class BuildResult:
    """What a build wrote, and what the PDF renderer refused to fetch."""

    outputs: list[Path] = field(default_factory=list)
    refused_urls: list[str] = field(default_factory=list)


def load_resolved(folder: Path) -> Submission:
    """Return the submission in `folder`, loaded and resolved."""
    return resolve(load_submission(folder))


@dataclass
class FolderBuild:
    """What building one submission folder came to: its findings, and what was written or why not."""

    folder: Path
    findings: list[Finding] = field(default_factory=list)
    result: BuildResult | None = None
    failures: list[str] = field(default_factory=list)
    """Why nothing was written, a line each: the errors that stopped the load or an output (with their
    files), or the number of errors the checks found."""
    up_to_date: list[Path] = field(default_factory=list)
    """The outputs left alone: nothing they are made from changed since they were written."""
    refused_urls: list[str] = field(default_factory=list)
    """What the PDF renderer did not fetch, for a PDF written now or up to date."""

    @property
    def errors(self) -> list[Finding]:
        """Return the findings that are errors."""
        return [f for f in self.findings if f.severity == "error"]


def build_folder(folder: Path, out_dir: Path, formats: tuple[str, ...], templates_root: Path | None = None,
                 force: bool = False, rebuild: bool = False) -> FolderBuild:
    """Load, check and build one submission; a problem is told in the result, so the next folder still builds.

    Nothing is written when the checks find errors, unless `force` is set. An output whose inputs have not
    changed since it was written is left alone (`up_to_date`), unless `rebuild` is set.
    """
    from .uptodate import BuildRecord, fingerprint, folder_digest

    done = FolderBuild(folder)
    try:
        name = folder.resolve().name
        before = folder_digest(folder, out_dir, name)  # before loading: a save during the build is not lost
        submission = load_resolved(folder)
        done.findings = list(run_checks(submission).findings)
        if done.errors and not force:
            count = len(done.errors)
            done.failures = [f"{shown_path(folder)}: the checks found {count} error{'s' * (count != 1)}: "
                             "nothing written (--force builds anyway)"]
            return done
        template_folder = check_template(submission.meta.template, templates_root)
        inside = submission.root
        read = [*submission.files, *(rset.path for rset in submission.recommendation_data if rset.path)]
        inputs = fingerprint(before, template_folder, [p for p in read if not p.resolve().is_relative_to(inside)])
        record = BuildRecord.read(out_dir, name)
        targets = {fmt: output_path(out_dir, name, fmt) for fmt in formats}
        stale = tuple(fmt for fmt in formats if rebuild or not record.current(targets[fmt], inputs))
        done.up_to_date = [targets[fmt] for fmt in formats if fmt not in stale]
        done.refused_urls = [url for path in done.up_to_date for url in record.warnings(path)]
        if stale:
            done.result = build_submission(submission, out_dir, stale, templates_root)
            done.refused_urls += done.result.refused_urls
            if folder_digest(folder, out_dir, name) == before:  # else a save came meanwhile: the next build writes
                for fmt in stale:
                    record.note(targets[fmt], inputs, done.result.refused_urls if fmt == "pdf" else [])
                record.write()
    except UprError as exc:
        done.failures = exc.lines()
    return done


def build_folders(folders: list[Path], out_dir: Path, formats: tuple[str, ...], templates_root: Path | None = None,
                  force: bool = False, rebuild: bool = False, jobs: int = 1) -> Iterator[FolderBuild]:
    """Yield each folder's `build_folder` as it finishes: one after another, or `jobs` at a time.

    In parallel each submission is built in a worker process, forked so that upr is not imported again;
    a worker imports a renderer (WeasyPrint takes a second) at its first output of that format and keeps it
    for the next submissions, and one whose outputs are all up to date imports none. A fault of upr's in
    one submission, or a worker that dies, is that submission's failure: the others are still built.
    """
    workers = min(jobs, len(folders))
    if workers <= 1:
        for folder in folders:
            try:
                yield build_folder(folder, out_dir, formats, templates_root, force, rebuild)
            except Exception as exc:  # noqa: BLE001 (upr's own fault: told, and the next folder still builds)
                yield _faulted(folder, exc)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(workers, multiprocessing.get_context(method)) as pool:
        running = {pool.submit(build_folder, folder, out_dir, formats, templates_root, force, rebuild): folder
                   for folder in folders}
        try:
            for future in as_completed(running):
                try:
                    yield future.result()
                except BrokenProcessPool:  # a worker was killed (out of memory?): its half-written files go
                    _remove_parts(out_dir, running[future], formats)
                    yield FolderBuild(running[future], failures=[
                        f"{shown_path(running[future])}: not built: the process building it stopped (killed, or "
                        "out of memory?); nothing of it was written: run the build again"])
                except Exception as exc:  # noqa: BLE001 (as above)
                    yield _faulted(running[future], exc)
        finally:
            for future in running:
                future.cancel()


def _faulted(folder: Path, exc: Exception) -> FolderBuild:
    """Return the failure of a folder whose build met a fault of upr's; re-raise it under UPR_DEBUG=1."""
    if os.environ.get("UPR_DEBUG"):
        raise exc
    return FolderBuild(folder, failures=[f"{shown_path(folder)}: {fault_line(exc, 'nothing of it was written')}"])


def _remove_parts(out_dir: Path, folder: Path, formats: tuple[str, ...]) -> None:
    """Remove the temporary files a dead worker left while writing this folder's outputs."""
    for fmt in formats:
        for part in parts_of(output_path(out_dir, folder.resolve().name, fmt)):
            part.unlink(missing_ok=True)


def output_path(out_dir: Path, name: str, fmt: str) -> Path:
    """Return where the output of submission `name` in format `fmt` is written."""
    return out_dir / f"{name}.{fmt}"


def parts_of(target: Path) -> list[Path]:
    """Return the temporary files beside `target` that writes of it made (`write_all_or_nothing`'s)."""
    return list(target.parent.glob(f".{target.name}.*{PART_SUFFIX}"))


PART_SUFFIX = ".part"


def check_template(template: str, templates_root: Path | None = None) -> Path:
    """Return the template's folder; raise RenderError unless it has every file the renderers use."""
    from .render.common import template_dir

    folder = template_dir(template, templates_root)
    missing = [name for name in TEMPLATE_FILES if not (folder / name).is_file()]
    if missing:
        raise RenderError(f"template '{template}' ({folder}) lacks {', '.join(missing)}")
    return folder


def build_submission(
    submission: Submission, out_dir: Path, formats: tuple[str, ...] = ("docx", "pdf"), templates_root: Path | None = None
) -> BuildResult:
    """Write the requested outputs of a resolved submission into `out_dir`, all or none."""
    result = BuildResult()
    writers: dict[str, Callable[[Path], None]] = {
        "docx": lambda tmp: _render_docx(submission, tmp, templates_root),
        "pdf": lambda tmp: result.refused_urls.extend(_render_pdf(submission, tmp, templates_root)),
        "html": lambda tmp: tmp.write_text(html_preview(submission, templates_root), encoding="utf-8"),
        "md": lambda tmp: tmp.write_text(_render_markdown(submission), encoding="utf-8"),
    }
    targets = [output_path(out_dir, submission.name, fmt) for fmt in formats]
    write_all_or_nothing({target: writers[fmt] for target, fmt in zip(targets, formats)})
    result.outputs.extend(targets)
    return result


# Each renderer is imported when its format is written, so that check, diff
# and a build of one format load only what they use (WeasyPrint alone takes
# most of a second).


def _render_pdf(submission: Submission, target: Path, templates_root: Path | None) -> list[str]:
    """Write the PDF; return the URLs the renderer refused."""
    from .render.pdf import render_pdf

    return render_pdf(submission, target, templates_root)


def _render_docx(submission: Submission, target: Path, templates_root: Path | None) -> None:
    """Write the DOCX."""
    from .render.docx import render_docx

    render_docx(submission, target, templates_root)


def html_preview(submission: Submission, templates_root: Path | None = None) -> str:
    """Return the HTML preview, self-contained: the font and logos are in it, no path of this machine."""
    from .render.common import font_face_css
    from .render.html import render_html

    return render_html(submission, templates_root, font_face_css(embedded=True))


def _render_markdown(submission: Submission) -> str:
    """Return the Markdown."""
    from .render.markdown import render_markdown

    return render_markdown(submission)


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Write `target` through a temporary file, so a failure leaves nothing half-written."""
    write_all_or_nothing({target: write})


def write_all_or_nothing(writes: dict[Path, Callable[[Path], None]]) -> None:
    """Write every target through a temporary file; rename them only when all succeeded."""
    done: list[tuple[Path, Path]] = []
    try:
        for target, write in writes.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_parts(target)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PART_SUFFIX, dir=target.parent)
            os.close(fd)
            done.append((Path(name), target))
            write(Path(name))
            Path(name).chmod(0o666 & ~_umask())
        for tmp, target in done:
            os.replace(tmp, target)
    except OSError as exc:  # named by its target: a full disk's error names no file, a temporary one no use
        raise UprError(f"cannot write {shown_path(target)}: {exc.strerror or exc}{_remedy(exc)}") from None
    finally:
        for tmp, _ in done:
            tmp.unlink(missing_ok=True)


def _remedy(exc: OSError) -> str:
    """Return what to do about a write that failed, for the failures a person can act on."""
    remedies = {errno.ENOSPC: "free some space on the disk", errno.EDQUOT: "free some space on the disk",
                errno.EACCES: "give --out a folder you may write to", errno.EROFS: "give --out a folder you may write to"}
    return f": {remedies[exc.errno]}, then try again" if exc.errno in remedies else ""


STALE_PART_SECONDS = 3600
"""A temporary file this old was left by a build that was killed: no build runs that long."""


def _remove_stale_parts(target: Path) -> None:
    """Remove the temporary files a killed build of `target` left beside it (not a running build's)."""
    now = time.time()
    for part in parts_of(target):
        try:
            if now - part.stat().st_mtime > STALE_PART_SECONDS:
                part.unlink()
        except OSError:
            pass


def parse_formats(text: str) -> tuple[str, ...]:
    """Return the formats named in "docx,pdf"; raise UprError on an unknown one."""
    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UprError(f"unknown format '{','.join(unknown)}': choose from {', '.join(FORMATS)}")
    return formats


def _umask() -> int:
    """Return the process's umask (the mode new files would get)."""
    current = os.umask(0)
    os.umask(current)
    return current
