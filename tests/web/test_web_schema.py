"""Schemathesis against the OpenAPI: no generated request may produce a server error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from hustings.settings import Settings

pytestmark = pytest.mark.mirror

schemathesis = pytest.importorskip("schemathesis", reason="needs schemathesis (dev extra)")


@pytest.fixture(scope="module")
def api_schema(web_settings: Settings):  # type: ignore[no-untyped-def]
    from hustings.web import create_app

    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(web_settings))


def test_no_server_errors_on_generated_requests(api_schema) -> None:  # type: ignore[no-untyped-def]
    from schemathesis.checks import not_a_server_error

    failures: list[str] = []
    for operation in api_schema.get_all_operations():
        op = operation.ok()

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=op.as_strategy())
        def run(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call()
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: "
                                f"{response.status_code}")  # fmt: skip

        run()
    assert not failures, failures[:5]
    assert not_a_server_error is not None
