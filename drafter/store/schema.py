"""The history tables. Change them only together with a new migration under migrations/versions/."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so migrations can refer to them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with the naming convention."""

    metadata = MetaData(naming_convention=NAMING)


class Round(Base):
    """One interview round drafted at once: a batch file (or a page upload) and its settings."""

    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # hash of the rows and profile: re-runs resume
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(300), default="")
    profile: Mapped[str] = mapped_column(String(100))
    not_before: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)

    drafts: Mapped[list[Draft]] = relationship(
        back_populates="round", cascade="all, delete-orphan", passive_deletes=True
    )


class Draft(Base):
    """One candidate's message in a round: the request, the draft, its check, its current text."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("round_id", "row", name="uq_drafts_round_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    row: Mapped[int] = mapped_column(Integer)  # the row number in the input file
    candidate_name: Mapped[str] = mapped_column(String(100))
    candidate_key: Mapped[str] = mapped_column(String(100), index=True)  # casefolded name, for search and forget
    candidate_email: Mapped[str | None] = mapped_column(String(320), nullable=True, index=True)
    role: Mapped[str] = mapped_column(String(300))
    company: Mapped[str] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(2))
    channel: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(16), index=True)  # ready | blocked | failed | duplicate
    request_json: Mapped[str] = mapped_column(Text)  # internal notes removed unless the operator keeps them
    # sha256 of the e-mail and the whole request (notes included): finds the same row in an earlier run.
    request_digest: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    model_text: Mapped[str | None] = mapped_column(Text, nullable=True)  # as drafted
    text: Mapped[str | None] = mapped_column(Text, nullable=True)  # current: the latest edit, else as drafted
    passed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    report_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    model: Mapped[str] = mapped_column(String(100), default="")
    fallback_used: Mapped[bool] = mapped_column(Boolean, default=False)
    pseudonymised: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    latency_s: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    duplicate_of: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    round: Mapped[Round] = relationship(back_populates="drafts")
    edits: Mapped[list[Edit]] = relationship(cascade="all, delete-orphan", passive_deletes=True, order_by="Edit.id")
    exports: Mapped[list[Export]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Export.id"
    )


class Edit(Base):
    """A recruiter's edit of a draft, with the check of the edited text."""

    __tablename__ = "edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    passed: Mapped[bool] = mapped_column(Boolean)
    report_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Export(Base):
    """The text as it left Besked (CSV, .eml), with the disclosure line and not-before date it carried."""

    __tablename__ = "exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # csv | eml (a round) or txt | eml (one draft from the draft page)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Meta(Base):
    """Small store-wide facts (when the last purge ran)."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
