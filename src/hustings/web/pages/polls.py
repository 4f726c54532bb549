"""The polling average and its trend."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from hustings._io import parse_day
from hustings.projection.average import latest_average, poll_trend
from hustings.web.adapter.polls import trend_chart
from hustings.web.pages._common import render, state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/polls", response_class=HTMLResponse)
def polls_page(
    request: Request,
    since: str | None = Query(None, max_length=10, description="Start of the trend, YYYY-MM-DD"),
    as_of: str | None = Query(None, max_length=10, description="Day of the average, YYYY-MM-DD"),
) -> HTMLResponse:
    """The latest polling average with its 90% interval, and a weekly trend chart."""
    st = state(request)
    store = st.store()
    day, start = parse_day(as_of, "as_of"), parse_day(since, "since")
    average = st.cached(("poll-average", day), lambda: latest_average(store, day), few=True)
    first = start or average.as_of - timedelta(days=365)
    until = average.as_of
    trend = st.cached(
        ("poll-trend", first, until), lambda: poll_trend(store.polls(), first, until), few=True
    )
    rows = [(p, s, *average.interval(p)) for p, s in average.shares.items()]
    return render(request, "polls.html", average=average, chart=trend_chart(trend, average),
                  rows=rows)  # fmt: skip
