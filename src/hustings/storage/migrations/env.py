"""Alembic environment: runs on the connection that :meth:`Database.migrate` passes in."""

from __future__ import annotations

from alembic import context

from hustings.storage.schema import load_all

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through hustings.storage.Database.migrate")
context.configure(
    connection=connection,
    target_metadata=load_all(),
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
