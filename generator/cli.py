"""The `upr` command line: each command parses options, calls the library, prints."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .build import ChecksFailed, build_folders, parse_formats
from .checks.report import format_finding
from .cli_check import check
from .cli_diff import diff
from .cli_recommendations import recommendations
from .cliutil import content_dirs, fail
from .errors import UprError


@click.group()
@click.version_option(__version__, prog_name="upr")
def main() -> None:
    """Write UN Universal Periodic Review submissions as structured content."""


@main.command()
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "formats", default="docx,pdf", show_default=True, help="Comma-separated: docx, pdf, html.")
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
main.add_command(diff)
main.add_command(recommendations)

if __name__ == "__main__":
    main()
