"""The storage layer on SQLite and PostgreSQL: migrations, accounts, tokens and the audit log."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from hustings.errors import AuthError, InvalidInputError
from hustings.storage import accounts, audit
from hustings.storage import schema as t
from hustings.storage.accounts import Role
from hustings.storage.engine import Database, DatabaseError


def test_migrations_run_forward_from_empty_and_are_idempotent(database_url: str) -> None:
    db = Database(database_url)
    with pytest.raises(DatabaseError, match="is not set up") as caught:
        db.require_schema()
    assert caught.value.hint == "run `hustings field init` first"
    applied = db.migrate()
    assert applied[0] == "0001_field"
    assert db.migrate() == []
    db.require_schema()
    assert set(applied) >= set(db.current())


def test_migrations_create_exactly_the_declared_schema(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), t.load_all())
    assert diff == []


def test_a_token_names_its_account_and_nothing_else_does(db: Database) -> None:
    alice, token = accounts.create_user(db, "alice", Role.ORGANISER, seats=["E14001170"])
    assert accounts.principal_for_token(db, token) == alice
    with pytest.raises(AuthError):
        accounts.principal_for_token(db, token + "x")
    assert accounts.revoke_tokens(db, "alice") == 1
    with pytest.raises(AuthError):
        accounts.principal_for_token(db, token)


def test_revoking_a_lost_phone_ends_its_web_sessions_too(db: Database) -> None:
    accounts.create_user(db, "dan", Role.CANVASSER, password="a long password")
    _, session, _ = accounts.login(db, "dan", "a long password")
    accounts.revoke_tokens(db, "dan")
    with pytest.raises(AuthError, match="session has ended"):
        accounts.principal_for_session(db, session)


def test_an_expired_token_is_refused(db: Database) -> None:
    accounts.create_user(db, "bob", Role.CANVASSER)
    token = accounts.issue_token(db, "bob", days=1)
    with db.write() as conn:
        conn.execute(
            t.api_tokens.update().values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    with pytest.raises(AuthError, match="expired"):
        accounts.principal_for_token(db, token)


def test_passwords_are_hashed_with_argon2_and_checked(db: Database) -> None:
    accounts.create_user(db, "carol", Role.ADMIN, password="correct horse battery")
    with db.read() as conn:
        stored = conn.execute(sa.select(t.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    principal, session, csrf = accounts.login(db, "carol", "correct horse battery")
    assert principal.role is Role.ADMIN and session != csrf
    assert accounts.principal_for_session(db, session) == (principal, csrf)
    with pytest.raises(AuthError, match="wrong account name or password"):
        accounts.login(db, "carol", "wrong horse battery")
    with pytest.raises(AuthError, match="wrong account name or password"):
        accounts.login(db, "nobody", "correct horse battery")
    accounts.logout(db, session)
    with pytest.raises(AuthError):
        accounts.principal_for_session(db, session)


def test_an_organiser_needs_seats_and_names_are_unique(db: Database) -> None:
    with pytest.raises(InvalidInputError, match="needs the seats they organise"):
        accounts.create_user(db, "dan", Role.ORGANISER)
    accounts.create_user(db, "erin", Role.VIEWER)
    with pytest.raises(InvalidInputError, match="exists already"):
        accounts.create_user(db, "erin", Role.VIEWER)


def test_role_changes_are_audited_and_the_chain_verifies(db: Database) -> None:
    accounts.create_user(db, "fay", Role.VIEWER)
    accounts.set_role(db, "fay", Role.ORGANISER, seats=["E14001170"])
    entries = audit.entries(db)
    assert [e.action for e in entries] == ["role.change", "role.grant"]
    assert entries[0].detail == {"role": "organiser", "seats": ["E14001170"]}
    assert audit.verify(db).ok


def _drop_guard(db: Database) -> None:
    with db.write() as conn:
        if db.dialect == "postgresql":
            conn.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")
        else:
            conn.exec_driver_sql("DROP TRIGGER audit_log_append_only")


def test_the_database_refuses_to_edit_the_audit_log(db: Database) -> None:
    accounts.create_user(db, "gus", Role.VIEWER)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), db.write() as conn:
        conn.execute(t.audit_log.update().values(actor="someone else"))


@pytest.mark.parametrize("tamper", ["edit", "delete-middle", "truncate"])
def test_verify_finds_an_edited_deleted_or_truncated_entry(db: Database, tamper: str) -> None:
    for name in ("h1", "h2", "h3"):
        accounts.create_user(db, name, Role.VIEWER)
    assert audit.verify(db) == audit.AuditVerification(True, 3)
    _drop_guard(db)
    with db.write() as conn:
        log = t.audit_log
        if tamper == "edit":
            conn.execute(log.update().where(log.c.seq == 2).values(detail='{"role":"admin"}'))
        elif tamper == "delete-middle":
            conn.execute(log.delete().where(log.c.seq == 2))
        else:
            conn.execute(log.delete().where(log.c.seq == 3))
    result = audit.verify(db)
    assert not result.ok
    assert result.first_bad_seq == (3 if tamper == "truncate" else 2)


def test_concurrent_appends_make_one_unbroken_chain(db: Database) -> None:
    def work(k: int) -> None:
        for i in range(5):
            with db.write() as conn:
                audit.append(conn, actor=f"user#{k}", action="test", subject=str(i))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert audit.verify(db) == audit.AuditVerification(True, 20)


def test_a_bad_database_url_is_one_line() -> None:
    with pytest.raises(InvalidInputError, match="unsupported database 'mysql'"):
        Database("mysql://localhost/x")


def test_a_pooled_connection_closed_by_the_server_while_idle_is_replaced(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    if db.dialect != "postgresql":
        pytest.skip("only a database server closes connections")
    with db.read() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    admin = sa.create_engine(db.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
    admin.dispose()
    monkeypatch.setattr("hustings.storage.engine.PING_AFTER", 0.0)
    with db.read() as conn:
        assert conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one() != pid


@pytest.mark.parametrize("package", ["hustings.field", "hustings.storage"])
def test_every_module_lists_its_public_names(package: str) -> None:
    import importlib
    import inspect
    import pkgutil

    root = importlib.import_module(package)
    for info in pkgutil.iter_modules(root.__path__, f"{package}."):
        module = importlib.import_module(info.name)
        defined = {
            name
            for name, value in vars(module).items()
            if not name.startswith("_")
            and (
                (
                    (inspect.isfunction(value) or inspect.isclass(value))
                    and value.__module__ == module.__name__
                )
                or isinstance(value, sa.Table)
            )
        }
        listed = set(getattr(module, "__all__", ()))
        assert defined <= listed, f"{info.name} leaves out {sorted(defined - listed)}"
        assert all(hasattr(module, name) for name in listed), info.name
