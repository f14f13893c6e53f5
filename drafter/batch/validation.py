"""Validate every row of a round before anything is drafted: (row, column, reason) for each problem,
values as spreadsheets write them folded in, and the same candidate twice flagged."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from drafter.batch.columns import EMAIL, REQUIRED
from drafter.batch.reading import Table
from drafter.models import DraftRequest

# Spreadsheet spellings of the choice fields.
CHOICES: dict[str, dict[str, str]] = {
    "language": {
        "sv": "sv", "svenska": "sv", "swedish": "sv", "se": "sv", "sv-se": "sv",
        "en": "en", "engelska": "en", "english": "en", "en-gb": "en", "en-us": "en", "eng": "en",
    },
    "channel": {
        "email": "email", "e-mail": "email", "e-post": "email", "epost": "email", "mejl": "email", "mail": "email",
        "phone": "phone", "telefon": "phone", "samtal": "phone", "telefonsamtal": "phone", "call": "phone",
    },
    "tone": {"warm": "warm", "varm": "warm", "formal": "formal", "formell": "formal"},
}  # fmt: skip
SINGLE_LINE = ("candidate_name", "role", "company", "recruiter_name", "chosen_candidate_name", EMAIL)
FORMULA_START = ("=", "+", "@")
EMAIL_RE = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


@dataclass(frozen=True)
class RowError:
    """One problem in one cell (or row) of the input, in the user's own row numbers and column names."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass
class BatchRow:
    """A row that validated: its request, the candidate's e-mail, and whether it repeats an earlier row."""

    row: int
    request: DraftRequest
    email: str | None = None
    duplicate_of: int | None = None
    duplicate_reason: str = ""


@dataclass
class Validated:
    """The outcome of validating a table: good rows, errors by row, what was ignored."""

    rows: list[BatchRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    total: int = 0

    @property
    def error_rows(self) -> dict[int, list[RowError]]:
        """Return the errors grouped by row number."""
        grouped: dict[int, list[RowError]] = {}
        for err in self.errors:
            grouped.setdefault(err.row, []).append(err)
        return grouped

    @property
    def duplicates(self) -> list[BatchRow]:
        """Return the rows that repeat an earlier candidate (they are not drafted)."""
        return [r for r in self.rows if r.duplicate_of is not None]

    @property
    def to_draft(self) -> list[BatchRow]:
        """Return the rows to draft: valid and not a repeat."""
        return [r for r in self.rows if r.duplicate_of is None]


def _reason(err: Mapping[str, Any]) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "is empty; this field is required."
    if kind == "string_too_short":
        return "is empty; this field is required."
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)."
    if kind == "literal_error":
        return f"has an invalid value; expected {ctx.get('expected', 'one of the allowed values')}."
    message = str(err.get("msg", "invalid value"))
    return message.removeprefix("Value error, ").rstrip(".") + "."


def _fold_choice(field_name: str, value: str) -> str:
    return CHOICES[field_name].get(value.strip().casefold(), value)


def _cell_checks(field_name: str, value: str) -> str | None:
    """Return why a cell is refused before the model sees it, or None."""
    if field_name in SINGLE_LINE and value.startswith(FORMULA_START):
        return f"starts with '{value[0]}', like a spreadsheet formula; enter the plain text instead."
    if field_name in SINGLE_LINE and ("\n" in value or "\r" in value):
        return "holds a line break; this field must be one line."
    if field_name == EMAIL and value and not EMAIL_RE.match(value):
        return "is not an e-mail address."
    return None


def validate_table(
    table: Table,
    mapping: Mapping[str, str],
    defaults: Mapping[str, str] | None = None,
) -> Validated:
    """Validate every row; never raise for a bad row, collect (row, column, reason) instead."""
    defaults = dict(defaults or {})
    index = {name: i for i, name in enumerate(table.header)}
    columns = {f: index[c] for f, c in mapping.items() if c in index}
    out = Validated(total=len(table.rows))
    seen_email: dict[str, int] = {}
    seen_person: dict[tuple[str, str], int] = {}
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        data: dict[str, Any] = {}
        problems: list[RowError] = []
        for name, value in defaults.items():
            if value:
                data[name] = value
        for name, col in columns.items():
            value = cells[col] if col < len(cells) else ""
            if not value:
                continue
            problem = _cell_checks(name, value)
            if problem:
                problems.append(RowError(number, mapping[name], problem))
                continue
            data[name] = _fold_choice(name, value) if name in CHOICES else value
        for name in REQUIRED:
            if not data.get(name) and not any(p.column == mapping.get(name, name) for p in problems):
                problems.append(RowError(number, mapping.get(name, name), "is empty; this field is required."))
        email = data.pop(EMAIL, None)
        if problems:
            out.errors += problems
            continue
        try:
            request = DraftRequest.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                name = str(err["loc"][0]) if err.get("loc") else ""
                out.errors.append(RowError(number, mapping.get(name, name), _reason(err)))
            continue
        except ValueError as exc:  # a model validator may raise a plain ValueError
            out.errors.append(RowError(number, "", str(exc)))
            continue
        row = BatchRow(row=number, request=request, email=email.casefold() if email else None)
        person = (" ".join(request.candidate_name.casefold().split()), " ".join(request.role.casefold().split()))
        if row.email and row.email in seen_email:
            row.duplicate_of, row.duplicate_reason = seen_email[row.email], "same e-mail"
        elif person in seen_person:
            row.duplicate_of, row.duplicate_reason = seen_person[person], "same name and role"
        else:
            if row.email:
                seen_email[row.email] = number
            seen_person[person] = number
        out.rows.append(row)
    return out
