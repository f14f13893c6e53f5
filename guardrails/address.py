"""Address rules: consistent du in Swedish, a first-name greeting, good wishes said once.

The rater found du and ni/er mixed in 10 of 24 Swedish drafts ("Vi önskar er lycka till" after a
letter in du), the candidate's full name in the greeting ("Hej Linnea Holm,"), and "lycka till"
twice. None misleads; each makes the recruiter edit before sending, so they warn.
"""

from __future__ import annotations

import re

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.rule_data import say
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc, fold, words

LEX = "address"


def check_mixed_address(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Warn when a Swedish text addresses the candidate both as du and as ni/er."""
    if doc.language != "sv":
        return []
    du = lexicon.wordset(LEX, "du_forms")
    ni = lexicon.wordset(LEX, "ni_forms")
    names = {w for p in (doc.context.candidate_name, doc.context.company) if p for w in words(p.lower())}
    du_hits = [t for t in doc.tokens if t.text.lower() in du]
    ni_hits = [t for t in doc.tokens if t.text.lower() in ni and t.text.lower() not in names]
    if not du_hits or not ni_hits:
        return []
    # Point at the rarer form: that is the slip.
    slip = ni_hits[0] if len(ni_hits) <= len(du_hits) else du_hits[0]
    sentence = doc.sentence_at(slip.start)
    return [violation("mixed_address", say(doc, "mixed_address", quote=doc.text[slip.start : sentence[1]]), sentence)]


def check_full_name_greeting(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Warn when the greeting uses the candidate's full name instead of the first name."""
    name = doc.context.candidate_name
    parts = (name or "").split()
    if len(parts) < 2:
        return []
    greet = lexicon.pattern(LEX, "greeting").search(doc.lower)
    if not greet:
        return []
    if (
        doc.language == "en"
        and doc.context.tone == "formal"
        and doc.lower[greet.start() : greet.end()].strip().startswith("dear")
    ):
        return []  # "Dear Margaret Collins" is correct formal English; the rater did not mind it
    line_end = doc.text.find("\n", greet.end())
    line = doc.text[greet.end() : line_end if line_end >= 0 else len(doc.text)]
    greeted = re.match(r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*)*", line)
    if not greeted:
        return []
    tokens = [fold(t) for t in greeted.group(0).split()]
    folded = [fold(p) for p in parts]
    # First name and (any) surname of the candidate, in that order, right after the greeting word.
    if len(tokens) >= 2 and tokens[0] == folded[0] and tokens[1] in folded[1:]:
        two = re.match(r"\S+[ \t]+[^\s,!:;]+", line)
        end = greet.end() + (two.end() if two else len(greeted.group(0)))
        quote = doc.text[greet.end() : end]
        return [
            violation(
                "full_name_greeting", say(doc, "full_name_greeting", quote=quote, first=parts[0]), (greet.end(), end)
            )
        ]
    return []


def check_repeated_wish(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Warn when the text wishes the candidate luck more than once."""
    hits = list(lexicon.pattern(LEX, "wishes").finditer(doc.lower))
    if len(hits) < 2:
        return []
    second = hits[1]
    return [
        violation(
            "repeated_wish",
            say(doc, "repeated_wish", quote=doc.text[second.start() : second.end()]),
            (second.start(), second.end()),
        )
    ]
