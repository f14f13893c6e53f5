"""ungrounded_claim: facts, names, numbers, links, dates, meetings or reasons the request lacks.

Cases are data: tests/data/guardrails/claims.jsonl (Swedish and English, email and phone, with hard
negatives). Thresholds: every labelled letter is caught, no hard negative is blocked by a meaning rule.
"""

from __future__ import annotations

import pytest
from meaning_cases import family_rules, found, letters, scores

from drafter.models import CheckContext
from guardrails import check
from guardrails.registry import RULES
from guardrails.scoring import LabeledLetter

FAMILY = "claims"
CASES = letters(FAMILY)
BASE_SV = (
    "Hej Elin,\n\nTack för att du sökte tjänsten och för intervjun. Din struktur gjorde intryck.\n\n"
    "Vi har tyvärr valt en annan kandidat. {x}\n\nHör av dig om du har frågor. Lycka till!\n\nHälsningar\nJohan"
)
CTX_SV = CheckContext(
    candidate_name="Elin Berg",
    role="lagerledare",
    company="Nordfrakt AB",
    recruiter_name="Johan Sand",
    language="sv",
    channel="email",
    highlights="din struktur",
    reason="",
)


@pytest.mark.parametrize("letter", CASES, ids=[c.id for c in CASES])
def test_each_labelled_letter_gets_exactly_its_meaning_labels(letter: LabeledLetter) -> None:
    hits = found(letter)
    assert letter.labels <= hits, (letter.id, sorted(hits))
    wrongly_blocked = {r for r in hits - letter.labels if RULES[r].severity == "block"}
    assert not wrongly_blocked, (letter.id, sorted(wrongly_blocked))


def test_the_set_covers_both_languages_both_channels_and_hard_negatives() -> None:
    assert {c.context.language for c in CASES} == {"sv", "en"}
    assert {c.context.channel for c in CASES} == {"email", "phone"}
    assert any(c.good for c in CASES) and any(not c.good for c in CASES)
    assert family_rules(FAMILY) <= {label for c in CASES for label in c.labels}


def test_every_rule_of_the_family_is_precise_and_recalls_its_letters() -> None:
    for rule, s in scores(FAMILY).items():
        assert s.recall == 1.0 and s.precision >= 0.9, (rule, s)


def test_a_partial_context_cannot_say_what_the_request_lacks() -> None:
    text = BASE_SV.format(x="Vi ses nästa vecka på www.exempel.se.")
    assert "ungrounded_claim" in check(text, CTX_SV).rules()
    partial = CTX_SV.model_copy(update={"highlights": None, "reason": None})
    assert "ungrounded_claim" not in check(text, partial).rules()


def test_the_internal_notes_never_ground_a_claim() -> None:
    text = BASE_SV.format(x="Vi ses nästa vecka.")
    ctx = CTX_SV.model_copy(update={"internal_notes": "Ses nästa vecka igen"})
    assert "ungrounded_claim" in check(text, ctx).rules()
