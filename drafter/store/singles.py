"""Single drafts (the draft page, `drafter draft`) kept in history: one round per day and profile."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.models import DraftResult
    from drafter.store.history import History
    from drafter.store.records import DraftRecord


def save_single(history: History, result: DraftResult, name: str) -> DraftRecord:
    """Store one draft in today's round of single drafts for its profile, appended as its next row.

    `name` is the round's name as its reader sees it, with `{date}` for today's date.
    """
    today = dt.date.today().isoformat()
    key = hashlib.sha256(f"single:{today}:{result.model}".encode()).hexdigest()
    round_ = history.start_round(key, name=name.format(date=today), profile=result.model, source="")
    return history.save_result(round_.id, history.next_row(round_.id), result)
