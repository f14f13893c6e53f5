"""The history store: rounds, drafts, edits and exports, each write in its own transaction."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from drafter.errors import DrafterError
from drafter.models import DraftRequest, DraftResult
from drafter.store.carry import request_digest
from drafter.store.records import DraftRecord, RoundRecord
from drafter.store.schema import Draft, Edit, Export, Round
from drafter.store.settings import StoreSettings
from guardrails.report import GuardrailReport

log = logging.getLogger("drafter.store")

STATUSES = ("ready", "blocked", "failed", "duplicate")


class StoreError(DrafterError):
    """The history database failed (unreachable, locked, full)."""


def _store_error(exc: SQLAlchemyError) -> StoreError:
    return StoreError(f"The history database failed: {type(exc).__name__}.")


def utcnow() -> dt.datetime:
    """Return the current UTC time without tzinfo (how every timestamp is stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def candidate_key(name: str) -> str:
    """Return a name folded for matching: case and spacing do not count (SQL lower() knows no Å)."""
    return " ".join(name.casefold().split())[:100]


class History:
    """Read and write the history; every method is one transaction."""

    def __init__(self, engine: Engine, settings: StoreSettings | None = None) -> None:
        self.engine = engine
        self.settings = settings or StoreSettings()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._shared = threading.local()  # this thread's `transaction()` session, if one is open

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Yield a session whose work commits at the end, or rolls back on any error.

        Inside `transaction()` (on the same thread) it yields that transaction's session instead,
        which commits or rolls back once, at the end of the transaction.
        """
        shared: Session | None = getattr(self._shared, "session", None)
        if shared is not None:
            try:
                yield shared
            except SQLAlchemyError as exc:  # the transaction rolls back as this leaves it
                raise _store_error(exc) from exc
            return
        session = self._sessions()
        try:
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise _store_error(exc) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Make the writes of this thread inside the block one transaction: all commit, or none.

        One commit is one fsync: a batch stores the rows that landed together at once. Meant for
        `save_result`, `save_failure` and `save_duplicate`; a failure raises `StoreError` at the end
        of the block, with nothing of it written.
        """
        if getattr(self._shared, "session", None) is not None:
            yield  # already inside one: the outer transaction commits
            return
        with self.session() as s:
            self._shared.session = s
            try:
                yield
            finally:
                self._shared.session = None

    # -- rounds --------------------------------------------------------------------------------
    def start_round(
        self,
        key: str,
        name: str,
        profile: str,
        source: str = "",
        rows_total: int = 0,
        not_before: dt.date | None = None,
    ) -> RoundRecord:
        """Return the round with this key, creating it first if it is new (a re-run resumes it)."""
        with self.session() as s:
            found = s.scalar(select(Round).where(Round.key == key))
            if found is not None:
                if not_before is not None and found.not_before != not_before:
                    found.not_before = not_before
                return RoundRecord.model_validate(found)
        try:
            with self.session() as s:
                created = Round(
                    key=key,
                    name=name[:200],
                    source=source[:300],
                    profile=profile,
                    rows_total=rows_total,
                    not_before=not_before,
                    created_at=utcnow(),
                )
                s.add(created)
                s.flush()
                return RoundRecord.model_validate(created)
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):  # another process created it just now
                return self.start_round(key, name, profile, source, rows_total, not_before)
            raise

    def rounds(self) -> list[RoundRecord]:
        """Return every round, newest first."""
        with self.session() as s:
            return [RoundRecord.model_validate(r) for r in s.scalars(select(Round).order_by(Round.id.desc()))]

    def get_round(self, round_id: int) -> RoundRecord | None:
        """Return one round, or None."""
        with self.session() as s:
            found = s.get(Round, round_id)
            return RoundRecord.model_validate(found) if found else None

    def set_not_before(self, round_id: int, not_before: dt.date | None) -> None:
        """Set (or clear) the date before which a round's messages must not be sent."""
        with self.session() as s:
            found = s.get(Round, round_id)
            if found is not None:
                found.not_before = not_before

    # -- drafts --------------------------------------------------------------------------------
    def _request_json(self, request: DraftRequest) -> str:
        exclude = None if self.settings.store_internal_notes else {"internal_notes"}
        return request.model_dump_json(exclude=exclude)

    def _upsert(self, s: Session, round_id: int, row: int, request: DraftRequest, email: str | None) -> Draft:
        draft = s.scalar(select(Draft).where(Draft.round_id == round_id, Draft.row == row))
        now = utcnow()
        if draft is None:
            draft = Draft(round_id=round_id, row=row, created_at=now)
            s.add(draft)
        draft.candidate_name = request.candidate_name
        draft.candidate_key = candidate_key(request.candidate_name)
        draft.candidate_email = email
        draft.role, draft.company = request.role, request.company
        draft.language, draft.channel = request.language, request.channel
        draft.request_json = self._request_json(request)
        draft.request_digest = request_digest(request, email)
        draft.updated_at = now
        draft.error = None
        draft.duplicate_of = None
        draft.fallback_used = False
        draft.pseudonymised = False
        draft.attempts = 0
        draft.latency_s = 0.0
        draft.model = ""
        return draft

    def save_result(
        self,
        round_id: int,
        row: int,
        result: DraftResult,
        email: str | None = None,
        pseudonymised: bool = False,
        note: str | None = None,
    ) -> DraftRecord:
        """Store a finished draft for a row (replacing an earlier failure or draft of that row).

        `note` marks a draft with what went wrong on the way (the model failed and the composer wrote it).
        """
        with self.session() as s:
            draft = self._upsert(s, round_id, row, result.request, email)
            draft.status = "ready" if result.report.passed else "blocked"
            draft.model_text = draft.text = result.text
            draft.passed = result.report.passed
            draft.report_json = result.report.model_dump_json()
            draft.model = result.model
            draft.fallback_used = result.fallback_used
            draft.pseudonymised = pseudonymised
            draft.attempts = len(result.attempts)
            draft.latency_s = result.latency_s
            draft.error = note
            s.flush()
            return DraftRecord.model_validate(draft)

    def save_failure(
        self, round_id: int, row: int, request: DraftRequest, error: str, email: str | None = None, model: str = ""
    ) -> DraftRecord:
        """Store that a row could not be drafted, with the one-sentence reason."""
        with self.session() as s:
            draft = self._upsert(s, round_id, row, request, email)
            draft.status, draft.error, draft.model = "failed", error, model
            draft.model_text = draft.text = None
            draft.passed, draft.report_json = None, None
            s.flush()
            return DraftRecord.model_validate(draft)

    def save_duplicate(
        self, round_id: int, row: int, request: DraftRequest, of_row: int, reason: str, email: str | None = None
    ) -> DraftRecord:
        """Store that a row repeats an earlier candidate of the round; it is not drafted."""
        with self.session() as s:
            draft = self._upsert(s, round_id, row, request, email)
            draft.status, draft.duplicate_of = "duplicate", of_row
            draft.error = f"Same candidate as row {of_row} ({reason}); not drafted twice."
            draft.model_text = draft.text = None
            draft.passed, draft.report_json = None, None
            s.flush()
            return DraftRecord.model_validate(draft)

    def next_row(self, round_id: int) -> int:
        """Return the next free row number of a round (single drafts from the page are appended)."""
        with self.session() as s:
            return int(s.scalar(select(func.max(Draft.row)).where(Draft.round_id == round_id)) or 0) + 1

    def round_drafts(self, round_id: int) -> list[DraftRecord]:
        """Return a round's drafts in input order."""
        with self.session() as s:
            rows = s.scalars(select(Draft).where(Draft.round_id == round_id).order_by(Draft.row))
            return [DraftRecord.model_validate(d) for d in rows]

    def get_draft(self, draft_id: int) -> DraftRecord | None:
        """Return one draft, or None."""
        with self.session() as s:
            found = s.get(Draft, draft_id)
            return DraftRecord.model_validate(found) if found else None

    def record_edit(self, draft_id: int, text: str, report: GuardrailReport) -> DraftRecord:
        """Store a recruiter's edit as the draft's current text, with its check."""
        with self.session() as s:
            draft = s.get(Draft, draft_id)
            if draft is None:
                raise StoreError(f"Draft {draft_id} is not in the history (it may have been purged).")
            now = utcnow()
            s.add(Edit(draft_id=draft_id, text=text, passed=report.passed, report_json=report.model_dump_json(),
                       created_at=now))  # fmt: skip
            draft.text, draft.passed, draft.report_json = text, report.passed, report.model_dump_json()
            draft.status = "ready" if report.passed else "blocked"
            draft.updated_at = now
            s.flush()
            return DraftRecord.model_validate(draft)

    def record_exports(self, kind: str, texts: Iterable[tuple[int, str]]) -> int:
        """Store the texts as they were exported (`kind` csv or eml), all in one transaction."""
        now = utcnow()
        with self.session() as s:
            items = [Export(draft_id=draft_id, kind=kind, text=text, created_at=now) for draft_id, text in texts]
            s.add_all(items)
            return len(items)

    def edits(self, draft_id: int) -> list[tuple[dt.datetime, str, bool]]:
        """Return a draft's edits, oldest first: (when, text, passed)."""
        with self.session() as s:
            rows = s.scalars(select(Edit).where(Edit.draft_id == draft_id).order_by(Edit.id))
            return [(e.created_at, e.text, e.passed) for e in rows]

    def export_count(self, draft_id: int) -> int:
        """Return how often a draft was exported."""
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(Export).where(Export.draft_id == draft_id)) or 0

    def search(
        self,
        query: str = "",
        round_id: int | None = None,
        status: str | None = None,
        limit: int = 200,
    ) -> list[DraftRecord]:
        """Return drafts matching a name, e-mail, role or company fragment, newest first."""
        stmt = select(Draft)
        if query.strip():
            needle = f"%{candidate_key(query)}%"
            raw = f"%{query.strip()}%"
            stmt = stmt.where(
                or_(
                    Draft.candidate_key.like(needle),
                    func.lower(Draft.candidate_email).like(needle),
                    Draft.role.ilike(raw),
                    Draft.company.ilike(raw),
                )
            )
        if round_id is not None:
            stmt = stmt.where(Draft.round_id == round_id)
        if status:
            stmt = stmt.where(Draft.status == status)
        stmt = stmt.order_by(Draft.updated_at.desc(), Draft.id.desc()).limit(limit)
        with self.session() as s:
            return [DraftRecord.model_validate(d) for d in s.scalars(stmt)]

    def counts(self) -> dict[str, int]:
        """Return rows per table (for `drafter history` and log lines: counts only)."""
        with self.session() as s:
            return {
                "rounds": s.scalar(select(func.count()).select_from(Round)) or 0,
                "drafts": s.scalar(select(func.count()).select_from(Draft)) or 0,
                "edits": s.scalar(select(func.count()).select_from(Edit)) or 0,
                "exports": s.scalar(select(func.count()).select_from(Export)) or 0,
            }


def report_of(record: DraftRecord) -> dict[str, object]:
    """Return a draft's report as plain JSON data (for exports)."""
    return json.loads(record.report_json) if record.report_json else {}
