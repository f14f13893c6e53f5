"""Eval cases: the JSON Lines format, its models and its loader."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from drafter.errors import InputError
from drafter.models import DraftRequest, parse_request

DEFAULT_DATASET = Path(__file__).resolve().parent / "cases"


class Expect(BaseModel):
    """Case-specific expectations on the shown draft."""

    model_config = ConfigDict(extra="ignore")

    must_include: list[str] = Field(
        default_factory=list, description="Phrases the draft must contain (case-insensitive, whole words)."
    )
    must_not_include: list[str] = Field(
        default_factory=list,
        description="Phrases the draft must not contain (case-insensitive, whole words).",
    )
    max_words: int | None = Field(default=None, ge=1, description="Most words the draft may have.")


class EvalCase(BaseModel):
    """One eval case: a full request plus what a good draft must (not) contain."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, description="Unique id across the dataset.")
    request: DraftRequest = Field(description="The request the model drafts for.")
    expect: Expect = Field(default_factory=Expect, description="Case-specific expectations.")
    tags: list[str] = Field(default_factory=list, description="Free tags, e.g. `sv`, `phone`, `gate`.")
    source: str = Field(default="", description="`file:line` the case came from (set by the loader).")


def _parse_line(raw: str, where: str) -> EvalCase:
    try:
        data: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg}).") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: a case must be a JSON object.")
    if "request" not in data:
        raise InputError(f"{where}: missing required key 'request'.")
    try:
        request = parse_request(data["request"])
    except InputError as exc:
        raise InputError(f"{where}: bad request: {exc}") from None
    try:
        return EvalCase.model_validate({**data, "request": request, "source": where})
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err.get("loc", ())) or "case"
        raise InputError(f"{where}: field '{field}': {err.get('msg', 'invalid value')}.") from None


def read_case_file(path: Path) -> list[EvalCase]:
    """Read one JSON Lines file of cases; blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"Cannot read case file {path}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise InputError(f"Case file {path} is not UTF-8 text.") from None
    return [_parse_line(raw, f"{path}:{n}") for n, raw in enumerate(lines, start=1) if raw.strip()]


def case_files(path: str | Path) -> list[Path]:
    """Return the .jsonl files a dataset path names: the file itself or a directory's files, sorted."""
    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*.jsonl"))
        if not files:
            raise InputError(f"No .jsonl case files in {p}.")
        return files
    if p.is_file():
        return [p]
    raise InputError(f"Dataset not found: {p}.")


def load_cases(path: str | Path = DEFAULT_DATASET, tags: Iterable[str] | None = None) -> list[EvalCase]:
    """Load every case under a file or directory, keeping those with all the given tags."""
    cases: list[EvalCase] = []
    seen: dict[str, str] = {}
    for file in case_files(path):
        for case in read_case_file(file):
            if case.id in seen:
                raise InputError(f"{case.source}: duplicate case id '{case.id}' (first at {seen[case.id]}).")
            seen[case.id] = case.source
            cases.append(case)
    wanted = set(tags or ())
    if wanted:
        cases = [c for c in cases if wanted <= set(c.tags)]
        if not cases:
            raise InputError(f"No case in {path} has the tag(s): {', '.join(sorted(wanted))}.")
    if not cases:
        raise InputError(f"No cases in {path}.")
    return cases
