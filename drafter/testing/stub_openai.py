"""A loopback OpenAI-compatible HTTP server for tests and benchmarks (stdlib only).

It answers as the OpenAI API does, closely enough for the `openai` SDK and langchain-openai
(`ChatOpenAI`, `OpenAI`), streaming and not, and it can misbehave on purpose.

Usage::

    from drafter.testing.stub_openai import Reply, StubOpenAI

    with StubOpenAI(replies=["Hej Elin, ...", Reply(fault="500"), "Second reply"]) as stub:
        stub.base_url            # "http://127.0.0.1:PORT/v1", a free port picked on 127.0.0.1
        ...                      # point an openai-compatible profile's base_url at it
        stub.requests            # every request received, in arrival order (RecordedRequest)
        stub.requests[0].prompt  # the prompt text that reached the server

Endpoints (under ``/v1``):
    POST /v1/chat/completions   non-streaming JSON, or SSE when ``"stream": true`` (with a usage
                                chunk when ``stream_options.include_usage`` is set)
    POST /v1/completions        the same for text completions
    GET  /v1/models             a one-model list (``model`` option)
Anything else is a 404 with an OpenAI-style error body. The stub honours ``stop`` in a request
(the reply is cut before the first stop sequence) and reports token usage as word counts.

Options (keyword arguments of `StubOpenAI`, all optional):
    replies        a list of replies served in order (``str`` or `Reply`), or a function
                   ``(RecordedRequest) -> str | Reply`` called for every completion request
    default        the reply once a list is used up (default ``DEFAULT_REPLY``)
    delay_s        seconds to wait before answering each completion request (e.g. 0.3)
    max_concurrent at most this many completion requests in flight; one more is answered at
                   once with 429 and a ``Retry-After`` header (``retry_after_s``), and is
                   recorded with ``status=429`` and ``fault="overloaded"``
    retry_after_s  the Retry-After sent with 429s (also as ``retry-after-ms``); default 1.0
    chunk_delay_s  seconds between streamed chunks (default 0)
    model          the model id reported (default ``"stub-model"``)
    hang_s         how long a ``hang`` fault waits before answering (default: until the stub stops)

Faults (``Reply(fault=...)``, one per request; `FAULTS` lists them):
    "hang"             accept the request and answer nothing until ``hang_s`` passes or the stub
                       stops, so the client's timeout fires
    "429"              HTTP 429 with ``Retry-After`` (``Reply.retry_after_s`` or the stub's)
    "500"              HTTP 500 with an OpenAI-style error body
    "invalid_json"     HTTP 200 whose body (or SSE data line) is not JSON
    "empty"            HTTP 200 with an empty completion (``content: ""``, finish_reason stop)
    "truncated_stream" streaming: a few chunks of the reply, then the connection closes in the
                       middle of the chunked body (no finish_reason, no ``[DONE]``);
                       non-streaming: half of the JSON body, then the connection closes
    "close"            close the connection without sending any response

Statistics: ``stub.requests`` (a copy), ``stub.max_in_flight`` (highest number of completion
requests in flight at once), ``stub.count(status=..., fault=...)``; ``stub.clear()`` forgets
the recorded requests. The stub is thread-safe and serves each request on its own thread.

Command line (for manual tries): ``python -m drafter.testing.stub_openai --port 8099 --delay 0.3``.
"""

from __future__ import annotations

import json
import math
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

__all__ = ["DEFAULT_REPLY", "FAULTS", "Fault", "RecordedRequest", "Reply", "StubOpenAI"]

Fault = Literal["hang", "429", "500", "invalid_json", "empty", "truncated_stream", "close"]
FAULTS: tuple[Fault, ...] = ("hang", "429", "500", "invalid_json", "empty", "truncated_stream", "close")
DEFAULT_REPLY = "OK"
_WORDS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Reply:
    """One answer to one completion request: a text, or a fault instead of it."""

    text: str = ""
    fault: Fault | None = None
    retry_after_s: float | None = None  # for fault "429"; default: the stub's retry_after_s
    delay_s: float | None = None  # overrides the stub's delay_s for this request

    def __post_init__(self) -> None:
        if self.fault is not None and self.fault not in FAULTS:
            raise ValueError(f"unknown fault {self.fault!r}; known: {', '.join(FAULTS)}")


@dataclass
class RecordedRequest:
    """What reached the stub, and how it answered."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any  # the parsed JSON body, or None when it was empty or not JSON
    raw: bytes
    received_at: float  # time.monotonic() on arrival
    status: int = 0  # the HTTP status sent (0 when the connection was closed without one)
    fault: str | None = None  # the fault served, "overloaded" for a concurrency 429
    reply: str | None = None  # the text served (after stop sequences), when one was

    @property
    def stream(self) -> bool:
        """Return whether the client asked for a streamed answer."""
        return isinstance(self.body, dict) and bool(self.body.get("stream"))

    @property
    def prompt(self) -> str:
        """Return the prompt text: chat messages' contents joined by newlines, or the completion prompt."""
        if not isinstance(self.body, dict):
            return ""
        if "messages" in self.body:
            return "\n".join(_message_text(m) for m in self.body["messages"] if isinstance(m, dict))
        prompt = self.body.get("prompt", "")
        if isinstance(prompt, list):
            return "\n".join(str(p) for p in prompt)
        return str(prompt)


def _message_text(message: dict[str, Any]) -> str:
    content = message.get("content", "")
    if isinstance(content, list):
        return "".join(str(p.get("text", "")) if isinstance(p, dict) else str(p) for p in content)
    return str(content or "")


ReplySource = Sequence[str | Reply] | Callable[[RecordedRequest], str | Reply]


class StubOpenAI:
    """A loopback OpenAI-compatible server; use as a context manager (see the module docstring)."""

    def __init__(
        self,
        replies: ReplySource = (),
        *,
        default: str | Reply = DEFAULT_REPLY,
        delay_s: float = 0.0,
        max_concurrent: int | None = None,
        retry_after_s: float = 1.0,
        chunk_delay_s: float = 0.0,
        model: str = "stub-model",
        hang_s: float | None = None,
        port: int = 0,
    ) -> None:
        self._replies: Callable[[RecordedRequest], str | Reply] | None = None
        self._queue: list[str | Reply] = []
        if callable(replies):
            self._replies = replies
        else:
            self._queue = list(replies)
        self.default = default
        self.delay_s = delay_s
        self.max_concurrent = max_concurrent
        self.retry_after_s = retry_after_s
        self.chunk_delay_s = chunk_delay_s
        self.model = model
        self.hang_s = hang_s
        self._port = port
        self._lock = threading.Lock()
        self._recorded: list[RecordedRequest] = []
        self._in_flight = 0
        self.max_in_flight = 0
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> StubOpenAI:
        """Bind 127.0.0.1 (a free port unless one was given) and serve on a background thread."""
        handler = _make_handler(self)
        server = _QuietServer(("127.0.0.1", self._port), handler)
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="stub-openai", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; hanging requests are released and their connections closed."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> StubOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what tests read ---------------------------------------------------------------------
    @property
    def port(self) -> int:
        """Return the bound port."""
        if self._server is None:
            raise RuntimeError("the stub is not running")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """Return the base URL to give an OpenAI client, e.g. ``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def requests(self) -> list[RecordedRequest]:
        """Return a copy of every request received, in arrival order."""
        with self._lock:
            return list(self._recorded)

    def count(self, *, status: int | None = None, fault: str | None = None, path: str | None = None) -> int:
        """Return how many recorded requests match every given filter."""
        return sum(
            1
            for r in self.requests
            if (status is None or r.status == status)
            and (fault is None or r.fault == fault)
            and (path is None or r.path == path)
        )

    def clear(self) -> None:
        """Forget the recorded requests and the in-flight peak (queued replies stay)."""
        with self._lock:
            self._recorded.clear()
            self.max_in_flight = self._in_flight

    def queue(self, *replies: str | Reply) -> None:
        """Append replies to the queue (only when the stub was given a list, not a function)."""
        with self._lock:
            self._queue.extend(replies)

    # -- internals used by the handler -------------------------------------------------------
    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._recorded.append(request)

    def _enter(self) -> bool:
        """Count one more completion request in flight; False when over max_concurrent."""
        with self._lock:
            if self.max_concurrent is not None and self._in_flight >= self.max_concurrent:
                return False
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            return True

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _next_reply(self, request: RecordedRequest) -> Reply:
        if self._replies is not None:
            chosen = self._replies(request)
        else:
            with self._lock:
                chosen = self._queue.pop(0) if self._queue else self.default
        return chosen if isinstance(chosen, Reply) else Reply(text=chosen)

    def _wait(self, seconds: float | None) -> None:
        """Sleep, waking early when the stub stops."""
        self._stopping.wait(seconds)


class _QuietServer(ThreadingHTTPServer):
    """A threading server that does not print a traceback when a client goes away mid-request."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], OSError):  # reset, broken pipe, timeout: the faults we serve
            return
        super().handle_error(request, client_address)


def _cut_at_stop(text: str, stop: Any) -> str:
    stops = [stop] if isinstance(stop, str) else list(stop or [])
    cut = len(text)
    for s in stops:
        if isinstance(s, str) and s:
            at = text.find(s)
            if at != -1:
                cut = min(cut, at)
    return text[:cut]


def _words(text: str) -> int:
    return len(text.split())


def _make_handler(stub: StubOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "StubOpenAI/1"
        # Headers and body go out in separate writes; with Nagle on, the body waits for the
        # client's delayed ACK (40 ms on Linux), so every answer came ~40 ms after `delay_s`.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            # Quiet: tests and benchmarks read the recording, not stderr.
            return

        # -- plumbing ------------------------------------------------------------------------
        def _read(self) -> RecordedRequest:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body: Any = None
            if raw:
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
            return RecordedRequest(
                method=self.command,
                path=self.path.split("?", 1)[0],
                headers={k: v for k, v in self.headers.items()},
                body=body,
                raw=raw,
                received_at=time.monotonic(),
            )

        def _send_json(
            self, rec: RecordedRequest, status: int, payload: Any, headers: dict[str, str] | None = None
        ) -> None:
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            rec.status = status
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            # The request stops counting as in flight before its last bytes go out: once the client has
            # read them it may send the next one, which must not find this one still counted.
            self._release()
            self.wfile.write(data)
            self.wfile.flush()

        def _release(self) -> None:
            if getattr(self, "_holding", False):
                self._holding = False
                stub._leave()

        def _error(
            self, rec: RecordedRequest, status: int, message: str, kind: str, headers: dict[str, str] | None = None
        ) -> None:
            self._send_json(
                rec, status, {"error": {"message": message, "type": kind, "param": None, "code": None}}, headers
            )

        def _drop(self, rec: RecordedRequest) -> None:
            """Close the connection at once, whatever was or was not sent."""
            self.close_connection = True
            try:
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        def _retry_headers(self, seconds: float) -> dict[str, str]:
            return {"Retry-After": str(max(1, math.ceil(seconds))), "retry-after-ms": str(int(seconds * 1000))}

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        # -- routes --------------------------------------------------------------------------
        def do_GET(self) -> None:
            rec = self._read()
            stub._record(rec)
            if rec.path.rstrip("/") == "/v1/models":
                self._send_json(
                    rec,
                    200,
                    {
                        "object": "list",
                        "data": [{"id": stub.model, "object": "model", "created": 0, "owned_by": "stub"}],
                    },
                )
            else:
                self._error(rec, 404, f"no route {rec.path}", "invalid_request_error")

        def do_POST(self) -> None:
            rec = self._read()
            stub._record(rec)
            path = rec.path.rstrip("/")
            if path not in ("/v1/chat/completions", "/v1/completions"):
                self._error(rec, 404, f"no route {rec.path}", "invalid_request_error")
                return
            if not isinstance(rec.body, dict):
                self._error(rec, 400, "the request body is not a JSON object", "invalid_request_error")
                return
            if not stub._enter():
                rec.fault = "overloaded"
                self._error(
                    rec,
                    429,
                    "too many concurrent requests",
                    "rate_limit_error",
                    self._retry_headers(stub.retry_after_s),
                )
                return
            self._holding = True
            try:
                self._complete(rec, chat=path.endswith("chat/completions"))
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            finally:
                self._release()

        def _complete(self, rec: RecordedRequest, *, chat: bool) -> None:
            reply = stub._next_reply(rec)
            rec.fault = reply.fault
            stub._wait(reply.delay_s if reply.delay_s is not None else stub.delay_s)
            fault = reply.fault
            if fault == "hang":
                stub._wait(stub.hang_s)
                self._drop(rec)
                return
            if fault == "close":
                self._drop(rec)
                return
            if fault == "429":
                wait = reply.retry_after_s if reply.retry_after_s is not None else stub.retry_after_s
                self._error(rec, 429, "rate limit reached", "rate_limit_error", self._retry_headers(wait))
                return
            if fault == "500":
                self._error(rec, 500, "the server had an error", "server_error")
                return
            body = rec.body if isinstance(rec.body, dict) else {}
            text = "" if fault == "empty" else _cut_at_stop(reply.text, body.get("stop"))
            rec.reply = text
            if rec.stream:
                self._stream(rec, text, chat=chat, fault=fault)
                return
            if fault == "invalid_json":
                self._send_json(rec, 200, b'{"id": "broken", "choices": [{"message": ')
                return
            payload = self._payload(rec, text, chat=chat)
            if fault == "truncated_stream":
                data = json.dumps(payload).encode()
                rec.status = 200
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self._drop(rec)
                return
            self._send_json(rec, 200, payload)

        def _usage(self, rec: RecordedRequest, text: str) -> dict[str, int]:
            prompt, completion = _words(rec.prompt), _words(text)
            return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}

        def _payload(self, rec: RecordedRequest, text: str, *, chat: bool) -> dict[str, Any]:
            created = int(time.time())
            if chat:
                return {
                    "id": "chatcmpl-stub",
                    "object": "chat.completion",
                    "created": created,
                    "model": stub.model,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "logprobs": None,
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": self._usage(rec, text),
                }
            return {
                "id": "cmpl-stub",
                "object": "text_completion",
                "created": created,
                "model": stub.model,
                "choices": [{"index": 0, "text": text, "logprobs": None, "finish_reason": "stop"}],
                "usage": self._usage(rec, text),
            }

        def _events(self, rec: RecordedRequest, text: str, *, chat: bool) -> Iterator[dict[str, Any]]:
            created = int(time.time())
            base: dict[str, Any] = {
                "id": "chatcmpl-stub" if chat else "cmpl-stub",
                "object": "chat.completion.chunk" if chat else "text_completion",
                "created": created,
                "model": stub.model,
            }

            def choice(piece: str, finish: str | None, first: bool = False) -> dict[str, Any]:
                if chat:
                    delta: dict[str, Any] = {"content": piece}
                    if first:
                        delta["role"] = "assistant"
                    return {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
                return {"index": 0, "text": piece, "logprobs": None, "finish_reason": finish}

            if chat:
                yield {**base, "choices": [choice("", None, first=True)]}
            for piece in _WORDS.findall(text):
                yield {**base, "choices": [choice(piece, None)]}
            yield {**base, "choices": [choice("", "stop")]}
            options = rec.body.get("stream_options") if isinstance(rec.body, dict) else None
            if isinstance(options, dict) and options.get("include_usage"):
                yield {**base, "choices": [], "usage": self._usage(rec, text)}

        def _stream(self, rec: RecordedRequest, text: str, *, chat: bool, fault: str | None) -> None:
            rec.status = 200
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if fault == "invalid_json":
                self._chunk(b"data: {this is not json\n\n")
                self._chunk(b"data: [DONE]\n\n")
                self._chunk(b"")
                return
            events = list(self._events(rec, text, chat=chat))
            if fault == "truncated_stream":
                # Keep the first few content chunks, never the finish chunk or [DONE].
                events = events[: max(1, min(len(events) - 2, 1 + len(events) // 3))]
            for i, event in enumerate(events):
                if i and stub.chunk_delay_s:
                    stub._wait(stub.chunk_delay_s)
                self._chunk(b"data: " + json.dumps(event).encode() + b"\n\n")
            if fault == "truncated_stream":
                self._drop(rec)
                return
            self._chunk(b"data: [DONE]\n\n")
            self._chunk(b"")

    return Handler


def main(argv: list[str] | None = None) -> None:
    """Serve the stub on a port until interrupted (manual tries only)."""
    import argparse

    parser = argparse.ArgumentParser(description="A loopback OpenAI-compatible stub server.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--max-concurrent", type=int, default=None)
    parser.add_argument("--reply", default=DEFAULT_REPLY, help="the text every request gets")
    args = parser.parse_args(argv)
    stub = StubOpenAI(default=args.reply, delay_s=args.delay, max_concurrent=args.max_concurrent, port=args.port)
    with stub:
        print(stub.base_url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
