"""The `upr` command line: each command parses options, calls the library, prints."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from . import __version__
from .build import ChecksFailed, build_folders, parse_formats
from .checks.report import format_finding
from .cli_check import check
from .cliutil import content_dirs, fail
from .errors import UprError


class LazyGroup(click.Group):
    """A command group whose heavier commands are imported only when they run."""

    lazy = {"diff": "generator.cli_diff", "recommendations": "generator.cli_recommendations"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            return getattr(importlib.import_module(self.lazy[name]), name)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="upr")
def main() -> None:
    """Write UN Universal Periodic Review submissions as structured content."""


@main.command()
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "formats", default="docx,pdf", show_default=True, help="Comma-separated: docx, pdf, html, md.")
@click.option("--out", "out_dir", default=Path("build"), type=click.Path(path_type=Path), show_default=True)
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True), help="Templates folder.")
@click.option("--force", is_flag=True, help="Build even when the checks find errors.")
def build(folders: tuple[Path, ...], formats: str, out_dir: Path, templates: Path | None, force: bool) -> None:
    """Check, then build each submission in FOLDERS (default: all of content/) into --out."""
    try:
        results, errors = build_folders(content_dirs(folders), out_dir, parse_formats(formats), templates, force)
    except ChecksFailed as exc:
        echo_findings(exc.findings)
        fail(exc)
    except UprError as exc:
        fail(exc)
    echo_findings(errors)
    for result in results:
        for url in result.refused_urls:
            click.echo(f"upr: warning: the PDF renderer did not fetch {url}", err=True)
        for path in result.outputs:
            click.echo(f"wrote {path}")


def echo_findings(findings: list) -> None:
    """Print findings on stderr, one line each."""
    for finding in findings:
        click.echo(format_finding(finding, Path.cwd()), err=True)


main.add_command(check)

if __name__ == "__main__":
    main()
