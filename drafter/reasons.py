"""The reason for the decision as one sentence in the letter's voice, and which decision it follows.

Recruiters write the reason as a note to themselves: subjectless ("selected a candidate with more
..."), with a third party as subject ("Matron chose ...", "chefen valde ..."), in the other language,
or naming what must never be passed on (a relative hired, salary or budget internals, leave, age,
health ...). This module decides what the letter says: the decision that fits (someone chosen, an
internal candidate, no one hired at all, or no comparison) and the reason sentence or None, in which
case the composer gives its neutral reason. Word lists and patterns live in the phrasebooks
(`composer_templates/<language>.toml`, `[reason]`) and grammar files (`reason_verbs`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from drafter.grammar import WORD, grammar, lower_first
from drafter.models import CheckContext, DraftRequest
from drafter.other_language import confidence, other
from drafter.phrasing import phrasebook
from guardrails.language import marker_counts

Decision = Literal["withdrawn", "internal", "chosen", "unsaid"]

# Slot of the decision sentence per kind of decision.
DECISION_SLOT: dict[Decision, str] = {
    "withdrawn": "decision_withdrawn",
    "internal": "decision_internal",
    "chosen": "decision",
    "unsaid": "decision_no_hire",
}
# Guardrail rules that keep a reason out of the letter when its sentence alone trips them.
SENSITIVE_RULES = frozenset({"protected_ground", "harsh_tone", "leaks_other_candidate", "over_detailed_reason"})
_LANGUAGES = ("sv", "en")
_SENTENCE_CUT = re.compile(r"(?<=[.!?;])\s+|\s+[-–—]\s+")
_LINKS = {"och", "and", "so", "så", "men", "but", "eftersom", "since", "as"}
_NEGATION = re.compile(
    r"\b(inte|ej|ingen|inga|aldrig|utan|not|no|nobody|no one|never|without|cannot|can't|won't|didn't|isn't|wasn't"
    r"|don't|doesn't|aren't|weren't|couldn't|haven't|hasn't)\b"
)


@cache
def _pattern(language: str, key: str) -> re.Pattern[str]:
    book = phrasebook(language)
    return re.compile("|".join(book["reason"].get(key) or book[key]), re.IGNORECASE)


def _matches(text: str, key: str, languages: tuple[str, ...]) -> bool:
    return any(_pattern(lang, key).search(text) for lang in languages)


def says_no_hire(text: str, language: str, key: str = "not_filled") -> bool:
    """Return True for words that say no one is hired (`not_filled`: a withdrawn, frozen or paused post, a
    lost contract) or, with `no_hire`, that no comparison was made (a changed or cut role)."""
    return _matches(text, key, (language, other(language)))


def says_chosen(text: str, language: str) -> bool:
    """Return True for words that say someone was chosen (in either language: notes mix them).

    A negated hire ("nobody gets hired", "vi kan inte anställa utan legitimation") says the opposite.
    """
    for lang in _LANGUAGES:
        for m in _pattern(lang, "someone_chosen").finditer(text):
            before = " ".join(WORD.findall(text[max(0, m.start() - 40) : m.start()].lower())[-3:])
            if not _NEGATION.search(before):
                return True
    return False


def decision(request: DraftRequest) -> Decision:
    """Return the decision the letter states.

    The reason decides first; the internal notes only steer away from "another candidate" (nothing of
    them reaches the letter), and never against a hire the request names. Without a hire named in the
    request or its reason, the letter says the plain decision: "another candidate" would be a claim.
    """
    reason, notes, lang = request.reason or "", request.internal_notes or "", request.language
    if says_no_hire(reason, lang):
        return "withdrawn"
    chosen_in_reason = says_chosen(reason, lang)
    # The notes say the post is on hold only when the reason gives none of its own: a reason about the
    # candidate ("needs Swedish authorisation") is what the letter says, not the notes' budget.
    if says_no_hire(notes, lang) and not request.chosen_candidate_name and not reason.strip():
        return "withdrawn"
    if _matches(reason, "internal", _LANGUAGES) and not _leaks(request, DECISION_SLOT["internal"]):
        return "internal"
    if says_no_hire(f"{reason} {notes}", lang, "no_hire"):
        return "unsaid"
    # The notes alone never make the letter say "another candidate": the candidate cannot see them.
    if request.chosen_candidate_name or chosen_in_reason:
        return "chosen"
    return "unsaid"


def _leaks(request: DraftRequest, slot: str) -> bool:
    """Return True when a decision sentence would repeat words of the internal notes (then the plain one)."""
    from guardrails import check

    table = phrasebook(request.language)[request.channel][request.tone]
    return any(
        v.rule == "leaks_internal_notes"
        for text in table[slot]
        for v in check(text, CheckContext.of(request)).violations
    )


def mostly_foreign(text: str, language: str) -> bool:
    """Return True for a reason written (mostly) in the other language than the letter."""
    counts = marker_counts(text)
    foreign = other(language)
    if counts[foreign] >= 2 and counts[language] == 0:
        return True
    sure = confidence(text)
    if sure is None:
        return counts[foreign] > counts[language]
    return sure[foreign] > sure[language]


def sensitive(text: str, request: DraftRequest) -> bool:
    """Return True for a reason that must not be passed on (listed words, or a guardrail on its own words)."""
    if _matches(text, "sensitive", (request.language, other(request.language))):
        return True
    from guardrails import check

    bare = CheckContext.of(request).model_copy(update={"highlights": None, "reason": None, "feedback": None})
    return any(v.rule in SENSITIVE_RULES and v.severity == "block" for v in check(text, bare).violations)


def _agree_we(text: str) -> str:
    """Give a verb after a new 'we' its plural form: 'we wants' -> 'we want', 'we was' -> 'we were'."""
    irregular = {"is": "are", "was": "were", "has": "have", "does": "do", "feels": "feel", "thinks": "think"}

    def fix(m: re.Match[str]) -> str:
        verb = m.group(2)
        new = irregular.get(verb) or (verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb)
        return m.group(1) + new

    return re.sub(r"^([Ww]e\s+)([a-z]+)\b", fix, text)


def third_party_to_we(text: str, language: str) -> str:
    """Say 'we' for a third party the note names as subject ('Matron chose', 'panelen tyckte')."""
    third = _pattern(language, "third_party").match(text)
    if third is None:
        return text
    text = f"{'vi' if language == 'sv' else 'we'} {text[third.end() :].lstrip()}"
    return _agree_we(text) if language == "en" else text


def in_our_voice(text: str, language: str) -> str:
    """Give the reason its subject: the company ('vi', 'we') or, for what the candidate lacks, 'du' / 'you'."""
    we, you = ("vi", "du") if language == "sv" else ("we", "you")
    voiced = third_party_to_we(text, language)
    if voiced != text:
        return voiced
    words = WORD.findall(text)
    first = words[0].lower() if words else ""
    lex = grammar(language)["words"]
    if first in lex["reason_you_verbs"]:
        return f"{you} {lower_first(text, language)}"
    if first in lex["reason_we_verbs"]:
        return f"{we} {lower_first(text, language)}"
    return text


def first_clause(text: str, language: str) -> str:
    """Return the reason's first sentence, up to a comma that starts a clause of its own: a brief reason says one thing.

    A comma inside a list ("erfarenhet av X, Y och Z") stays; one before a new subject and verb
    ("..., raul kan först i juni") ends the reason.
    """
    first = _SENTENCE_CUT.split(text.strip(), maxsplit=1)[0]
    lex = grammar(language)["words"]
    subjects = set(lex["subject_words"]) | set(grammar(language)["person"]["subject"])
    pieces = first.split(", ")
    kept = [pieces[0]]
    for piece in pieces[1:]:
        words = [w.lower() for w in WORD.findall(piece)]
        while words and words[0] in _LINKS:
            words = words[1:]
        # A new subject, a verb with none ("..., hinner inte lära upp någon") or a subject and its verb.
        if words and (
            words[0] in subjects or words[0] in lex["finite"] or (len(words) > 1 and words[1] in lex["finite"])
        ):
            break
        kept.append(piece)
    return ", ".join(kept).rstrip(" ,;:.")


def usable_reason(request: DraftRequest, text: str) -> str | None:
    """Return the reason in the letter's voice, or None when the neutral reason must stand in its place."""
    if not text.strip(" .:") or mostly_foreign(text, request.language) or sensitive(text, request):
        return None
    return in_our_voice(first_clause(text, request.language), request.language)
