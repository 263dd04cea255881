"""Run one command and write its wall time, CPU time, peak memory and exit code to a JSON file.

    python -I -S rusage.py RESULT.json COMMAND [ARG ...]

The benchmark (measure.py) runs each command under this small process rather
than straight from its own: a child started from a large process inherits a
copy of it until it execs, and Linux counts that copy in the child's peak
memory (ru_maxrss), so every figure would be at least the harness's size.
From here the floor is that of a bare interpreter (about 10 MB), below any
command the benchmark times. Only the standard library is imported, and
`-I -S` keeps site-packages out.
"""

import json
import os
import sys
import time


def main() -> None:
    """Run the command, wait for it, and write what it used."""
    result, argv = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: become the command, or exit 127 as a shell does for a missing one
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    with open(result, "w", encoding="utf-8") as file:
        json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss,
                   "code": os.waitstatus_to_exitcode(status)}, file)


if __name__ == "__main__":
    main()
