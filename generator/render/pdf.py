"""Render the model as PDF: the HTML of html.py, laid out by WeasyPrint.

Layout lives in CSS (notes at the page bottom are `float: footnote`); this
module only wires things up, and fences what WeasyPrint may read: files in
the submission's folder, the template folder and the bundled font, and data
the page carries (the logos), nothing else and nothing from the network.
"""

from __future__ import annotations

import contextlib
import io
import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import RenderError

SYSTEM_LIBRARIES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
"""The Debian and Ubuntu packages of the libraries WeasyPrint lays out and subsets fonts with."""

try:
    with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints a banner of its own before it fails
        import weasyprint
        from weasyprint.urls import URLFetcher, URLFetchingError
except OSError as exc:
    raise RenderError(f"the PDF needs system libraries that are not installed ({exc}); on Debian or Ubuntu: "
                      f"apt-get install {SYSTEM_LIBRARIES}") from None
from ..model import Submission
from .common import font_dir, template_dir
from .html import pdf_page


PDF_VARIANT = "pdf/ua-1"
"""The PDF is PDF/UA-1 (tagged, with XMP metadata that claims it): readable by screen readers."""


class FolderFetcher(URLFetcher):
    """A URL fetcher that serves local files under a few folders and refuses the rest."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None):
        """Return the file behind a `file:` URL inside the allowed folders."""
        if not self.allowed(url):
            if url not in self.refused:
                self.refused.append(url)
            raise URLFetchingError(f"upr does not fetch {url}")
        return super().fetch(url, headers)

    def allowed(self, url: str) -> bool:
        """Tell whether `url` is a local file inside one of the allowed folders, or data carried in the page."""
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return any(path.is_relative_to(root) for root in self.roots)


def render_pdf(submission: Submission, target: Path, templates_root: Path | None = None) -> list[str]:
    """Write the submission's PDF to `target`; return the URLs the renderer refused."""
    html = pdf_page(submission, templates_root)
    fetcher = FolderFetcher([submission.root, template_dir(submission.meta.template, templates_root), font_dir()])
    document = weasyprint.HTML(string=html, base_url=submission.root.as_uri() + "/", url_fetcher=fetcher)
    logger = logging.getLogger("weasyprint")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)  # WeasyPrint logs each refused URL; upr reports them, once each
    try:
        document.write_pdf(target, pdf_variant=PDF_VARIANT, pdf_identifier=False, custom_metadata=True)
    except (OSError, ValueError) as exc:
        raise RenderError(f"the PDF could not be written: {exc}") from None
    finally:
        logger.setLevel(previous)
    return fetcher.refused
