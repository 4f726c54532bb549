"""``hustings serve`` is registered and explains itself."""

from __future__ import annotations

from typer.testing import CliRunner

from hustings.cli.main import app


def test_serve_help_lists_its_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--json", "--mirror"):
        assert option in result.output


def test_serve_without_store_or_mirror_says_how_to_sync(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HUSTINGS_HOME", str(tmp_path))
    monkeypatch.setenv("HUSTINGS_DATA_MIRROR", str(tmp_path / "none"))
    monkeypatch.setattr("hustings.settings.find_mirror", lambda explicit=None: None)
    result = CliRunner().invoke(app, ["serve", "--json"])
    assert result.exit_code == 2
    assert '"no_store"' in result.output
