"""Downloads over loopback: progress, checksum, nothing half-written, and the offline error."""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hustings.data.fetch import download, resolve
from hustings.data.sources import SourceFile
from hustings.errors import DataError, OfflineError
from hustings.settings import Settings


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "www"
    root.mkdir()
    (root / "results.csv").write_bytes(b"ons_id,votes\nE14000001,100\n" * 500)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_download_reports_progress_and_checks_the_sha(server: str, tmp_path: Path) -> None:
    body = b"ons_id,votes\nE14000001,100\n" * 500
    source = SourceFile(
        "results/results.csv", hashlib.sha256(body).hexdigest(), f"{server}/results.csv"
    )
    seen: list[int] = []
    settings = Settings(home=tmp_path / "home", mirror=None)
    path = resolve(source, settings, progress=lambda label, done, total: seen.append(done))
    assert path.read_bytes() == body
    assert seen[-1] == len(body)
    assert path == settings.cache_dir / source.sha256 / "results.csv"


def test_a_changed_upstream_file_is_refused(server: str, tmp_path: Path) -> None:
    source = SourceFile("results/results.csv", "0" * 64, f"{server}/results.csv")
    with pytest.raises(DataError, match="checksum mismatch"):
        resolve(source, Settings(home=tmp_path / "home", mirror=None))


def test_missing_file_leaves_nothing_behind(server: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / "gone.csv"
    with pytest.raises(OfflineError) as caught:
        download(f"{server}/gone.csv", target)
    assert "give a mirror folder with --mirror DIR" in caught.value.one_line()
    assert list(target.parent.iterdir()) == []


def test_unreachable_host_says_how_to_give_a_mirror(tmp_path: Path) -> None:
    with pytest.raises(OfflineError) as caught:
        download("http://127.0.0.1:9/nothing.csv", tmp_path / "x.csv")
    assert caught.value.one_line().endswith(
        "give a mirror folder with --mirror DIR or $HUSTINGS_DATA_MIRROR"
    )
