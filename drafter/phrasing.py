"""The composer's wording: the phrasebook per language, stable variant picks, and each note as a sentence.

`composer_templates/<language>.toml` holds the skeleton's phrasings and the sentence frames per note
shape; `drafter/notes.py` and `drafter/praise.py` read a note's grammar, and this module puts it in
its frame. The composer (`drafter/composer.py`) and slot drafting both take their wording from here.
"""

from __future__ import annotations

import re
import tomllib
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from drafter.grammar import lower_first, second_person, upper_first
from drafter.models import DraftRequest
from drafter.notes import frame, read_note
from drafter.other_language import confidence, other
from drafter.praise import praise, praise_body
from drafter.shorthand import expand
from guardrails.language import marker_counts

TEMPLATE_DIR = Path(__file__).with_name("composer_templates")

# How sure the language detector must be that a note is in the other language before it is left out
# ("strong negotiator, knows suppliers in asia well" 0.99; "stark i Excel, bra case" 0.29 English).
FOREIGN_CONFIDENCE = 0.7


@cache
def phrasebook(language: str) -> dict[str, Any]:
    """Load the phrasings for one language (cached: the files never change at run time)."""
    with (TEMPLATE_DIR / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


def pick(variants: list[str], seed: str) -> str:
    """Pick a variant by a stable hash, so the same request always gets the same wording."""
    return variants[zlib.crc32(seed.encode("utf-8")) % len(variants)]


def request_seed(request: DraftRequest) -> str:
    """Return what picks a request's variants: the same request always reads the same."""
    return f"{request.candidate_name}|{request.role}|{request.company}|{request.tone}"


def role_in_sentence(role: str, language: str) -> str:
    """Return a job title as a sentence says it: the advert's details after a comma or in brackets left out
    ('Kock, tillagningskök (F-9, ca 650 portioner/dag)' -> 'kock'), and a Swedish title as a common noun
    ('Snickare' -> 'snickare', not 'IT-tekniker')."""
    short = re.sub(r"\s*\([^()]*\)", "", role).split(",")[0].strip(" -–/")
    role = short or role
    words = role.split()
    if language != "sv" or not words or not words[0][:1].isupper() or not words[0][1:].islower():
        return role
    if any(w[:1].isupper() and w[1:].islower() for w in words[1:]):
        return role  # "Product Manager", "Region Skåne": a name, not a common noun
    return role[:1].lower() + role[1:]


def first_name(request: DraftRequest) -> str:
    """Return the name a greeting uses: the first name only."""
    return request.candidate_name.split()[0]


def praise_sentence(request: DraftRequest, text: str) -> str | None:
    """Return the highlights as praise read point by point ('' when nothing is praise), or None when not a list."""
    names = (request.candidate_name, first_name(request))
    flat = second_person(" ".join(text.split()).strip(" -*•·–—>"), request.language, names)
    found = praise(flat, request.language)
    if found is None:
        return None
    bodies = praise_body(found, request.language)
    if not bodies:
        return ""
    frames = phrasebook(request.language)["frames"]["praise"]
    seed = request_seed(request)
    sentences: list[str] = []
    used: set[str] = set()
    if "traits" in bodies and "things" in bodies:
        template = _fresh(frames["traits_things"], seed + "praise", used)
        sentences.append(template.format(traits=bodies.pop("traits"), things=bodies.pop("things")))
    for kind, body in bodies.items():
        sentences.append(_fresh(frames[kind], seed + kind, used).format(note=body, Note=upper_first(body)))
    return " ".join(sentences)


def _frame_words(template: str) -> set[str]:
    return {w.lower() for w in re.sub(r"\{\w+\}", " ", template).split() if len(w) >= 6}


def _fresh(templates: list[str], seed: str, used: set[str]) -> str:
    """Pick a frame, passing over one that repeats the wording of one already used ('especially appreciated')."""
    first = pick(templates, seed)
    for template in [first, *(t for t in templates if t != first)]:
        if not _frame_words(template) & used:
            break
    else:
        template = first
    used |= _frame_words(template)
    return template


def _foreign(text: str, language: str) -> bool:
    """Return True for a note plainly written in the other language (the detector is sure of it)."""
    sure = confidence(text)
    if sure is None:
        counts = marker_counts(text)
        return counts[other(language)] >= 2 and counts[language] == 0
    return sure[other(language)] >= FOREIGN_CONFIDENCE and sure[language] < 0.1


@cache
def _pattern(language: str, key: str) -> re.Pattern[str]:
    """Compile one of the phrasebook's regex lists once per language (notes are read on every draft)."""
    return re.compile("|".join(phrasebook(language)[key]), re.IGNORECASE)


def strip_lead_ins(text: str, language: str) -> str:
    """Strip the recruiter's words to themselves at the start of a note or a point ('säg att', 'def mention')."""
    lead = _pattern(language, "note_lead_ins")
    while True:
        m = lead.match(text)
        if not m or m.end() == 0:
            return text
        text = text[m.end() :].lstrip(" :,.–—-")


def tidy_note(field: str, text: str, language: str) -> str:
    """Strip what the recruiter wrote to themselves ('hon bad om feedback:', 'if she asks:', 'OK to share:')
    and mend clipped phrases ('Vi valde annan' -> 'Vi valde en annan kandidat')."""
    book = phrasebook(language)
    text = expand(text, language)  # shorthand first: every later step reads full words
    # Line breaks stay: the input checks cut a note at a line that forges a label ("Candidate: ...").
    flat = strip_lead_ins(text.strip(), language)
    for pattern, replacement in book["note_mends"].get(field, {}).items():
        flat = re.sub(pattern, replacement, flat, flags=re.IGNORECASE)
    return flat


def no_hire(request: DraftRequest) -> bool:
    """Return True when the request says no one is hired (a freeze, a cut, a withdrawn or paused post)."""
    from drafter.reasons import decision

    return decision(request) == "withdrawn"


def redundant_reason(text: str, language: str) -> bool:
    """Return True for a reason that only repeats the decision ('Kunden valde en annan kandidat')."""
    words = {w.strip(".,!;:").lower() for w in text.split()}
    return bool(words) and words <= set(phrasebook(language)["decision_words"])


def _fragment(text: str, shape: str, language: str) -> bool:
    """Return True for a reason too terse to stand in a sentence ('ej', 'no weekends', 'för dyr')."""
    words = text.lower().split()
    starts = phrasebook(language)["reason_fragment_starts"]
    return shape != "clause" and (len(words) < 2 or words[0] in starts)


def note_sentence(request: DraftRequest, field: str, text: str) -> str | None:
    """Return the composer's sentence for one recruiter note, or None when the note is empty."""
    text = tidy_note(field, text, request.language)
    if not text.strip(" .:"):
        return None
    if field != "feedback" and _foreign(text, request.language):
        # Pasted untranslated it would mix languages: the neutral slot instead. Feedback the
        # candidate asked for is passed on even so (leaving it out is worse).
        return None
    if field == "highlights":
        listed = praise_sentence(request, text)
        if listed is not None:
            return listed or None
    names = (request.candidate_name, first_name(request))
    if field == "reason":
        from drafter.reasons import usable_reason

        text = usable_reason(request, text) or ""
        if not text:
            return None
    if field == "feedback":
        from drafter.feedback import feedback_sentence

        return feedback_sentence(request, text, names)
    note = read_note(field, text, request.language, names)
    if note is None or (field == "reason" and _fragment(note.text, note.shape, request.language)):
        return None
    key, body = frame(note, request.language)
    frames = phrasebook(request.language)["frames"][field]
    template = pick(frames[key], request_seed(request) + field)
    return template.format(note=lower_first(body, request.language), Note=upper_first(body))
