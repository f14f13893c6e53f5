"""Draft through the pipeline with the names hidden from a remote model and restored afterwards."""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING

from drafter.errors import ProviderError
from drafter.models import Attempt, DraftRequest, DraftResult
from drafter.privacy.logs import keep_prompts_out_of_logs
from drafter.privacy.pseudonym import Pseudonyms
from drafter.stream import DraftStream

if TYPE_CHECKING:
    from drafter.pipeline import Drafter


def pseudonymizes(drafter: Drafter) -> bool:
    """Return whether this drafter's profile gets pseudonymised prompts."""
    return drafter.settings.pseudonymizes(drafter.profile)


def draft_private(drafter: Drafter, request: DraftRequest) -> tuple[DraftResult, bool]:
    """Return (result, pseudonymised): the draft for `request`, names hidden from remote models.

    Every text is checked as it will be read, restored and against the real request (so the
    pipeline's retries judge what the candidate gets); should the shown text fail a block rule,
    the deterministic composer writes the draft from the real request, locally.
    """
    keep_prompts_out_of_logs()
    if not pseudonymizes(drafter):
        return drafter.draft(request), False
    table = Pseudonyms.for_request(request)
    checked = drafter.checking_as(table.restore, request)
    return _restored(drafter, table, request, checked.draft(table.request(request))), True


def stream_private(drafter: Drafter, request: DraftRequest) -> DraftStream:
    """Return `drafter.stream(request)` with names hidden from remote models and restored as text streams.

    Chunks are released up to the last whitespace, so a token is never cut in two before it is restored.
    """
    keep_prompts_out_of_logs()
    if not pseudonymizes(drafter):
        return drafter.stream(request)
    table = Pseudonyms.for_request(request)
    inner = drafter.checking_as(table.restore, request).stream(table.request(request))

    def chunks() -> Generator[str, None, DraftResult]:
        pending = ""
        try:
            for chunk in inner:
                pending += chunk
                cut = max(pending.rfind(" "), pending.rfind("\n")) + 1
                if cut:
                    yield table.restore(pending[:cut])
                    pending = pending[cut:]
            if pending:
                yield table.restore(pending)
        finally:
            inner.close()
        if inner.result is None:
            raise ProviderError("The draft stream ended without a result.")
        return _restored(drafter, table, request, inner.result)

    return DraftStream(chunks())


def _restored(drafter: Drafter, table: Pseudonyms, request: DraftRequest, result: DraftResult) -> DraftResult:
    """Return the pseudonymised result with the names back (each report already judged the restored text)."""
    attempts = [a.model_copy(update={"text": table.restore(a.text)}) for a in result.attempts]
    shown_text = table.restore(result.text)
    shown = next((a for a in reversed(attempts) if a.text == shown_text), None)
    report = shown.report if shown is not None else drafter.check(shown_text, request)
    fallback = result.fallback_used
    if not report.passed:
        from drafter.composer import compose

        shown_text = compose(request, drafter.settings.guardrails)
        report = drafter.check(shown_text, request)
        attempts.append(Attempt(text=shown_text, report=report, source="composer"))
        fallback = True
    return result.model_copy(
        update={
            "text": shown_text,
            "request": request,
            "report": report,
            "attempts": attempts,
            "fallback_used": fallback,
        }
    )
