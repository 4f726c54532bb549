"""What broke in ordinary use, tried in Debian's Chromium: each test is one thing a user did.

Figures checked by hand against the store: Chorley (E14001170) is the 2024 successor of the
2010-boundary Chorley (E14000637, 96% of its population); Copeland's population went mostly
(77%) to Whitehaven and Workington; Clacton elected UKIP's Douglas Carswell in 2015.
"""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.mirror, pytest.mark.browser]


def _no_error(page) -> None:  # type: ignore[no-untyped-def]
    text = page.locator("main").inner_text()
    assert "Error code" not in text, text[:300]


def test_targets_filter_in_its_default_state(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/targets")
    page.locator("form.controls button[type=submit]").click()
    page.wait_for_load_state()
    _no_error(page)
    assert page.locator("#targets tbody tr").count() > 50


def test_jeopardy_list_from_the_page(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/targets")
    page.select_option("#mode", "jeopardy")
    page.locator("form.controls button[type=submit]").click()
    page.wait_for_load_state()
    _no_error(page)
    assert "jeopardy" in page.locator("h1").inner_text()
    assert page.locator("#shares").input_value()


def test_region_choices_fit_the_base_boundaries(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/targets")
    regions = page.locator("#region option").all_inner_texts()
    assert "East" not in regions and "East of England" in regions
    page.select_option("#region", "East of England")
    page.locator("form.controls button[type=submit]").click()
    page.wait_for_load_state()
    _no_error(page)
    assert page.locator("#targets tbody tr").count() > 0


def _shares(page) -> dict[str, float]:  # type: ignore[no-untyped-def]
    values = page.eval_on_selector_all(
        "#swing input[type=number][data-party]", "els => els.map(e => [e.dataset.party, e.value])"
    )
    return {p: float(v) for p, v in values}


def _settle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "() => /^Projected seats/.test(document.getElementById('status').textContent)",
        timeout=10_000,
    )


def test_swingometer_rebalances_and_always_projects(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/swingometer")
    start = _shares(page)
    page.locator("#n-LAB").fill("75")
    page.locator("#n-LAB").dispatch_event("input")
    _settle(page)
    after = _shares(page)
    others = float(page.locator("#others").inner_text())
    assert after["LAB"] == 75.0
    assert others >= 0
    assert sum(after.values()) + others == pytest.approx(100.0, abs=0.15)
    # the rest shrank in proportion: CON keeps its ratio to LD
    assert after["CON"] / after["LD"] == pytest.approx(start["CON"] / start["LD"], rel=0.05)
    assert "normalise" not in page.locator("#status").inner_text()


def test_swingometer_caps_a_one_nation_party(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/swingometer")
    cap = float(page.locator("#n-SNP").get_attribute("data-max") or 0)
    assert 7 < cap < 10  # Scotland's part of the GB vote
    page.locator("#n-SNP").fill("40")
    page.locator("#n-SNP").dispatch_event("input")
    _settle(page)
    assert _shares(page)["SNP"] == cap


def test_swingometer_locked_party_keeps_its_share(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/swingometer")
    con = _shares(page)["CON"]
    page.locator("#lock-CON").check()
    page.locator("#n-LAB").fill("100")
    page.locator("#n-LAB").dispatch_event("input")
    _settle(page)
    after = _shares(page)
    assert after["CON"] == con
    assert after["LAB"] == pytest.approx(100 - con, abs=0.1)


def test_swingometer_base_on_other_boundaries_redraws_the_map(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/swingometer")
    page.select_option("#base", "2019")
    page.wait_for_url(re.compile(r".*base=2019(&|$).*"))
    page.wait_for_load_state()
    _no_error(page)
    grey = page.locator("svg.hexmap path.p-none").count()
    assert page.locator("svg.hexmap a[data-gss]").count() == 650
    assert grey <= 18  # Northern Ireland is not projected


def test_seat_by_code_shows_its_history_through_boundary_changes(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/seats/E14001170")
    text = page.locator("main").inner_text()
    for year in ("2010", "2015", "2017", "2019", "2024"):
        assert page.locator(f"#r-{year}").count() == 1, year
    assert "96%" in text and "E14000637" not in text.split("Results since 2010")[0]


def test_seat_page_speaks_each_elections_party_names(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/seats/E14001174")
    r2015 = page.locator("#r-2015").locator("xpath=..").inner_text()
    assert "UKIP" in r2015 or "UK Independence Party" in r2015
    assert "Reform UK" not in r2015
    main = page.locator("main").inner_text()
    assert not re.search(r"\bIND\d\b|\bInd\d\b", main)
    assert "(party total)" not in main


def test_seat_page_names_nation_once_and_explains_northern_ireland(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/seats/S14000051")
    assert "Scotland, Scotland" not in page.locator(".lede").inner_text()
    page.goto(server + "/seats/N05000001")
    assert "Northern Ireland" in page.locator("main").inner_text()
    assert page.locator("#ni-note").count() == 1


def test_seat_search_partial_and_accent_free(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/tactical")
    page.locator("#seat-q").fill("orkney")
    page.wait_for_selector("#seat-suggest li a")
    assert "Orkney and Shetland" in page.locator("#seat-suggest").inner_text()
    page.goto(server + "/tactical?seat=orkney")
    _no_error(page)
    assert page.locator("#adv-h").inner_text() == "Orkney and Shetland"
    page.goto(server + "/tactical?seat=ynys+mon")
    _no_error(page)
    assert page.locator("#adv-h").inner_text() == "Ynys Môn"


def test_old_seat_name_points_to_its_successors(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/tactical?seat=Copeland")
    text = page.locator("main").inner_text()
    assert "no constituency" not in text
    assert "Whitehaven and Workington" in text and "77%" in text


def test_api_docs_work_without_internet(page, server: str) -> None:  # type: ignore[no-untyped-def]
    outside: list[str] = []

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    try:
        page.goto(server + "/docs")
        page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
        assert page.locator(".swagger-ui .opblock").count() >= 10
    finally:
        page.unroute("**/*")
    assert outside == []


# Postcodes (Code-Point Open placed in the 2024 seats): SW1A 1AA is in Cities of London and
# Westminster; the LS6 district is split, 83% of its postcodes in Leeds Central and Headingley
# and 17% in Leeds North East (hustings postcode LS6 --json).


def test_postcode_on_the_tactical_lookup(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/tactical")
    page.locator("#seat-q").fill("LS6")
    page.wait_for_selector("#seat-suggest li a")
    suggested = page.locator("#seat-suggest").inner_text()
    assert (
        "Leeds Central and Headingley — 83%" in suggested and "Leeds North East — 17%" in suggested
    )
    page.goto(server + "/tactical?seat=sw1a1aa")
    _no_error(page)
    assert page.locator("#adv-h").inner_text() == "Cities of London and Westminster"
    page.goto(server + "/tactical?seat=LS6")
    found = page.locator("#found").inner_text()
    assert "Leeds Central and Headingley (83%)" in found and "Leeds North East (17%)" in found


def test_postcode_on_the_seat_search(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/seats?q=LS6")
    assert "split between 2 constituencies" in page.locator("#found-h").inner_text()
    page.goto(server + "/seats?q=ynys+mon")
    page.wait_for_url("**/seats/W07000112")
    assert page.locator("h1").inner_text() == "Ynys Môn"


def test_tactical_lookup_chooses_the_bloc_and_the_party_to_beat(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/tactical?seat=Chorley")
    page.select_option("#against", "LAB")
    for code in ("LAB", "LD", "GRN", "SNP", "PC"):
        page.locator(f"#b-{code}").uncheck()
    page.locator("#b-CON").check()
    page.locator("#b-RUK").check()
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    _no_error(page)
    assert "against=LAB" in page.url
    note = page.locator("#adv-h").locator("xpath=..").inner_text()
    assert "against LAB" in note and "CON,RUK" in note


def test_swingometer_reads_out_majority_gains_and_ranges(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/swingometer")
    page.locator("#n-LAB").fill("50")
    page.locator("#n-LAB").dispatch_event("input")
    _settle(page)
    assert page.locator("#verdict").inner_text().startswith("Labour majority of ")
    row = page.locator('#totals tr[data-party="LAB"]')
    seats = int(row.locator(".seats").inner_text())
    base = int(row.locator(".change").get_attribute("data-base") or 0)
    assert row.locator(".change").inner_text() == f"+{seats - base}"
    page.wait_for_function(
        "() => !document.querySelector('#totals tr[data-party=\"LAB\"] .range')"
        ".textContent.includes('…')",
        timeout=20_000,
    )
    low, high = (int(v) for v in row.locator(".range").inner_text().split("\u2013"))
    assert low <= seats <= high
    assert "Chance of a Labour majority" in page.locator("#chance").inner_text()


def test_two_party_swing_moves_points_between_two_parties(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/swingometer")
    start = _shares(page)
    page.select_option("#swing-from", "CON")
    page.select_option("#swing-to", "LAB")
    page.locator("#swing-points").fill("5")
    _settle(page)
    after = _shares(page)
    assert after["LAB"] == pytest.approx(start["LAB"] + 5, abs=0.11)
    assert after["CON"] == pytest.approx(start["CON"] - 5, abs=0.11)
    assert after["LD"] == start["LD"]


def test_scotland_shares_apart_from_great_britain(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/swingometer")
    before = int(page.locator('#totals tr[data-party="SNP"] .seats').inner_text())
    page.locator("details.nations summary").click()
    page.locator("#scotland").fill("SNP=50,LAB=20,CON=12,LD=8,RUK=6,GRN=4")
    page.locator("#scotland").dispatch_event("change")
    page.wait_for_function(
        "b => Number(document.querySelector('#totals tr[data-party=\"SNP\"] .seats')"
        ".textContent) > b",
        arg=before,
        timeout=10_000,
    )
    assert "scotland=SNP" in page.url


# The map: Chorley's 2024 majority was 20,575 of 33,964 valid votes (60.6%); 303 seats changed
# hands between the notional 2019 result and 2024 (SELECT count(*) over results, 2024 against
# 2019-notional, where the winner differs).


def test_map_hover_gives_the_majority(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.locator('svg.hexmap a[data-gss="E14001170"]').hover()
    assert page.locator("#seatinfo").inner_text() == "Chorley: Speaker, majority 20,575 (60.6%)"


def test_gains_map(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.select_option("#show", "gains")
    page.locator("form.controls button[type=submit]").first.click()
    page.wait_for_url("**show=gains**")
    coloured = page.locator("svg.hexmap path:not(.p-none)").count()
    assert coloured == 303
    assert "303 seats changed hands" in page.locator("main").inner_text()


def test_phone_list_view_has_tap_targets_of_24px(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 375, "height": 800})
    try:
        page.goto(server + "/")
        page.locator("#seat-list summary").click()
        links = page.locator("#seat-list li a")
        assert links.count() == 650
        heights = page.eval_on_selector_all(
            "#seat-list li a", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        assert min(heights) >= 24
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        page.set_viewport_size({"width": 1200, "height": 900})


def test_tactical_lookup_shows_what_the_2024_sites_said(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/tactical?seat=Aldershot")
    sites = page.locator("#sites").inner_text()
    for site in (
        "StopTheTories.vote: Labour",
        "tactical.vote: Labour",
        "tacticalvote.co.uk: Labour",
    ):
        assert site in sites
