"""Hostile and huge input: one folder per case in tests/fixtures/bad/, its exact output beside it.

Each folder holds the input and an `expected.txt`, as the check fixtures
do: the command (`$ upr …`, run from the folder's parent), the exact output
as a terminal shows it, and `exit status N`. The folder is copied to a
temporary place first, and there:

- a `templates/default/` folder gets upr's own template files that it lacks,
  so a case holds only the template file it breaks;
- a `grow.yaml` says which text to repeat where (8,000 × `*a `; `{n}` in it
  counts the repeats), so that the fixture stays a few hundred bytes;
- a case that needs a git repository (a hostile `.git`, a committed
  symbolic link) has it made by the function SETUPS names for it;
- `expected-files/PATH` is compared with the file the command wrote at PATH.

A command that fails must leave every file as it was and write none; one
that succeeds may only add files, or change those `expected-files/` names.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.clirun import read_expected, run, run_shown

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "fixtures" / "bad"
CASES = sorted(p.parent.name for p in BAD.glob("*/expected.txt"))


def git(repo: Path, *args: str) -> None:
    """Run a git command in `repo` as a test author, with no configuration of this machine's."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=upr tests", "-c", "user.email=tests@example.org",
                    *args], check=True, capture_output=True, env=env)


def commit_all(repo: Path, tag: str) -> None:
    """Commit everything in `repo` and tag it."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", tag)
    git(repo, "tag", tag)


def received_with_a_filter(case: Path) -> Callable[[], None]:
    """Make `case` a repository whose own config names a filter for every file, as a hostile folder received
    by mail would; return the check that the filter never ran."""
    marker = case.parent / "the-filter-ran"
    git(case, "init", "-q")
    commit_all(case, "v1")
    (case / ".gitattributes").write_text("* filter=evil\n", encoding="utf-8")
    with (case / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write(f'[filter "evil"]\n\tsmudge = "touch {marker}; cat"\n\tclean = cat\n')
    commit_all(case, "v2")
    section = case / "testland" / "sections" / "one.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("Repeal the law.", "Repeal the law at once."),
                       encoding="utf-8")

    def never_ran() -> None:
        assert not marker.exists()
    return never_ran


def committed_link(target: str) -> Callable[[Path], None]:
    """Return a setup that commits testland/sections/shared.yaml as a symbolic link to `target`, then removes
    it from the working tree (the revision alone holds it)."""
    def setup(case: Path) -> None:
        git(case, "init", "-q")
        (case / "outside.yaml").write_text("heading: Outside the submission\n", encoding="utf-8")
        link = case / "testland" / "sections" / "shared.yaml"
        link.symlink_to(target)
        commit_all(case, "v1")
        link.unlink()
    return setup


SETUPS: dict[str, Callable[[Path], Callable[[], None] | None]] = {
    "diff-rev-filter": received_with_a_filter,
    "diff-rev-absolute-symlink": committed_link("/etc/hostname"),
    "diff-rev-symlink-leaves-folder": committed_link("../../outside.yaml"),
}


def prepare(case: Path) -> None:
    """Fill a case's template folder from upr's own, and grow its text where grow.yaml says."""
    templates = case / "templates" / "default"
    if templates.is_dir():
        for source in (ROOT / "templates" / "default").iterdir():
            if not (templates / source.name).exists():
                shutil.copy(source, templates / source.name)
    grow = case / "grow.yaml"
    if grow.is_file():
        spec = yaml.safe_load(grow.read_text(encoding="utf-8"))
        path = case / spec["file"]
        text = path.read_text(encoding="utf-8")
        assert spec["marker"] in text, f"{grow}: no {spec['marker']} in {spec['file']}"
        grown = "".join(spec["text"].replace("{n}", str(n)) for n in range(1, spec["times"] + 1))
        path.write_text(text.replace(spec["marker"], grown), encoding="utf-8")
        grow.unlink()  # it tells the test what to do; it is no part of the submission


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file below `folder` by its relative path: a file's bytes, a link's target (not followed)."""
    found = {}
    for place, _, names in os.walk(folder):
        for name in names:
            path = Path(place) / name
            key = path.relative_to(folder).as_posix()
            found[key] = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
    return found


@pytest.mark.parametrize("name", CASES)
def test_hostile_input_gives_exactly_the_expected_output(name: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    case = tmp_path / name
    shutil.copytree(BAD / name, case, symlinks=True)
    prepare(case)
    after = SETUPS[name](case) if name in SETUPS else None
    expected = read_expected(case / "expected.txt")
    before = snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, output = run_shown(*expected.args)
    assert (output.replace(str(tmp_path), "<tmp>"), code) == (expected.output, expected.status)
    now = snapshot(tmp_path)
    wanted = {path.relative_to(case / "expected-files").as_posix(): path.read_bytes()
              for path in (case / "expected-files").rglob("*") if path.is_file()}
    if code != 0:
        assert now == before, "a command that failed changed or wrote files"
    else:
        assert {path: now.get(path) for path in before if path not in wanted} == {
            path: data for path, data in before.items() if path not in wanted}
        assert {path: now.get(path) for path in wanted} == wanted
    if after is not None:
        after()


def test_every_case_of_issue_14_has_a_folder() -> None:
    """The corpus holds each hostile case the issue lists; a new one is one more folder."""
    assert set(CASES) >= {
        "metadata-over-255", "logo-truncated-png", "logo-png-bomb", "logo-svg-random-bytes", "logo-svg-entities",
        "import-encrypted-pdf", "template-style-css-latin1", "template-syntax-error", "template-undefined-value",
        "diff-author-control-char", "cycle-40-digits", "stars-8000", "brackets-20000", "note-calls-3000",
        "check-a-file-as-folder", "build-out-is-a-file", "new-data-is-a-folder", "diff-rev-filter",
        "diff-rev-absolute-symlink", "diff-rev-symlink-leaves-folder", "md-link-script", "import-out-not-data",
        "import-out-force", "import-control-character",
    }


def test_a_full_disk_names_the_output_and_writes_nothing(minimal: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills up mid-write raises an OSError that names no file; the message names the output."""
    def full(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_text", full)
    out = tmp_path / "out"
    code, stdout, stderr = run("build", str(minimal), "--format", "html,md", "--out", str(out))
    assert (code, stdout) == (1, "")
    assert stderr == (f"upr: error: cannot write {out / 'minimal.html'}: No space left on device: free some space "
                      "on the disk, then try again\n")
    assert list(out.iterdir()) == []


def test_a_full_disk_while_importing_names_the_data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    report = ROOT / "tests" / "fixtures" / "reports" / "footnote.report.txt"
    monkeypatch.setattr(Path, "write_text", full)
    out = tmp_path / "data.yaml"
    code, _, stderr = run("recommendations", "import", str(report), "--out", str(out))
    assert (code, stderr) == (1, f"upr: error: cannot write {out}: No space left on device: free some space on "
                                 "the disk, then try again\n")
    assert list(tmp_path.iterdir()) == []
