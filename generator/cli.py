"""The `upr` command line: each command parses options, calls the library, prints."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .build import build_submission, load_resolved, parse_formats
from .checks import run_checks
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
@click.option("--out", "out_dir", default=Path("build"), type=click.Path(path_type=Path, file_okay=False), show_default=True)
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True), help="Templates folder.")
@click.option("--force", is_flag=True, help="Build even when the checks find errors.")
def build(folders: tuple[Path, ...], formats: str, out_dir: Path, templates: Path | None, force: bool) -> None:
    """Check, then build each submission in FOLDERS (default: all of content/) into --out."""
    try:
        wanted = parse_formats(formats)
        submissions = [load_resolved(folder) for folder in content_dirs(folders)]
        reports = [run_checks(submission) for submission in submissions]
        errors = sum(report.count("error") for report in reports)
        for finding in (f for report in reports for f in report.findings if f.severity == "error"):
            click.echo(format_finding(finding, Path.cwd()), err=True)
        if errors and not force:
            raise UprError(f"the checks found {errors} error{'s' * (errors != 1)}: nothing written (--force builds anyway)")
        for submission in submissions:
            result = build_submission(submission, out_dir, wanted, templates)
            for url in result.refused_urls:
                click.echo(f"upr: warning: the PDF renderer did not fetch {url}", err=True)
            for path in result.outputs:
                click.echo(f"wrote {path}")
    except UprError as exc:
        fail(exc)


main.add_command(check)
main.add_command(diff)
main.add_command(recommendations)

if __name__ == "__main__":
    main()
