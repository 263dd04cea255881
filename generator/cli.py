"""The `upr` command line: each command parses options, calls the library, prints."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

from . import __version__


class LazyGroup(click.Group):
    """A command group whose heavier commands are imported only when they run, and whose usage errors are
    one line (exit 2) rather than click's usage block."""

    lazy = {"check": "generator.cli_check", "diff": "generator.cli_diff", "recommendations": "generator.cli_recommendations"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            return getattr(importlib.import_module(self.lazy[name]), name)
        return super().get_command(ctx, name)

    def main(self, *args, **kwargs):  # type: ignore[override]
        """Run the command; a usage error is one line that says where to look, and exits 2."""
        kwargs.pop("standalone_mode", None)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:  # `upr` alone: its help, as --help gives it
            click.echo(exc.ctx.get_help() if exc.ctx is not None else "")
            sys.exit(0)
        except click.UsageError as exc:
            command = " ".join(["upr", *exc.ctx.command_path.split()[1:]]) if exc.ctx is not None else "upr"
            click.echo(f"upr: error: {exc.format_message()} (see {command} --help)", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"upr: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("upr: stopped", err=True)
            sys.exit(1)
        except BrokenPipeError:  # the reader went away (`upr build | head -1`): nothing more to say to it
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:  # a fault of upr's, not of the content: one line, the traceback on request
            if os.environ.get("UPR_DEBUG"):
                raise
            from .errors import fault_line

            click.echo(f"upr: error: {fault_line(exc)}", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="upr")
def main() -> None:
    """Write UN Universal Periodic Review submissions as structured content."""


@main.command()
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "formats", default="docx,pdf", show_default=True, help="Comma-separated: docx, pdf, html, md.")
@click.option("--out", "out_dir", default=Path("build"), type=click.Path(path_type=Path), show_default=True,
              help="The folder to write the outputs to (made if missing).")
@click.option("--templates", type=click.Path(path_type=Path), help="A folder of templates to use instead of upr's.")
@click.option("--force", is_flag=True, help="Build even when the checks find errors.")
@click.option("--rebuild", is_flag=True, help="Write every output, also those whose content has not changed.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="How many submissions to build at once (default: one per processor core).")
def build(folders: tuple[Path, ...], formats: str, out_dir: Path, templates: Path | None, force: bool,
          rebuild: bool, jobs: int | None) -> None:
    """Check, then build each submission in FOLDERS (default: all of content/) into --out.

    Each submission's errors and warnings are printed; every submission without errors is built, and the
    command exits 1 at the end naming those that were not. Outputs whose content has not changed since
    they were written are left as they are. Several submissions are built at once, one per core.
    """
    from .cliutil import content_dirs, fail, say_error
    from .errors import UprError, UsageProblem, shown_path
    from .build import build_folders, parse_formats

    try:
        chosen, wanted = content_dirs(folders), parse_formats(formats)
        if templates is not None and not templates.is_dir():
            raise UsageProblem(f"there is no templates folder '{templates}'")
        if out_dir.exists() and not out_dir.is_dir():
            raise UsageProblem(f"--out '{out_dir}' is a file: give the folder to write the outputs to")
        names: dict[str, Path] = {}
        for folder in chosen:  # the outputs are named after the folder: two of one name would overwrite
            if (other := names.setdefault(folder.resolve().name, folder)) is not folder:
                raise UsageProblem(f"'{shown_path(other)}' and '{shown_path(folder)}' would both be written to "
                                   f"{shown_path(out_dir / folder.resolve().name)}.*: build them into different "
                                   "--out folders")
    except UprError as exc:
        fail(exc)
    failed = []
    builds = build_folders(chosen, out_dir, wanted, templates, force, rebuild, jobs or _cores())
    for count, done in enumerate(builds, start=1):
        if len(chosen) > 1:
            state = "not built" if done.failures else "built" if done.result else "up to date"
            click.echo(f"[{count}/{len(chosen)}] {shown_path(done.folder)}: {state}")
        echo_findings(done.findings)
        if done.failures:
            for line in done.failures:
                say_error(line)
            failed.append(shown_path(done.folder))
            continue
        for url in done.refused_urls:
            click.echo(f"upr: warning: the PDF renderer did not fetch {url}", err=True)
        for path in done.up_to_date:
            click.echo(f"up to date: {path} (nothing changed; --rebuild writes it again)")
        for path in done.result.outputs if done.result else []:
            click.echo(f"wrote {path}")
    if len(chosen) > 1 and failed:
        failed.sort(key=[shown_path(f) for f in chosen].index)  # in the order asked for, whichever finished first
        click.echo(f"upr: error: {len(failed)} of {len(chosen)} submissions not built: {', '.join(failed)}", err=True)
    if failed:
        sys.exit(1)


def _cores() -> int:
    """Return how many processor cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def echo_findings(findings: list) -> None:
    """Print findings on stderr, one line each."""
    from .checks.report import format_finding

    for finding in findings:
        click.echo(format_finding(finding, Path.cwd()), err=True)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--state", help="The State under review, as the UN names it (asked for when missing).")
@click.option("--cycle", type=int, help="The UPR cycle of this review: 1, 2, 3, 4 … (asked for when missing).")
@click.option("--organisation", "organisations", multiple=True,
              help="A submitting organisation; repeat it for a coalition (asked for when missing).")
@click.option("--type", "kind", default=None, help="individual or joint (default: joint for several organisations).")
@click.option("--language", default="en", show_default=True, help="en, fr or es.")
@click.option("--numbering", default="continuous", show_default=True, help="continuous or by-section.")
@click.option("--session", type=int, help="The session of the UPR Working Group.")
@click.option("--recommendations", "data", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="A data file from `upr recommendations import`, copied in and wired up; its review gives the "
                   "State and the cycle when they are not given.")
def new(folder: Path, state: str | None, cycle: int | None, organisations: tuple[str, ...], kind: str | None,
        language: str, numbering: str, session: int | None, data: Path | None) -> None:
    """Start a new submission in FOLDER: a skeleton that checks clean and builds, with comments on every key."""
    from .cliutil import fail
    from .errors import UprError, UsageProblem, shown_path
    from .contentwrite import read_data_option
    from .new import NewSubmission, create

    asking = sys.stdin.isatty()
    try:
        if data is not None:  # the data's review says which State, and the cycle that follows it
            rset = read_data_option(data)
            state = state or rset.state_under_review
            cycle = cycle or (rset.cycle + 1 if rset.cycle else None)
        state = state or (click.prompt("State under review") if asking else None)
        cycle = cycle or (click.prompt("UPR cycle of this review (1, 2, 3, 4 …)", type=int) if asking else None)
        if not organisations and asking:
            organisations = tuple(n.strip() for n in click.prompt("Organisation(s), separated by ;").split(";"))
        if not state or not cycle or not organisations:
            missing = [name for name, value in (("--state", state), ("--cycle", cycle),
                                                ("--organisation", organisations)) if not value]
            raise UsageProblem(f"give {', '.join(missing)} (or run upr new in a terminal, which asks)")
        joint = kind or ("joint" if len(organisations) > 1 else "individual")
        spec = NewSubmission(state, cycle, list(organisations), joint, language, numbering, session, data)
        written = create(folder, spec)
    except UprError as exc:
        fail(exc)
    click.echo(f"wrote {shown_path(folder)}/ ({len(written)} files): edit {shown_path(folder / 'submission.yaml')} "
               f"and the section files, then run: upr check {shown_path(folder)}")


@main.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.option("--port", default=8765, show_default=True, help="The port of the preview on 127.0.0.1 (0: any free one).")
@click.option("--format", "formats", default="", help="Also write these at every save: docx, pdf (comma-separated).")
@click.option("--out", "out_dir", default=Path("build"), type=click.Path(path_type=Path), show_default=True,
              help="The folder for --format's files.")
def watch(folder: Path | None, port: int, formats: str, out_dir: Path) -> None:
    """Check FOLDER and rebuild its preview at every save; the page on 127.0.0.1 follows by itself. Ctrl-C stops."""
    from .cliutil import content_dirs, fail
    from .errors import UprError, UsageProblem, shown_path
    import threading

    from .build import parse_formats
    from .watch import Preview, Watcher, serve

    try:
        chosen = content_dirs((folder,) if folder else ())
        if len(chosen) != 1:
            raise UsageProblem("name the submission folder to watch: content/ holds several")
        wanted = parse_formats(formats) if formats else ()
        if set(wanted) - {"docx", "pdf"}:
            raise UsageProblem("upr watch --format writes docx and pdf (the preview is the HTML)")
        preview = Preview()
        server = serve(preview, port)
    except OSError as exc:
        fail(UsageProblem(f"cannot serve the preview on 127.0.0.1:{port} ({exc.strerror or exc}): try --port 0"))
    except UprError as exc:
        fail(exc)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    click.echo(f"watching {shown_path(chosen[0])}: the preview is at http://127.0.0.1:{server.server_address[1]}/ "
               "(Ctrl-C stops)")
    stop = threading.Event()
    try:
        Watcher(chosen[0], preview, lambda line: click.echo(line, err=line.startswith("upr: error")), out_dir,
                wanted).run(stop)
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.shutdown()
        server.server_close()


@main.command()
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
def schema(folders: tuple[Path, ...]) -> None:
    """Write the editor's schemas into each submission in FOLDERS (default: all of content/), as upr new does:
    after upgrading upr, so that the editor knows what this version accepts."""
    from .cliutil import content_dirs, fail
    from .errors import UprError, shown_path
    from .schema import FOLDER, write_schemas

    try:
        chosen = content_dirs(folders)
    except UprError as exc:
        fail(exc)
    for folder in chosen:
        written = write_schemas(folder)
        click.echo(f"wrote {len(written)} schemas into {shown_path(folder / FOLDER)}")


@main.command("import")
@click.argument("word_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--out", "folder", required=True, type=click.Path(path_type=Path),
              help="The new submission folder to write (it must not exist, or be empty).")
@click.option("--recommendations", "data_files", multiple=True,
              type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Recommendation data (from upr recommendations import): references typed as text become {rec …}.")
def import_(word_file: Path, folder: Path, data_files: tuple[Path, ...]) -> None:
    """Bring a submission written in Word (.docx, or .doc with LibreOffice installed) in as a submission folder."""
    from .cliutil import fail
    from .errors import UprError, shown_path
    from .wordimport import import_folder

    try:
        result, written = import_folder(word_file, folder, list(data_files))
    except UprError as exc:
        fail(exc)
    for line in result.conversions:
        click.echo(f"converted: {line}")
    for line in result.problems:
        click.echo(f"upr: warning: {line}", err=True)
    from .traverse import note_calls, text_runs

    submission = result.submission
    paragraphs = len(submission.paragraphs())
    notes = len(note_calls(run.nodes for run in text_runs(submission)))
    click.echo(f"wrote {shown_path(folder)}/ ({len(written)} files): {len(submission.sections)} sections, {paragraphs} "
               f"paragraphs, {notes} notes, {len(result.conversions)} references made {{rec …}}; check the values "
               f"marked 'guessed' in {shown_path(folder / 'submission.yaml')}, then run: upr check {shown_path(folder)}")


if __name__ == "__main__":
    main()
