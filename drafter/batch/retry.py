"""Respect a provider's limits: retry transient failures with backoff and jitter, honour Retry-After,
and hold every worker back while the server has asked for a pause."""

from __future__ import annotations

import email.utils
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from drafter.errors import ProviderError

T = TypeVar("T")
TRANSIENT_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER_S = 120.0


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait before trying a row again."""

    attempts: int = 5  # tries in all, the first included
    base_s: float = 0.5
    cap_s: float = 20.0

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Return the wait before retry number `attempt` (1-based): exponential, capped, full jitter above half."""
        ceiling = min(self.cap_s, self.base_s * 2 ** (attempt - 1))
        return ceiling * (0.5 + rng.random() / 2)


def _parse_retry_after(headers: Any) -> float | None:
    if headers is None:
        return None
    try:
        ms = headers.get("retry-after-ms")
        if ms:
            return float(ms) / 1000
        value = headers.get("retry-after")
    except (AttributeError, TypeError, ValueError):
        return None
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        when = email.utils.parsedate_to_datetime(str(value)) if value else None
        return max(0.0, when.timestamp() - time.time()) if when else None


def retry_hint(exc: BaseException) -> tuple[bool, float | None]:
    """Return (transient, retry_after_s) for a failure, looking through the chain of causes.

    Duck-typed on purpose: the HTTP status and headers are read from whatever the provider's
    SDK raised, without importing it here.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        status = getattr(current, "status_code", None)
        if isinstance(status, int):
            response = getattr(current, "response", None)
            after = _parse_retry_after(getattr(response, "headers", None))
            return status in TRANSIENT_STATUS, None if after is None else min(after, MAX_RETRY_AFTER_S)
        name = type(current).__name__
        if "Timeout" in name or "Connection" in name:
            return True, None
        current = current.__cause__ or current.__context__
    return False, None


class RateGate:
    """A shared pause: after a 429 with Retry-After, no worker starts a request before it ends."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._lock = threading.Lock()
        self._open_at = 0.0
        self._clock = clock
        self._sleep = sleep

    def wait(self) -> None:
        """Block until the gate is open."""
        while True:
            with self._lock:
                delay = self._open_at - self._clock()
            if delay <= 0:
                return
            self._sleep(delay)

    def close_for(self, seconds: float) -> None:
        """Keep the gate closed for at least `seconds` from now."""
        with self._lock:
            self._open_at = max(self._open_at, self._clock() + seconds)


def call_with_retry(
    fn: Callable[[], T],
    policy: RetryPolicy,
    gate: RateGate,
    rng: random.Random,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[T, int]:
    """Call `fn`, retrying transient provider failures; return (value, retries used); re-raise the last."""
    retries = 0
    while True:
        gate.wait()
        try:
            return fn(), retries
        except ProviderError as exc:
            transient, after = retry_hint(exc)
            retries += 1
            if not transient or retries >= policy.attempts:
                raise
            if after is not None:
                # Everyone waits for the server's pause; this row adds a little jitter on top.
                gate.close_for(after)
                sleep(after * rng.random() * 0.2)
            else:
                sleep(policy.backoff(retries, rng))
