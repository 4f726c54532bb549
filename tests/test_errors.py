from hustings.errors import MissingExtraError, NotFoundError, require


def test_error_json_shape_names_code_message_hint_and_details() -> None:
    err = NotFoundError(
        "no constituency 'Copland'", hint="did you mean 'Copeland'?", query="Copland"
    )
    assert err.to_json() == {
        "error": {
            "code": "not_found",
            "message": "no constituency 'Copland'",
            "hint": "did you mean 'Copeland'?",
            "details": {"query": "Copland"},
        }
    }
    assert err.one_line() == "no constituency 'Copland'; did you mean 'Copeland'?"


def test_require_names_the_extra_to_install() -> None:
    try:
        require("no_such_module_for_hustings", "web")
    except MissingExtraError as exc:
        assert exc.hint == "install it with: pip install 'hustings[web]'"
    else:
        raise AssertionError("expected MissingExtraError")
