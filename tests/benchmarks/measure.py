"""Timing whole processes: wall clock, CPU and peak memory of each run, and the medians over several runs.

Each run is one process, started by a small wrapper (rusage.py) that reaps it
with `os.wait4`: that returns the resource usage of exactly that child (and
of the processes it waited for itself), so its peak resident memory is that
run's, not the highest of every child the harness has had, as
`getrusage(RUSAGE_CHILDREN)` would give. The wrapper times the run itself,
so its own start-up is not counted.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

WRAPPER = Path(__file__).with_name("rusage.py")
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The commands' environment: Python may keep its compiled modules, as on a person's machine. (Some sandboxes
set PYTHONDONTWRITEBYTECODE, which makes every run compile upr's modules again: about 50 ms each.)"""

CRASH_MARKS = ("Traceback (most recent call last)", "upr itself failed")
"""What a crashed command prints; its run fails the benchmark whatever its exit code."""


class BenchError(Exception):
    """A command of the benchmark failed: it crashed, or exited with a code it should not have."""


@dataclass
class Sample:
    """One run of one command."""

    wall: float
    """Seconds from start to exit, as a person waits for it."""
    cpu: float
    """User and system seconds of the process and the children it waited for."""
    peak_kb: int
    """The highest resident memory of the process or of one of its children, in KiB (Linux's ru_maxrss)."""
    others: float = 0.0
    """How many cores other processes kept busy meanwhile, on average: how quiet the machine was."""


@dataclass
class Command:
    """A command to time, or the reason it cannot be timed here."""

    name: str
    """What the tables call it."""
    argv: list[str] | None
    """The command line; None when it is not available (see `note`)."""
    runs: int = 5
    """How many runs are timed."""
    warm_up: bool = True
    """Whether one untimed run comes first."""
    ok_codes: tuple[int, ...] = (0,)
    """Exit codes of a run that did what it should (1 for `upr check` of a submission with errors)."""
    expect: str | None = None
    """Text the output must hold for the run to count as this command (e.g. 'up to date:' for a no-op build)."""
    note: str = ""
    """Said beside the figures: why the command is not available, or how it was run."""
    cwd: Path | None = None
    """The folder the command runs in."""


@dataclass
class Row:
    """The runs of one command, as the tables show them."""

    command: Command
    samples: list[Sample] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Return the command's name in the tables."""
        return self.command.name

    @property
    def available(self) -> bool:
        """Tell whether the command was timed."""
        return bool(self.samples)

    @property
    def wall(self) -> float:
        """Return the median wall-clock seconds."""
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        """Return the median CPU seconds."""
        return statistics.median(s.cpu for s in self.samples)

    @property
    def others(self) -> float:
        """Return the median of the cores other processes kept busy during the runs."""
        return statistics.median(s.others for s in self.samples)

    @property
    def peak_mb(self) -> float:
        """Return the median of the runs' peak resident memory, in MB (10⁶ bytes)."""
        return statistics.median(s.peak_kb for s in self.samples) * 1024 / 1e6


def measure(command: Command) -> Sample:
    """Run `command` once; return its times and peak memory, or raise BenchError if it failed."""
    assert command.argv is not None
    busy = busy_seconds()
    with tempfile.TemporaryDirectory(prefix="upr-run-") as tmp:
        result, output = Path(tmp) / "usage.json", Path(tmp) / "output.txt"
        with output.open("wb") as sink:
            subprocess.run([sys.executable, "-I", "-S", str(WRAPPER), str(result), *command.argv],
                           stdout=sink, stderr=subprocess.STDOUT, cwd=command.cwd, env=ENVIRONMENT, check=True)
        busy = busy_seconds() - busy
        usage = json.loads(result.read_text(encoding="utf-8"))
        text = output.read_text(encoding="utf-8", errors="replace")
    code = usage["code"]
    if code not in command.ok_codes or any(mark in text for mark in CRASH_MARKS):
        raise BenchError(f"{command.name}: `{' '.join(command.argv)}` exited {code}:\n{text[-2000:]}")
    if command.expect is not None and command.expect not in text:
        raise BenchError(f"{command.name}: the output does not say {command.expect!r}:\n{text[-2000:]}")
    return Sample(usage["wall"], usage["cpu"], usage["peak_kb"], max(0.0, busy - usage["cpu"]) / usage["wall"])


def busy_seconds() -> float:
    """Return the CPU seconds the whole machine has spent busy since it started (/proc/stat)."""
    ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = ticks
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run_side_by_side(commands: list[Command], progress=print) -> list[Row]:
    """Time `commands` in turn, one run of each per round after their warm-ups; return a row per command.

    Taking turns puts every command through the same moments of a noisy machine, so that their ratio is
    fairer than two series run one after the other would give.
    """
    rows = [Row(command) for command in commands]
    timed = [row for row in rows if row.command.argv is not None]
    for row in timed:
        if row.command.warm_up:
            measure(row.command)
    for round_ in range(max((row.command.runs for row in timed), default=0)):
        for row in timed:
            if round_ < row.command.runs:
                row.samples.append(measure(row.command))
                progress(f"  {row.name}: {row.samples[-1].wall:.2f} s")
    return rows
