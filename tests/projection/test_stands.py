"""Parties are projected only where they can stand."""

from __future__ import annotations

from hustings.data.api import Store
from hustings.projection import MODELS, project
from hustings.settings import Settings

SHARES = {
    "LAB": 0.337,
    "CON": 0.237,
    "RUK": 0.143,
    "LD": 0.122,
    "GRN": 0.067,
    "SNP": 0.025,
    "PC": 0.007,
}


def test_nationalists_and_the_speaker_stay_home(synced: Settings) -> None:
    store = Store(synced)
    for model in MODELS:
        result = project(store, base="2019-notional", shares=SHARES, model=model)
        col = {p: j for j, p in enumerate(result.parties)}
        nations = dict(
            zip(
                store.vote_matrix("2019-notional").gss,
                store.vote_matrix("2019-notional").nations,
                strict=True,
            )
        )
        for i, gss in enumerate(result.gss):
            if nations[gss] != "Wales":
                assert result.shares[i, col["PC"]] == 0.0, (model, gss)
            if nations[gss] != "Scotland":
                assert result.shares[i, col["SNP"]] == 0.0, (model, gss)
        speaker = [
            result.gss[i] for i in range(len(result.gss)) if result.shares[i, col["SPK"]] > 0
        ]
        assert speaker == ["E14001170"], model
