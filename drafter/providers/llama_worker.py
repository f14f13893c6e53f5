"""The local model's worker process: llama-cpp-python behind a process boundary.

Run as `python -m drafter.providers.llama_worker MODEL_PATH --n-ctx N --n-threads N`. A native crash,
an out-of-memory kill or a hang in llama.cpp then ends this process, never the app that asked for a
draft (`drafter.providers.llama_supervisor` starts, watches and restarts it).

Protocol: one JSON object per line. Requests arrive on stdin; replies leave on the file descriptor
that was stdout when the process started (fd 1 is then pointed at /dev/null, so nothing llama.cpp
prints can corrupt the stream). Requests:
  {"op": "complete", "id": N, "prompt": str, "max_tokens", "temperature", "top_p", "repeat_penalty",
   "stop": [str], "seed": int|null}  -> {"id": N, "text": str}... then
                                       {"id": N, "done": true, "prompt_tokens", "completion_tokens"}
  {"op": "cancel", "id": N}          -> the generation N stops at its next token and ends with "done"
  {"op": "info"}                     -> {"info": {"system_info", "model_path", "llama_cpp_version", ...}}
A failure inside a request answers {"id": N, "error": "one sentence"} and the worker lives on.
Once the model is loaded the worker sends {"ready": true, "load_s": float}; if it cannot load it sends
{"fatal": "one sentence"} and exits.

This module imports no langchain or pydantic: the worker starts in well under a second plus the
model load. Candidate text (the prompt) is never logged.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import select
import signal
import sys
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from llama_cpp import Llama

BLOCK = 128  # prompts are evaluated in whole blocks of this many tokens (see prepare_prompt)


class ProtocolIn:
    """Newline-delimited JSON read from a raw fd, with a non-blocking poll between tokens."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._buffer = b""
        self.closed = False

    def _fill(self, timeout: float | None) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        data = os.read(self.fd, 65536)
        if not data:
            self.closed = True
            return False
        self._buffer += data
        return True

    def _pop(self) -> dict[str, Any] | None:
        line, sep, rest = self._buffer.partition(b"\n")
        if not sep:
            return None
        self._buffer = rest
        message: dict[str, Any] = json.loads(line)
        return message

    def next(self) -> dict[str, Any] | None:
        """Block until the next request; None once stdin is closed (the parent went away)."""
        while True:
            message = self._pop()
            if message is not None:
                return message
            if self.closed:
                return None
            self._fill(None)

    def poll(self) -> list[dict[str, Any]]:
        """Return every request that has fully arrived, without blocking."""
        while not self.closed and self._fill(0):
            pass
        messages = []
        while (message := self._pop()) is not None:
            messages.append(message)
        return messages


class ProtocolOut:
    """Newline-delimited JSON written whole to the protocol fd."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def send(self, message: dict[str, Any]) -> None:
        self.stream.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
        self.stream.flush()


class PrefixStates:
    """KV-cache snapshots at block boundaries, so every few-shot prefix is evaluated once per worker.

    Only the KV cache of sequence 0 is copied (a few MB), not llama-cpp-python's logits. A restored
    snapshot holds exactly the numbers the block-by-block evaluation produced, so a draft is the same
    whether its prefix was restored, reused live or computed now.
    """

    def __init__(self, max_bytes: int = 512 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._states: OrderedDict[tuple[int, ...], bytes] = OrderedDict()
        self._bytes = 0

    def longest(self, tokens: list[int], last: int, block: int) -> int:
        """Return the largest block boundary <= last whose prefix has a snapshot (0: none)."""
        for boundary in range(last, 0, -block):
            if tuple(tokens[:boundary]) in self._states:
                return boundary
        return 0

    def restore(self, llama: Llama, tokens: list[int], boundary: int) -> None:
        """Load the snapshot of tokens[:boundary] into the model."""
        import llama_cpp

        key = tuple(tokens[:boundary])
        data = self._states[key]
        self._states.move_to_end(key)
        llama_cpp.llama_memory_clear(llama_cpp.llama_get_memory(llama.ctx), True)
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        if llama_cpp.llama_state_seq_set_data(llama.ctx, buffer, len(data), 0) != len(data):
            raise RuntimeError("Could not restore a cached prompt state in llama.cpp.")
        llama.input_ids[:boundary] = tokens[:boundary]
        llama.n_tokens = boundary

    def save(self, llama: Llama, tokens: list[int], boundary: int) -> None:
        """Snapshot the model's KV cache for tokens[:boundary] (the model is at that boundary)."""
        import llama_cpp

        key = tuple(tokens[:boundary])
        if key in self._states:
            return
        size = llama_cpp.llama_state_seq_get_size(llama.ctx, 0)
        buffer = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_seq_get_data(llama.ctx, buffer, size, 0)
        self._states[key] = bytes(memoryview(buffer)[:written])
        self._bytes += written
        while self._bytes > self.max_bytes and self._states:
            _, dropped = self._states.popitem(last=False)
            self._bytes -= len(dropped)


def prepare_prompt(llama: Llama, states: PrefixStates, prompt: str, block: int = BLOCK) -> int:
    """Bring the model's KV cache to the prompt's last whole block, evaluating block by block.

    Reusing the cache makes a draft fast, but llama.cpp's numbers depend on how a prompt is split
    into batches, so plain reuse gives the same request different drafts depending on what ran
    before. Here every token before the last block boundary is always evaluated in whole
    `block`-sized batches (from the part shared with the live cache or a snapshot, at a boundary),
    and the tail is evaluated by the completion call in one batch: the same prompt gives the same
    draft whatever ran before, and a shared few-shot prefix is evaluated once per worker.
    Return the prompt's token count.
    """
    tokens = llama.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
    last = ((len(tokens) - 1) // block) * block
    shared = 0
    for cached, new in zip(llama.input_ids[: llama.n_tokens], tokens, strict=False):
        if cached != new:
            break
        shared += 1
    start = min((shared // block) * block, last)
    snapshot = states.longest(tokens, last, block)
    if snapshot > start:
        states.restore(llama, tokens, snapshot)
        start = snapshot
    llama.n_tokens = start  # the next eval drops every cached token from here on
    for k in range(start, last, block):
        llama.eval(tokens[k : k + block])
        states.save(llama, tokens, k + block)
    return len(tokens)


def system_info() -> str:
    """Return llama.cpp's system-info line: which SIMD paths the loaded library uses."""
    import llama_cpp

    raw = llama_cpp.llama_print_system_info()
    return (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)).strip()


def _silence_llama_logs() -> Any:
    import llama_cpp

    callback = llama_cpp.llama_log_callback(lambda level, text, user_data: None)
    llama_cpp.llama_log_set(callback, None)
    return callback  # the caller keeps it referenced: llama.cpp holds a pointer to it


class Fault:
    """A fault injected on purpose (tests only): die or hang after N generated tokens."""

    def __init__(self, spec: str | None) -> None:
        self.kind, _, after = (spec or "").partition(":")
        self.after = int(after or 0)

    def maybe_fire(self, generated: int) -> None:
        if not self.kind or generated < self.after:
            return
        if self.kind == "segv":
            os.kill(os.getpid(), signal.SIGSEGV)
        elif self.kind == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif self.kind == "hang":
            while True:
                time.sleep(3600)


class Worker:
    """One loaded model answering protocol requests until stdin closes."""

    def __init__(self, llama: Llama, model_path: str, inbox: ProtocolIn, outbox: ProtocolOut, fault: Fault) -> None:
        self.llama = llama
        self.model_path = model_path
        self.inbox = inbox
        self.outbox = outbox
        self.fault = fault
        self.states = PrefixStates()
        self.cancelled: set[int] = set()

    def serve(self) -> None:
        while (message := self.inbox.next()) is not None:
            self.handle(message)

    def handle(self, message: dict[str, Any]) -> None:
        op = message.get("op")
        if op == "complete":
            self.complete(message)
        elif op == "info":
            self.outbox.send({"info": self.info()})
        elif op == "cancel":
            pass  # arrived after its generation ended: nothing to stop
        else:
            self.outbox.send({"id": message.get("id"), "error": f"Unknown worker request '{op}'."})

    def info(self) -> dict[str, Any]:
        import llama_cpp

        return {
            "system_info": system_info(),
            "model_path": self.model_path,
            "llama_cpp_version": getattr(llama_cpp, "__version__", "unknown"),
            "n_ctx": self.llama.n_ctx(),
            "pid": os.getpid(),
        }

    def _cancel_requested(self, request_id: int) -> bool:
        for message in self.inbox.poll():
            if message.get("op") == "cancel":
                self.cancelled.add(message.get("id", -1))
            else:  # the parent sends one request at a time; anything else waits for its turn
                self.outbox.send({"id": message.get("id"), "error": "The local model is busy."})
        return request_id in self.cancelled

    def complete(self, request: dict[str, Any]) -> None:
        request_id = int(request["id"])
        try:
            prompt_tokens = prepare_prompt(self.llama, self.states, request["prompt"])
            generated = 0
            for part in self.llama.create_completion(
                request["prompt"],
                max_tokens=int(request["max_tokens"]),
                temperature=float(request["temperature"]),
                top_p=float(request["top_p"]),
                repeat_penalty=float(request["repeat_penalty"]),
                stop=list(request.get("stop") or []),
                seed=request.get("seed"),
                stream=True,
            ):
                choice: dict[str, Any] = part["choices"][0]  # type: ignore[index, assignment]
                if choice.get("finish_reason") is None:
                    generated += 1  # the last part only carries the finish reason
                self.fault.maybe_fire(generated)
                self.outbox.send({"id": request_id, "text": choice["text"]})
                if self._cancel_requested(request_id):
                    break
        except Exception as exc:  # a Python-level failure: report it, keep the model loaded
            self.outbox.send({"id": request_id, "error": f"{type(exc).__name__}: {exc}"})
            return
        self.cancelled.discard(request_id)
        self.outbox.send(
            {"id": request_id, "done": True, "prompt_tokens": prompt_tokens, "completion_tokens": generated}
        )


def _protocol_streams() -> tuple[ProtocolIn, ProtocolOut]:
    """Keep the original stdout for the protocol; point fd 1 (and C's stdout) at /dev/null."""
    out_fd = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    return ProtocolIn(0), ProtocolOut(os.fdopen(out_fd, "wb", buffering=0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Besked's local model worker (started by the app).")
    parser.add_argument("model_path")
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--n-threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--fault", default=None, help="Tests only: segv:N, kill:N or hang:N after N tokens.")
    parser.add_argument("--info-only", action="store_true", help="Print system info as JSON and exit.")
    args = parser.parse_args(argv)
    try:  # a crash must not leave a core file of candidate text behind
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    inbox, outbox = _protocol_streams()
    try:
        import llama_cpp
    except ImportError:
        outbox.send({"fatal": "llama-cpp-python is not installed; run `make run` to build it."})
        return 1
    if args.info_only:
        outbox.send({"info": {"system_info": system_info(), "llama_cpp_version": llama_cpp.__version__}})
        return 0
    if not os.path.isfile(args.model_path):
        outbox.send({"fatal": f"Model file not found: {args.model_path}."})
        return 1
    keep = _silence_llama_logs()
    t0 = time.perf_counter()
    try:
        llama = llama_cpp.Llama(model_path=args.model_path, n_ctx=args.n_ctx, n_threads=args.n_threads, verbose=False)
    except (ValueError, RuntimeError) as exc:
        outbox.send({"fatal": f"Could not load the model {args.model_path}: {exc}"})
        return 1
    outbox.send({"ready": True, "load_s": time.perf_counter() - t0, "pid": os.getpid()})
    Worker(llama, args.model_path, inbox, outbox, Fault(args.fault)).serve()
    llama.close()
    del keep
    return 0


if __name__ == "__main__":
    sys.exit(main())
