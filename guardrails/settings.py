"""Tunable bounds for the checks, read from the `[guardrails]` table of drafter.toml."""

from __future__ import annotations

from pydantic import BaseModel, Field


class LengthBounds(BaseModel):
    """Word-count bounds for one language and channel."""

    min_words: int = Field(ge=1, description="Fewer words than this is `too_short`.")
    max_words: int = Field(ge=1, description="More words than this is `too_long`.")


def _default_length() -> dict[str, dict[str, LengthBounds]]:
    return {
        "sv": {
            "email": LengthBounds(min_words=35, max_words=260),
            "phone": LengthBounds(min_words=25, max_words=260),
        },
        "en": {
            "email": LengthBounds(min_words=35, max_words=280),
            "phone": LengthBounds(min_words=25, max_words=280),
        },
    }


class GuardrailSettings(BaseModel):
    """Settings every check reads."""

    length: dict[str, dict[str, LengthBounds]] = Field(
        default_factory=_default_length,
        description="Bounds per language (`sv`, `en`) and channel (`email`, `phone`).",
    )
    notes_overlap_words: int = Field(
        default=5,
        ge=3,
        description="A run of this many consecutive words shared with the internal notes leaks them.",
    )

    def bounds(self, language: str | None, channel: str | None) -> LengthBounds:
        """Return the bounds for a language and channel (Swedish email when unknown)."""
        by_channel = self.length.get(language or "sv") or self.length["sv"]
        return by_channel.get(channel or "email") or by_channel["email"]
