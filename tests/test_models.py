from __future__ import annotations

import pytest

from drafter.errors import InputError
from drafter.models import CheckContext, DraftRequest, parse_context, parse_request

BASE = {
    "candidate_name": "Åsa-Maria Öberg",
    "role": "sjuksköterska",
    "company": "Region Väst",
    "recruiter_name": "Li",
}


def test_defaults_and_stripping() -> None:
    req = parse_request({**BASE, "candidate_name": "  Åsa-Maria Öberg  ", "feedback": "   "})
    assert req.candidate_name == "Åsa-Maria Öberg"
    assert (req.language, req.channel, req.tone) == ("sv", "email", "warm")
    assert req.feedback is None  # blank feedback means "no feedback"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({k: v for k, v in BASE.items() if k != "role"}, "Missing required field 'role'."),
        ({**BASE, "candidate_name": "   "}, "Field 'candidate_name' must not be empty."),
        (
            {**BASE, "candidate_name": "x" * 101},
            "Field 'candidate_name' is too long (at most 100 characters).",
        ),
        (
            {**BASE, "internal_notes": "x" * 10_000_000},
            "Field 'internal_notes' is too long (at most 20000 characters).",
        ),
        ({**BASE, "language": "de"}, "Field 'language' has an invalid value"),
        ({**BASE, "colour": "red"}, "Unknown field 'colour'."),
        ({**BASE, "role": 5}, "Field 'role':"),
    ],
)
def test_bad_input_is_one_sentence(data: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_request(data)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_request_must_be_an_object() -> None:
    with pytest.raises(InputError, match="JSON object"):
        parse_request(["not", "a", "dict"])


def test_prompt_fields_never_hold_notes_or_chosen_candidate() -> None:
    req = DraftRequest(**BASE, internal_notes="secret", chosen_candidate_name="Per")
    fields = req.prompt_fields()
    assert "internal_notes" not in fields and "chosen_candidate_name" not in fields
    assert "secret" not in fields.values() and "Per" not in fields.values()


def test_context_is_partial_and_ignores_unknown_keys() -> None:
    ctx = parse_context({"candidate_name": "Anna", "whatever": 1})
    assert ctx.candidate_name == "Anna" and ctx.role is None
    assert CheckContext.of(DraftRequest(**BASE)).company == "Region Väst"
    with pytest.raises(InputError):
        parse_context({"language": "xx"})
