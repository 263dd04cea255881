"""The `upr` command line: each command parses options, calls the library, prints."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .build import build_submission, load_resolved, parse_formats
from .errors import UprError

CONTENT_ROOT = Path("content")


def content_dirs(given: tuple[Path, ...]) -> list[Path]:
    """Return the submission folders named, or every one under content/."""
    if given:
        return list(given)
    found = sorted(p.parent for p in CONTENT_ROOT.glob("*/submission.yaml"))
    if not found:
        raise UprError("no submission folder given and none found under content/")
    return found


def fail(exc: UprError) -> None:
    """Print an error on one line and exit with status 1."""
    click.echo(f"upr: error: {exc}", err=True)
    sys.exit(1)


@click.group()
@click.version_option(__version__, prog_name="upr")
def main() -> None:
    """Write UN Universal Periodic Review submissions as structured content."""


@main.command()
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "formats", default="docx,pdf", show_default=True, help="Comma-separated: docx, pdf, html.")
@click.option("--out", "out_dir", default=Path("build"), type=click.Path(path_type=Path, file_okay=False), show_default=True)
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True), help="Templates folder.")
def build(folders: tuple[Path, ...], formats: str, out_dir: Path, templates: Path | None) -> None:
    """Build each submission in FOLDERS (default: all of content/) into --out."""
    try:
        wanted = parse_formats(formats)
        submissions = [load_resolved(folder) for folder in content_dirs(folders)]
        for submission in submissions:
            result = build_submission(submission, out_dir, wanted, templates)
            for url in result.refused_urls:
                click.echo(f"upr: warning: the PDF renderer did not fetch {url}", err=True)
            for path in result.outputs:
                click.echo(f"wrote {path}")
    except UprError as exc:
        fail(exc)


def _register_commands() -> None:
    """Add the commands that live in their own modules (check, diff, recommendations)."""
    import importlib

    for module, name in (("cli_check", "check"), ("cli_diff", "diff"), ("cli_recommendations", "recommendations")):
        try:
            mod = importlib.import_module(f"generator.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"generator.{module}":
                raise
            continue
        main.add_command(getattr(mod, name))


_register_commands()

if __name__ == "__main__":
    main()
