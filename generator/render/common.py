"""What every renderer shares: where templates and fonts are."""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

from ..errors import RenderError

__all__ = ["data_uri", "font_dir", "font_face_css", "template_dir"]

CHECKOUT = Path(__file__).resolve().parents[2]
INSTALLED_TEMPLATES = "share/upr/templates"  # where a wheel puts them, below the environment's data folder
FONT_PACKAGE = "common-fonts"
FONT_FAMILY = "PT Serif"
FONT_FILES = {  # (weight, style) → file in the font package
    ("normal", "normal"): "PT_Serif-Web-Regular.ttf",
    ("bold", "normal"): "PT_Serif-Web-Bold.ttf",
    ("normal", "italic"): "PT_Serif-Web-Italic.ttf",
    ("bold", "italic"): "PT_Serif-Web-BoldItalic.ttf",
}


def template_dir(template: str, templates_root: Path | None = None) -> Path:
    """Return the folder of a named template; raise RenderError if there is none."""
    root = templates_root or default_templates()
    folder = (root / template).resolve()
    if not folder.is_relative_to(root.resolve()) or not folder.is_dir():
        raise RenderError(f"no template '{template}' in {root}")
    return folder


MEDIA_TYPES = {".ttf": "font/ttf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".svg": "image/svg+xml"}


def data_uri(path: Path) -> str:
    """Return a file's content as a `data:` URI, for an HTML file that carries what it shows."""
    media_type = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
    return f"data:{media_type};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


@lru_cache(maxsize=1)
def default_templates() -> Path:
    """Return the folder of upr's own templates: templates/ in a checkout, else where the wheel installed them."""
    if (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "templates").is_dir():
        return CHECKOUT / "templates"
    from importlib import metadata  # only an installed upr asks (it takes a while to import)

    try:
        files = metadata.files("upr") or []
    except metadata.PackageNotFoundError:
        files = []
    for entry in files:
        if entry.as_posix().endswith(f"{INSTALLED_TEMPLATES}/default/reference.docx"):
            return Path(str(entry.locate())).resolve().parents[1]
    raise RenderError("upr's templates are missing from this installation: install upr again from its wheel or checkout")


@lru_cache(maxsize=1)
def font_dir() -> Path:
    """Return the folder holding the PDF's font, installed as a Python dependency."""
    from importlib import metadata

    try:
        files = metadata.files(FONT_PACKAGE) or []
    except metadata.PackageNotFoundError:
        raise RenderError(f"the font package '{FONT_PACKAGE}' is not installed: run 'make pdf'") from None
    for entry in files:
        if entry.name == FONT_FILES[("normal", "normal")]:
            return Path(str(entry.locate())).resolve().parent
    raise RenderError(f"'{FONT_PACKAGE}' has no {FONT_FAMILY} files")


def font_face_css(embedded: bool = False) -> str:
    """Return @font-face rules for the bundled serif: by file URL (for the PDF), or `embedded` in the rules
    (for the HTML preview, which travels without the font and must not name the author's folders)."""
    rules = []
    for (weight, style), name in FONT_FILES.items():
        url = data_uri(font_dir() / name) if embedded else (font_dir() / name).as_uri()
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{url}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)
