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
    failures: list[str] = []
    called: set[str] = set()
    operations = [operation.ok() for operation in api_schema.get_all_operations()]
    for op in operations:

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=op.as_strategy())
        def run(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call()
            called.add(f"{case.method} {case.path}")
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: "
                                f"{response.status_code}")  # fmt: skip

        run()
    assert not failures, failures[:5]
    # every operation in the schema was exercised, not only those easy to generate
    assert called == {f"{op.method.upper()} {op.path}" for op in operations}
