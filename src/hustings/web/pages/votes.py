"""Member votes' pages: voting on a phone, checking a receipt, the officer's console, results."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from hustings.errors import HustingsError, InvalidInputError
from hustings.web.adapter import votes as adapter
from hustings.web.auth import CurrentUser
from hustings.web.pages._common import render, state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/votes", response_class=HTMLResponse)
def ballots(request: Request) -> Response:
    """Every ballot with its state and links to vote, check a receipt or see the result."""
    return render(request, "votes.html", ballots=adapter.ballots(state(request)))


def _vote_page(
    request: Request, slug: str, *, error: HustingsError | None = None, form: Any = None
) -> HTMLResponse:
    ballot = adapter.ballot(state(request), slug)
    now = datetime.now(UTC)
    page = render(
        request,
        "vote.html",
        ballot=ballot,
        now=now,
        open_now=ballot.is_open_at(now),
        error=error,
        form=form or {},
        ranks=range(1, len(ballot.candidates) + 1),
    )
    if error is not None:
        page.status_code = error.http_status
    return page


@router.get("/vote/{slug}", response_class=HTMLResponse)
def vote_form(request: Request, slug: str) -> Response:
    """The voting page: the candidates with their statements, the code, and the marks."""
    return _vote_page(request, slug)


@router.post("/vote/{slug}", response_class=HTMLResponse)
async def vote_submit(request: Request, slug: str) -> Response:
    """Cast the vote; the receipt page, or the form again with what was wrong."""
    form = await request.form()
    data: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    data["choice"] = [v for v in form.getlist("choice") if isinstance(v, str)]
    st = state(request)

    def work() -> dict[str, Any]:
        chosen = adapter.ballot(st, slug)
        choices = adapter.choices_from_form(chosen, data)
        return adapter.cast_vote(st, slug, str(data.get("code", "")), choices)

    try:
        receipt = await run_in_threadpool(work)
    except HustingsError as exc:
        # A mistake on the paper keeps the code, so the voter need not find it again; a code
        # that is wrong or spent is not shown back.
        paper = isinstance(exc, InvalidInputError)
        keep = {k: v for k, v in data.items() if k != "code" or paper}
        return await run_in_threadpool(_vote_page, request, slug, error=exc, form=keep)
    chosen = await run_in_threadpool(adapter.ballot, st, slug)
    return render(request, "vote_done.html", ballot=chosen, receipt=receipt)


@router.get("/vote/{slug}/receipt", response_class=HTMLResponse)
def receipt_form(request: Request, slug: str) -> Response:
    """Check that a paper is in the ballot box with its receipt code."""
    chosen = adapter.ballot(state(request), slug)
    return render(request, "vote_check.html", ballot=chosen, check=None)


@router.post("/vote/{slug}/receipt", response_class=HTMLResponse)
async def receipt_submit(request: Request, slug: str) -> Response:
    """The answer: found or not (nothing about the vote)."""
    form = await request.form()
    receipt = str(form.get("receipt", ""))[:100]
    st = state(request)
    chosen = await run_in_threadpool(adapter.ballot, st, slug)
    check = await run_in_threadpool(adapter.receipt_check, st, slug, receipt)
    return render(request, "vote_check.html", ballot=chosen, check=check)


@router.get("/votes/{slug}/console", response_class=HTMLResponse)
def console(request: Request, slug: str, user: CurrentUser) -> Response:
    """The officer's console: state and turnout by region, never results."""
    if user is None:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    st = state(request)
    report = adapter.officer_turnout(st, user, slug)
    chosen = adapter.ballot(st, slug)
    return render(request, "vote_console.html", ballot=chosen, turnout=report)


@router.get("/votes/{slug}/results", response_class=HTMLResponse)
def results(request: Request, slug: str) -> Response:
    """The declared result, the round table and the published files (after the count)."""
    st = state(request)
    chosen = adapter.ballot(st, slug)
    try:
        body = adapter.declared(st, slug)
    except HustingsError as exc:
        page = render(request, "vote_results.html", ballot=chosen, declared=None, error=exc)
        page.status_code = exc.http_status
        return page
    return render(request, "vote_results.html", ballot=chosen, declared=body, error=None)
