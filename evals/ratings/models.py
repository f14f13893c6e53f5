"""The rated-draft file format and its loader."""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from drafter.errors import InputError
from drafter.models import DraftRequest

Verdict = Literal["send", "edit", "rewrite"]
VERDICTS: tuple[Verdict, ...] = ("send", "edit", "rewrite")
Split = Literal["tune", "holdout"]


class RatedDraft(BaseModel):
    """One draft rated blind: what the rater saw and what they said."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, description="Unique id of the rated draft (e.g. the eval case id).")
    case_id: str | None = Field(default=None, description="The eval case the draft answers, when it came from one.")
    model: str | None = Field(default=None, description="Model profile that drafted it, when known.")
    request: DraftRequest = Field(
        description="The full request (the scorers need the notes to check leaks); raters saw it without the "
        "internal notes and the chosen candidate."
    )
    draft: str = Field(description="The draft exactly as the rater saw it.")
    verdict: Verdict = Field(description="send as is / edit in under a minute / rewrite.")
    danger: bool = Field(description="True when the draft could mislead the candidate (about the decision or facts).")
    grounded: bool = Field(description="True when everything the draft states is supported by the request.")
    problems: list[str] = Field(default_factory=list, description="Short notes on what is wrong, in the rater's words.")
    rater: str = Field(min_length=1, description="Who rated it (an id, never a name).")
    grammar: int | None = Field(default=None, ge=1, le=5, description="Language quality 1..5, when rated.")

    @property
    def split(self) -> Split:
        """Return the draft's split: a fixed hash of the id, so tuning never sees the held-out half."""
        key = self.case_id or self.id
        return "tune" if zlib.crc32(key.encode("utf-8")) % 2 == 0 else "holdout"


def load_ratings(path: str | Path) -> list[RatedDraft]:
    """Read a ratings file (JSON Lines), or raise `InputError` naming the bad line."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"Cannot read ratings file {p}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise InputError(f"Ratings file {p} is not UTF-8 text.") from None
    out: list[RatedDraft] = []
    seen: set[str] = set()
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data: Any = json.loads(raw)
            rated = RatedDraft.model_validate(data)
        except json.JSONDecodeError as exc:
            raise InputError(f"{p}:{n}: not valid JSON ({exc.msg}).") from None
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(x) for x in err.get("loc", ())) or "line"
            raise InputError(f"{p}:{n}: field '{where}': {err.get('msg', 'invalid value')}.") from None
        if rated.id in seen:
            raise InputError(f"{p}:{n}: duplicate rated draft id '{rated.id}'.")
        seen.add(rated.id)
        out.append(rated)
    if not out:
        raise InputError(f"No rated drafts in {p}.")
    return out
