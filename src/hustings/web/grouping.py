"""Group commit: concurrent requests' writes coalesced into a few transactions.

Each request hands its item to a :class:`GroupCommit` and waits. While a transaction is
running, new items queue; when it ends, everything queued (up to a size limit) goes into the
next one. Under light load a group holds one item and nothing waits; under heavy load each
transaction carries many requests' writes, so its round trips, its commit and its thread
hand-offs are shared. Every request learns its own outcome only once its group's transaction
has ended, so an answer never precedes the commit it reports.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Generic, TypeVar

__all__ = ["GroupCommit"]

T = TypeVar("T")
R = TypeVar("R")


class GroupCommit(Generic[T, R]):
    """Runs ``write(items)`` in a thread of its own for groups of queued items, ``lanes`` groups
    at once at most (one thread each, not shared with the app's other blocking work), each of
    total ``weight`` at most ``most`` (a heavier item goes alone).

    ``write`` returns one outcome per item, in order: a result, or the exception that item's
    request is to raise. An exception raised by ``write`` itself is every item's outcome."""

    def __init__(
        self,
        write: Callable[[list[T]], Sequence[R | BaseException]],
        *,
        lanes: int,
        most: int,
        weight: Callable[[T], int] = lambda _: 1,
    ) -> None:
        self._write = write
        self._lanes = lanes
        self._most = most
        self._weight = weight
        self._queue: deque[tuple[T, asyncio.Future[R]]] = deque()
        self._running: set[asyncio.Task[None]] = set()
        self._threads = ThreadPoolExecutor(max_workers=lanes, thread_name_prefix="group-commit")

    async def submit(self, item: T) -> R:
        """Queue ``item`` and wait for its outcome (after its group's transaction)."""
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._queue.append((item, future))
        if len(self._running) < self._lanes:
            task = asyncio.create_task(self._drain())
            self._running.add(task)
            task.add_done_callback(self._running.discard)
        return await future

    def _take(self) -> list[tuple[T, asyncio.Future[R]]]:
        group: list[tuple[T, asyncio.Future[R]]] = []
        total = 0
        while self._queue:
            weight = self._weight(self._queue[0][0])
            if group and total + weight > self._most:
                break
            group.append(self._queue.popleft())
            total += weight
        return group

    async def _drain(self) -> None:
        while self._queue:
            group = self._take()
            outcomes: Sequence[R | BaseException]
            try:
                outcomes = await asyncio.get_running_loop().run_in_executor(
                    self._threads, self._write, [item for item, _ in group]
                )
            except Exception as exc:  # every request of the group answers with it
                outcomes = [exc] * len(group)
            for (_, future), outcome in zip(group, outcomes, strict=True):
                if future.done():
                    continue
                if isinstance(outcome, BaseException):
                    future.set_exception(outcome)
                else:
                    future.set_result(outcome)

    def close(self) -> None:
        """Let the groups being written finish, and stop the threads."""
        self._threads.shutdown(wait=True)
