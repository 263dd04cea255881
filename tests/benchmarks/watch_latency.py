"""Benchmark: from a save to an updated preview in `upr watch` (`make bench`).

The example is copied and watched in this process, its preview served on
127.0.0.1 as `upr watch` serves it. A word of a section file is changed and
saved again and again; each time the clock runs until the server's version
moves on (what the page's reloader asks for). `save_to_preview` returns
the times (the benchmark, run.py, reports their median); run alone, this
prints the median and the slowest. They include the poll interval, the
reload, the checks and the HTML rendering.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from generator.watch import POLL_SECONDS, Preview, Watcher, serve

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "content" / "kazakhstan-2019"
RUNS = 9


def version(port: int) -> int:
    """Return the preview's version, as the page's reloader asks for it."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/version", timeout=5) as answer:  # noqa: S310 (local)
        return int(answer.read())


def save_to_preview(runs: int = RUNS) -> list[float]:
    """Return the seconds from each of `runs` saves to the preview's next version (after one warm-up save)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / EXAMPLE.name
        shutil.copytree(EXAMPLE, folder)
        preview, stop = Preview(), threading.Event()
        server = serve(preview, 0)
        port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        watcher = Watcher(folder, preview, lambda line: None)
        threading.Thread(target=watcher.run, args=(stop,), daemon=True).start()
        while version(port) < 1:
            time.sleep(0.05)
        section = folder / "sections" / "03-online.yaml"
        text = section.read_text(encoding="utf-8")
        times = []
        for run in range(runs + 1):
            before = version(port)
            start = time.perf_counter()
            section.write_text(text.replace("Kazakhstan", f"Kazakhstan{'’' * (run % 2)}", 1), encoding="utf-8")
            while version(port) == before:
                time.sleep(0.005)
            if run:  # the first is a warm-up
                times.append(time.perf_counter() - start)
        stop.set()
        server.shutdown()
        server.server_close()
    return times


def main() -> None:
    """Print the median and the slowest of the runs."""
    times = save_to_preview()
    print(f"save → updated preview of the example, {RUNS} saves (poll every {POLL_SECONDS:.2f} s): "
          f"median {statistics.median(times):.2f} s, slowest {max(times):.2f} s")


if __name__ == "__main__":
    main()
