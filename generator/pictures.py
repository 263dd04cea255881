"""Tell whether a logo is a picture every output can show, before any renderer is given it.

A PNG or JPEG is decoded whole by Pillow (which WeasyPrint draws it with):
a truncated or mislabelled file is found here, not as a fault inside the
DOCX or PDF writer, and a picture too large to decode safely (a
"decompression bomb": a small file that unpacks to gigabytes) is refused
from its header, before any pixel is unpacked. An SVG must be XML whose
root is an <svg> element and that declares no entities of its own (entity
expansion is the SVG form of the same bomb).
"""

from __future__ import annotations

import warnings
from pathlib import Path

LOGO_MAX_BYTES = 10 * 1024 * 1024
"""A logo file's largest size: far above any logo (they are tens of kilobytes), and the HTML carries it."""

LOGO_MAX_PIXELS = 25_000_000
"""A PNG or JPEG logo's largest number of pixels (5,000 × 5,000): decoded, about 100 MB of memory."""

PILLOW_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
LOGO_SUFFIXES = (*PILLOW_FORMATS, ".svg")
"""The kinds of file a logo may be, by the ending of its name."""

SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def logo_problem(path: Path) -> str | None:
    """Return what keeps the logo file at `path` from being shown (its name's suffix says its kind), or None."""
    kind = path.suffix.lstrip(".").upper()
    unreadable = f"is not {'an' if kind == 'SVG' else 'a'} {kind} picture that can be read: export the logo again"
    try:
        size = path.stat().st_size
        if size > LOGO_MAX_BYTES:
            return (f"is {size / 1024 / 1024:.0f} MB, more than the {LOGO_MAX_BYTES // 1024 // 1024} MB a logo may "
                    "be: export it smaller")
        data = path.read_bytes()
    except OSError:
        return unreadable
    if path.suffix.lower() == ".svg":
        return _svg_problem(data, unreadable)
    if not _ends_as_its_format_says(data, PILLOW_FORMATS[path.suffix.lower()]):
        return unreadable
    return _raster_problem(path, PILLOW_FORMATS[path.suffix.lower()], unreadable)


PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the empty IEND chunk with its checksum
JPEG_END = b"\xff\xd9"  # end of image; inside the data an 0xFF is always followed by 0x00 or a marker


def _ends_as_its_format_says(data: bytes, kind: str) -> bool:
    """Tell whether a PNG holds its end chunk, or a JPEG its end marker near its end: a truncated file does
    not. Said here because Pillow decodes a truncated file without a word once WeasyPrint is imported (it
    sets ImageFile.LOAD_TRUNCATED_IMAGES for the whole process)."""
    return PNG_END in data if kind == "PNG" else JPEG_END in data[-4096:]


def _raster_problem(path: Path, expected: str, unreadable: str) -> str | None:
    """Return what is wrong with a PNG or JPEG file, decoding it whole, or None."""
    from PIL import Image  # Pillow comes with WeasyPrint; imported only when a submission has a logo

    too_large = (f"has more than {LOGO_MAX_PIXELS:,} pixels, more than a logo may have (a picture that large "
                 "takes too much memory to draw): export it smaller, e.g. 1,000 pixels wide")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:  # reads the header only; Pillow refuses a bomb's size here
                if image.format != expected:
                    return unreadable
                if image.width * image.height > LOGO_MAX_PIXELS:
                    return too_large
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return too_large
    except (OSError, ValueError, SyntaxError, EOFError):
        return unreadable
    return None


def _svg_problem(data: bytes, unreadable: str) -> str | None:
    """Return what is wrong with an SVG file's content, or None."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return unreadable
    if root.tag not in (f"{{{SVG_NAMESPACE}}}svg", "svg"):
        return unreadable
    if root.getroottree().docinfo.internalDTD is not None:
        return "declares XML entities of its own, which upr does not expand: export the logo again without them"
    return None
