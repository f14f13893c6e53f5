"""Open the history database: resolve its URL, create the engine, bring the schema to the newest migration."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from drafter.errors import ConfigError
from drafter.store.settings import StoreSettings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
URL_ENV = "DRAFTER_STORE_URL"  # overrides `[store] url` (CI points the store tests at PostgreSQL with it)
DATA_DIR_ENV = "DRAFTER_DATA_DIR"  # overrides the user's data directory


def data_dir() -> Path:
    """Return the directory for the default SQLite file (DRAFTER_DATA_DIR, else the user's data directory)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("besked", appauthor=False))


def store_url(settings: StoreSettings) -> str:
    """Return the database URL: DRAFTER_STORE_URL, `[store] url`, else SQLite under the data directory."""
    url = os.environ.get(URL_ENV) or settings.url
    if url:
        return url
    return f"sqlite:///{data_dir() / 'history.db'}"


def _driver_url(url: str) -> Any:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError("The [store] url is not a database URL (e.g. postgresql://user@host/besked).") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver Besked ships
    return parsed


def create_store_engine(url: str) -> Engine:
    """Return an engine for `url`; SQLite gets foreign keys, WAL and full syncs (a kill loses no commit)."""
    parsed = _driver_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            try:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigError(f"Cannot create the history folder for {parsed.database}: {exc.strerror}.") from None
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise ConfigError(f"Cannot use the history database URL: {type(exc).__name__}.") from None
    if parsed.get_backend_name() == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

    return engine


def alembic_config(engine: Engine | None = None) -> Any:
    """Return an Alembic config for the packaged migrations."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to `revision` (default the newest) in one transaction."""
    from alembic import command

    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except SQLAlchemyError as exc:
        raise ConfigError(f"Cannot open the history database ({describe(engine)}): {type(exc).__name__}.") from None


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Downgrade the schema (tests and operators undoing a migration)."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def describe(engine: Engine) -> str:
    """Return where the database is, without a password."""
    return engine.url.render_as_string(hide_password=True)
