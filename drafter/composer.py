"""Deterministic guideline composer: a safe rejection draft written from the request alone.

The pipeline falls back to `compose` when no model draft passes the guardrails, so the
composer must itself pass every block rule. It assembles the five guideline steps from
phrasings in `drafter/composer_templates/<language>.toml`, checks the result with
`guardrails.check`, and drops or replaces whatever user-entered part caused a violation.
"""

from __future__ import annotations

import re
import tomllib
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from drafter.models import CheckContext, DraftRequest
from guardrails import check
from guardrails.report import GuardrailReport
from guardrails.settings import GuardrailSettings

TEMPLATE_DIR = Path(__file__).with_name("composer_templates")

# Word caps per inserted field: together with the fixed phrasing they keep every draft far below
# the shortest `too_long` bound, and a reason longer than a couple of sentences is no longer brief.
FIELD_MAX_WORDS = {"highlights": 35, "reason": 30, "feedback": 35}

# Parts built from free text the recruiter typed: each can be dropped (replaced by its generic slot).
DROPPABLE = ("highlights", "reason", "feedback")

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
class _Part:
    """One sentence or line of the draft, with the slot it fills."""

    slot: str
    text: str


@cache
def phrasebook(language: str) -> dict[str, Any]:
    """Load the phrasings for one language (cached: the files never change at run time)."""
    with (TEMPLATE_DIR / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


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


def _pick(variants: list[str], seed: str) -> str:
    """Pick a variant by a stable hash, so the same request always gets the same wording."""
    return variants[zlib.crc32(seed.encode("utf-8")) % len(variants)]


def _greeting_slot(table: dict[str, Any], allowed: frozenset[str]) -> str:
    if "name" not in allowed:
        return "greeting_bare"
    if {"recruiter", "company"} <= allowed or "greeting_recruiter" not in table:
        return "greeting"
    return "greeting_recruiter" if "recruiter" in allowed else "greeting_name"


def _parts(request: DraftRequest, fields: dict[str, str], dropped: set[str], allowed: frozenset[str]) -> list[_Part]:
    """Build the draft's parts in guideline order for one fallback level."""
    book = phrasebook(request.language)
    table = book[request.channel][request.tone]
    seed = f"{request.candidate_name}|{request.role}|{request.company}"
    values = {
        "name": request.candidate_name,
        "role": request.role,
        "company": request.company,
        "recruiter": request.recruiter_name,
        **fields,
    }

    def fill(slot: str) -> _Part:
        return _Part(slot, _pick(table[slot], seed + slot).format(**values))

    parts = [fill(_greeting_slot(table, allowed))]
    parts.append(fill("thanks" if {"role", "company"} <= allowed else "thanks_generic"))
    parts.append(fill("positive" if fields["highlights"] and "highlights" not in dropped else "positive_generic"))
    parts.append(fill("decision"))
    parts.append(fill("reason" if fields["reason"] and "reason" not in dropped else "reason_generic"))
    if fields["feedback"] and "feedback" not in dropped:
        parts.append(fill("feedback"))
    parts.append(fill("closing"))
    if request.channel == "email":
        signer = [request.recruiter_name] if "recruiter" in allowed else [book["team"]]
        if "company" in allowed:
            signer.append(request.company)
        parts.append(_Part("signature", "\n".join([_pick(table["signoff"], seed), *signer])))
    return parts


_PARAGRAPH = {
    "thanks": 1, "thanks_generic": 1, "positive": 1, "positive_generic": 1,
    "decision": 2, "reason": 2, "reason_generic": 2,
    "feedback": 3, "closing": 4, "signature": 5,
}  # fmt: skip


def _render(parts: list[_Part], channel: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Join parts into the final text and return each part's [start, end) span with its slot."""
    if channel == "phone":
        text = "\n".join([parts[0].text] + [f"- {p.text}" for p in parts[1:]])
    else:
        paragraphs: list[list[str]] = [[parts[0].text]]
        last = 0
        for part in parts[1:]:
            group = _PARAGRAPH.get(part.slot, last)
            if group != last:
                paragraphs.append([])
                last = group
            paragraphs[-1].append(part.text)
        text = "\n\n".join(" ".join(p) for p in paragraphs)
    spans: list[tuple[int, int, str]] = []
    cursor = 0
    for part in parts:
        start = text.find(part.text, cursor)
        spans.append((start, start + len(part.text), part.slot))
        cursor = start + len(part.text)
    return text, spans


def _culprits(report: GuardrailReport, spans: list[tuple[int, int, str]], live: set[str]) -> set[str]:
    """Return the droppable slots whose text overlaps a blocking violation."""
    slot_of = {"positive": "highlights", "reason": "reason", "feedback": "feedback"}
    hit: set[str] = set()
    for violation in report.blocking:
        if violation.span is None:
            continue
        v_start, v_end = violation.span
        for start, end, slot in spans:
            field = slot_of.get(slot)
            if field in live and start < v_end and v_start < end:
                hit.add(field)
    return hit


def _verdict(text: str, request: DraftRequest, settings: GuardrailSettings) -> GuardrailReport:
    """Check a draft against the request and against a context without the free-text fields.

    The checks forgive words the recruiter typed themselves (so a role in elderly care may say so);
    a composed draft copies those fields verbatim, so they must pass on their own merits too.
    """
    strict = CheckContext.of(request).model_copy(update={f: None for f in DROPPABLE})
    reports = (check(text, request, settings), check(text, strict, settings))
    return GuardrailReport.from_violations([v for r in reports for v in r.violations])


def _draft_for_level(
    request: DraftRequest,
    fields: dict[str, str],
    allowed: frozenset[str],
    settings: GuardrailSettings,
) -> tuple[str, GuardrailReport]:
    """Compose at one fallback level, dropping free-text parts until the draft passes or none remain."""
    dropped: set[str] = set()
    while True:
        text, spans = _render(_parts(request, fields, dropped, allowed), request.channel)
        report = _verdict(text, request, settings)
        live = {f for f in DROPPABLE if fields[f] and f not in dropped}
        if report.passed or not live:
            return text, report
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


def compose(request: DraftRequest, settings: GuardrailSettings | None = None) -> str:
    """Write a safe, guideline-following draft from the request alone.

    Free-text fields are tidied and capped, then any part that trips a block rule is replaced by
    neutral wording; if the short fields themselves are the problem, the draft stops using them.
    """
    settings = settings or GuardrailSettings()
    # Free text as data only: what addresses the model, offers or promises never reaches the letter.
    data = request.prompt_fields()
    fields = {name: clean_field(data[name], cap) for name, cap in FIELD_MAX_WORDS.items()}
    levels = _safe_levels(request)
    best_text, best_report = _draft_for_level(request, fields, levels[0], settings)
    if best_report.passed:
        return best_text
    for allowed in levels[1:]:
        text, report = _draft_for_level(request, fields, allowed, settings)
        if report.passed:
            return text
        if len(report.blocking) < len(best_report.blocking):
            best_text, best_report = text, report
    # Nothing passed (only with extreme settings, e.g. a minimum length above the template's):
    # the least-violating draft still beats none, and the pipeline's report says what is wrong.
    return best_text
