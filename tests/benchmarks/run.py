"""The benchmark (`make bench`): upr's commands as whole processes, beside pandoc, LibreOffice and WeasyPrint.

    python -m tests.benchmarks.run [--runs N] [--quick] [--out FOLDER]

Every command is a process of its own, timed from start to exit, with its
CPU time and peak memory (measure.py); the figures are medians of several
runs after an untimed warm-up, and the commands of a group take turns, so
that a ratio compares them at the same moments of the machine. The
submissions are the example and synthetic ones 4, 16 and 64 times its size
(synthetic.py); the groups and their targets are those of issue 13. The
results go to RESULTS.md and scaling.png beside this file (report.py).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.benchmarks import report
from tests.benchmarks.report import (BATCH, CHECK, CLICK, DIFF, DOCX, FULL, IMPORT, JOBS_DEFAULT, JOBS_ONE, NOOP, PANDOC,
                                     PDF, SOFFICE, SYSTEM_PANDOC, VERSION, WEASYPRINT)
from tests.benchmarks.measure import Command, Row, run_side_by_side
from tests.benchmarks.synthetic import scaled
from tests.benchmarks.watch_latency import save_to_preview
from tests.shareddata import SHARED_DATA

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "content" / "kazakhstan-2019"
REVISED = ROOT / "tests" / "fixtures" / "diff" / "kazakhstan-2019-revised"
SIZES = (1, 4, 16, 64)
QUICK_SIZES = (1, 4)
UPR = str(Path(sys.executable).parent / "upr")


@dataclass
class Features:
    """What this upr's build command offers of issue 13 (it may not have landed yet)."""

    rebuild: bool
    """`--rebuild`: a build writes even when its outputs are up to date."""
    jobs: bool
    """`--jobs N`: several submissions are built in parallel."""

    @classmethod
    def of_installed(cls) -> Features:
        """Return what `upr build --help` lists."""
        text = subprocess.run([UPR, "build", "--help"], capture_output=True, text=True, check=True).stdout
        return cls(rebuild="--rebuild" in text, jobs="--jobs" in text)

    def rebuild_flag(self) -> list[str]:
        """Return the option that makes a build write every time, if there is one (without it, each does)."""
        return ["--rebuild"] if self.rebuild else []


@dataclass
class Plan:
    """How much is run: the sizes, and the runs of each kind of command."""

    sizes: tuple[int, ...]
    runs: int
    """Timed runs at the small sizes and of the fast commands."""
    quick: bool = False

    def runs_at(self, factor: int, slow: bool = False) -> int:
        """Return the timed runs of a command at `factor` times the example; a slow one runs once at 16× and up."""
        if factor < 16:
            return self.runs
        return 1 if slow else min(self.runs, 3)

    @property
    def batch_runs(self) -> int:
        """Return the timed runs of each batch build (20 to 30 s each): three, so that the median is one of them."""
        return 1 if self.quick else min(self.runs, 3)


@dataclass
class Results:
    """Everything one run of the benchmark measured, for report.py."""

    plan: Plan
    features: Features
    started: str
    load_before: str
    load_after: str = ""
    seconds: float = 0.0
    """How long the whole benchmark took."""
    paragraphs: dict[int, int] = field(default_factory=dict)
    """The numbered paragraphs of the example at each factor, counted in the resolved submission."""
    scaling: dict[tuple[str, int], Row] = field(default_factory=dict)
    """The rows of the size groups, by command name and factor."""
    startup: list[Row] = field(default_factory=list)
    imported: list[Row] = field(default_factory=list)
    import_note: str = ""
    noop: list[Row] = field(default_factory=list)
    batch: list[Row] = field(default_factory=list)
    watch: list[float] = field(default_factory=list)
    """Seconds from each save to the preview's next version."""
    versions: dict[str, str] = field(default_factory=dict)
    machine: dict[str, str] = field(default_factory=dict)


def pandoc_binary() -> str | None:
    """Return the pandoc that pypandoc-binary ships (the `bench` extra), or None if it is not installed."""
    try:
        import pypandoc
    except ImportError:
        return None
    return pypandoc.get_pandoc_path()


def system_pandoc() -> str | None:
    """Return the pandoc on PATH, if there is one other than pypandoc-binary's."""
    found = shutil.which("pandoc")
    return found if found and Path(found).resolve() != Path(pandoc_binary() or "").resolve() else None


def upr(*args: str) -> list[str]:
    """Return the command line of upr with `args`."""
    return [UPR, *args]


def setup_run(command: list[str]) -> None:
    """Run a command that prepares the inputs of a benchmark; stop with its output if it fails."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: preparing failed: {' '.join(command)}\n{done.stdout}{done.stderr}")


def size_commands(factor: int, work: Path, plan: Plan, features: Features) -> list[Command]:
    """Return the commands timed at `factor` times the example (beside pandoc, and at 1× LibreOffice and
    WeasyPrint)."""
    old, new = work / f"example-{factor}x", work / f"revised-{factor}x"
    out = work / f"out-{factor}x"
    build = ["--force", "--out", str(out), *features.rebuild_flag()]
    runs, slow = plan.runs_at(factor), plan.runs_at(factor, slow=True)
    commands = [
        Command(CHECK, upr("check", str(old)), runs, ok_codes=(0, 1)),  # 1: the scaled text is over the word limit
        Command(DOCX, upr("build", str(old), "--format", "docx", *build), runs),
        Command(PDF, upr("build", str(old), "--format", "pdf", *build), slow, warm_up=factor < 16),
        Command(DIFF, upr("diff", str(old), str(new)), runs),
    ]
    markdown = work / f"md-{factor}x" / f"{old.name}.md"
    for name, pandoc in ((PANDOC, pandoc_binary()), (SYSTEM_PANDOC, system_pandoc())):
        argv = [pandoc, str(markdown), "-o", str(out / "pandoc.docx")] if pandoc else None
        commands.append(Command(name, argv, runs, note="" if pandoc else "not on this machine"))
    if factor == 1:
        commands += tool_pdf_commands(work, old, runs)
    return commands


def tool_pdf_commands(work: Path, folder: Path, runs: int) -> list[Command]:
    """Return LibreOffice making a PDF of upr's DOCX, and WeasyPrint laying out the HTML upr gives it."""
    soffice = shutil.which("soffice")
    profile = (work / "libreoffice-profile").as_uri()  # its own, so that no other LibreOffice is disturbed
    lo_argv = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(work / "libreoffice"), str(work / "tools" / f"{folder.name}.docx")]
    page, pdf = work / "tools" / "pdf-page.html", work / "tools" / "weasyprint.pdf"
    # upr's own call (render/pdf.py), so that the PDF is the very file upr writes
    wp_argv = [sys.executable, "-c", "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1], base_url=sys.argv[2])"
               ".write_pdf(sys.argv[3], pdf_variant='pdf/ua-1', pdf_identifier=False, custom_metadata=True)",
               str(page), folder.as_uri() + "/", str(pdf)]
    return [Command(SOFFICE, lo_argv if soffice else None, runs, note="" if soffice else "soffice is not on PATH"),
            Command(WEASYPRINT, wp_argv, runs)]


def prepare(work: Path, plan: Plan, results: Results) -> None:
    """Write the scaled submissions, the Markdown pandoc reads, and upr's DOCX and PDF page for the other tools."""
    from generator.build import load_resolved
    from generator.render.html import pdf_page

    for factor in plan.sizes:
        old = scaled(EXAMPLE, factor, work / f"example-{factor}x")
        scaled(REVISED, factor, work / f"revised-{factor}x")
        results.paragraphs[factor] = len(load_resolved(old).paragraphs())
        setup_run(upr("build", str(old), "--force", "--format", "md", "--out", str(work / f"md-{factor}x")))
    one = work / "example-1x"
    setup_run(upr("build", str(one), "--format", "docx", "--out", str(work / "tools")))
    # the very page the PDF build hands WeasyPrint
    (work / "tools" / "pdf-page.html").write_text(pdf_page(load_resolved(one)), encoding="utf-8")


def largest_report() -> Path | None:
    """Return the largest Working Group report (PDF) under shared/data, or None when it is absent."""
    if not SHARED_DATA.is_dir():
        return None
    reports = [path for path in SHARED_DATA.rglob("*.pdf") if "-Add." not in path.name]  # an addendum is not one
    return max(reports, key=lambda path: path.stat().st_size, default=None)


def batch_folder(work: Path) -> list[Path]:
    """Write `BATCH` copies of the example, each under a name of its own, into one folder; return them."""
    parent = work / "content-like"
    copies = [parent / f"{EXAMPLE.name}-{k:02}" for k in range(1, BATCH + 1)]
    for copy in copies:
        shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(".*"))
    return copies


def run_sizes(work: Path, plan: Plan, results: Results) -> None:
    """Time check, build, diff and the other tools at each size."""
    for factor in plan.sizes:
        say(f"{factor}× the example ({results.paragraphs[factor]} paragraphs)")
        for row in run_side_by_side(size_commands(factor, work, plan, results.features), say):
            results.scaling[(row.name, factor)] = row


def run_others(work: Path, plan: Plan, results: Results) -> None:
    """Time start-up, the import of the largest report, the no-op rebuild, the batch and the preview."""
    features, runs = results.features, plan.runs
    say("start-up")
    results.startup = run_side_by_side([Command(VERSION, upr("--version"), runs),
                                        Command(CLICK, [sys.executable, "-c", "import click"], runs)], say)
    largest = largest_report()
    if largest is None:
        results.import_note = f"skipped: the shared reports are not there ({SHARED_DATA})"
    else:
        say(f"import of {largest.name}")
        results.import_note = f"{largest.relative_to(SHARED_DATA)}, {largest.stat().st_size / 1e3:.0f} kB"
        results.imported = run_side_by_side(
            [Command(IMPORT, upr("recommendations", "import", str(largest), "--out", str(work / "imported.yaml")), runs)],
            say)
    say("no-op rebuild")
    results.noop = run_side_by_side(noop_commands(work, runs, features), say)
    say("batch")
    results.batch = run_side_by_side(batch_commands(work, plan, features), say)
    say("save → preview in upr watch")
    results.watch = save_to_preview(max(runs * 2, 5))


def noop_commands(work: Path, runs: int, features: Features) -> list[Command]:
    """Return a full docx+pdf build and, right after it each round, the same build again."""
    folder, out = EXAMPLE, ["--out", str(work / "out-noop")]
    full = Command(FULL, upr("build", str(folder), "--format", "docx,pdf", *out, *features.rebuild_flag()), runs)
    if not features.rebuild:
        return [full, Command(NOOP, None, runs, note="not available: this upr has no up-to-date builds yet")]
    return [full, Command(NOOP, upr("build", str(folder), "--format", "docx,pdf", *out), runs, warm_up=False,
                          expect="up to date:")]


def batch_commands(work: Path, plan: Plan, features: Features) -> list[Command]:
    """Return the batch of copies of the example built with upr's default --jobs and with --jobs 1."""
    copies = [str(path) for path in batch_folder(work)]
    argv = upr("build", *copies, "--format", "docx,pdf", "--out", str(work / "out-batch"), *features.rebuild_flag())
    runs = plan.batch_runs  # the builds of the sizes have warmed the imports and the disk: no warm-up
    if not features.jobs:
        return [Command(JOBS_DEFAULT, argv, runs, warm_up=False, note="this upr has no --jobs: one after another"),
                Command(JOBS_ONE, None, runs, note="not available: this upr has no --jobs yet")]
    return [Command(JOBS_DEFAULT, argv, runs, warm_up=False),
            Command(JOBS_ONE, [*argv, "--jobs", "1"], runs, warm_up=False)]


def say(line: str) -> None:
    """Print a line of progress at once."""
    print(line, flush=True)


def parse(argv: list[str] | None) -> tuple[Plan, Path]:
    """Return the plan and the output folder the command line asks for."""
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (default 5; fewer at 16× "
                                                            "and 64×, see RESULTS.md)")
    parser.add_argument("--quick", action="store_true", help="1× and 4× only, 3 runs: to try the benchmark out")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent,
                        help="where RESULTS.md and scaling.png go (default: beside this file)")
    args = parser.parse_args(argv)
    if args.quick:
        return Plan(QUICK_SIZES, min(args.runs, 3), quick=True), args.out
    return Plan(SIZES, args.runs), args.out


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark; write RESULTS.md and scaling.png."""
    plan, out = parse(argv)
    start = time.perf_counter()
    results = Results(plan, Features.of_installed(), report.now(), report.load_average())
    results.versions, results.machine = report.versions(UPR, pandoc_binary(), system_pandoc()), report.machine()
    with tempfile.TemporaryDirectory(prefix="upr-bench-") as tmp:
        work = Path(tmp)
        prepare(work, plan, results)
        run_sizes(work, plan, results)
        run_others(work, plan, results)
    results.load_after, results.seconds = report.load_average(), time.perf_counter() - start
    out.mkdir(parents=True, exist_ok=True)
    (out / "RESULTS.md").write_text(report.results_markdown(results), encoding="utf-8")
    report.plot(results, out / "scaling.png")
    say(f"wrote {out / 'RESULTS.md'} and {out / 'scaling.png'} in {results.seconds / 60:.1f} min")


if __name__ == "__main__":
    main()
