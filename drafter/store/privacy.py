"""Privacy operations on the history: retention purge, forgetting a candidate, an access-request export."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from drafter.store.history import History, candidate_key, utcnow
from drafter.store.records import PurgeCounts
from drafter.store.schema import Draft, Edit, Export, Meta, Round

log = logging.getLogger("drafter.store")

LAST_PURGE = "last_purge"
PURGE_EVERY = dt.timedelta(days=1)


def _delete_drafts(s: Session, draft_ids: list[int]) -> PurgeCounts:
    counts = PurgeCounts()
    if not draft_ids:
        return counts
    # Explicit deletes (not only ON DELETE CASCADE), so the counts are exact on every backend.
    counts.edits = s.execute(delete(Edit).where(Edit.draft_id.in_(draft_ids))).rowcount or 0  # type: ignore[attr-defined]
    counts.exports = s.execute(delete(Export).where(Export.draft_id.in_(draft_ids))).rowcount or 0  # type: ignore[attr-defined]
    counts.drafts = s.execute(delete(Draft).where(Draft.id.in_(draft_ids))).rowcount or 0  # type: ignore[attr-defined]
    return counts


def _drop_empty_rounds(s: Session) -> int:
    empty = select(Round.id).where(~select(Draft.id).where(Draft.round_id == Round.id).exists())
    ids = list(s.scalars(empty))
    if not ids:
        return 0
    return s.execute(delete(Round).where(Round.id.in_(ids))).rowcount or 0  # type: ignore[attr-defined]


def purge(history: History, retention_days: int | None = None, now: dt.datetime | None = None) -> PurgeCounts:
    """Delete drafts last changed before the retention period, in one transaction; log counts only."""
    days = history.settings.retention_days if retention_days is None else retention_days
    now = now or utcnow()
    with history.session() as s:
        counts = PurgeCounts()
        if days > 0:
            cutoff = now - dt.timedelta(days=days)
            ids = list(s.scalars(select(Draft.id).where(Draft.updated_at < cutoff)))
            counts = _delete_drafts(s, ids)
            counts.rounds = _drop_empty_rounds(s)
        meta = s.get(Meta, LAST_PURGE)
        if meta is None:
            s.add(Meta(key=LAST_PURGE, value=now.isoformat()))
        else:
            meta.value = now.isoformat()
    log.info("retention purge: days=%d %s", days, counts)
    return counts


def purge_if_due(history: History, now: dt.datetime | None = None) -> PurgeCounts | None:
    """Purge when the last purge is more than a day old (or never ran); return the counts, or None."""
    now = now or utcnow()
    with history.session() as s:
        meta = s.get(Meta, LAST_PURGE)
        last = dt.datetime.fromisoformat(meta.value) if meta else None
    if last is not None and now - last < PURGE_EVERY:
        return None
    return purge(history, now=now)


def _matching(who: str) -> Any:
    key = candidate_key(who)
    email = who.strip().casefold()
    return or_(Draft.candidate_key == key, func.lower(Draft.candidate_email) == email)


def forget(history: History, who: str) -> PurgeCounts:
    """Delete every row about a candidate (name or e-mail) in one transaction.

    Drafts for other candidates that name this person as the chosen candidate keep their text
    (the guardrails kept the name out of it) but lose the name from their stored request.
    """
    if not who.strip():
        return PurgeCounts()
    key = candidate_key(who)
    with history.session() as s:
        ids = list(s.scalars(select(Draft.id).where(_matching(who))))
        counts = _delete_drafts(s, ids)
        for draft in s.scalars(select(Draft).where(Draft.request_json.contains('"chosen_candidate_name"'))):
            data = json.loads(draft.request_json)
            chosen = data.get("chosen_candidate_name")
            if chosen and candidate_key(chosen) == key:
                data["chosen_candidate_name"] = None
                draft.request_json = json.dumps(data, ensure_ascii=False)
                counts.redacted += 1
        counts.rounds = _drop_empty_rounds(s)
    log.info("forget candidate: %s", counts)
    return counts


def access_export(history: History, who: str) -> dict[str, Any]:
    """Return everything stored about one candidate (name or e-mail), for an access request."""
    with history.session() as s:
        drafts = list(s.scalars(select(Draft).where(_matching(who)).order_by(Draft.created_at, Draft.id)))
        items = []
        for d in drafts:
            items.append(
                {
                    "round": {
                        "name": d.round.name,
                        "created_at": d.round.created_at.isoformat(),
                        "not_before": d.round.not_before.isoformat() if d.round.not_before else None,
                    },
                    "row": d.row,
                    "status": d.status,
                    "request": json.loads(d.request_json),
                    "candidate_email": d.candidate_email,
                    "model": d.model,
                    "pseudonymised": d.pseudonymised,
                    "drafted_text": d.model_text,
                    "current_text": d.text,
                    "guardrail_report": json.loads(d.report_json) if d.report_json else None,
                    "error": d.error,
                    "edits": [{"at": e.created_at.isoformat(), "text": e.text, "passed": e.passed} for e in d.edits],
                    "exports": [{"at": x.created_at.isoformat(), "kind": x.kind, "text": x.text} for x in d.exports],
                    "created_at": d.created_at.isoformat(),
                    "updated_at": d.updated_at.isoformat(),
                }
            )
    return {
        "subject": who.strip(),
        "generated_at": utcnow().isoformat(timespec="seconds") + "Z",
        "controller_note": "Everything Besked's history holds about this person (drafts, edits, exports).",
        "drafts": items,
    }
