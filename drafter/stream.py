"""What a model streams: trimming its output, and the stream a caller iterates."""

from __future__ import annotations

import re
from collections.abc import Generator

from drafter.models import DraftResult

_NEXT_SECTION = re.compile(r"\n#|\n[ \t]*([-*_=])(?:[ \t]*\1){2,}[ \t]*(?:\n|$)")


def clean_output(text: str) -> str:
    """Trim what a model adds around the draft: a started next section, repeated lines, blank runs."""
    text = text.replace("\r\n", "\n")
    # A heading or a horizontal rule means the model has moved on to something else.
    end = _NEXT_SECTION.search(text)
    if end:
        text = text[: end.start()]
    seen: set[str] = set()
    kept: list[str] = []
    for line in text.split("\n"):
        key = line.strip().lower()
        if key and key in seen:  # small base models loop; a repeated line is never wanted
            continue
        seen.add(key)
        kept.append(line.rstrip())
    return "\n".join(kept).strip("\n").rstrip()


class DraftStream:
    """Iterate to receive the first attempt's text as it is generated; then read `result`.

    Close it (or use it as a context manager) when abandoning it early: that releases the model
    at once. The generator holds no reference back to the stream, so dropping it also releases it.
    """

    def __init__(self, chunks: Generator[str, None, DraftResult]) -> None:
        self._chunks = chunks
        self.result: DraftResult | None = None

    def __iter__(self) -> DraftStream:
        return self

    def __next__(self) -> str:
        try:
            return next(self._chunks)
        except StopIteration as done:
            self.result = done.value
            raise StopIteration from None

    def close(self) -> None:
        """Stop generating; the model is free for the next draft."""
        self._chunks.close()

    def __enter__(self) -> DraftStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
