"""The loopback OpenAI-compatible stub: what langchain-openai and the openai SDK see from it."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest
from langchain_openai import ChatOpenAI, OpenAI

from drafter.testing.stub_openai import FAULTS, Reply, StubOpenAI


def _chat(stub: StubOpenAI, retries: int = 0) -> ChatOpenAI:
    return ChatOpenAI(
        model="m", api_key="sk-stub", base_url=stub.base_url, timeout=1, max_retries=retries, stream_usage=True
    )


def _post(url: str, body: dict[str, object]) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def test_chat_streams_the_queued_replies_in_order_and_records_the_requests() -> None:
    with StubOpenAI(["Hej Elin, tack.", "Second."]) as stub:
        chunks = list(_chat(stub).stream("Skriv ett avslag till Elin"))
        assert "".join(str(c.content) for c in chunks) == "Hej Elin, tack."
        assert any(c.usage_metadata for c in chunks)  # include_usage honoured
        assert _chat(stub).invoke("again").content == "Second."
        assert _chat(stub).invoke("third").content == "OK"  # the default once the queue is empty
        first = stub.requests[0]
        assert first.path == "/v1/chat/completions" and first.stream
        assert first.prompt == "Skriv ett avslag till Elin"
        assert first.headers["Authorization"] == "Bearer sk-stub"
        assert [r.status for r in stub.requests] == [200, 200, 200]


def test_completion_honours_stop_sequences_streaming_and_not() -> None:
    with StubOpenAI(["Body text ### Underlag", "Plain ###rest"]) as stub:
        llm = OpenAI(model="m", api_key="x", base_url=stub.base_url, timeout=1, max_retries=0)
        assert "".join(llm.stream("prompt", stop=["###"])) == "Body text "
        assert llm.invoke("prompt", stop=["###"]) == "Plain "
        assert stub.requests[0].path == "/v1/completions"
        assert stub.requests[0].body["stop"] == ["###"]


def test_models_endpoint_lists_the_model() -> None:
    with StubOpenAI(model="gemma") as stub, urllib.request.urlopen(stub.base_url + "/models", timeout=5) as response:
        assert json.loads(response.read())["data"][0]["id"] == "gemma"


def test_a_reply_function_sees_each_request() -> None:
    with StubOpenAI(lambda req: f"echo: {req.prompt}") as stub:
        assert _chat(stub).invoke("ping").content == "echo: ping"


def test_an_answer_comes_when_its_delay_is_over_not_a_delayed_ack_later() -> None:
    # Headers and body are written apart; with Nagle on, the body waited ~40 ms for the client's ACK.
    import statistics
    import time

    import httpx

    with StubOpenAI(delay_s=0.05) as stub, httpx.Client() as client:
        took = []
        for _ in range(9):
            t0 = time.perf_counter()
            client.post(f"{stub.base_url}/chat/completions", json={"model": "m", "messages": []}).raise_for_status()
            took.append(time.perf_counter() - t0)
    assert statistics.median(took) < 0.075


def test_over_max_concurrent_is_answered_429_with_retry_after() -> None:
    statuses: list[int] = []
    with StubOpenAI(delay_s=0.5, max_concurrent=2, retry_after_s=2) as stub:
        body = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
        threads = [
            threading.Thread(target=lambda: statuses.append(_post(stub.base_url + "/chat/completions", body)[0]))
            for _ in range(5)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses) == [200, 200, 429, 429, 429]
        assert stub.max_in_flight == 2
        assert stub.count(status=429, fault="overloaded") == 3
        assert _post(stub.base_url + "/chat/completions", body)[0] == 200  # the slots are free again


def test_429_fault_sends_retry_after_and_the_sdk_retries() -> None:
    with StubOpenAI([Reply(fault="429", retry_after_s=0.1), "after the wait"]) as stub:
        assert _chat(stub, retries=1).invoke("hi").content == "after the wait"
        assert [r.status for r in stub.requests] == [429, 200]
    with StubOpenAI([Reply(fault="429", retry_after_s=3)]) as stub:
        status, headers = _post(stub.base_url + "/chat/completions", {"model": "m", "messages": []})
        assert status == 429 and headers["Retry-After"] == "3" and headers["retry-after-ms"] == "3000"


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("hang", "APITimeoutError"),
        ("500", "InternalServerError"),
        ("invalid_json", "JSONDecodeError"),
        ("truncated_stream", "RemoteProtocolError"),
        ("close", "APIConnectionError"),
    ],
)
def test_each_fault_fails_a_streamed_chat_call(fault: str, error: str) -> None:
    with StubOpenAI([Reply(fault=fault, text="one two three four five six")], hang_s=5) as stub:
        with pytest.raises(Exception) as info:
            list(_chat(stub).stream("hi"))
        names = {cls.__name__ for cls in type(info.value).__mro__} | {
            cls.__name__ for cls in type(info.value.__cause__).__mro__
        }
        assert error in names, names
        assert stub.requests[0].fault == fault


def test_empty_fault_streams_no_text() -> None:
    with StubOpenAI([Reply(fault="empty", text="ignored")]) as stub:
        assert "".join(str(c.content) for c in _chat(stub).stream("hi")) == ""


def test_every_fault_is_known_and_an_unknown_one_is_refused() -> None:
    assert set(FAULTS) == {"hang", "429", "500", "invalid_json", "empty", "truncated_stream", "close"}
    with pytest.raises(ValueError, match="unknown fault"):
        Reply(fault="boom")  # type: ignore[arg-type]
