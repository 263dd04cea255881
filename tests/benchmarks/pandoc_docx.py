"""Benchmark: upr's DOCX against pandoc's, side by side in one run (`make bench`).

Both make a Word file with real footnotes from the same submission: upr from
the YAML content (load, check, resolve, render), pandoc from the Markdown upr
writes for it (`--format md`). Each command runs a few times in turn; the
medians are printed with their ratio. Absolute times depend on the machine;
the ratio is the figure to compare.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "content" / "kazakhstan-2019"
RUNS = 5


def pandoc_binary() -> str:
    """Return the pandoc that pypandoc-binary ships (the `bench` extra)."""
    try:
        import pypandoc
    except ImportError:
        sys.exit("pandoc is not installed: pip install -e '.[bench]' (make bench does it)")
    return pypandoc.get_pandoc_path()


def timed(command: list[str]) -> float:
    """Return the wall-clock seconds one run of `command` takes; fail loudly if it fails."""
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    """Print the median time of each tool and their ratio."""
    upr = str(Path(sys.executable).parent / "upr")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run([upr, "build", str(EXAMPLE), "--format", "md", "--out", str(out)], check=True, capture_output=True)
        commands = {
            "upr build --format docx": [upr, "build", str(EXAMPLE), "--format", "docx", "--out", str(out)],
            "pandoc (Markdown to DOCX)": [pandoc_binary(), str(out / f"{EXAMPLE.name}.md"), "-o", str(out / "pandoc.docx")],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, command in commands.items():
                times[name].append(timed(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name:28} median {median:.3f} s over {RUNS} runs")
    upr_time, pandoc_time = medians.values()
    print(f"upr / pandoc: {upr_time / pandoc_time:.2f}")


if __name__ == "__main__":
    main()
