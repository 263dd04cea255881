"""Synthetic submissions N times the size of a real one, for the benchmarks and the scaling tests.

`scaled(source, factor, target)` writes a copy of the submission in `source`
whose sections appear `factor` times: copy k's headings end in "(part k)",
its paragraph ids, keyed notes and the references to them end in "-k",
and everything else (notes, sources, recommendation data, the annex) is shared. The first
copy keeps the original ids, so the annex's references still resolve. The
result is a legal submission that loads, checks and builds like the source,
with `factor` times its paragraphs and notes.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

REF = re.compile(r"\{ref ([^}\s]+)\}")
NOTE_CALL = re.compile(r"\[\^([^\]\s]+)\]")


def scaled(source: Path, factor: int, target: Path) -> Path:
    """Write `source` scaled `factor` times into `target` (made afresh); return `target`."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*"))
    meta_path = target / "submission.yaml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    originals = list(meta["sections"])
    listed: list[str] = []
    for copy in range(1, factor + 1):
        for name in originals:
            section = yaml.safe_load((source / name).read_text(encoding="utf-8"))
            if copy > 1:
                section = _renamed(section, f"-{copy}", f" (part {copy})")
                name = str(Path(name).with_name(f"{Path(name).stem}-{copy}.yaml"))
                (target / name).write_text(yaml.safe_dump(section, allow_unicode=True, sort_keys=False, width=10**6),
                                           encoding="utf-8")
            listed.append(name)
    meta["sections"] = listed
    meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _renamed(section: dict, suffix: str, heading_suffix: str) -> dict:
    """Return a section with its ids, the references to them and its headings suffixed."""

    def walk(value: object, key: str | None = None) -> object:
        if isinstance(value, dict):
            keyed = key == "notes"  # a section's keyed notes: their keys are the submission's, so renamed
            return {(k + suffix if keyed else k): walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, str):
            if key == "id":
                return value + suffix
            if key == "heading":
                return value + heading_suffix
            value = REF.sub(lambda m: "{ref " + m.group(1) + suffix + "}", value)
            return NOTE_CALL.sub(lambda m: "[^" + m.group(1) + suffix + "]", value)
        return value

    return walk(section)  # type: ignore[return-value]


if __name__ == "__main__":  # python tests/benchmarks/synthetic.py SOURCE FACTOR TARGET
    if len(sys.argv) != 4:
        sys.exit("usage: synthetic.py SOURCE FACTOR TARGET")
    print(scaled(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])))
