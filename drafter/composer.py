"""Deterministic guideline composer: a safe rejection draft written from the request alone.

The composer writes the guideline skeleton (greeting by first name, thanks, a positive point, the
decision, the reason, feedback when given, the close, the signature) from phrasings in
`drafter/composer_templates/<language>.toml`, and turns each recruiter note into one sentence in
second person (`drafter/notes.py` reads its grammar). The same skeleton is what slot drafting
(`drafter/slots.py`) fills with model-written note sentences.

The pipeline falls back to `compose` when nothing else passes, so the composer must itself pass
every block rule: it checks the result with `guardrails.check` and drops or replaces whatever
user-entered part caused a violation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.models import CheckContext, DraftRequest
from drafter.phrasing import (
    first_name,
    note_sentence,
    phrasebook,
    pick,
    redundant_reason,
    request_seed,
    role_in_sentence,
    tidy_note,
)
from drafter.reasons import DECISION_SLOT, decision, says_no_hire
from guardrails import check
from guardrails.report import GuardrailReport
from guardrails.settings import GuardrailSettings

TEMPLATE_DIR = Path(__file__).with_name("composer_templates")

# Word caps per inserted field: together with the fixed phrasing they keep every draft far below
# the shortest `too_long` bound, and a reason longer than a couple of sentences is no longer brief.
FIELD_MAX_WORDS = {"highlights": 35, "reason": 30, "feedback": 35}

# Parts built from free text the recruiter typed: each can be dropped (replaced by its generic slot).
DROPPABLE = ("highlights", "reason", "feedback")
# Rules that judge the request, not the draft.
REQUEST_RULES = frozenset({"discriminatory_reason"})
# Rules saying the feedback sentence lost or changed the recruiter's point.
FEEDBACK_KEPT_RULES = frozenset({"feedback_missing", "feedback_changed"})

# Fallback levels: which of the short request fields the draft may still use.
# Each level gives up the fields most likely to be the problem once the free text is gone.
LEVELS: tuple[frozenset[str], ...] = (
    frozenset({"name", "role", "company", "recruiter"}),
    frozenset({"name", "recruiter"}),
    frozenset({"name"}),
    frozenset(),
)

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")
_LEADING_BULLET = re.compile(r"^[\s\-*•·–—>]+")
_TRAILING_PUNCT = re.compile(r"[\s.!?;:,…]+$")


@dataclass(frozen=True)
class Part:
    """One sentence or line of the draft, with the slot it fills."""

    slot: str
    text: str


def clean_field(text: str | None, max_words: int) -> str:
    """Return a field as one tidy line of at most `max_words` words, cut on a sentence boundary.

    A field whose first sentence (or, failing that, clause) is already too long is dropped,
    because cutting mid-sentence could change its meaning.
    """
    if not text:
        return ""
    flat = " ".join(text.split())
    flat = _LEADING_BULLET.sub("", flat)
    flat = _TRAILING_PUNCT.sub("", flat)
    if not flat:
        return ""
    if len(flat.split()) <= max_words:
        return flat
    for splitter in (_SENTENCE_END, _CLAUSE_END):
        kept: list[str] = []
        count = 0
        for piece in splitter.split(flat):
            size = len(piece.split())
            if count + size > max_words:
                break
            kept.append(piece)
            count += size
        if kept:
            return _TRAILING_PUNCT.sub("", " ".join(kept))
    return ""


def _greeting_slot(table: dict[str, Any], allowed: frozenset[str]) -> str:
    if "name" not in allowed:
        return "greeting_bare"
    if {"recruiter", "company"} <= allowed or "greeting_recruiter" not in table:
        return "greeting"
    return "greeting_recruiter" if "recruiter" in allowed else "greeting_name"


def build_parts(
    request: DraftRequest,
    fields: dict[str, str],
    dropped: set[str] | frozenset[str] = frozenset(),
    allowed: frozenset[str] = LEVELS[0],
    sentences: dict[str, str] | None = None,
) -> list[Part]:
    """Build the draft's parts in guideline order; `sentences` replaces the composer's note sentences."""
    book = phrasebook(request.language)
    table = book[request.channel][request.tone]
    seed = request_seed(request)
    values = {
        "first": first_name(request),
        "role": role_in_sentence(request.role, request.language),
        "company": request.company,
        "recruiter": request.recruiter_name,
    }
    given = sentences or {}

    def fill(slot: str) -> Part:
        return Part(slot, pick(table[slot], seed + slot).format(**values))

    def note(field: str) -> Part | None:
        if not fields.get(field) or field in dropped:
            return None
        text = given.get(field) or note_sentence(request, field, fields[field])
        return Part(field, text) if text else None

    parts = [fill(_greeting_slot(table, allowed))]
    parts.append(fill("thanks" if {"role", "company"} <= allowed else "thanks_generic"))
    parts.append(note("highlights") or fill("positive_generic"))
    kind = decision(request)
    # A post cut for good is not "not filled at this time": that would hold out a hope that does not exist.
    said = request.reason or ""
    cut = (
        kind == "withdrawn"
        and says_no_hire(said, request.language, "cut_for_good")
        and not says_no_hire(said, request.language, "cut_for_now")
    )
    parts.append(fill("decision_cut" if cut else DECISION_SLOT[kind]))
    # No one hired: the decision says so, and no reason may imply a comparison. An internal hire is
    # named in the decision, and what the reason adds is about that candidate, so it is not repeated.
    if kind == "unsaid":
        reason = note("reason")
        if reason:
            parts.append(reason)
    elif kind == "chosen" and not redundant_reason(fields.get("reason", ""), request.language):
        parts.append(note("reason") or fill("reason_generic"))
    feedback = note("feedback")
    if feedback:
        parts.append(feedback)
    parts.append(fill("closing"))
    if request.channel == "email":
        signer = [request.recruiter_name] if "recruiter" in allowed else [book["team"]]
        if "company" in allowed:
            signer.append(request.company)
        parts.append(Part("signature", "\n".join([pick(table["signoff"], seed), *signer])))
    return parts


_PARAGRAPH = {
    "thanks": 1, "thanks_generic": 1, "highlights": 1, "positive_generic": 1,
    "decision": 2, "decision_no_hire": 2, "decision_withdrawn": 2, "decision_cut": 2, "decision_internal": 2,
    "reason": 2, "reason_generic": 2,
    "feedback": 3, "closing": 4, "signature": 5,
}  # fmt: skip


def separators(parts: list[Part], channel: str) -> list[str]:
    """Return what goes before each part: nothing, a space, a paragraph break or a talking-point bullet."""
    if channel == "phone":
        return ["", *("\n- " for _ in parts[1:])]
    out = [""]
    last = 0
    for part in parts[1:]:
        group = _PARAGRAPH.get(part.slot, last)
        out.append("\n\n" if group != last else " ")
        last = group
    return out


def render(parts: list[Part], channel: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Join parts into the final text and return each part's [start, end) span with its slot."""
    text = "".join(sep + part.text for sep, part in zip(separators(parts, channel), parts, strict=True))
    spans: list[tuple[int, int, str]] = []
    cursor = 0
    for part in parts:
        start = text.find(part.text, cursor)
        spans.append((start, start + len(part.text), part.slot))
        cursor = start + len(part.text)
    return text, spans


def _culprits(report: GuardrailReport, spans: list[tuple[int, int, str]], live: set[str]) -> set[str]:
    """Return the droppable slots whose text overlaps a blocking violation."""
    hit: set[str] = set()
    for violation in report.blocking:
        if violation.span is None:
            continue
        v_start, v_end = violation.span
        for start, end, slot in spans:
            field = slot
            if field in live and start < v_end and v_start < end:
                hit.add(field)
    return hit


def verdict(text: str, request: DraftRequest, settings: GuardrailSettings) -> GuardrailReport:
    """Check a draft against the request and against a context without the free-text fields.

    The checks forgive words the recruiter typed themselves (so a role in elderly care may say so);
    a composed draft copies those fields verbatim, so they must pass on their own merits too.
    """
    strict = CheckContext.of(request).model_copy(update={f: None for f in DROPPABLE})
    reports = (check(text, request, settings), check(text, strict, settings))
    # A finding about the request itself (its reason rests on a protected ground) blocks every draft;
    # no part the composer leaves out mends it, so it does not steer what is left out.
    return GuardrailReport.from_violations([v for r in reports for v in r.violations if v.rule not in REQUEST_RULES])


def _draft_for_level(
    request: DraftRequest,
    fields: dict[str, str],
    allowed: frozenset[str],
    settings: GuardrailSettings,
) -> tuple[list[Part], GuardrailReport]:
    """Compose at one fallback level, dropping free-text parts until the draft passes or none remain."""
    dropped: set[str] = set()
    given: dict[str, str] = {}
    while True:
        parts = build_parts(request, fields, dropped, allowed, given)
        text, spans = render(parts, request.channel)
        report = verdict(text, request, settings)
        live = {f for f in DROPPABLE if fields[f] and f not in dropped}
        if report.passed or not live:
            return parts, report
        if "feedback" in live and "feedback" not in given and report.rules() & FEEDBACK_KEPT_RULES:
            # Read point by point, the feedback lost what the recruiter asked to pass on: frame it whole.
            from drafter.feedback import whole_sentence

            whole = whole_sentence(request, fields["feedback"])
            if whole:
                given["feedback"] = whole
                continue
        culprits = _culprits(report, spans, live)
        if not culprits:
            # A violation without a span (length, language, ...): give up the longest free text first.
            culprits = {max(live, key=lambda f: len(fields[f].split()))}
        dropped |= culprits


_LEVEL_FIELDS = {"name": "candidate_name", "role": "role", "company": "company", "recruiter": "recruiter_name"}


def _safe_levels(request: DraftRequest) -> list[frozenset[str]]:
    """Return the fallback levels that insert no field failing the inserted-field checks."""
    from drafter.inserted import inserted_field_problems

    unsafe = set(inserted_field_problems(request))
    if not unsafe:
        return list(LEVELS)
    return [level for level in LEVELS if not any(_LEVEL_FIELDS[k] in unsafe for k in level)]


def note_fields(request: DraftRequest) -> dict[str, str]:
    """Return the request's notes tidied and capped, as the composer uses them."""
    # Free text as data only: what addresses the model, offers or promises never reaches the letter.
    # What the recruiter wrote to themselves ("Tell her: ...", "om hon frågar:") goes first, so the
    # cut that stops a note where it addresses the writer keeps what was meant for the candidate.
    raw = {"highlights": request.highlights, "reason": request.reason, "feedback": request.feedback or ""}
    tidied = request.model_copy(update={k: tidy_note(k, v, request.language) for k, v in raw.items()})
    data = tidied.prompt_fields()
    return {name: clean_field(data[name], cap) for name, cap in FIELD_MAX_WORDS.items()}


def safe_parts(request: DraftRequest, settings: GuardrailSettings | None = None) -> list[Part]:
    """Return the parts of the composer's safe draft: a note that trips a block rule is already replaced.

    Slot drafting starts from these parts, so a note the composer would drop is never shown or
    sent to a model, not even while a draft streams.
    """
    settings = settings or GuardrailSettings()
    fields = note_fields(request)
    levels = _safe_levels(request)
    best, best_report = _draft_for_level(request, fields, levels[0], settings)
    if best_report.passed:
        return best
    for allowed in levels[1:]:
        parts, report = _draft_for_level(request, fields, allowed, settings)
        if report.passed:
            return parts
        if len(report.blocking) < len(best_report.blocking):
            best, best_report = parts, report
    # Nothing passed (only with extreme settings, e.g. a minimum length above the template's):
    # the least-violating draft still beats none, and the pipeline's report says what is wrong.
    return best


def compose(request: DraftRequest, settings: GuardrailSettings | None = None) -> str:
    """Write a safe, guideline-following draft from the request alone.

    Free-text fields are tidied and capped, then any part that trips a block rule is replaced by
    neutral wording; if the short fields themselves are the problem, the draft stops using them.
    """
    return render(safe_parts(request, settings), request.channel)[0]
