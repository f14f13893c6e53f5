"""Draft a round's rows concurrently (bounded), store each result as it lands, resume a re-run.

Workers only talk to the model; the calling thread writes every outcome to the history as soon as
it lands (the rows that landed together in one transaction), so a crash loses nothing already
drafted and a re-run drafts only what is missing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import random
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drafter.batch.retry import RateGate, RetryPolicy, call_with_retry
from drafter.batch.validation import BatchRow
from drafter.errors import DrafterError
from drafter.models import DraftResult
from drafter.privacy.drafting import draft_private
from drafter.privacy.logs import keep_prompts_out_of_logs

if TYPE_CHECKING:
    from drafter.pipeline import Drafter
    from drafter.store.history import History

log = logging.getLogger("drafter.batch")

DONE_STATUSES = frozenset({"ready", "blocked", "duplicate"})
# Provider failures a pipeline may answer with its composer instead of raising: worth another try.
TRANSIENT_REASONS = frozenset({"timeout", "rate_limited", "server_error", "connection", "truncated_stream"})


def provider_fallback(result: DraftResult) -> str | None:
    """Return the transient provider failure behind a composer fallback, if that is what happened."""
    reason = getattr(result, "fallback_reason", None)
    return reason if result.fallback_used and reason in TRANSIENT_REASONS else None


def spare_workers(concurrency: int) -> int:
    """Return how many workers a run has beyond its request slots.

    While `concurrency` requests are out, the spare workers build the next prompts and check and
    restore what came back, so a slot never waits for a row's CPU work. A few suffice: every one
    more is another thread contending for the GIL. One slot keeps one worker, rows in order.
    """
    return max(2, concurrency // 4) if concurrency > 1 else 0


def round_key(rows: Iterable[BatchRow], profile: str) -> str:
    """Return a hash of the rows' requests and the profile: the same batch gets the same round."""
    digest = hashlib.sha256(profile.encode())
    for row in rows:
        digest.update(json.dumps([row.row, row.email, row.request.model_dump()], sort_keys=True).encode())
    return digest.hexdigest()


@dataclass
class Progress:
    """Where a run is: rows finished out of those it had to draft, failures, time and an estimate."""

    done: int
    total: int
    failed: int
    elapsed_s: float
    skipped: int = 0  # rows already in the history (resumed)

    @property
    def eta_s(self) -> float | None:
        """Return the seconds left at the current pace, or None before the first row finished."""
        if self.done == 0:
            return None
        return self.elapsed_s / self.done * (self.total - self.done)


@dataclass
class RunSummary:
    """What one run did."""

    drafted: int = 0
    failed: int = 0
    duplicates: int = 0
    resumed: int = 0
    retries: int = 0
    elapsed_s: float = 0.0
    errors: dict[int, str] = field(default_factory=dict)


class BatchRunner:
    """Run the rows of one round through a drafter with at most `concurrency` requests at a time."""

    def __init__(
        self,
        drafter: Drafter,
        history: History,
        concurrency: int = 1,
        policy: RetryPolicy | None = None,
        seed: int | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        keep_prompts_out_of_logs()
        from drafter.pipeline import Drafter

        self.gate = RateGate(limit=concurrency)
        client = drafter.client
        if drafter.profile.remote:
            # No one watches a batch row being typed: whole answers spare the CPU of token streaming.
            client = client.whole()
        # Each model request holds a slot of the gate while it is out, and only then.
        client = client.gated(self.gate.slot)
        self.drafter = Drafter(drafter.settings, drafter.profile, client, drafter.prompt_version)
        self.history = history
        self.concurrency = concurrency
        self.policy = policy or RetryPolicy()
        self._rng = random.Random(seed)

    def _draft(self, row: BatchRow) -> tuple[DraftResult, bool, int]:
        rng = random.Random(self._rng.random())
        (result, private), retries = call_with_retry(
            lambda: draft_private(self.drafter, row.request),
            self.policy,
            self.gate,
            rng,
            retry_on=lambda value: provider_fallback(value[0]),
        )
        return result, private, retries

    def run(
        self,
        round_id: int,
        rows: list[BatchRow],
        on_progress: Callable[[Progress], None] | None = None,
    ) -> RunSummary:
        """Draft every row not yet in the history; store each outcome as soon as it is known."""
        summary = RunSummary()
        stored = {d.row: d.status for d in self.history.round_drafts(round_id)}
        pending: list[BatchRow] = []
        for row in rows:
            if stored.get(row.row) in DONE_STATUSES:
                summary.resumed += 1
            elif row.duplicate_of is not None:
                self.history.save_duplicate(
                    round_id, row.row, row.request, row.duplicate_of, row.duplicate_reason, row.email
                )
                summary.duplicates += 1
            else:
                pending.append(row)
        pending = self._take_over(round_id, pending, summary)
        total = len(pending)
        self._warm_up(pending)
        started = time.perf_counter()

        def report() -> None:
            if on_progress is not None:
                on_progress(
                    Progress(
                        done=summary.drafted + summary.failed,
                        total=total,
                        failed=summary.failed,
                        elapsed_s=time.perf_counter() - started,
                        skipped=summary.resumed,
                    )
                )

        report()
        todo: queue.SimpleQueue[BatchRow | None] = queue.SimpleQueue()
        results: queue.SimpleQueue[tuple[BatchRow, Future[tuple[DraftResult, bool, int]]]] = queue.SimpleQueue()
        for row in pending:
            todo.put(row)
        workers = min(self.concurrency + spare_workers(self.concurrency), len(pending))
        for _ in range(workers):
            todo.put(None)  # one stop mark per worker

        stop = threading.Event()  # set when the writer fails: workers then stop taking rows

        def work() -> None:
            # Each worker takes the next row itself, so a slow write never leaves it idle.
            while not stop.is_set() and (row := todo.get()) is not None:
                future: Future[tuple[DraftResult, bool, int]] = Future()
                try:
                    future.set_result(self._draft(row))
                except BaseException as exc:  # handed to the writer, which marks the row failed
                    future.set_exception(exc)
                results.put((row, future))

        threads = [threading.Thread(target=work, name=f"batch-{i}", daemon=True) for i in range(workers)]
        for thread in threads:
            thread.start()
        try:
            left = total
            while left:
                landed = [results.get()]
                while len(landed) < left:  # and every other row that has landed meanwhile
                    try:
                        landed.append(results.get_nowait())
                    except queue.Empty:
                        break
                left -= len(landed)
                self._store_landed(round_id, [self._outcome(row, future) for row, future in landed], summary, report)
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        summary.elapsed_s = time.perf_counter() - started
        log.info(
            "batch round=%d drafted=%d failed=%d duplicates=%d resumed=%d retries=%d elapsed=%.1fs",
            round_id, summary.drafted, summary.failed, summary.duplicates, summary.resumed, summary.retries,
            summary.elapsed_s,
        )  # fmt: skip
        return summary

    def _take_over(self, round_id: int, rows: list[BatchRow], summary: RunSummary) -> list[BatchRow]:
        """Copy rows an earlier run of this profile drafted from the same request; return the rest."""
        from drafter.store.carry import earlier_drafts, request_digest, take_over

        if not rows:
            return rows
        digests = {row.row: request_digest(row.request, row.email) for row in rows}
        earlier = earlier_drafts(self.history, self.drafter.profile_name, round_id, digests.values())
        left: list[BatchRow] = []
        for row in rows:
            source = earlier.get(digests[row.row])
            if source is None:
                left.append(row)
                continue
            take_over(self.history, source, round_id, row.row)
            summary.resumed += 1
        return left

    def _warm_up(self, rows: list[BatchRow]) -> None:
        """Load the language detector and lexicons once, before the clock and the workers start."""
        from drafter.models import CheckContext
        from guardrails.language import detector

        if rows and self.concurrency > 1:
            detector()  # its models: seconds of CPU under the GIL, which would stall every worker
        for language in sorted({r.request.language for r in rows}):
            self.drafter.check("Hej och tack.", CheckContext(language=language))

    def _outcome(self, row: BatchRow, future: Future[tuple[DraftResult, bool, int]]) -> _Outcome:
        """Return what became of a row: its draft, or the one sentence of why it has none."""
        try:
            result, private, retries = future.result()
        except DrafterError as exc:
            log.warning("batch row=%d failed: %s", row.row, type(exc).__name__)
            return _Outcome(row, error=str(exc))
        except Exception as exc:  # one broken row never stops the others
            log.warning("batch row=%d failed unexpectedly: %s", row.row, type(exc).__name__)
            return _Outcome(row, error=f"Unexpected error while drafting: {type(exc).__name__}.")
        note = None
        if provider_fallback(result):  # the model kept failing: the composer's draft, marked with why
            note = getattr(result, "fallback_message", None) or f"The model failed ({provider_fallback(result)})."
        return _Outcome(row, result=result, private=private, retries=retries, note=note)

    def _store_landed(
        self, round_id: int, outcomes: list[_Outcome], summary: RunSummary, report: Callable[[], None]
    ) -> None:
        """Store the rows that have landed in one transaction, then count and report each.

        A commit is an fsync, and every statement gives the GIL up and waits to get it back: a
        transaction a row kept the writer behind the workers at high concurrency. Only rows
        already drafted are grouped, never held back for more to come, so a kill loses no more
        than it did a row at a time. Should the group fail to write, each row is written on its
        own, and the one the database refuses fails the run as it always did.
        """
        if len(outcomes) > 1:
            from drafter.store.history import StoreError

            try:
                with self.history.transaction():
                    for outcome in outcomes:
                        self._write(round_id, outcome)
            except StoreError:
                for outcome in outcomes:
                    self._write(round_id, outcome)
        else:
            self._write(round_id, outcomes[0])
        for outcome in outcomes:
            outcome.count(summary)
            report()

    def _write(self, round_id: int, outcome: _Outcome) -> None:
        row = outcome.row
        if outcome.result is None:
            error = outcome.error or ""
            self.history.save_failure(round_id, row.row, row.request, error, row.email, self.drafter.profile_name)
        else:
            self.history.save_result(round_id, row.row, outcome.result, row.email, outcome.private, note=outcome.note)


@dataclass
class _Outcome:
    """One row's draft (with its retries and a note when the composer wrote it) or its error."""

    row: BatchRow
    result: DraftResult | None = None
    private: bool = False
    retries: int = 0
    note: str | None = None
    error: str | None = None

    def count(self, summary: RunSummary) -> None:
        """Add this row to a run's summary."""
        if self.result is None:
            summary.failed += 1
            summary.errors[self.row.row] = self.error or ""
            return
        summary.drafted += 1
        summary.retries += self.retries
        if self.note is not None:
            summary.errors[self.row.row] = self.note


def redraft(drafter: Drafter, history: History, round_id: int, row: BatchRow) -> None:
    """Draft one row again (the page's "re-draft" button) and store the new draft over the old."""
    try:
        result, private = draft_private(drafter, row.request)
    except DrafterError as exc:
        history.save_failure(round_id, row.row, row.request, str(exc), row.email, drafter.profile_name)
        return
    history.save_result(round_id, row.row, result, row.email, private)
