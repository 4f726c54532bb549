"""Every reader of a user's file, fed mangled files: it reads them or raises a HustingsError.

Inputs are real fixtures cut short, with bytes flipped or inserted, re-encoded, or replaced by
CSV- and JSON-shaped noise; a bounded number of examples per reader keeps this fast in CI.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hustings import lot
from hustings.ballots.formats import read_ballots
from hustings.errors import HustingsError
from hustings.listening.coding import load_codebook
from hustings.listening.importer import load
from hustings.listening.tally import read_margins
from hustings.projection.shares import check_shares, parse_by, parse_shares
from hustings.tactics.transfers import read_transfers

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = 40
NOISE = ',\n"\r\t;:=#{}[]-.0123456789 abcLABCONSNPé\u017f\x00\ufeff'


def _mangled(seed: bytes) -> st.SearchStrategy[bytes]:
    cut = st.integers(0, len(seed)).map(lambda n: seed[:n])
    flipped = st.tuples(st.integers(0, max(len(seed) - 1, 0)), st.integers(0, 255)).map(
        lambda a: seed[: a[0]] + bytes([a[1]]) + seed[a[0] + 1 :]
    )
    inserted = st.tuples(st.integers(0, len(seed)), st.binary(min_size=1, max_size=8)).map(
        lambda a: seed[: a[0]] + a[1] + seed[a[0] :]
    )
    noise = st.text(NOISE, max_size=200).map(lambda t: t.encode("utf-8"))
    encoded = st.sampled_from(["utf-16", "cp1252", "latin-1"]).map(
        lambda e: seed.decode("utf-8").encode(e, errors="replace")
    )
    return st.one_of(cut, flipped, inserted, noise, encoded, st.binary(max_size=300))


def _with_file(suffix: str, data: bytes, read: Callable[[Path], Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        with contextlib.suppress(HustingsError):
            read(path)


def _quotas(path: Path) -> Any:
    return lot.read_quotas(path, size=4)


def _pool(path: Path) -> Any:
    return lot.read_pool(path, features=("gender", "age"))


def _listening(path: Path) -> Any:
    return load([path])


READERS: list[tuple[str, str, Callable[[Path], Any]]] = [
    ("ballots/worked_example.blt", ".blt", read_ballots),
    ("ballots/committee.csv", ".csv", read_ballots),
    ("ballots/labour_like.soi", ".soi", read_ballots),
    ("ballots/tie_in_middle.toc", ".toc", read_ballots),
    ("lot/quotas.csv", ".csv", _quotas),
    ("lot/shares.csv", ".csv", _quotas),
    ("lot/pool.csv", ".csv", _pool),
    ("lot/exclude.txt", ".txt", lot.read_exclusions),
    ("tactics/transfers.json", ".json", read_transfers),
    ("tactics/transfers_ld.csv", ".csv", read_transfers),
    ("listening/survey.csv", ".csv", _listening),
    ("listening/notes.md", ".md", _listening),
    ("listening/email.eml", ".eml", _listening),
    ("listening/codebook.json", ".json", load_codebook),
    ("listening/margins.csv", ".csv", read_margins),
]


@pytest.mark.parametrize(("fixture", "suffix", "read"), READERS, ids=[r[0] for r in READERS])
def test_reader_raises_only_its_own_errors(
    fixture: str, suffix: str, read: Callable[[Path], Any]
) -> None:
    seed = (FIXTURES / fixture).read_bytes()

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(_mangled(seed))
    def run(data: bytes) -> None:
        _with_file(suffix, data, read)

    run()


SCALARS = st.none() | st.booleans() | st.floats() | st.integers() | st.text(NOISE, max_size=12)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(NOISE, max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=EXAMPLES * 3, deadline=None, derandomize=True)
@given(st.text(NOISE + "%eE+", max_size=60))
def test_share_text_raises_only_its_own_errors(text: str) -> None:
    with contextlib.suppress(HustingsError):
        parse_shares(text)


@settings(max_examples=EXAMPLES * 3, deadline=None, derandomize=True)
@given(st.dictionaries(st.text(NOISE, max_size=8), JSONISH, max_size=4))
def test_area_shares_and_transfers_json_raise_only_their_own_errors(raw: dict[str, Any]) -> None:
    for call in (
        lambda: parse_by(raw),
        lambda: check_shares({k: v for k, v in raw.items() if isinstance(v, float)}),
        lambda: _with_file(".json", json.dumps(raw).encode(), read_transfers),
    ):
        with contextlib.suppress(HustingsError):
            call()


@settings(max_examples=EXAMPLES * 2, deadline=None, derandomize=True)
@given(JSONISH)
def test_lot_audit_of_any_json_raises_only_its_own_errors(published: Any) -> None:
    quotas = lot.read_quotas(FIXTURES / "lot" / "quotas.csv", size=4)
    people = lot.read_pool(FIXTURES / "lot" / "pool.csv", features=quotas.features)
    instance = lot.build_instance(people, quotas, 4)
    with contextlib.suppress(HustingsError):
        lot.audit_result(instance, published)
