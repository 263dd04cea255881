"""`upr watch`: a save is checked and rebuilt, and the page served on 127.0.0.1 follows."""

from __future__ import annotations

import shutil
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from generator.watch import Preview, Watcher, serve

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "content" / "minimal"


def fetch(port: int, path: str = "/") -> str:
    """Return what the preview server sends for `path`."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:  # noqa: S310 (local)
        return answer.read().decode("utf-8")


def wait_for(condition, seconds: float = 20) -> None:
    """Wait until `condition()` holds; fail after `seconds`."""
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "the preview did not follow the save"
        time.sleep(0.05)


@pytest.fixture
def watching(tmp_path: Path):
    """A copy of the minimal submission, watched, with its preview served; yields (folder, port, lines said)."""
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    preview, said, stop = Preview(), [], threading.Event()
    server = serve(preview, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watcher = Watcher(folder, preview, said.append, tmp_path / "out", ("docx",))
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    wait_for(lambda: preview.current()[1] >= 1)
    yield folder, server.server_address[1], said
    stop.set()
    thread.join(10)
    server.shutdown()
    server.server_close()


def test_a_save_is_rebuilt_and_the_page_follows(watching) -> None:
    folder, port, said = watching
    first = fetch(port)
    assert "Repeal the law." in first and 'fetch("/version")' in first
    version = int(fetch(port, "/version"))
    section = folder / "sections" / "one.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("Repeal the law.", "Amend the law."),
                       encoding="utf-8")
    wait_for(lambda: int(fetch(port, "/version")) > version)
    assert "Amend the law." in fetch(port) and "Repeal the law." not in fetch(port)
    assert said[-1].startswith("rebuilt in ") and said[-1].endswith(f"wrote {folder.parent / 'out' / 'minimal.docx'}")
    assert (folder.parent / "out" / "minimal.docx").is_file()


def test_a_mistake_is_shown_on_the_page_until_it_is_fixed(watching) -> None:
    folder, port, said = watching
    section = folder / "sections" / "one.yaml"
    good = section.read_text(encoding="utf-8")
    section.write_text(good.replace("heading: Freedom of expression", "<b>heading: Freedom of expression"),
                       encoding="utf-8")
    # The page is awaited rather than the next version: on a busy machine the watcher may read the file
    # half-written first (an error of its own), then again once it is whole.
    mistake = "unknown key &#x27;&lt;b&gt;heading&#x27; in a section file"
    wait_for(lambda: mistake in fetch(port))
    page = fetch(port)
    assert "Not built: fix these, then save" in page and "<b>heading" not in page
    assert any(line.startswith("upr: error: ") for line in said)
    section.write_text(good, encoding="utf-8")
    wait_for(lambda: "Repeal the law." in fetch(port))
    assert "Not built" not in fetch(port)


def test_the_server_serves_the_preview_and_nothing_else(watching) -> None:
    _, port, _ = watching
    with pytest.raises(urllib.error.HTTPError):
        fetch(port, "/../submission.yaml")
    with pytest.raises(urllib.error.HTTPError):
        fetch(port, "/sections/one.yaml")


def test_the_findings_show_above_the_preview(watching) -> None:
    folder, port, _ = watching
    section = folder / "sections" / "one.yaml"
    version = int(fetch(port, "/version"))
    section.write_text(section.read_text(encoding="utf-8").replace('  - p: "Markup', '  - p: "4. Markup', 1),
                       encoding="utf-8")
    wait_for(lambda: int(fetch(port, "/version")) > version)
    page = fetch(port)
    assert 'class="upr-findings"' in page and "warning T002 the paragraph starts with the number" in page


def test_a_page_that_names_another_host_is_refused(watching) -> None:
    """A site elsewhere that points its own name at 127.0.0.1 cannot read the draft."""
    _, port, _ = watching
    request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": f"evil.example:{port}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)  # noqa: S310 (local)
    assert refused.value.code == 403
    refused.value.close()
