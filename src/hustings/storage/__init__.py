"""The one storage layer for state users create: the database, its migrations, accounts and
the audit log. SQLite in the data folder by default; PostgreSQL via ``HUSTINGS_DATABASE_URL``.
Only this package writes SQL for user state; capabilities call its functions by name."""

from hustings.storage.accounts import Principal, Role
from hustings.storage.audit import AuditEntry, AuditVerification
from hustings.storage.engine import Database, DatabaseError, open_database

__all__ = [
    "AuditEntry",
    "AuditVerification",
    "Database",
    "DatabaseError",
    "Principal",
    "Role",
    "open_database",
]
