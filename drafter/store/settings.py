"""The `[store]` table of drafter.toml: where history lives and how long it is kept."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class StoreSettings(BaseModel):
    """Where the history database is and what it keeps."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        default="",
        description="SQLAlchemy URL (postgresql://user@host/db); empty: SQLite under the user data directory.",
    )
    store_internal_notes: bool = Field(
        default=False, description="Keep the recruiter's internal notes in history (off: they are never stored)."
    )
    retention_days: int = Field(
        default=180, ge=0, description="Drafts older than this many days are purged on start and daily; 0 keeps them."
    )
