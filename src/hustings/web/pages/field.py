"""The field operation's pages: sign in, the organiser's dashboard and the canvassing page."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hustings.errors import AuthError, HustingsError
from hustings.storage import accounts
from hustings.web.adapter import field as adapter
from hustings.web.auth import SESSION_COOKIE, CurrentUser, csrf_token
from hustings.web.pages._common import hex_layout, render, sign_in_first, staff_user, state

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
LOGIN_CSRF = "hustings_login_csrf"
BANDS = ((0.0, "none yet"), (0.0, "under 10%"), (0.1, "10-25%"), (0.25, "25-50%"), (0.5, "50% +"))


def _private(page: Response) -> Response:
    """A page of personal data: never kept in the browser's cache (nor shown by Back after
    signing out)."""
    page.headers["Cache-Control"] = "no-store"
    return page


def _safe_next(path: str) -> str:
    return path if path.startswith("/") and not path.startswith("//") else "/field"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/field", error: str = "") -> Response:
    """The sign-in form."""
    token = secrets.token_urlsafe(24)
    page = render(request, "field_login.html", next=_safe_next(next), csrf=token, error=error)
    page.set_cookie(LOGIN_CSRF, token, httponly=True, samesite="strict", max_age=3600)
    return page


@router.post("/login")
def login_submit(
    request: Request,
    name: str = Form(..., max_length=200),
    password: str = Form(..., max_length=500),
    csrf: str = Form(..., max_length=100),
    next: str = Form("/field", max_length=500),
) -> Response:
    """Check the password and start a session (12 hours)."""
    if not secrets.compare_digest(csrf.encode(), request.cookies.get(LOGIN_CSRF, "").encode()):
        return RedirectResponse("/login?error=expired", status_code=303)
    try:
        _, session, _ = accounts.login(state(request).database(), name, password)
    except AuthError:
        return RedirectResponse(f"/login?error=wrong&next={quote(next)}", status_code=303)
    answer = RedirectResponse(_safe_next(next), status_code=303)
    answer.set_cookie(
        SESSION_COOKIE,
        session,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
    )
    answer.delete_cookie(LOGIN_CSRF)
    return answer


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End the session."""
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    session = request.cookies.get(SESSION_COOKIE)
    answer = RedirectResponse("/login", status_code=303)
    if not session:
        return answer
    db = state(request).database()
    try:
        _, csrf = await run_in_threadpool(accounts.principal_for_session, db, session)
    except HustingsError:
        answer.delete_cookie(SESSION_COOKIE)
        return answer
    if not secrets.compare_digest(str(form.get("csrf", "")).encode(), csrf.encode()):
        return RedirectResponse("/field", status_code=303)
    await run_in_threadpool(accounts.logout, db, session)
    answer.delete_cookie(SESSION_COOKIE)
    return answer


def _band(share: float) -> str:
    if share <= 0:
        return "cov0"
    return f"cov{max(i for i, (low, _) in enumerate(BANDS) if share >= low)}"


def _map(request: Request, rows: list[dict[str, Any]]) -> str:
    from hustings.web.adapter.hexmap import render_svg

    st = state(request)
    if not st.has_store:
        return ""
    hexes = hex_layout(st)
    shading = {r["seat"]: _band(r["share_knocked"]) for r in rows if not r["ward"]}
    names = {f"cov{i}": f"{label} of homes knocked" for i, (_, label) in enumerate(BANDS)}
    return render_svg(hexes, shading, names, title="Share of homes knocked", link="/field?seat=")


def _chart(days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    top = max((d["knocked"] + d["leaflets"] for d in days), default=0) or 1
    return [{**d, "height": round(100 * (d["knocked"] + d["leaflets"]) / top, 1)} for d in days]


@router.get("/field", response_class=HTMLResponse)
def dashboard(request: Request, user: CurrentUser, seat: str | None = None) -> Response:
    """Coverage per seat, on the hex map and over time (organisers, viewers, admins)."""
    who = staff_user(request, user)
    if isinstance(who, Response):
        return who
    chosen = seat.upper() if seat and len(seat) == 9 else None
    st = state(request)
    rows = adapter.coverage_rows(st, who, seat=chosen, by_ward=chosen is not None)
    whole = [r for r in rows if not r["ward"]] or rows
    if chosen:
        days = [d for r in adapter.coverage_rows(st, who, seat=chosen, by_ward=False, by_day=True)
                for d in r["by_day"]]  # fmt: skip
    else:
        days = adapter.days(st, who)
    return _private(
        render(
            request,
            "field_dashboard.html",
            user=who,
            rows=rows,
            seat=chosen,
            map_svg=_map(request, whole),
            chart=_chart(days),
            bands=BANDS,
            csrf=csrf_token(request),
        )
    )


@router.get("/field/canvass", response_class=HTMLResponse)
def canvass_lists(request: Request, user: CurrentUser) -> Response:
    """A canvasser's walk lists."""
    if user is None:
        return sign_in_first(request)
    lists = adapter.my_walk_lists(state(request), user)
    page = render(request, "field_canvass.html", user=user, lists=lists, csrf=csrf_token(request))
    return _private(page)


@router.get("/field/canvass/{list_id}", response_class=HTMLResponse)
def canvass_walk(request: Request, user: CurrentUser, list_id: int) -> Response:
    """One walk list on a phone: tap an outcome per door; records sync when there is signal."""
    if user is None:
        return sign_in_first(request)
    doors = adapter.walk_list(state(request), user, list_id)
    csrf = csrf_token(request)
    page = render(request, "field_walk.html", user=user, list_id=list_id, doors=doors, csrf=csrf)
    return _private(page)
