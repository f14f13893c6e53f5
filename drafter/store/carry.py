"""Rows an earlier run already drafted, taken over when a corrected file is run again.

A round is keyed by its rows, so fixing one invalid row of a file makes a new round; without this
every other row would be drafted a second time. A row is taken over only when its e-mail and its
whole request (internal notes included) are the same and the same profile drafted it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select

from drafter.store.records import DraftRecord
from drafter.store.schema import Draft, Round

if TYPE_CHECKING:
    from drafter.models import DraftRequest
    from drafter.store.history import History

# Rows kept from an earlier run: drafted, whether they passed or not (a failed row is drafted again).
TAKEN_STATUSES = ("ready", "blocked")
# Columns copied to the new row; id, round, row number and timestamps are the new row's own.
COPIED = (
    "candidate_name", "candidate_key", "candidate_email", "role", "company", "language", "channel",
    "status", "request_json", "request_digest", "model_text", "text", "passed", "report_json", "model",
    "fallback_used", "pseudonymised", "attempts", "latency_s", "error",
)  # fmt: skip
_CHUNK = 500  # bound parameters per query, well under SQLite's limit


def request_digest(request: DraftRequest, email: str | None) -> str:
    """Return the sha256 of a row's e-mail and whole request: equal digests, equal drafts."""
    payload = json.dumps([email, request.model_dump(mode="json")], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def earlier_drafts(history: History, profile: str, round_id: int, digests: Iterable[str]) -> dict[str, int]:
    """Return digest -> id of the newest draft of another round of this profile with that digest."""
    wanted = sorted(set(digests))
    found: dict[str, int] = {}
    with history.session() as s:
        for start in range(0, len(wanted), _CHUNK):
            stmt = (
                select(Draft.request_digest, Draft.id)
                .join(Round, Draft.round_id == Round.id)
                .where(
                    Round.profile == profile,
                    Draft.round_id != round_id,
                    Draft.status.in_(TAKEN_STATUSES),
                    Draft.request_digest.in_(wanted[start : start + _CHUNK]),
                )
                .order_by(Draft.id)
            )
            for digest, draft_id in s.execute(stmt):
                found[str(digest)] = int(draft_id)  # ordered by id: the newest wins
    return found


def take_over(history: History, source_id: int, round_id: int, row: int) -> DraftRecord:
    """Copy an earlier run's draft (its current text, edits included) into a row of this round."""
    from drafter.store.history import utcnow

    with history.session() as s:
        source = s.get(Draft, source_id)
        if source is None:
            raise LookupError(f"draft {source_id} is gone")
        target = s.scalar(select(Draft).where(Draft.round_id == round_id, Draft.row == row))
        now = utcnow()
        if target is None:
            target = Draft(round_id=round_id, row=row, created_at=now)
            s.add(target)
        for column in COPIED:
            setattr(target, column, getattr(source, column))
        target.duplicate_of = None
        target.updated_at = now
        s.flush()
        return DraftRecord.model_validate(target)
