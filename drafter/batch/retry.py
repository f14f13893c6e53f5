"""Respect a provider's limits: retry transient failures with backoff and jitter, honour Retry-After,
and hold every worker back while the server has asked for a pause."""

from __future__ import annotations

import email.utils
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    """The shared limit on requests in flight, which adapts to what the server accepts.

    Each request holds a slot while it is out (`slot`), nothing else: a row's prompt, checks and
    pseudonyms are done outside it, so the slots stay full while rows are prepared and checked.
    After a 429 with Retry-After no request starts before the pause ends, and the limit drops to
    one below what was in flight when the server refused (it has just said that was too many);
    every 2 x limit successes it grows by one again, up to the concurrency asked for.
    """

    def __init__(
        self,
        limit: int = 1_000_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._cond = threading.Condition()
        self.ceiling = limit
        self.limit = limit
        self.in_flight = 0
        self._open_at = 0.0
        self._successes = 0
        self._clock = clock

    def acquire(self) -> None:
        """Block until the pause is over and a slot is free, then take it."""
        with self._cond:
            while True:
                delay = self._open_at - self._clock()
                if delay <= 0 and self.in_flight < self.limit:
                    self.in_flight += 1
                    return
                self._cond.wait(timeout=delay if delay > 0 else None)

    def release(self, ok: bool) -> None:
        """Give a slot back; a success may raise the limit again."""
        with self._cond:
            self.in_flight -= 1
            if ok:
                self._successes += 1
                if self._successes >= 2 * self.limit and self.limit < self.ceiling:
                    self.limit += 1
                    self._successes = 0
            self._cond.notify_all()

    def throttled(self, retry_after_s: float | None) -> None:
        """Record a 429: lower the limit below what was in flight and pause for Retry-After."""
        with self._cond:
            self.limit = max(1, min(self.limit, self.in_flight - 1))
            self._successes = 0
            if retry_after_s:
                self._open_at = max(self._open_at, self._clock() + retry_after_s)
            self._cond.notify_all()

    def wait(self) -> None:
        """Block until any pause is over (without taking a slot)."""
        with self._cond:
            while (delay := self._open_at - self._clock()) > 0:
                self._cond.wait(timeout=delay)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold a slot for one request; a 429 it ends in lowers the limit and pauses every request."""
        self.acquire()
        try:
            yield
        except BaseException as exc:
            if _status(exc) == 429:
                self.throttled(retry_hint(exc)[1])  # while this request still counts as in flight
            self.release(ok=False)
            raise
        self.release(ok=True)


def call_with_retry(
    fn: Callable[[], T],
    policy: RetryPolicy,
    gate: RateGate,
    rng: random.Random,
    sleep: Callable[[float], None] = time.sleep,
    retry_on: Callable[[T], str | None] | None = None,
) -> tuple[T, int]:
    """Call `fn`, retrying transient provider failures; return (value, retries).

    `fn`'s requests each take a slot of the gate (`RateGate.slot`, which also records a 429);
    here a try only waits out a pause the server asked for before it starts. `retry_on` names a
    transient failure hidden in a returned value (a pipeline that fell back to its composer
    because the provider failed); such a value is retried too, and returned when the tries are
    used up.
    """
    retries = 0
    while True:
        gate.wait()
        try:
            value = fn()
        except ProviderError as exc:
            transient, after = retry_hint(exc)
            retries += 1
            if not transient or retries >= policy.attempts:
                raise
            # This row adds jitter on top of the shared pause, or backs off exponentially without one.
            sleep(after * rng.random() * 0.2 if after is not None else policy.backoff(retries, rng))
            continue
        hidden = retry_on(value) if retry_on is not None else None
        if hidden is not None and retries + 1 < policy.attempts:
            retries += 1
            sleep(policy.backoff(retries, rng))
            continue
        return value, retries


def _status(exc: BaseException) -> int | None:
    current: BaseException | None = exc
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        status = getattr(current, "status_code", None)
        if isinstance(status, int):
            return status
        current = current.__cause__ or current.__context__
    return None
