"""The runner: bounded concurrency, 429 + Retry-After honoured, backoff, one failing row never stops the rest."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from batch_support import letter_from_prompt, name_of, prompt_fields

from drafter.batch.retry import RateGate, RetryPolicy, call_with_retry, retry_hint
from drafter.batch.runner import BatchRunner, Progress
from drafter.batch.validation import BatchRow
from drafter.config import Profile, Settings
from drafter.errors import ProviderError
from drafter.models import DraftRequest
from drafter.pipeline import Drafter
from drafter.providers import build_client
from drafter.store.engine import create_store_engine, migrate
from drafter.store.history import History
from drafter.testing.stub_openai import RecordedRequest, Reply, StubOpenAI
from guardrails.report import GuardrailReport


def _rows(n: int) -> list[BatchRow]:
    return [
        BatchRow(
            row=i + 2,
            request=DraftRequest(
                candidate_name=name_of(i),
                role="projektledare",
                company="Nordvik Energi",
                recruiter_name="Karin Ek",
                highlights="din tydliga presentation",
                reason="vi valde en kandidat med mer erfarenhet",
            ),
        )
        for i in range(n)
    ]


@pytest.fixture
def history(tmp_path: Path) -> History:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'h.db'}")
    migrate(engine)
    return History(engine)


def _drafter(settings: Settings, base_url: str) -> Drafter:
    # No SDK retries: the runner's own retry is under test. Pseudonymisation off keeps prompts readable.
    profile = Profile(name="stub", provider="openai-compatible", base_url=base_url, model="stub-model",
                      max_retries=0, pseudonymize=False, timeout_s=10)  # fmt: skip
    return Drafter(settings, profile)


FAST = RetryPolicy(attempts=4, base_s=0.01, cap_s=0.05)


def test_concurrency_is_bounded_and_every_row_is_drafted(settings: Settings, history: History) -> None:
    with StubOpenAI(replies=letter_from_prompt, delay_s=0.1, max_concurrent=3) as stub:
        runner = BatchRunner(_drafter(settings, stub.base_url), history, concurrency=3, policy=FAST)
        round_ = history.start_round("a" * 64, "r", "stub")
        seen: list[Progress] = []
        summary = runner.run(round_.id, _rows(12), seen.append)
        assert stub.max_in_flight == 3
        assert stub.count(status=429) == 0
    assert (summary.drafted, summary.failed) == (12, 0)
    assert [p.done for p in seen] == list(range(13))
    assert seen[-1].eta_s == 0 and seen[0].eta_s is None
    assert {d.status for d in history.round_drafts(round_.id)} == {"ready"}


def test_a_slot_is_held_only_while_its_request_is_out(
    settings: Settings, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Checking a draft takes as long as the request here: a slot held through the check would
    # start the third request only once the first row is checked, 0.6 s in, not when its answer came.
    with StubOpenAI(replies=letter_from_prompt, delay_s=0.3, max_concurrent=2) as stub:
        runner = BatchRunner(_drafter(settings, stub.base_url), history, concurrency=2, policy=FAST)
        check = runner.drafter.check

        def slow_check(text: str, request: DraftRequest) -> GuardrailReport:
            time.sleep(0.3)
            return check(text, request)

        monkeypatch.setattr(runner.drafter, "check", slow_check)
        round_ = history.start_round("f" * 64, "r", "stub")
        summary = runner.run(round_.id, _rows(6))
        arrivals = sorted(r.received_at for r in stub.requests)
        assert stub.max_in_flight == 2 and stub.count(status=429) == 0
    assert (summary.drafted, summary.failed) == (6, 0)
    assert arrivals[2] - arrivals[0] < 0.45


def test_429_with_retry_after_is_waited_out_then_the_row_is_drafted(settings: Settings, history: History) -> None:
    replies = [Reply(fault="429", retry_after_s=0.6)]

    def answer(request: RecordedRequest) -> str | Reply:
        return replies.pop(0) if replies else letter_from_prompt(request)

    with StubOpenAI(replies=answer) as stub:
        drafter = _drafter(settings, stub.base_url)
        drafter.profile = drafter.profile.model_copy(update={"max_retries": 1})  # the SDK's own retry
        runner = BatchRunner(drafter, history, concurrency=1, policy=FAST)
        round_ = history.start_round("b" * 64, "r", "stub")
        summary = runner.run(round_.id, _rows(1))
        first, second = stub.requests[0], stub.requests[1]
    assert first.status == 429 and second.status == 200
    assert second.received_at - first.received_at >= 0.6  # Retry-After honoured
    assert (summary.drafted, summary.failed) == (1, 0)
    (stored,) = history.round_drafts(round_.id)
    assert stored.status == "ready" and not stored.fallback_used


def test_rate_limits_beyond_the_sdk_retries_are_retried_by_the_runner(settings: Settings, history: History) -> None:
    replies = [Reply(fault="429", retry_after_s=0.2), Reply(fault="429", retry_after_s=0.2)]

    def answer(request: RecordedRequest) -> str | Reply:
        return replies.pop(0) if replies else letter_from_prompt(request)

    with StubOpenAI(replies=answer) as stub:
        runner = BatchRunner(_drafter(settings, stub.base_url), history, concurrency=1, policy=FAST)
        round_ = history.start_round("e" * 64, "r", "stub")
        summary = runner.run(round_.id, _rows(1))
        statuses = [r.status for r in stub.requests]
    assert statuses == [429, 429, 200]
    assert (summary.drafted, summary.retries) == (1, 2)
    (stored,) = history.round_drafts(round_.id)
    assert not stored.fallback_used and stored.error is None


def test_one_failing_row_is_marked_and_the_others_are_drafted(settings: Settings, history: History) -> None:
    def answer(request: RecordedRequest) -> str | Reply:
        if prompt_fields(request.prompt).get("candidate_name") == name_of(1):
            return Reply(fault="500")
        return letter_from_prompt(request)

    with StubOpenAI(replies=answer) as stub:
        runner = BatchRunner(_drafter(settings, stub.base_url), history, concurrency=2, policy=FAST)
        round_ = history.start_round("c" * 64, "r", "stub")
        summary = runner.run(round_.id, _rows(4))
        failing = [r for r in stub.requests if name_of(1) in r.prompt]
    assert summary.drafted + summary.failed == 4
    assert len(failing) == FAST.attempts  # retried with backoff, then given up
    stored = {d.row: d for d in history.round_drafts(round_.id)}
    # Marked with its error: failed, or (a pipeline that falls back on provider faults) the composer's draft.
    assert stored[3].error and (stored[3].status == "failed" or stored[3].fallback_used)
    assert all(stored[r].status == "ready" and not stored[r].error for r in (2, 4, 5))


def test_a_permanent_error_is_not_retried() -> None:
    calls = []

    class Bad(Exception):
        status_code = 400
        response = None

    def fail() -> None:
        calls.append(1)
        raise ProviderError("bad request") from Bad()

    with pytest.raises(ProviderError):
        call_with_retry(fail, FAST, RateGate(), random.Random(1), sleep=lambda s: None)
    assert calls == [1]


def test_retry_hint_reads_retry_after_through_the_cause_chain() -> None:
    class Headers(dict[str, str]):
        pass

    class Response:
        headers = Headers({"retry-after": "3"})

    class Limited(Exception):
        status_code = 429
        response = Response()

    try:
        try:
            raise Limited()
        except Limited as inner:
            raise ProviderError("rate limited") from inner
    except ProviderError as exc:
        assert retry_hint(exc) == (True, 3.0)
    assert retry_hint(ProviderError("no cause")) == (False, None)


def test_backoff_grows_with_jitter_and_stays_capped() -> None:
    policy = RetryPolicy(attempts=10, base_s=0.5, cap_s=4.0)
    rng = random.Random(7)
    waits = [policy.backoff(a, rng) for a in range(1, 8)]
    assert all(0.25 <= w <= 4.0 for w in waits)
    assert waits[0] <= 0.5 and waits[-1] >= 2.0
    assert len({round(w, 6) for w in waits}) == len(waits)  # jittered, not a fixed ladder


def test_more_workers_than_the_server_allows_adapts_to_its_limit(settings: Settings, history: History) -> None:
    with StubOpenAI(replies=letter_from_prompt, delay_s=0.1, max_concurrent=2, retry_after_s=0.2) as stub:
        runner = BatchRunner(_drafter(settings, stub.base_url), history, concurrency=6, policy=FAST)
        round_ = history.start_round("d" * 64, "r", "stub")
        summary = runner.run(round_.id, _rows(12))
        throttled = stub.count(status=429)
    assert (summary.drafted, summary.failed) == (12, 0)
    assert 0 < throttled <= 12
    assert runner.gate.limit <= 3  # learned the server's limit (2), probing one above it at most


def test_gate_lowers_the_limit_on_429_and_raises_it_slowly() -> None:
    gate = RateGate(limit=8)
    for _ in range(5):
        gate.acquire()
    gate.throttled(None)
    assert gate.limit == 4
    for _ in range(5):
        gate.release(ok=True)
    for _ in range(8):
        gate.acquire()
        gate.release(ok=True)
    assert gate.limit == 5


class _RecordingSlot:
    """A slot that records each hold and how it ended, and checks that holds never nest."""

    def __init__(self) -> None:
        self.ends: list[str] = []
        self.held = 0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        assert self.held == 0, "a slot taken while one was already held"
        self.held += 1
        try:
            yield
        except BaseException as exc:
            self.ends.append(str(getattr(exc, "status_code", type(exc).__name__)))
            raise
        finally:
            self.held -= 1
        self.ends.append("ok")


@pytest.mark.parametrize(
    ("faults", "ends"),
    [
        ([], ["ok"]),
        (["429"], ["429", "ok"]),
        (["500"], ["ok", "ok"]),  # a 500 is an answer: the slot is back once its body is closed
        (["close"], ["RemoteProtocolError", "ok"]),
    ],
)
def test_each_http_exchange_holds_the_slot_once_the_sdk_retries_included(faults: list[str], ends: list[str]) -> None:
    replies: list[str | Reply] = [Reply(fault=f, retry_after_s=0.01) for f in faults]  # type: ignore[arg-type]
    with StubOpenAI(replies=lambda r: replies.pop(0) if replies else "Hej.") as stub:
        profile = Profile(name="stub", provider="openai-compatible", base_url=stub.base_url, model="stub-model",
                          max_retries=1, timeout_s=5)  # fmt: skip
        slot = _RecordingSlot()
        client = build_client(profile).whole().gated(slot)
        text = "".join(client.stream("Hej", stop=[], seed=1))
    assert text == "Hej."
    assert slot.ends == ends and slot.held == 0
