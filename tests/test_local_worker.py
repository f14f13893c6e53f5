"""The local model lives in a worker process: a crash, a kill or a hang there ends one draft, never the app."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from drafter.config import Profile, Settings
from drafter.errors import ProviderError
from drafter.models import DraftRequest
from drafter.pipeline import Drafter
from drafter.providers import llama_cpp
from drafter.providers.base import ModelClient

pytestmark = pytest.mark.slow

PROMPT = "Hej Anna,\n\nTack för ditt intresse för tjänsten som projektledare. Vi"
REQUEST = DraftRequest(
    candidate_name="Maja Ekström",
    role="ekonomiassistent",
    company="Skärgårdsbanken",
    recruiter_name="Olof Berg",
    highlights="noggrann genomgång av leverantörsreskontra",
    reason="vi valde en kandidat med mer erfarenhet av löneadministration",
)


def _client(settings: Settings, fault: str | None = None, **changes: object) -> ModelClient:
    profile = settings.profile("local").model_copy(update=changes)
    return llama_cpp.build(profile, fault=fault)


def _worker(client: ModelClient) -> llama_cpp.LocalWorker:
    assert isinstance(client.model, llama_cpp.LlamaCppCompletion)
    return client.model.worker


def _text(client: ModelClient, prompt: str = PROMPT) -> str:
    return "".join(client.stream(prompt, stop=["\n\n"], seed=3))


@pytest.fixture
def client(settings: Settings) -> Iterator[ModelClient]:
    # A worker of its own (n_ctx differs from the shared one), so killing it disturbs no other test.
    made = _client(settings, n_ctx=2048)
    yield made
    _worker(made).close()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGSEGV], ids=["SIGKILL", "SIGSEGV"])
def test_worker_killed_mid_generation_fails_one_draft_and_the_next_runs_on_a_fresh_worker(
    client: ModelClient, sig: signal.Signals
) -> None:
    expected = _text(client)
    worker = _worker(client)
    first_pid = worker.pid
    chunks = client.stream("Once upon a time", stop=[], seed=1)
    next(chunks)
    assert first_pid is not None
    os.kill(first_pid, sig)
    with pytest.raises(ProviderError) as caught:
        for _ in chunks:
            pass
    message = str(caught.value)
    assert message.startswith("The local model stopped unexpectedly")
    assert sig.name in message and message.endswith("it has been restarted.")
    assert "\n" not in message
    assert worker.pid not in (None, first_pid)  # restarted at once, not on the next request
    # Same numbers on the fresh worker: the same prompt gives the same text as before the crash.
    assert _text(client) == expected


def test_a_generation_that_never_ends_is_stopped_within_the_timeout(settings: Settings) -> None:
    hanging = _client(settings, fault="hang:3", n_ctx=1024, timeout_s=3.0)
    try:
        t0 = time.monotonic()
        with pytest.raises(ProviderError, match=r"did not finish within 3 s and was stopped"):
            _text(hanging)
        elapsed = time.monotonic() - t0
        # The bound: the request ends within timeout_s + 2 s (model load excluded: it is waited for first).
        assert elapsed < 3.0 + 2.0 + (_worker(hanging).ready_s or 0)
    finally:
        _worker(hanging).close()


def test_a_stopped_worker_process_counts_as_a_hang(client: ModelClient, settings: Settings) -> None:
    slow = _client(settings, n_ctx=2048, timeout_s=2.0)  # same worker as `client`, shorter deadline
    chunks = slow.stream("Once upon a time", stop=[], seed=1)
    next(chunks)
    pid = _worker(slow).pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # the process exists but answers nothing: a hang in native code
    with pytest.raises(ProviderError, match="did not finish within 2 s"):
        for _ in chunks:
            pass
    assert _text(client)  # and the next request works


def test_closing_a_stream_early_cancels_the_generation_and_keeps_the_worker(client: ModelClient) -> None:
    expected = _text(client)
    pid = _worker(client).pid
    chunks = client.stream("Once upon a time", stop=[], seed=1)
    next(chunks)
    chunks.close()  # what DraftStream does when the UI abandons a draft
    assert _text(client) == expected
    assert _worker(client).pid == pid


def test_two_threads_share_one_worker_and_each_gets_its_own_text(client: ModelClient) -> None:
    expected = {p: _text(client, p) for p in (PROMPT, "Dear Ravi,\n\nThank you for your interest in the role. We")}
    got: dict[str, str] = {}

    def run(prompt: str) -> None:
        got[prompt] = _text(client, prompt)

    threads = [threading.Thread(target=run, args=(p,)) for p in expected]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected


def test_pipeline_falls_back_to_the_composer_on_a_crash_says_why_and_recovers(settings: Settings) -> None:
    profile: Profile = settings.profile("local").model_copy(update={"n_ctx": 3072})
    crashing = Drafter(settings, profile, client=llama_cpp.build(profile, fault="segv:5"))
    result = crashing.draft(REQUEST)
    _worker(crashing.client).close()
    assert result.fallback_used and result.report.passed
    assert result.fallback_reason == "model_stopped"
    assert result.fallback_message and "stopped unexpectedly" in result.fallback_message
    assert "SIGSEGV" in result.fallback_message and "restarted" in result.fallback_message
    assert result.attempts[0].error == "model_stopped"  # the failed attempt is kept, not lost
    healthy = Drafter(settings, profile)
    fresh = healthy.draft(REQUEST)
    assert fresh.report.passed and fresh.fallback_reason is None
    _worker(healthy.client).close()


def test_the_worker_waits_passively_unless_the_user_chose_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.providers.llama_supervisor import _child_env

    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    assert _child_env()["OMP_WAIT_POLICY"] == "PASSIVE"
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")
    assert _child_env()["OMP_WAIT_POLICY"] == "ACTIVE"
