"""The supervisor of the local model's worker process: start it, talk to it, outlive its crashes.

llama.cpp is native code: a bad CPU build, an out-of-memory kill or a bug ends the process it runs
in. So the model runs in a child process (`drafter.providers.llama_worker`) and this side turns
every way it can end — a signal, an exit, silence past the deadline — into a `ProviderError` of one
sentence, starts a fresh worker, and lets the app, a batch or an eval carry on.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from drafter.errors import ProviderError

# A worker's model load is not a generation: it gets its own, generous deadline.
START_TIMEOUT_S = 120.0
# How long a cancelled generation may take to acknowledge before its worker is killed.
CANCEL_GRACE_S = 5.0
_EOF = object()


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker loads: one worker per distinct spec is shared by every client in the process."""

    model_path: str
    n_ctx: int = 4096
    n_threads: int = 2
    fault: str | None = field(default=None, compare=True)  # tests only: see llama_worker.Fault

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "drafter.providers.llama_worker", self.model_path]
        cmd += ["--n-ctx", str(self.n_ctx), "--n-threads", str(self.n_threads)]
        return cmd + (["--fault", self.fault] if self.fault else [])


def _child_env() -> dict[str, str]:
    """The parent's environment, with this checkout first on the path so `-m` finds the same code."""
    env = dict(os.environ)
    # llama.cpp's OpenMP threads spin while they wait by default: on a laptop (or CI) where anything
    # else wants the same cores, a draft then took 48 s instead of 11 s (measured under load, 2 cores).
    # Passive waiting costs little when the machine is idle. A value the user set wins.
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "it stopped answering"
    if code < 0:
        try:
            return f"it was ended by {signal.Signals(-code).name}"
        except ValueError:
            return f"it was ended by signal {-code}"
    return f"it exited with code {code}"


class LocalWorker:
    """One worker process for one model; requests are served one at a time, in order."""

    def __init__(self, spec: WorkerSpec) -> None:
        self.spec = spec
        self._lock = threading.Lock()  # one request at a time: one llama.cpp context
        self._proc: subprocess.Popen[bytes] | None = None
        self._inbox: queue.Queue[Any] = queue.Queue()
        self._ready = False
        self._next_id = 0
        self.started_at = 0.0
        self.ready_s: float | None = None  # spawn to loaded model, for `drafter doctor` and the bench
        self.restarts = 0

    # -- process lifecycle -------------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        """Return the worker's process id (None before it was started)."""
        return self._proc.pid if self._proc else None

    def start(self) -> None:
        """Start the worker without waiting for its model to load (it loads while the caller works)."""
        with self._lock:
            self._ensure_started()

    def _ensure_started(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        self._inbox = queue.Queue()
        self._ready = False
        self.started_at = time.perf_counter()
        self._proc = subprocess.Popen(
            self.spec.command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # llama.cpp's own lines are silenced; a crash says nothing useful
            env=_child_env(),
            start_new_session=True,  # a Ctrl-C in the terminal reaches the app, which then stops the worker
        )
        assert self._proc.stdout is not None
        threading.Thread(target=_read_lines, args=(self._proc.stdout, self._inbox), daemon=True).start()

    def _wait_ready(self) -> None:
        if self._ready:
            return
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            message = self._receive(deadline, f"did not load within {START_TIMEOUT_S:g} s")
            if message.get("fatal"):
                self._stop()
                raise ProviderError(str(message["fatal"]))
            if message.get("ready"):
                self._ready = True
                self.ready_s = time.perf_counter() - self.started_at
                return

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        self._ready = False
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe:
                pipe.close()

    def close(self) -> None:
        """Stop the worker (it is started again by the next request)."""
        with self._lock:
            if self._proc is not None and self._proc.stdin is not None and self._proc.poll() is None:
                try:  # closing stdin lets the worker free the model and exit cleanly
                    self._proc.stdin.close()
                    self._proc.wait(timeout=2)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            self._stop()

    def _fail(self, what: str, show_exit: bool = True, reason: str = "model_stopped") -> ProviderError:
        """Turn the worker's end into one sentence, and start a fresh worker for the next request."""
        code = self._proc.poll() if self._proc else None
        if code is None and self._proc is not None:
            try:
                code = self._proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                code = None
        self._stop()
        if show_exit:
            what = f"{what} ({_describe_exit(code)})"
        self.restarts += 1
        try:
            self._ensure_started()
            restarted = "it has been restarted"
        except OSError:
            restarted = "it will be restarted with the next request"
        return ProviderError(f"The local model {what}; {restarted}.", reason=reason)

    # -- messages ----------------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._fail("stopped unexpectedly") from None

    def _receive(self, deadline: float, late: str) -> dict[str, Any]:
        """Return the worker's next message; `late` completes "The local model ..." if none comes in time."""
        remaining = deadline - time.monotonic()
        try:
            message = self._inbox.get(timeout=max(remaining, 0.0))
        except queue.Empty:
            self._kill_now()
            raise self._fail(f"{late} and was stopped", show_exit=False, reason="timeout") from None
        if message is _EOF:
            raise self._fail("stopped unexpectedly")
        result: dict[str, Any] = message
        return result

    def _kill_now(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()

    # -- requests ----------------------------------------------------------------------------
    def info(self, timeout_s: float = 30.0) -> dict[str, Any]:
        """Return the worker's facts: llama.cpp system info, model path, library version, pid."""
        with self._lock:
            self._ensure_started()
            self._wait_ready()
            self._send({"op": "info"})
            deadline = time.monotonic() + timeout_s
            while True:
                message = self._receive(deadline, f"did not answer within {timeout_s:g} s")
                if "info" in message:
                    info: dict[str, Any] = message["info"]
                    return info

    def complete(self, prompt: str, params: dict[str, Any], timeout_s: float, usage: dict[str, int]) -> Iterator[str]:
        """Stream a completion's text; the whole generation must end within `timeout_s`.

        Closing the iterator early cancels the generation in the worker (the model stays loaded).
        `usage` receives `prompt_tokens` and `completion_tokens` when the generation ends.
        """
        with self._lock:
            self._ensure_started()
            self._wait_ready()
            self._next_id += 1
            request_id = self._next_id
            self._send({"op": "complete", "id": request_id, "prompt": prompt, **params})
            deadline = time.monotonic() + timeout_s
            finished = False
            try:
                while True:
                    message = self._receive(deadline, f"did not finish within {timeout_s:g} s")
                    if message.get("id") != request_id:
                        continue  # a late reply to an earlier, cancelled request
                    if "text" in message:
                        yield str(message["text"])
                    elif message.get("done"):
                        usage["prompt_tokens"] = int(message.get("prompt_tokens") or 0)
                        usage["completion_tokens"] = int(message.get("completion_tokens") or 0)
                        finished = True
                        return
                    elif "error" in message:
                        finished = True
                        raise ProviderError(f"The local model failed: {message['error']}")
            finally:
                if not finished and self._proc is not None and self._ready:
                    self._cancel(request_id)

    def _cancel(self, request_id: int) -> None:
        """Stop an abandoned generation so the next request starts clean; kill the worker if it won't."""
        try:
            self._send({"op": "cancel", "id": request_id})
            deadline = time.monotonic() + CANCEL_GRACE_S
            while True:
                message = self._receive(deadline, "did not stop a cancelled generation")
                if message.get("id") == request_id and ("done" in message or "error" in message):
                    return
        except ProviderError:
            pass  # the worker was replaced; the caller already has what it asked for


def _read_lines(stream: IO[bytes], inbox: queue.Queue[Any]) -> None:
    """Move the worker's replies onto a queue, so the supervisor can wait on them with a deadline."""
    try:
        for line in stream:
            try:
                inbox.put(json.loads(line))
            except json.JSONDecodeError:
                continue  # never reached in practice: fd 1 of the worker points at /dev/null
    except (OSError, ValueError):
        pass
    inbox.put(_EOF)


_WORKERS: dict[WorkerSpec, LocalWorker] = {}
_WORKERS_LOCK = threading.Lock()


def worker_for(spec: WorkerSpec) -> LocalWorker:
    """Return the process's worker for a spec, so every client of the same model shares one."""
    with _WORKERS_LOCK:
        if spec not in _WORKERS:
            _WORKERS[spec] = LocalWorker(spec)
        return _WORKERS[spec]


@atexit.register
def close_all() -> None:
    """Stop every worker this process started."""
    with _WORKERS_LOCK:
        workers = list(_WORKERS.values())
    for worker in workers:
        worker.close()
