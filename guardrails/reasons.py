"""The over-detailed reason rule: lists of weaknesses, piled-up criticism, scores and rankings."""

from __future__ import annotations

import re

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc

LEX = "reasons"
_FRACTION = re.compile(r"(?<![\w/.,])(\d{1,3}(?:[.,]\d)?)\s*(/|av|of|out\s+of)\s*(\d{1,3})(?![\w/]|[.,]\d)", re.I)
_PERCENT = re.compile(r"\b\d{1,3}(?:[.,]\d+)?\s*(%|procent\b|percent\b|per\s+cent\b)", re.I)
_DATE_BEFORE = re.compile(r"(den|on|the|datum|date|från|from|till|to|by|senast|sedan|since)\s*$", re.I)
_SCORE_AFTER = re.compile(r"^\s*(poäng|points?|möjliga|possible|i\b|in\b|on\b|på\b|[.,;!?)]|$)", re.I)
# 9 for stanine, 8/12/15/30/40 for subtests; other denominators are usually counts, not scores.
_DENOMINATORS = {3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 100}

# Piled-up criticism: this many sentences with a criticism marker is a list of weaknesses.
CRITICAL_SENTENCES = 3
CRITICAL_LIST_LINES = 2
CRITICAL_IN_ONE_SENTENCE = 3
# A critical sentence that runs through this many clauses about the candidate lists weaknesses.
CRITICAL_SERIES = 3
_SERIES = re.compile(
    r"(?:^|[,;:]\s*(?:and\s+|och\s+)?|\b(?:and|och)\s+|^[-*•]\s*)(?:your|you|din|ditt|dina|du)\b", re.MULTILINE
)
# A walk through the stages: this many stage sentences (one critical), or two critical ones.
STAGE_SENTENCES = 3
CRITICAL_STAGE_SENTENCES = 2
# "Firstly ... secondly": this many enumerators make a list of reasons.
ENUMERATED_STEPS = 2


def _fractions(doc: Doc) -> list[tuple[int, int]]:
    """Return spans of scores written as fractions (3/5, 7 av 10), not dates."""
    spans = []
    for m in _FRACTION.finditer(doc.text):
        try:
            num, den = float(m.group(1).replace(",", ".")), int(m.group(3))
        except ValueError:
            continue
        if den not in _DENOMINATORS or num > den:
            continue
        if _DATE_BEFORE.search(doc.text[max(0, m.start() - 12) : m.start()]):
            continue
        if m.group(2) != "/" and not _SCORE_AFTER.match(doc.text[m.end() : m.end() + 12]):
            continue
        spans.append((m.start(), m.end()))
    return spans


def score_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return the spans of scores, grades, rankings and test percentages."""
    if "scores" not in doc.shared:
        doc.shared["scores"] = _score_spans(doc)
    return doc.shared["scores"]


def _score_spans(doc: Doc) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in lexicon.pattern(LEX, "scores").finditer(doc.lower)]
    spans += _fractions(doc)
    tests = lexicon.pattern(LEX, "test_words")
    for m in _PERCENT.finditer(doc.text):
        start, end = doc.sentence_at(m.start())
        if tests.search(doc.lower, start, end):
            spans.append((m.start(), m.end()))
    return sorted(spans)


def _criticism(doc: Doc) -> tuple[int, int] | None:
    """Return the span of piled-up criticism, or None when the reason is brief."""
    marks = criticism_spans(doc)
    if not marks:
        return None
    bullet = lexicon.pattern(LEX, "bullet")
    hits = []
    list_lines = []
    for start, end in doc.sentences:
        count = sum(1 for s, _ in marks if start <= s < end)
        if not count:
            continue
        hits.append((start, end, count))
        line_start = doc.text.rfind("\n", 0, start) + 1
        if bullet.match(doc.lower, line_start):
            list_lines.append((start, end))
    if len(list_lines) >= CRITICAL_LIST_LINES:
        return list_lines[0][0], list_lines[-1][1]
    if len(hits) >= CRITICAL_SENTENCES:
        return hits[0][0], hits[-1][1]
    for start, end, count in hits:
        if count >= CRITICAL_IN_ONE_SENTENCE:
            return start, end
        if len(_SERIES.findall(doc.lower, start, end)) >= CRITICAL_SERIES:
            return start, end  # "your Python was weak, your dashboard cluttered, and you rambled"
    return _stage_by_stage(doc, marks)


def _stage_by_stage(doc: Doc, marks: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Return the span of an assessment itemised interview by interview, or None."""
    stages = lexicon.pattern(LEX, "stages")
    staged = [(s, e) for s, e in doc.sentences if stages.search(doc.lower, s, e)]
    critical = [(s, e) for s, e in staged if any(s <= m < e for m, _ in marks)]
    if len(critical) >= CRITICAL_STAGE_SENTENCES or (len(staged) >= STAGE_SENTENCES and critical):
        return staged[0][0], staged[-1][1]
    return None


def _enumeration(doc: Doc) -> tuple[int, int] | None:
    """Return the span of reasons given as a numbered series, or None."""
    many = lexicon.pattern(LEX, "many_reasons").search(doc.lower)
    if many:
        return doc.sentence_at(many.start())
    thanks = lexicon.pattern("structure", "thanks")
    # "Firstly, thank you ..." orders courtesies, not reasons.
    steps = [
        m.start()
        for m in lexicon.pattern(LEX, "enumerators").finditer(doc.lower)
        if not thanks.search(doc.lower, *doc.sentence_at(m.start()))
    ]
    for m in lexicon.pattern(LEX, "paired").finditer(doc.lower):
        start, end = doc.sentence_at(m.start())
        if any(start <= s < end for s, _ in criticism_spans(doc)):
            return start, end
    if len(steps) >= ENUMERATED_STEPS:
        return doc.sentence_at(steps[0])[0], doc.sentence_at(steps[-1])[1]
    return None


def check_reason(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block scores, rankings and lists of weaknesses."""
    out = []
    scores = score_spans(doc)
    if scores:
        out.append(
            violation(
                "over_detailed_reason",
                doc.say("over_detailed_reason", "scores"),
                scores[0],
            )
        )
    piled = _criticism(doc) or _enumeration(doc)
    if piled:
        out.append(
            violation(
                "over_detailed_reason",
                doc.say("over_detailed_reason"),
                piled,
            )
        )
    return out


def criticism_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return every criticism marker in the text (one may be a brief reason, many are a list)."""
    if "criticism" not in doc.shared:
        praise = [(m.start(), m.end()) for m in lexicon.pattern(LEX, "praise").finditer(doc.lower)]
        doc.shared["criticism"] = [
            (m.start(), m.end())
            for m in lexicon.pattern(LEX, "criticism").finditer(doc.lower)
            if not any(a <= m.start() < b for a, b in praise)
        ]
    return doc.shared["criticism"]
