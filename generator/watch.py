"""`upr watch`: check and rebuild on every save, and a preview in the browser that follows.

One long-lived process watches the submission's folder (and its template).
When a file changes it reloads the submission, prints the findings, renders
the HTML preview (and writes the DOCX and PDF when asked), and the page
served on 127.0.0.1 reloads itself. A mistake in the YAML is shown on the
page, where the preview was, until it is fixed.

The folder is watched by polling each file's size and modification time a
few times a second: no dependency, the same on every system, and cheap for
a folder of a few dozen files.
"""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from .build import build_submission, html_preview, load_resolved
from .checks import run_checks
from .checks.report import format_finding
from .errors import UprError
from .render.common import template_dir

POLL_SECONDS = 0.2
RELOADER = """<script>
(function () {{
  var seen = {version};
  setInterval(function () {{
    fetch("/version").then(function (r) {{ return r.text(); }}).then(function (v) {{
      if (Number(v) !== seen) {{ location.reload(); }}
    }}).catch(function () {{}});
  }}, 400);
}})();
</script>"""
"""Put at the end of the served page (never in a built file): it asks for the version and reloads when it changes."""


@dataclass
class Preview:
    """The page the browser is shown, and its version (which goes up at every rebuild)."""

    page: bytes = b"<!DOCTYPE html><title>upr</title><p>Building...</p>"
    version: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def show(self, page: str, findings: list[str] | None = None) -> None:
        """Replace the page, with the findings above it (when there are) and the reloader of the next version."""
        with self.lock:
            self.version += 1
            script = RELOADER.format(version=self.version)
            banner = _banner(findings or [])
            if "<body" in page and banner:
                at = page.index(">", page.index("<body")) + 1
                page = page[:at] + banner + page[at:]
            self.page = (page.replace("</body>", script + "</body>") if "</body>" in page else page + script).encode()

    def current(self) -> tuple[bytes, int]:
        """Return the page and its version."""
        with self.lock:
            return self.page, self.version


def _banner(findings: list[str]) -> str:
    """Return the box of findings shown above the preview (not in any built file)."""
    if not findings:
        return ""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in findings)
    return ('<aside class="upr-findings" style="font: 10pt sans-serif; background: #fff8e1; border: 1px solid #e0b000; '
            f'padding: 0.5em 1em; margin: 0 0 1em">upr check found:<ul>{items}</ul></aside>')


def error_page(lines: list[str]) -> str:
    """Return the page shown while the content has a mistake: the mistakes, escaped."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (f"<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>upr: mistakes to fix</title>"
            f"<body style=\"font-family: sans-serif; margin: 2em\"><h1>Not built: fix these, then save</h1>"
            f"<ul>{items}</ul></body></html>")


def snapshot(folders: list[Path]) -> dict[Path, tuple[int, int]]:
    """Return every file below the folders with its size and modification time."""
    found = {}
    for folder in folders:
        try:
            paths = list(folder.rglob("*"))
        except OSError:  # the folder went away: nothing to see until it is back
            continue
        for path in paths:
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            try:
                stat = path.stat()
            except OSError:  # an editor's temporary file, gone since the folder was listed
                continue
            if not path.is_dir():
                found[path] = (stat.st_size, stat.st_mtime_ns)
    return found


@dataclass
class Watcher:
    """Rebuilds one submission when its files change; `say` prints a line (findings, what was written)."""

    folder: Path
    preview: Preview
    say: Callable[[str], None]
    out_dir: Path | None = None
    formats: tuple[str, ...] = ()
    """Files to write at each rebuild besides the preview (docx, pdf); none by default."""
    templates_root: Path | None = None
    folders: list[Path] = field(default_factory=list)
    """What is watched: the submission's folder and its template's (found at each rebuild)."""

    def rebuild(self) -> None:
        """Reload, check, render the preview (and write what was asked); show mistakes instead when there are."""
        start = time.perf_counter()
        self.folders = self.folders or [self.folder]
        try:
            submission = load_resolved(self.folder)
            self.folders = [self.folder, template_dir(submission.meta.template, self.templates_root)]
            report = run_checks(submission)
            found = [format_finding(finding, Path.cwd()) for finding in report.findings]
            for line in found:
                self.say(line)
            self.preview.show(html_preview(submission, self.templates_root), found)
            written = build_submission(submission, self.out_dir, self.formats, self.templates_root).outputs \
                if self.formats and self.out_dir is not None else []
        except UprError as exc:
            for line in exc.lines():
                self.say(f"upr: error: {line}")
            self.preview.show(error_page(exc.lines()))
            return
        errors = sum(f.severity == "error" for f in report.findings)
        warnings = sum(f.severity == "warning" for f in report.findings)
        extra = "".join(f", wrote {path}" for path in written)
        self.say(f"rebuilt in {time.perf_counter() - start:.2f} s: {errors} error{'s' * (errors != 1)}, "
                 f"{warnings} warning{'s' * (warnings != 1)}{extra}")

    def run(self, stop: threading.Event) -> None:
        """Rebuild now, then at every change, until `stop` is set.

        The files are looked at before each rebuild, so that a save made while a rebuild runs is seen at the
        next look and rebuilt too.
        """
        self.folders = self.folders or self.find_folders()
        seen = self.snapshot()
        self.rebuild()
        while not stop.wait(POLL_SECONDS):
            now = self.snapshot()
            if now != seen:
                seen = now
                self.rebuild()

    def find_folders(self) -> list[Path]:
        """Return the submission's folder and, when it can be read, its template's."""
        try:
            return [self.folder, template_dir(load_resolved(self.folder).meta.template, self.templates_root)]
        except UprError:
            return [self.folder]

    def snapshot(self) -> dict[Path, tuple[int, int]]:
        """Return the watched files with their sizes and times (the outputs' folder left out)."""
        found = snapshot(self.folders)
        if self.out_dir is not None:
            out = self.out_dir.resolve()
            found = {path: stamp for path, stamp in found.items() if not path.resolve().is_relative_to(out)}
        return found


def serve(preview: Preview, port: int = 0) -> ThreadingHTTPServer:
    """Return a server on 127.0.0.1 (port 0: any free one) that serves the preview and its version, nothing else."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            if host not in ("127.0.0.1", "localhost"):  # a page elsewhere that points a name at 127.0.0.1
                self.send_error(403)
                return
            page, version = preview.current()
            if self.path == "/version":
                body, kind = str(version).encode(), "text/plain"
            elif self.path in ("/", "/index.html"):
                body, kind = page, "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's name)
            return  # the terminal shows findings, not requests

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server
