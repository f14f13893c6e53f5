"""The history store: SQLAlchemy tables with Alembic migrations; SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.config import Settings
    from drafter.store.history import History


def open_history(settings: Settings, purge: bool = True) -> History:
    """Open (and migrate) the configured history and purge what is past retention (on every start;
    long-running processes also call `purge_if_due`, which purges once a day)."""
    from drafter.store.engine import create_store_engine, migrate, store_url
    from drafter.store.history import History
    from drafter.store.privacy import purge as purge_now

    engine = create_store_engine(store_url(settings.store))
    migrate(engine)
    history = History(engine, settings.store)
    if purge:
        purge_now(history)
    return history
