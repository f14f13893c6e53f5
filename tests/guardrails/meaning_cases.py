"""Labelled letters for the meaning rules (tests/data/guardrails/<family>.jsonl) and their scoring.

Each line: `id`, `text`, `context`, `labels` (the meaning-rule ids the letter must trigger; empty for
a hard negative), `good`, `note`. Only the meaning rules are scored here: the word rules have their
own labelled sets (calibration, blind sets).
"""

from __future__ import annotations

from pathlib import Path

from guardrails import check
from guardrails.context import CheckContext
from guardrails.registry import RULES
from guardrails.rule_data import meaning_rules, rule_specs
from guardrails.scoring import LabeledLetter, RuleScore, load_letters

DATA = Path(__file__).resolve().parents[1] / "data" / "guardrails"
# A plain Swedish rejection with one sentence `{x}` to vary, and its request, for rule-specific tests.
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


def family_rules(family: str) -> set[str]:
    """Return the ids of one meaning family's rules."""
    return {rule for rule, spec in rule_specs().items() if spec["family"] == family}


def letters(family: str) -> list[LabeledLetter]:
    """Return the labelled letters of one family."""
    return load_letters(DATA / f"{family}.jsonl")


def found(letter: LabeledLetter) -> set[str]:
    """Return the meaning rules a letter triggers."""
    return check(letter.text, letter.context).rules() & meaning_rules()


def scores(family: str) -> dict[str, RuleScore]:
    """Return tp/fp/fn per rule of the family over the family's letters."""
    rules = family_rules(family)
    out = {r: RuleScore(rule=r) for r in rules}
    for letter in letters(family):
        hits = found(letter)
        for r in rules:
            if r in hits and r in letter.labels:
                out[r].tp += 1
            elif r in hits:
                out[r].fp += 1
            elif r in letter.labels:
                out[r].fn += 1
    return out


def misses(family: str) -> list[str]:
    """Return letters whose labels were not all found, or that a meaning rule wrongly blocks."""
    wrong = []
    for letter in letters(family):
        hits = found(letter)
        blocked = {r for r in hits if RULES[r].severity == "block"}
        if not letter.labels <= hits or blocked - letter.labels:
            wrong.append(f"{letter.id}: labels {sorted(letter.labels)}, found {sorted(hits)}")
    return wrong
