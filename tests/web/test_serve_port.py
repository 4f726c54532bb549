"""``hustings serve`` on an address it cannot use: one line and exit 2, before any work."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from hustings.cli.main import run

pytest.importorskip("uvicorn", reason="needs uvicorn (web extra)")


def _serve(argv: list[str], home: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("HUSTINGS_HOME", str(home))
    monkeypatch.setattr(sys, "argv", ["hustings", "serve", *argv])
    with pytest.raises(SystemExit) as exit_:
        run()
    code = exit_.value.code
    return code if isinstance(code, int) else 1


def test_a_port_in_use_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert _serve(["--port", str(port)], tmp_path, monkeypatch) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: port {port} on 127.0.0.1 is in use by another program; stop it or pass "
        f"another port, e.g. --port {port + 1}\n"
    )
    assert list(tmp_path.iterdir()) == []  # refused before looking for (or building) a store


def test_an_unknown_host_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _serve(["--host", "no-such-host.invalid"], tmp_path, monkeypatch) == 2
    assert capsys.readouterr().err == (
        "error: cannot listen on host 'no-such-host.invalid': no such address; give an address "
        "such as 127.0.0.1 or 0.0.0.0\n"
    )
