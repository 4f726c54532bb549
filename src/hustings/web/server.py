"""What the app needs from the HTTP server: security headers, HEAD, an access log, and a deadline
for slow clients.

:class:`Hardening` is plain ASGI middleware (no per-request objects beyond a closure) so it costs
little on the hot paths. :class:`SlowClientProtocol` is uvicorn's httptools protocol with one
change: a request's headers must arrive within :data:`HEADER_TIMEOUT` seconds of its first byte,
or the connection is closed. uvicorn arms no timer before the headers are complete, so without it
a client that sends a header line now and then holds its connection for ever.
"""

from __future__ import annotations

import logging
import time
import weakref
from asyncio import AbstractEventLoop
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, ClassVar

__all__ = [
    "HEADER_TIMEOUT",
    "SECURITY_HEADERS",
    "Hardening",
    "SlowClientProtocol",
    "uvicorn_options",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HEADER_TIMEOUT = 10.0
"""Seconds a client has from the first byte of a request to the end of its headers."""
KEEP_ALIVE = 5
"""Seconds an idle keep-alive connection is kept."""

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
"""Sent with every response; scripts only from this server, never inline, and no framing."""

access_log = logging.getLogger("hustings.web.access")


class Hardening:
    """Security headers on every response, HEAD answered as GET without a body, and one
    access-log line per request (method, path, status, bytes, milliseconds: no client address
    and no query string, which can hold a postcode)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = dict(scope, method="GET")
        started = time.perf_counter()
        status = 0
        sent = 0

        async def wrapped(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message["headers"] = [*message.get("headers", ()), *SECURITY_HEADERS]
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
                if head:
                    message = dict(message, body=b"")
            await send(message)

        try:
            await self.app(scope, receive, wrapped)
        finally:
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    "%s %s %d %dB %.1fms",
                    "HEAD" if head else scope["method"],
                    scope.get("path", ""),
                    status,
                    sent,
                    1000 * (time.perf_counter() - started),
                )


def _protocol_base() -> type[Any]:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    return HttpToolsProtocol


class SlowClientProtocol(_protocol_base()):  # type: ignore[misc]
    """uvicorn's httptools protocol with a deadline for each request's headers.

    No timer per request: a connection notes when it started waiting for headers, and one
    sweep per event loop, every quarter of :attr:`header_timeout` while there are connections,
    closes those that have waited too long (so within 1.25 times the deadline)."""

    header_timeout = HEADER_TIMEOUT
    _waiting_since: float | None = None

    def connection_made(self, transport: Any) -> None:
        """A new connection: its first request must arrive within :attr:`header_timeout`."""
        super().connection_made(transport)
        self._waiting_since = self.loop.time()
        _Sweep.watch(self)

    def on_message_begin(self) -> None:
        """A request starts: its headers must be complete within :attr:`header_timeout`."""
        super().on_message_begin()
        if self._waiting_since is None:
            self._waiting_since = self.loop.time()

    def on_headers_complete(self) -> None:
        """The headers arrived in time."""
        self._waiting_since = None
        super().on_headers_complete()

    def close_if_late(self, now: float) -> None:
        """Close this connection if it has waited past its deadline for headers."""
        since = self._waiting_since
        if since is not None and now - since >= self.header_timeout:
            self._waiting_since = None
            if not self.transport.is_closing():
                self.transport.close()


class _Sweep:
    """The deadline check of one server's connections (``protocol.connections``)."""

    running: ClassVar[weakref.WeakKeyDictionary[AbstractEventLoop, dict[int, _Sweep]]] = (
        weakref.WeakKeyDictionary()
    )

    def __init__(self, protocol: SlowClientProtocol) -> None:
        self.connections: set[Any] = protocol.connections
        self.loop: AbstractEventLoop = protocol.loop
        self.every = protocol.header_timeout / 4

    @classmethod
    def watch(cls, protocol: SlowClientProtocol) -> None:
        """Make sure the sweep of ``protocol``'s server runs."""
        sweeps = cls.running.setdefault(protocol.loop, {})
        if id(protocol.connections) not in sweeps:
            sweep = sweeps[id(protocol.connections)] = cls(protocol)
            sweep.loop.call_later(sweep.every, sweep.run)

    def run(self) -> None:
        now = self.loop.time()
        for protocol in list(self.connections):
            if isinstance(protocol, SlowClientProtocol):
                protocol.close_if_late(now)
        if self.connections:
            self.loop.call_later(self.every, self.run)
        else:
            del self.running[self.loop][id(self.connections)]


def uvicorn_options(*, header_timeout: float | None = None) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` that every server of the app
    uses (the access log is the app's own: see :class:`Hardening`)."""
    protocol: type[Any] = SlowClientProtocol
    if header_timeout is not None:
        protocol = type(
            "SlowClientProtocol", (SlowClientProtocol,), {"header_timeout": header_timeout}
        )
    return {
        "http": protocol,
        "timeout_keep_alive": KEEP_ALIVE,
        "access_log": False,
        "server_header": False,
    }
