"""What the benchmark writes: RESULTS.md (the machine, the versions, a table per group, the targets) and
scaling.png (time per paragraph and peak memory against size).

Every figure comes from the `Results` of one run (run.py). The tables and
the targets are plain functions of those figures, so that a test can check
them without running anything.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tests.benchmarks.measure import Row

if TYPE_CHECKING:
    from tests.benchmarks.run import Results

# The rows the report looks up, by the names its tables give them.
BATCH = 10
"""How many copies of the example the batch builds."""

CHECK, DOCX, PDF, DIFF = "upr check", "upr build --format docx", "upr build --format pdf", "upr diff"
PANDOC, SYSTEM_PANDOC = "pandoc (pypandoc-binary), Markdown → DOCX", "pandoc (system), Markdown → DOCX"
SOFFICE, WEASYPRINT = "LibreOffice, upr's DOCX → PDF", "WeasyPrint alone, upr's HTML → PDF"
VERSION, CLICK = "upr --version", 'python -c "import click"'
FULL, NOOP = "full build, docx+pdf", "second build of unchanged content"
JOBS_DEFAULT, JOBS_ONE = f"{BATCH} submissions, --jobs default", f"{BATCH} submissions, --jobs 1"
IMPORT = "upr recommendations import"

NOT_AVAILABLE = "not available"
QUIET_CORES = 0.1
"""Below this many cores kept busy by other processes during a run, the machine counts as quiet."""


@dataclass
class Target:
    """A target of issue 13: a ratio (or a size) with its limit, and the figure this run gave."""

    what: str
    figure: float | None
    """The measured figure; None when it was not measured in this run."""
    limit: float
    at_most: bool = True
    """True: the figure must be at most the limit; False: at least."""
    unit: str = "×"
    detail: str = ""
    """Where the figure comes from, or why there is none."""

    @property
    def met(self) -> bool | None:
        """Tell whether the figure is within the limit; None when there is no figure."""
        if self.figure is None:
            return None
        return self.figure <= self.limit if self.at_most else self.figure >= self.limit

    def verdict(self) -> str:
        """Return 'met', 'missed by …' (how far off, as a multiple of the limit) or 'not measured'."""
        if self.met is None:
            return "not measured"
        if self.met:
            return "**met**"
        assert self.figure is not None
        off = self.figure / self.limit if self.at_most else self.limit / self.figure
        return f"**missed** ({off:.2f}× the limit)"

    def limit_text(self) -> str:
        """Return the limit as the issue writes it: ≤ 1.0×, ≥ 1.6×, ≤ 200 MB."""
        return f"{'≤' if self.at_most else '≥'} {self.limit:g}{'' if self.unit == '×' else ' '}{self.unit}"

    def figure_text(self) -> str:
        """Return the figure with its unit, or a dash."""
        if self.figure is None:
            return "–"
        return f"{self.figure:.2f}×" if self.unit == "×" else f"{self.figure:.0f} {self.unit}"


def ratio(top: Row | None, bottom: Row | None) -> float | None:
    """Return the ratio of two rows' median wall-clock times, or None when either was not timed."""
    if top is None or bottom is None or not top.available or not bottom.available:
        return None
    return top.wall / bottom.wall


def per_paragraph_growth(small: Row | None, large: Row | None, paragraphs: dict[int, int], factors: tuple[int, int]) -> float | None:
    """Return the time per paragraph at the larger factor over that at the smaller (1.0: linear)."""
    ratio_ = ratio(large, small)
    if ratio_ is None:
        return None
    return ratio_ * paragraphs[factors[0]] / paragraphs[factors[1]]


def seconds(value: float) -> str:
    """Return seconds to three significant figures or so: 0.123, 1.23, 12.3, 123."""
    if value < 1:
        return f"{value:.3f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


TEXT_COLUMNS = ("", "command", "note", "target", "verdict", "size", "1× the example")
"""The columns of words, aligned left; the others hold figures, aligned right."""


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """Return a Markdown table, the columns of figures aligned right."""
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join(":---" if header in TEXT_COLUMNS else "---:" for header in headers) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines) + "\n"


def timing_cells(row: Row) -> list[str]:
    """Return a row's runs, median wall and CPU seconds and peak memory, or 'not available' and why."""
    if not row.available:
        return ["–", NOT_AVAILABLE, "–", "–"]
    return [str(len(row.samples)), seconds(row.wall), seconds(row.cpu), f"{row.peak_mb:.0f}"]


TIMING_HEADERS = ["runs", "wall s (median)", "CPU s", "peak MB"]


def group_table(rows: list[Row]) -> str:
    """Return the table of a group: command, timings, note."""
    return markdown_table(["command", *TIMING_HEADERS, "note"],
                          [[f"`{row.name}`" if row.name.startswith(("upr", "python")) else row.name,
                            *timing_cells(row), row.command.note] for row in rows])


def scaling_table(results: Results) -> str:
    """Return the table of the sizes: for each factor and command, the timings and the time per paragraph."""
    lines = []
    for (name, factor), row in results.scaling.items():
        paragraphs = results.paragraphs[factor]
        per = f"{row.wall / paragraphs * 1000:.1f}" if row.available else "–"
        lines.append([f"{factor}×", str(paragraphs), name, *timing_cells(row), per, row.command.note])
    return markdown_table(["size", "paragraphs", "command", *TIMING_HEADERS, "ms per paragraph", "note"], lines)


def tools_table(results: Results) -> str:
    """Return upr's DOCX and PDF at 1× beside pandoc, LibreOffice and WeasyPrint, each as a multiple of upr's."""
    lines = []
    for base, others in ((DOCX, (PANDOC, SYSTEM_PANDOC)), (PDF, (SOFFICE, WEASYPRINT))):
        upr_row = results.scaling.get((base, 1))
        for name in (base, *others):
            row = results.scaling.get((name, 1))
            if row is None:
                continue
            share = ratio(row, upr_row)
            lines.append([name, *timing_cells(row), "1" if name == base else f"{share:.2f}" if share else "–",
                          row.command.note])
    return markdown_table(["1× the example", *TIMING_HEADERS, "× upr's", "note"], lines)


def find(rows: list[Row], name: str) -> Row | None:
    """Return the row of `name` in a group, if it is there."""
    return next((row for row in rows if row.name == name), None)


def targets(results: Results) -> list[Target]:
    """Return issue 13's targets with this run's figures."""
    at = results.scaling.get
    largest = max(results.plan.sizes)
    pandoc = results.versions.get("pandoc (pypandoc-binary)", "pandoc")
    found = [
        Target(f"DOCX build / {pandoc}, same text, 1×", ratio(at((DOCX, 1)), at((PANDOC, 1))), 1.0),
        Target("`upr check` / DOCX build, 1×", ratio(at((CHECK, 1)), at((DOCX, 1))), 0.4),
        Target('`upr --version` / `python -c "import click"`',
               ratio(find(results.startup, VERSION), find(results.startup, CLICK)), 1.3),
        Target("no-op rebuild / full docx+pdf build", ratio(find(results.noop, NOOP), find(results.noop, FULL)),
               0.15, detail=find_note(results.noop, NOOP)),
        Target(f"batch of {BATCH} speed-up, --jobs 1 / --jobs default ({os.cpu_count()} cores)",
               ratio(find(results.batch, JOBS_ONE), find(results.batch, JOBS_DEFAULT)), 1.6, at_most=False,
               detail=find_note(results.batch, JOBS_ONE) or quietness(results.batch)),
    ]
    for name in (CHECK, DOCX, DIFF):
        growth = per_paragraph_growth(at((name, 1)), at((name, 64)), results.paragraphs, (1, 64)) if largest == 64 else None
        found.append(Target(f"`{name}`: time per paragraph, 64× / 1×", growth, 1.5,
                            detail="" if largest == 64 else "64× not run (--quick)"))
    diff64 = at((DIFF, 64))
    found.append(Target("`upr diff` peak memory at 64×", diff64.peak_mb if diff64 and diff64.available else None,
                        200, unit="MB", detail="" if diff64 else "64× not run (--quick)"))
    return found


def quietness(rows: list[Row]) -> str:
    """Return how busy other processes kept the machine during these rows' runs, and whether it was quiet."""
    timed = [row for row in rows if row.available]
    if not timed:
        return ""
    others = max(row.others for row in timed)
    verdict = "a quiet machine" if others < QUIET_CORES else "not a quiet machine"
    return f"other processes kept {others:.2f} cores busy meanwhile (median of the runs): {verdict}"


def all_rows(results: Results) -> list[Row]:
    """Return every timed row of the run."""
    rows = [*results.scaling.values(), *results.startup, *results.imported, *results.noop, *results.batch]
    return [row for row in rows if row.available]


def others_median(results: Results) -> float:
    """Return the median of the cores other processes kept busy, over every timed run."""
    return statistics.median([sample.others for row in all_rows(results) for sample in row.samples] or [0.0])


def find_note(rows: list[Row], name: str) -> str:
    """Return the note of a row, when it was not timed (why)."""
    row = find(rows, name)
    return row.command.note if row is not None and not row.available else ""


def targets_table(found: list[Target]) -> str:
    """Return the targets with their figures and verdicts."""
    return markdown_table(["target", "this run", "limit", "verdict", "note"],
                          [[t.what, t.figure_text(), t.limit_text(), t.verdict(), t.detail] for t in found])


def where_time_goes(results: Results) -> list[str]:
    """Return lines that split the measured times where the run shows how: start-up and WeasyPrint's share."""
    lines = []
    version, docx, check = find(results.startup, VERSION), results.scaling.get((DOCX, 1)), results.scaling.get((CHECK, 1))
    if version and version.available and docx and docx.available and check and check.available:
        lines.append(f"- Start-up: `upr --version` alone takes {seconds(version.wall)} s, "
                     f"{version.wall / docx.wall:.0%} of a DOCX build ({seconds(docx.wall)} s) and "
                     f"{version.wall / check.wall:.0%} of `upr check` ({seconds(check.wall)} s) at 1×.")
    if {16, 64} <= set(results.plan.sizes):
        growths = [(name, per_paragraph_growth(results.scaling.get((name, 16)), results.scaling.get((name, 64)),
                                               results.paragraphs, (16, 64))) for name in (CHECK, DOCX, PDF, DIFF)]
        lines.append("- Linearity once start-up no longer counts: time per paragraph at 64× over that at 16×: "
                     + ", ".join(f"`{name}` {growth:.2f}×" for name, growth in growths if growth is not None) + ".")
    share = ratio(results.scaling.get((WEASYPRINT, 1)), results.scaling.get((PDF, 1)))
    if share is not None:
        lines.append(f"- PDF: WeasyPrint alone, laying out the page upr gives it, takes {share:.0%} of "
                     "`upr build --format pdf` at 1× (its own start-up included).")
    return lines


def watch_lines(results: Results) -> list[str]:
    """Return the line of the save → preview latency."""
    from generator.watch import POLL_SECONDS

    if not results.watch:
        return ["not measured"]
    return [f"{len(results.watch)} saves of a section of the example, after one untimed: median "
            f"{seconds(statistics.median(results.watch))} s, slowest {seconds(max(results.watch))} s "
            f"(the watcher polls every {POLL_SECONDS:g} s; the time includes the reload, the checks and the HTML)."]


def method_lines(results: Results) -> list[str]:
    """Return how the run went: what a figure is, how many runs, which sizes, what this upr could do."""
    plan, features = results.plan, results.features
    large = [f for f in plan.sizes if f >= 16]
    runs = f"{plan.runs} timed runs"
    if large:
        runs += (f" ({plan.runs_at(16)} at {' and '.join(f'{f}×' for f in large)}, where `upr build --format pdf` "
                 "runs once without warm-up: it takes minutes at 64×)")
    sizes = ", ".join(f"{f}×" for f in plan.sizes)
    return [
        "- Each command is a whole process, timed from start to exit (wall), with its CPU time (user + system) and "
        "its peak resident memory (ru_maxrss of that one process, through a small wrapper, rusage.py, whose own "
        "floor is about 8 MB). PYTHONDONTWRITEBYTECODE is unset for them, so that Python keeps compiled modules "
        "as it does on a person's machine.",
        f"- Each command has one untimed warm-up run, then {runs}; the tables give the medians, and their `runs` "
        f"column says of how many. The batch builds run {plan.batch_runs} time{'s' * (plan.batch_runs > 1)} each "
        "without warm-up (the size groups have warmed the imports and the disk).",
        f"- Sizes: {sizes} the example (content/kazakhstan-2019), the larger ones written by "
        "tests/benchmarks/synthetic.py; paragraphs are counted in the resolved submission. The scaled ones are over "
        "the word limit, so they are built with `--force`, and `upr check` exits 1 for them.",
        "- `upr diff` compares the example n times with its revised version (tests/fixtures/diff) n times.",
        "- How quiet the machine was: during a run, the CPU time the whole machine spent (/proc/stat) less the "
        f"command's own; other processes kept a median of {others_median(results):.2f} cores busy over all the "
        "timed runs (the batch's figure is with its target).",
        f"- This upr's `build` has `--rebuild`: {'yes' if features.rebuild else 'no'}; `--jobs`: "
        f"{'yes' if features.jobs else 'no'}. The builds that must write at every run "
        f"{'are given `--rebuild`' if features.rebuild else 'need nothing (every build writes)'}.",
    ]


def results_markdown(results: Results) -> str:
    """Return RESULTS.md: how it was run, on what, the groups' tables, and the targets."""
    plan = results.plan
    parts = [
        "# Benchmark results\n",
        f"Written by `make bench` (tests/benchmarks/run.py{' --quick' if plan.quick else ''}) on {results.started}; "
        f"the whole run took {results.seconds / 60:.1f} minutes. Nothing here is typed by hand: every figure is "
        "from that run.\n",
        "**Read the ratios.** The machine is shared and noisy (the load average is below), so absolute seconds "
        "move from one run to the next; the commands of a group take turns, run by run, so the ratios between "
        "them within one run are the figures to read.\n",
        "## Machine and versions\n",
        markdown_table(["", ""], [[key, value] for key, value in {**results.machine, **results.versions}.items()]),
        f"Load average (1, 5, 15 min) at the start: {results.load_before}; at the end: {results.load_after}.\n",
        "## How it was run\n",
        "\n".join(method_lines(results)) + "\n",
        "## Targets (issue 13)\n",
        targets_table(targets(results)),
        "\n".join(where_time_goes(results)) + "\n",
        "## Check, build and diff against size\n",
        "pandoc makes a DOCX from the Markdown that `upr build --format md` writes for the same submission. "
        "The plot, scaling.png, shows the time per paragraph and the peak memory of upr's four commands.\n",
        scaling_table(results),
        "![time per paragraph and peak memory against size](scaling.png)\n",
        "## DOCX and PDF beside other tools\n",
        "LibreOffice converts upr's DOCX of the example (`soffice --headless --convert-to pdf`, its own profile); "
        "WeasyPrint alone (its API in a process of its own, called as render/pdf.py calls it) lays out the very HTML "
        "that upr's PDF build hands it.\n",
        tools_table(results),
        "## Start-up\n",
        group_table(results.startup),
        "## Import of the largest shared report\n",
        f"Report: {results.import_note}.\n",
        group_table(results.imported) if results.imported else "",
        "## No-op rebuild\n",
        "The example built as docx and pdf; then, each round, the same build again with nothing changed.\n",
        group_table(results.noop),
        f"## A batch of {BATCH}\n",
        f"{BATCH} copies of the example in one folder, built as docx and pdf in one `upr build`.\n",
        group_table(results.batch),
        "## Save → preview in `upr watch`\n",
        *[line + "\n" for line in watch_lines(results)],
    ]
    return "\n".join(part for part in parts if part)


def plot(results: Results, target: Path) -> None:
    """Draw the time per paragraph and the peak memory of check, build docx, build pdf and diff against size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, LogLocator

    factors = list(results.plan.sizes)
    counts = [results.paragraphs[f] for f in factors]
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5), constrained_layout=True)
    for name, marker in ((CHECK, "o"), (DOCX, "s"), (PDF, "^"), (DIFF, "D")):
        rows = [results.scaling.get((name, f)) for f in factors]
        points = [(n, row) for n, row in zip(counts, rows) if row is not None and row.available]
        xs = [n for n, _ in points]
        left.plot(xs, [row.wall / n * 1000 for n, row in points], marker=marker, label=name)
        right.plot(xs, [row.peak_mb for _, row in points], marker=marker, label=name)
    for axes, label in ((left, "wall time per paragraph (ms, median)"), (right, "peak memory (MB, median)")):
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xticks(counts, [f"{n}\n({f}×)" for n, f in zip(counts, factors)])
        axes.minorticks_off()
        axes.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        axes.set_xlabel("paragraphs (size, × the example)")
        axes.set_ylabel(label)
        axes.grid(True, which="major", alpha=0.3)
    left.legend(fontsize="small")
    figure.suptitle(f"upr against the size of the submission (make bench, {results.started.replace('T', ' ')})")
    figure.savefig(target, dpi=110)
    plt.close(figure)


def now() -> str:
    """Return the local date and time to the minute, with its offset."""
    return datetime.now().astimezone().isoformat(timespec="minutes")


def load_average() -> str:
    """Return the 1, 5 and 15 minute load averages."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def machine() -> dict[str, str]:
    """Return the CPU model, cores, memory and operating system, as /proc and /etc/os-release say."""
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?")
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    release = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
    return {"CPU": model, "cores": str(os.cpu_count()), "memory": f"{int(memory) / 1024**2:.1f} GiB",
            "OS": f"{release.get('PRETTY_NAME', '?').strip(chr(34))}, Linux {platform.release()}"}


def versions(upr: str, pandoc: str | None, system_pandoc: str | None) -> dict[str, str]:
    """Return the versions of Python, upr (and its commit), WeasyPrint, the pandocs and LibreOffice."""
    soffice = shutil.which("soffice")
    return {
        "Python": platform.python_version(),
        "upr": f"{first_line([upr, '--version'])} (commit {first_line(['git', 'rev-parse', '--short', 'HEAD'])})",
        "WeasyPrint": importlib.metadata.version("weasyprint"),
        "pandoc (pypandoc-binary)": first_line([pandoc, "--version"]) if pandoc else "not installed",
        "pandoc (system)": first_line([system_pandoc, "--version"]) if system_pandoc else "none on PATH",
        "LibreOffice": first_line([soffice, "--version"]) if soffice else "not on PATH",
    }


def first_line(command: list[str]) -> str:
    """Return the first line a command prints."""
    done = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).parent)
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr).strip() else "?"
