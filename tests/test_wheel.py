"""upr installed from its wheel, outside the checkout, builds a submission: the templates travel with it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from tests.clirun import files_in

ROOT = Path(__file__).resolve().parents[1]
LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".pytest_cache")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    """Run a command; fail the test with its output when it fails."""
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_the_wheel_installed_elsewhere_builds_the_example(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=LEFT_OUT)  # built from a copy: setuptools writes into build/
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", tmp_path / "dist",
        source, cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("upr-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert [n for n in names if "/share/upr/templates/default/" in n] and "generator/cli.py" in names

    env = tmp_path / "env"
    run(sys.executable, "-m", "venv", env, cwd=tmp_path)
    python = env / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    # The dependencies come from the test's own environment, added after the new one's packages.
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip()
    (Path(site) / "upr-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "content" / "kazakhstan-2019", work / "kazakhstan-2019")
    where = run(python, "-c", "import generator; print(generator.__file__)", cwd=work).stdout
    assert where.startswith(str(env))
    run(env / "bin" / "upr", "build", "kazakhstan-2019", "--format", "docx,pdf,html", "--out", "out", cwd=work)
    assert files_in(work / "out") == [
        "kazakhstan-2019.docx", "kazakhstan-2019.html", "kazakhstan-2019.pdf"]
    assert (work / "out" / "kazakhstan-2019.docx").read_bytes() == _checkout_build(tmp_path / "here")


def _checkout_build(out: Path) -> bytes:
    """Return the example's DOCX built from the checkout: the installed upr must write the same bytes."""
    from generator.build import build_submission, load_resolved

    build_submission(load_resolved(ROOT / "content" / "kazakhstan-2019"), out, ("docx",))
    return (out / "kazakhstan-2019.docx").read_bytes()
