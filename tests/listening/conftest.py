"""Without the ``text`` extra, tests that need it skip with the install hint as the reason."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

from hustings.errors import MissingExtraError


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, Any, Any]:
    """Turn a :class:`MissingExtraError` raised by a test into a skip naming the extra."""
    try:
        return (yield)
    except MissingExtraError as exc:
        pytest.skip(exc.one_line())
