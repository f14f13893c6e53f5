"""The fair-reason rule: the recruiter's own reason rests on a protected ground.

"vd ville ha någon yngre", "he uses a wheelchair and the desk is too high": no letter can give that
reason, and a letter that gives another ("an overall assessment") misleads the candidate about the
decision. Whatever the draft says, it is blocked, and the message asks for a review of the decision.
The reason is read as the protected-ground rule reads a letter, told to the candidate ("han sitter i
rullstol" as "du sitter i rullstol"), so the job's own subject matter stays innocent.
"""

from __future__ import annotations

import re

from guardrails import protected
from guardrails.concepts import ground_hits, grounds
from guardrails.fidelity import told_to_candidate
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc

RULE = "discriminatory_reason"


# The verdict depends on the request alone, and one request is checked many times (every composer
# attempt, every repair): found once per request, language and settings. Bounded like fidelity's cache.
_FOUND: dict[str, list[Violation]] = {}
_FOUND_MAX = 2048


def check_reason_ground(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block every draft of a request whose reason names or paraphrases a protected ground."""
    if not doc.context.reason:
        return []
    key = "\n".join((doc.language, doc.message_language, doc.context.model_dump_json(), settings.model_dump_json()))
    if key not in _FOUND:
        if len(_FOUND) >= _FOUND_MAX:
            _FOUND.clear()
        _FOUND[key] = _reason_ground(doc, doc.context.reason, settings)
    return list(_FOUND[key])


def _reason_ground(doc: Doc, reason: str, settings: GuardrailSettings) -> list[Violation]:
    bare = doc.context.model_copy(update={"highlights": None, "reason": None, "feedback": None})
    for text in dict.fromkeys((told_to_candidate(reason), reason)):
        piece = Doc(text=text, context=bare, language=doc.language, message_language=doc.message_language)
        for hit in protected.check_protected(piece, settings):
            if hit.span is None or not _of_a_person(text, hit.span):
                continue  # "migrering från gamla ärendesystemet": old is the system, not a person
            term = text[hit.span[0] : hit.span[1]]
            return [violation(RULE, doc.say(RULE, term=term, label=_label(term, doc)))]
    return []


# Words for the person a ground is said of, near the ground's words ("någon yngre", "du sitter i rullstol").
_PERSON = re.compile(
    r"\b(du|dig|din|ditt|dina|han|hon|hen|honom|henne|någon|nån|person|kandidat\w*|sökande|man|kvinna|"
    r"you|your|he|she|him|her|someone|somebody|candidate|applicant|woman)\b",
    re.IGNORECASE,
)
# How far, in words, the ground may stand from the person it is said of.
PERSON_WINDOW = 3


def _of_a_person(text: str, span: tuple[int, int]) -> bool:
    """Return True when a person word stands within PERSON_WINDOW words of the ground's words."""
    before = text[: span[0]].split()[-PERSON_WINDOW:]
    after = text[span[1] :].split()[:PERSON_WINDOW]
    return any(_PERSON.fullmatch(w.strip(".,;:!?()")) for w in (*before, *after)) or bool(
        _PERSON.search(text[span[0] : span[1]])
    )


def _label(term: str, doc: Doc) -> str:
    """Return the name of the ground a term belongs to, in the message's language."""
    lang = "en" if doc.language == "en" else "sv"
    hits = ground_hits(term, lang)
    ground = grounds()[hits[0][2]] if hits else None
    if ground is None:
        return "en diskrimineringsgrund" if doc.message_language == "sv" else "a protected ground"
    return ground.label(doc.message_language)
