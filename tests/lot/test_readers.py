"""Readers and instance checks: both quota shapes, shares, ids, exclusions, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings import lot
from hustings.errors import InvalidInputError


def test_both_quota_shapes_read_the_same(lot_dir: Path) -> None:
    sf = lot.read_quotas(lot_dir / "quotas.csv", size=4)
    paper = lot.read_quotas(lot_dir / "categories.csv", size=4)
    assert [q.to_json() for q in sf.items] == [q.to_json() for q in paper.items]
    assert sf.features == ("gender", "age", "class")
    assert sf.items[0].max_flex == 4 and paper.items[0].max_flex is None


def test_shares_become_floor_and_ceiling_of_the_panel(lot_dir: Path) -> None:
    quotas = lot.read_quotas(lot_dir / "shares.csv", size=4)
    bounds = {q.label: (q.min, q.max) for q in quotas.items}
    assert bounds["gender=female"] == (2, 2)
    assert bounds["age=young"] == (1, 2)
    assert bounds["age=old"] == (2, 3)


def test_pool_without_id_column_uses_row_numbers(lot_dir: Path) -> None:
    quotas = lot.read_quotas(lot_dir / "categories.csv", size=2)
    pool = lot.read_pool(lot_dir / "no_id_column.csv", features=quotas.features)
    assert [p.id for p in pool.people] == ["1", "2", "3", "4", "5", "6"]


def test_exclusions_by_list_and_by_rule(lot_dir: Path, tiny: lot.Instance) -> None:
    assert tiny.excluded == ("a4",)
    quotas = lot.read_quotas(lot_dir / "quotas.csv", size=4)
    pool = lot.read_pool(lot_dir / "pool.csv", features=quotas.features)
    ids = lot.read_exclusions(lot_dir / "exclude.txt")
    instance = lot.build_instance(pool, quotas, 4, exclusions=lot.exclusions(ids, ["office=YES"]))
    assert instance.excluded == ("a4", "a5")
    assert len(instance.people) == 8


def test_shared_households_become_single_types(tiny: lot.Instance) -> None:
    ids = {tuple(tiny.people[i].id for i in group) for group in tiny.households}
    assert ids == {("a1", "a2"), ("a8", "a9")}
    singles = [t for t in tiny.types if t.household]
    assert all(t.size == 1 for t in singles) and len(singles) == 4


def _error(call: object) -> str:
    assert callable(call)
    with pytest.raises(InvalidInputError) as info:
        call()
    return info.value.one_line()


def test_missing_feature_column(lot_dir: Path) -> None:
    quotas = lot.read_quotas(lot_dir / "quotas.csv", size=2)
    path = lot_dir / "missing_feature_column.csv"
    message = _error(lambda: lot.read_pool(path, features=quotas.features))
    assert message == f"pool {path} has no column 'class'; columns are: id, gender, age"


def test_value_no_quota_lists(lot_dir: Path) -> None:
    quotas = lot.read_quotas(lot_dir / "quotas.csv", size=2)
    path = lot_dir / "unlisted_value.csv"
    pool = lot.read_pool(path, features=quotas.features)
    message = _error(lambda: lot.build_instance(pool, quotas, 2))
    assert message == (
        f"pool {path} line 4: gender 'non-binary' (person a3) has no quota; "
        "add a quota row for gender=non-binary or fix the value"
    )


def test_min_above_max(lot_dir: Path) -> None:
    path = lot_dir / "min_above_max.csv"
    message = _error(lambda: lot.read_quotas(path, size=4))
    assert message == f"quotas {path} line 2: gender=female has min 3 > max 2; make min at most max"


def test_duplicated_ids(lot_dir: Path) -> None:
    path = lot_dir / "duplicated_ids.csv"
    message = _error(lambda: lot.read_pool(path, features=("gender",)))
    assert message == (
        f"pool {path} line 4: id 'a1' duplicates line 2; every person needs a unique id"
    )


def test_panel_larger_than_pool(lot_dir: Path) -> None:
    quotas = lot.read_quotas(lot_dir / "quotas.csv", size=20)
    pool = lot.read_pool(lot_dir / "pool.csv", features=quotas.features)
    rules = lot.exclusions(rules=["office=yes"])
    message = _error(lambda: lot.build_instance(pool, quotas, 20, exclusions=rules))
    assert message == (
        "panel size 20 is not between 1 and the 9 eligible people (1 excluded); "
        "choose a smaller panel or a larger pool"
    )
