"""Map a sheet's column names to DraftRequest fields: known Swedish and English names, or explicit."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from drafter.errors import InputError
from drafter.models import DraftRequest

EMAIL = "email"  # the candidate's address: not a DraftRequest field, used for duplicates and .eml
FIELDS: tuple[str, ...] = (*DraftRequest.model_fields, EMAIL)
REQUIRED: tuple[str, ...] = ("candidate_name", "role", "company", "recruiter_name")

# Column names people use in Swedish and English spreadsheets, compared after `normalise`.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "candidate_name": (
        "namn", "name", "kandidat", "kandidatens namn", "kandidatnamn", "candidate", "candidate name",
        "full name", "fullstandigt namn", "sokande", "sokandens namn", "applicant", "for och efternamn",
    ),
    EMAIL: (
        "e post", "epost", "email", "e mail", "mail", "mejl", "e postadress", "epostadress", "mejladress",
        "kandidatens e post", "candidate email", "email address",
    ),
    "role": (
        "tjanst", "roll", "befattning", "position", "role", "job", "job title", "titel", "title", "tjanstens namn",
    ),
    "company": ("foretag", "bolag", "arbetsgivare", "company", "employer", "organisation", "organization", "firma"),
    "recruiter_name": (
        "rekryterare", "recruiter", "rekryterarens namn", "underskrift", "signature", "avsandare", "sender",
        "recruiter name", "kontaktperson",
    ),
    "language": ("sprak", "language", "lang", "beskedets sprak"),
    "channel": ("kanal", "channel", "satt", "kontaktsatt"),
    "tone": ("ton", "tone"),
    "highlights": ("positivt", "styrkor", "highlights", "nagot positivt", "positive", "strengths", "lyft fram"),
    "reason": ("skal", "anledning", "reason", "motivering", "kort skal", "orsak"),
    "feedback": ("feedback", "aterkoppling", "konstruktiv feedback"),
    "chosen_candidate_name": ("vald kandidat", "chosen candidate", "anstalld", "hired", "den som fick tjansten"),
    "internal_notes": ("interna anteckningar", "anteckningar", "notes", "internal notes", "kommentar", "comments"),
}  # fmt: skip


def normalise(name: str) -> str:
    """Return a column name folded for comparison: lower case, no accents, words split by single spaces."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.split(r"[^a-z0-9]+", ascii_only)).strip()


_LOOKUP: dict[str, str] = {normalise(f): f for f in FIELDS}
for _field, _names in SYNONYMS.items():
    for _name in _names:
        _LOOKUP.setdefault(normalise(_name), _field)


def guess_field(column: str) -> str | None:
    """Return the field a column name stands for, or None when it is not a known name."""
    return _LOOKUP.get(normalise(column))


def parse_pairs(pairs: list[str] | None, what: str) -> dict[str, str]:
    """Parse `LEFT=RIGHT` options (e.g. `--map "Kandidat=candidate_name"`) into a dict."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        left, sep, right = pair.partition("=")
        if not sep or not left.strip():
            raise InputError(f"{what} takes NAME=VALUE, not '{pair}'.")
        out[left.strip()] = right.strip()
    return out


def map_columns(
    header: list[str],
    explicit: Mapping[str, str] | None = None,
    defaults: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Return {field: column} for a header, known names first, `explicit` {column: field} winning.

    Raise `InputError` naming what is wrong: an unknown field, a column mapped twice, a required
    field with neither a column nor a default value.
    """
    explicit = dict(explicit or {})
    defaults = dict(defaults or {})
    for name in defaults:
        if name not in FIELDS:
            raise InputError(f"Unknown field '{name}' in a default value; fields are: {', '.join(FIELDS)}.")
    mapping: dict[str, str] = {}
    for column, field in explicit.items():
        if column not in header:
            raise InputError(f"The file has no column '{column}'; its columns are: {', '.join(header)}.")
        if field in ("", "-"):
            continue
        if field not in FIELDS:
            raise InputError(f"Unknown field '{field}' for column '{column}'; fields are: {', '.join(FIELDS)}.")
        if field in mapping:
            raise InputError(f"Columns '{mapping[field]}' and '{column}' are both mapped to '{field}'.")
        mapping[field] = column
    for column in header:
        if column in explicit or not column:
            continue
        guessed = guess_field(column)
        if guessed is None or guessed in mapping:
            continue
        mapping[guessed] = column
    missing = [f for f in REQUIRED if f not in mapping and not defaults.get(f)]
    if missing:
        names = ", ".join(f"'{f}'" for f in missing)
        raise InputError(
            f"No column for {names}: the file's columns are {', '.join(header) or '(none)'}; "
            f"map one with --map COLUMN=FIELD or give a value for every row with --set FIELD=VALUE."
        )
    return mapping


def ignored_columns(header: list[str], mapping: Mapping[str, str]) -> list[str]:
    """Return the columns no field reads (never stored, never sent to a model)."""
    used = set(mapping.values())
    return [c for c in header if c and c not in used]
