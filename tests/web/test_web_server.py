"""The server as a hostile or careless client meets it: headers, HEAD, favicon, access log,
bounded caches keyed by canonical values, plain-word errors, and clients that send slowly."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from hustings.settings import Settings

pytestmark = pytest.mark.mirror


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/v1/elections", "/no-such-page", "/docs"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        script = csp.split("script-src")[1].split(";")[0]
        assert script.strip() == "'self'"
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_script(client: TestClient) -> None:
    for url in ("/", "/swingometer", "/seats/E14001170", "/tactical", "/targets", "/docs"):
        text = client.get(url).text
        assert "<script>" not in text and " onclick=" not in text, url
        assert text.count("<script") == text.count("<script src="), url


def test_head_is_answered_without_a_body(client: TestClient) -> None:
    head = client.head("/seats/E14001170")
    get = client.get("/seats/E14001170")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert client.head("/api/v1/elections").status_code == 200


def test_favicon(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.text.startswith("<svg")


def test_access_log_has_no_query_string_or_address(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="hustings.web.access"):
        client.get("/api/v1/seats", params={"q": "SW1A 1AA"})
    lines = [r.getMessage() for r in caplog.records if r.name == "hustings.web.access"]
    assert lines and lines[-1].startswith("GET /api/v1/seats 200 ")
    assert "SW1A" not in lines[-1] and "testclient" not in lines[-1]


def test_spellings_of_one_election_share_one_cache_entry(client: TestClient) -> None:
    st = client.app.state.hustings  # type: ignore[attr-defined]
    client.get("/api/v1/results/2024")
    client.get("/api/v1/map/2024")
    before = len(st._cache) + len(st._few)
    for i in range(300):
        spelling = " " * (i % 7) + "2024" + " " * (i // 7 % 5)
        assert client.get(f"/api/v1/results/{spelling}").status_code == 200
        assert client.get(f"/api/v1/map/{spelling}").status_code == 200
    assert len(st._cache) + len(st._few) == before


def test_caches_of_free_text_stay_bounded(client: TestClient) -> None:
    from hustings.web.state import FEW

    st = client.app.state.hustings  # type: ignore[attr-defined]
    for i in range(FEW + 20):
        client.get("/api/v1/seats", params={"q": f"ab{i}"})
        client.get("/api/v1/project", params={"shares": f"LAB={30 + i / 10:.1f}", "detail": False})
    assert len(st._few) <= FEW


def test_errors_on_pages_never_name_a_command_line_flag(client: TestClient) -> None:
    page = client.get("/targets", params={"mode": "jeopardy", "shares": "LAB=80,CON=40"})
    assert page.status_code == 422
    assert "add up to 120" in page.text or "sum to 120" in page.text
    assert "--" not in page.text.split("<main")[1].split("</main>")[0]
    api = client.get("/api/v1/project", params={"shares": "LAB=80,CON=40"}).json()
    assert api["error"]["hint"] == "change the shares so that they add up to 100% or less"


@pytest.fixture(scope="module")
def strict_server(web_settings: Settings) -> Iterator[int]:
    """The app under uvicorn with a one-second deadline for request headers."""
    import uvicorn

    from hustings.web import create_app
    from hustings.web.server import uvicorn_options

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    config = uvicorn.Config(create_app(web_settings), host="127.0.0.1", port=port,
                            log_level="warning", **uvicorn_options(header_timeout=1.0))  # fmt: skip
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield port
    srv.should_exit = True
    thread.join(timeout=10)


def _get(port: int, path: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_clients_sending_partial_headers_do_not_hold_the_server(strict_server: int) -> None:
    slow: list[socket.socket] = []
    try:
        for _ in range(1000):
            s = socket.create_connection(("127.0.0.1", strict_server), timeout=5)
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            slow.append(s)
        started = time.monotonic()
        assert _get(strict_server, "/api/v1/elections").startswith(b"HTTP/1.1 200")
        assert time.monotonic() - started < 5
        time.sleep(2.5)
        closed = 0
        for s in slow:
            s.settimeout(2)
            with contextlib.suppress(TimeoutError, ConnectionResetError):
                closed += s.recv(1) == b""
        assert closed == 1000
    finally:
        for s in slow:
            s.close()
