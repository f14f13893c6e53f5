"""Fidelity rules: the recruiter's feedback and highlights keep their meaning.

The rater found feedback dropped or twisted (passed on faithfully in 3 of 20 requests), highlights
turned into the reason for the rejection ("we chose a profile with more experience of <the
candidate's own strength>"), and the reason turned into praise ("your test showed good knowledge of
<what they lack>"). Each tells the candidate something the recruiter did not say.
"""

from __future__ import annotations

from guardrails import injection, language, leakage, lexicon, placeholders, promises, protected, reasons, tone
from guardrails.evidence import clause_spans, content_words, evidence, has_word, pool, same_word
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.rule_data import say
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc, fold, words

LEX = "fidelity"
MIN_FEEDBACK_WORDS = 3
# At least this share of the feedback's content words must appear for the feedback to be passed on.
MIN_COVERAGE = 0.3
# A sentence that carries this share of the feedback's words without any advice frame is read as given.
VERBATIM_COVERAGE = 0.8


def _has(doc: Doc, key: str, start: int, end: int, lex: str = LEX) -> bool:
    return lexicon.pattern(lex, key).search(doc.lower, start, end) is not None


def _advice_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Return the sentences that give advice (closings, which also say "gärna", excluded)."""
    return [
        (a, b)
        for a, b in doc.sentences
        if _has(doc, "advice", a, b) and not _has(doc, "closing", a, b, lex="structure")
    ]


_PASSABLE: dict[tuple[str, ...], bool] = {}
_PASSABLE_MAX = 512


def _passable(doc: Doc, field: str, settings: GuardrailSettings) -> bool:
    """Return `_field_passes` for this field, request and settings, computed once (drafting re-checks often)."""
    key = (field, doc.language, doc.message_language, doc.context.model_dump_json(), settings.model_dump_json())
    if key not in _PASSABLE:
        if len(_PASSABLE) >= _PASSABLE_MAX:
            _PASSABLE.clear()
        _PASSABLE[key] = _field_passes(doc, field, settings)
    return _PASSABLE[key]


def _field_passes(doc: Doc, field: str, settings: GuardrailSettings) -> bool:
    """Return True when a field may appear in a draft: no word rule blocks it on its own.

    Feedback that names a protected ground, repeats the internal notes or promises to keep the CV
    must be left out (the composer drops it), so its absence is not a fault.
    """
    # Judged on its own merits, as the composer does: the free-text fields do not excuse themselves.
    bare = doc.context.model_copy(update={"highlights": None, "reason": None, "feedback": None})
    piece = Doc(text=field, context=bare, language=doc.language, message_language=doc.message_language)
    checks = (
        protected.check_protected,
        tone.check_tone,
        leakage.check_notes,
        leakage.check_other_candidate,
        placeholders.check_placeholders,
        injection.check_injection,
        language.check_language,
        promises.check_promises,
        reasons.check_reason,
    )
    return not any(v.severity == "block" for rule in checks for v in rule(piece, settings))


def _feedback_content(given: str) -> str:
    """Return what the feedback says to pass on: not a noted request for feedback, only its answer."""
    m = lexicon.pattern(LEX, "request").search(given.lower())
    if m is None:
        return given
    colon = given.find(":", m.end())
    return given[colon + 1 :].strip() if colon >= 0 else ""


def check_feedback_fidelity(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block a draft that drops the recruiter's feedback, gives other advice, or turns it into praise."""
    given = _feedback_content(doc.context.feedback or "")
    names = set(words(fold(doc.context.candidate_name or "")))
    feedback = evidence(doc).feedback if given == doc.context.feedback else frozenset(content_words(given))
    # Only words with letters: a feedback of "0", "0A.A0" or "AAA.YOU" gives nothing to pass on.
    wanted = frozenset(w for w in feedback if sum(c.isalpha() for c in w) >= 3 and w not in names)
    # At least one real word (not an acronym or a letter string in capitals) to pass on.
    real = [w for w in wanted if len(w) >= 5 and w.isalpha() and w.upper() not in given]
    # A feedback of one or two words ("cLEAR", "Python") is too thin to check a draft against.
    if (
        not given
        or not real
        or sum(1 for w in words(given) if sum(c.isalpha() for c in w) >= 2) < MIN_FEEDBACK_WORDS
        or not _passable(doc, given, settings)
    ):
        return []
    if lexicon.pattern("injection").search(given.lower()):
        return []  # an instruction typed into the feedback is not feedback to pass on
    if fold(" ".join(given.split())).strip(" .") in fold(" ".join(doc.text.split())):
        return []  # passed on word for word
    best: tuple[float, tuple[int, int]] | None = None
    present: set[str] = set()
    for a, b in doc.sentences:
        here = pool(doc.text[a:b])
        hits = {w for w in wanted if has_word(w, here)}
        present |= hits
        share = len(hits) / len(wanted)
        if hits and (best is None or share > best[0]):
            best = (share, (a, b))
    coverage = len(present) / len(wanted)
    if coverage < MIN_COVERAGE:
        advice = [s for s in _advice_sentences(doc) if best is None or s != best[1]]
        if advice:
            a, b = advice[0]
            return [violation("feedback_changed", say(doc, "feedback_changed", "other", quote=doc.text[a:b]), (a, b))]
        return [violation("feedback_missing", say(doc, "feedback_missing"))]
    assert best is not None  # coverage > 0 means some sentence holds a feedback word
    share, (a, b) = best
    if _has(doc, "advice", a, b):
        return []
    if share >= VERBATIM_COVERAGE and not _has(doc, "praise", a, b):
        return []
    return [violation("feedback_changed", say(doc, "feedback_changed", "praise", quote=doc.text[a:b]), (a, b))]


def check_highlight_as_reason(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block a highlight stated as what the chosen candidate had more of, or as a shortcoming."""
    ev = evidence(doc)
    strengths = {
        w
        for w in ev.highlights
        if not has_word(w, ev.reason) and not has_word(w, ev.own) and not has_word(w, ev.feedback)
    }
    if not strengths:
        return []
    frame = lexicon.pattern("claims", "reason_frame")
    out = []
    for a, b in doc.sentences:
        m = frame.search(doc.lower, a, b)
        # A word that also matches the reason is about the reason ("tillsyn" in both), not the highlight.
        stated = [w for w in content_words(doc.text[m.end() : b])] if m else []
        if any(has_word(w, strengths) and not has_word(w, ev.reason) for w in stated):
            out.append(violation("highlight_as_reason", say(doc, "highlight_as_reason", quote=doc.text[a:b]), (a, b)))
            continue
        for ca, cb in clause_spans(doc, a, b):
            if not _has(doc, "shortcoming", ca, cb):
                continue
            if any(has_word(w, strengths) for w in content_words(doc.text[ca:cb])):
                quote = doc.text[a:b]
                out.append(violation("highlight_as_reason", say(doc, "highlight_as_reason", quote=quote), (a, b)))
                break
    return out


def _same_concept(doc: Doc, word: str, pool: frozenset[str] | set[str]) -> bool:
    """Like `has_word`, but English has no closed compounds: "search" is not part of "research"."""
    if doc.language == "en":
        return word in pool or any(same_word(word, w) for w in pool)
    return has_word(word, pool)


def check_reason_as_strength(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block the reason (what the candidate lacks) praised as the candidate's own strength."""
    ev = evidence(doc)
    lacking = {
        w
        for w in ev.reason
        if not has_word(w, ev.highlights) and not has_word(w, ev.own) and not has_word(w, ev.feedback)
    }
    if not lacking:
        return []
    frame = lexicon.pattern("claims", "reason_frame")
    out = []
    for a, b in doc.sentences:
        for ca, cb in clause_spans(doc, a, b):
            if frame.search(doc.lower, ca, cb) or _has(doc, "advice", ca, cb):
                continue
            if not (_has(doc, "praise", ca, cb) and _has(doc, "second_person", ca, cb)):
                continue
            here = content_words(doc.text[ca:cb])
            # Praise of the highlights may share a word with the reason ("digitala tjänster"): fine.
            if any(has_word(w, ev.highlights) for w in here):
                continue
            if any(_same_concept(doc, w, lacking) for w in here):
                out.append(violation("reason_as_strength", say(doc, "reason_as_strength", quote=doc.text[a:b]), (a, b)))
                break
    return out
