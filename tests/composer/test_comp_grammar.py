"""Composer grammar as data: each recruiter note (as recruiters write them) reads as a sentence to the candidate."""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafter.composer import compose
from drafter.models import DraftRequest
from guardrails import check

CASES: list[dict[str, Any]] = tomllib.loads((Path(__file__).parent / "data" / "grammar_cases.toml").read_text())["case"]
FIELDS = ("highlights", "reason", "feedback", "tone", "channel", "chosen_candidate_name")
LABELS = re.compile(r"\b(Kort om skälet|Skälet i korthet|Skäl|Kandidat|Positivt|Feedback|Reason|Highlights|Candidate):")
WISHES = re.compile(r"lycka till|all lycka|good luck|every success|the best of luck|all the best", re.IGNORECASE)
SWEDISH_NI = re.compile(r"\b(ni|Ni|er|ert|era|Er|Ert|Era)\b")


def assert_reads_well(text: str, request: DraftRequest) -> None:
    """The properties a recruiter checks before sending, whatever the note."""
    first, *rest = request.candidate_name.split()
    greeting = text.splitlines()[0]
    assert first in greeting and not any(part in greeting for part in rest), greeting
    assert request.candidate_name not in text
    assert not LABELS.search(text), text
    assert len(WISHES.findall(text)) == 1, text
    if request.language == "sv":
        assert not SWEDISH_NI.search(text), text
    # A capital letter mid-sentence must belong to a name the request holds (no pasted notes).
    proper = ["I", "Excel", "SAP", "SQL", "B-körkort", "Fortnox", "Power", "BI"]  # tools the cases name
    # A name the recruiter capitalised inside a note ("3 år Dagab", "experience in Lagos") is theirs.
    notes = " ".join(x or "" for x in (request.highlights, request.reason, request.feedback))
    named = re.findall(r"(?<=[a-zåäö0-9] )[A-ZÅÄÖ][\w&-]*", notes)
    known = " ".join([request.role, request.company, request.recruiter_name, first, *proper, *named])
    for match in re.finditer(r"(?<=[a-zåäö,] )([A-ZÅÄÖ][\w-]*)", text):
        assert match.group(1) in known or match.group(1).isupper(), (match.group(1), text)  # AWS, IATF
    report = check(text, request)
    assert report.passed, ([v.rule for v in report.blocking], text)
    assert "missing_positive" not in report.rules()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_note_becomes_a_sentence(make_request: Callable[..., DraftRequest], case: dict[str, Any]) -> None:
    overrides = {k: case[k] for k in FIELDS if k in case}
    request = make_request(case["language"], **overrides)
    text = compose(request)
    for wanted in case.get("expect", []):
        assert wanted.lower() in text.lower(), (wanted, text)
    for unwanted in case.get("absent", []):
        assert unwanted not in text, (unwanted, text)
    assert_reads_well(text, request)


@pytest.mark.parametrize(
    ("case", "tone", "channel"),
    list(itertools.product(CASES, ["warm", "formal"], ["email", "phone"])),
    ids=lambda v: v["id"] if isinstance(v, dict) else v,
)
def test_every_note_reads_well_in_every_tone_and_channel(
    make_request: Callable[..., DraftRequest], case: dict[str, Any], tone: str, channel: str
) -> None:
    overrides = {k: case[k] for k in ("highlights", "reason", "feedback") if k in case}
    request = make_request(case["language"], tone=tone, channel=channel, **overrides)
    assert_reads_well(compose(request), request)


def test_variants_differ_between_requests_but_never_for_one(make_request: Callable[..., DraftRequest]) -> None:
    names = ["Anna Berg", "Omar Haddad", "Lisa Ek", "Per Holm", "Sara Lund", "Ali Demir"]
    texts = {compose(make_request("sv", candidate_name=n)).split("\n", 1)[1] for n in names}
    assert len(texts) >= 3  # several natural variants per slot, chosen by the request
    request = make_request("sv", candidate_name="Anna Berg")
    assert compose(request) == compose(request.model_copy())
