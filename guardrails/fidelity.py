"""Fidelity rules: the recruiter's feedback and highlights keep their meaning.

The rater found feedback dropped or twisted (passed on faithfully in 3 of 20 requests), highlights
turned into the reason for the rejection ("we chose a profile with more experience of <the
candidate's own strength>"), and the reason turned into praise ("your test showed good knowledge of
<what they lack>"). Each tells the candidate something the recruiter did not say.
"""

from __future__ import annotations

import re

from guardrails import (
    consistency,
    injection,
    language,
    leakage,
    lexicon,
    morph,
    placeholders,
    promises,
    protected,
    reasons,
    tone,
)
from guardrails.directives import to_pass_on
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


def _advises(doc: Doc, start: int, end: int) -> bool:
    """Return True when a passage gives advice or is labelled as feedback."""
    return _has(doc, "advice", start, end) or _has(doc, "advice_label", start, end)


def _advice_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Return the sentences that give advice (closings, which also say "gärna", excluded)."""
    return [(a, b) for a, b in doc.sentences if _advises(doc, a, b) and not _has(doc, "closing", a, b, lex="structure")]


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


_TO_YOU = {
    "he": "you", "she": "you", "him": "you", "her": "your", "his": "your",
    "han": "du", "hon": "du", "hen": "du", "honom": "dig", "henne": "dig", "hans": "din", "hennes": "din",
}  # fmt: skip
_THIRD_PERSON = re.compile(r"\b(" + "|".join(_TO_YOU) + r")\b", re.IGNORECASE)


def told_to_candidate(note: str) -> str:
    """Return a note about the candidate as told to them ("call him first" -> "call you first")."""
    return _THIRD_PERSON.sub(lambda m: _TO_YOU[m.group(0).lower()], note)


def _field_passes(doc: Doc, field: str, settings: GuardrailSettings) -> bool:
    """Return True when a field may appear in a draft: no word rule blocks it on its own.

    Feedback that names a protected ground, repeats the internal notes or promises to keep the CV
    must be left out (the composer drops it), so its absence is not a fault.
    """
    # Judged on its own merits, as the composer does: the free-text fields do not excuse themselves.
    bare = doc.context.model_copy(update={"highlights": None, "reason": None, "feedback": None})
    # Notes speak of the candidate in the third person; told to them, "call him first" is a promise to "you".
    told = told_to_candidate(field)
    pieces = [
        Doc(text=t, context=bare, language=doc.language, message_language=doc.message_language) for t in {field, told}
    ]
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
        consistency.check_mixed_decision,
    )
    return not any(v.severity == "block" for piece in pieces for rule in checks for v in rule(piece, settings))


def _feedback_content(given: str) -> str:
    """Return what the feedback says to pass on: not a noted request for feedback, only its answer, and
    not the writer's directives ("say it kindly", "do NOT mention ...")."""
    m = lexicon.pattern(LEX, "request").search(given.lower())
    if m is not None:
        colon = given.find(":", m.end())
        given = given[colon + 1 :].strip() if colon >= 0 else ""
    return to_pass_on(given)


def _praised_in(given: str) -> frozenset[str]:
    """Return the content words of the feedback's own praise ("portfolio strong; ..."): passing that
    praise on is faithful, not the feedback turned into praise."""
    found: set[str] = set()
    praise = lexicon.pattern(LEX, "praise")
    for part in re.split(r"[;,–—]|(?<=[.!?])\s|\s-\s|\b(?:but|while|men|medan)\b", given, flags=re.IGNORECASE):
        low = part.lower()
        if praise.search(low) and not any(
            lexicon.pattern(LEX, k).search(low) for k in ("advice", "shortcoming", "to_improve")
        ):
            found.update(content_words(part))  # "portfolio strong", not "a course would be a good next step"
    return frozenset(found)


def _stems(word: str) -> frozenset[tuple[str, str]]:
    """Return a folded word's Snowball stem in each language, tagged with it (feedback and letter may be
    in different languages; stems compare only within one language)."""
    return frozenset((lang, morph.stem(word, lang)) for lang in ("sv", "en"))


def _carries(word: str, here: frozenset[str], here_stems: frozenset[tuple[str, str]]) -> bool:
    """Return True when a passage carries a feedback word: the word, an inflection or a compound part
    (`has_word`), or the same Snowball stem ("communicating" ~ "communication")."""
    return has_word(word, here) or bool(_stems(word) & here_stems)


def _gives_advice(doc: Doc, a: int, b: int) -> bool:
    """Return True when a sentence frames its words as advice or as a shortcoming to work on."""
    return any(_has(doc, key, a, b) for key in ("advice", "shortcoming", "to_improve"))


def _turned_to_praise(doc: Doc, a: int, b: int) -> bool:
    """Return True when a sentence praises the candidate and neither advises nor names a shortcoming.

    A label alone ("As feedback: your testing was one of your strongest parts") is not advice.
    """
    return _has(doc, "praise", a, b) and _has(doc, "second_person", a, b) and not _gives_advice(doc, a, b)


def _clause_hits(doc: Doc, a: int, b: int, hits: set[str], *, praised: bool) -> set[str]:
    """Return the feedback words a sentence carries in its clauses of praise (praised=True: "your
    portfolio is strong, but we'd have liked more research" praises only "portfolio"), or in its
    clauses of advice or shortcoming without praise (praised=False)."""
    found: set[str] = set()
    for ca, cb in clause_spans(doc, a, b):
        if praised:
            keep = _has(doc, "praise", ca, cb) and not _gives_advice(doc, ca, cb)
        else:
            keep = _gives_advice(doc, ca, cb) and not _has(doc, "praise", ca, cb)
        if keep:
            here = pool(doc.text[ca:cb])
            here_stems = frozenset(st for w in here for st in _stems(w))
            found |= {w for w in hits if _carries(w, here, here_stems)}
    return found


def _swapped(
    doc: Doc, carriers: list[tuple[float, int, int, set[str]]], wanted: frozenset[str], strengths: frozenset[str]
) -> tuple[int, int] | None:
    """Return the sentence span where the feedback's strength and weakness trade places, or None.

    "Your test was strong; work on explaining trade-offs" told as "you explained trade-offs clearly,
    but the test lacked depth": what to work on is praised and the strength is the weakness.
    """
    to_work_on = {w for w in wanted if not has_word(w, strengths)}
    praised_strengths = {w for w in wanted if has_word(w, strengths)}
    if not to_work_on or not praised_strengths:
        return None
    # The decision sentence ("a candidate with more experience of X") states the reason, not the feedback.
    told = [(a, b, hits) for _, a, b, hits in carriers if not _has(doc, "rejection", a, b, "decision")]
    praised = {w for a, b, hits in told for w in _clause_hits(doc, a, b, hits, praised=True)}
    weak = {w for a, b, hits in told for w in _clause_hits(doc, a, b, hits, praised=False)}
    if praised & to_work_on and weak & praised_strengths and not weak & to_work_on:
        return next((a, b) for a, b, hits in told if hits & praised & to_work_on)
    return None


def _passes_on(doc: Doc, a: int, b: int) -> bool:
    """Return True when a sentence frames its words as advice, a shortcoming, labelled feedback, or what
    the feedback passes on besides advice (an invitation, our own news)."""
    framed = _gives_advice(doc, a, b) or _has(doc, "advice_label", a, b) or _has(doc, "passed_on", a, b)
    return framed and not _turned_to_praise(doc, a, b)


def check_feedback_fidelity(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block a draft that drops the recruiter's feedback, gives other advice, or turns it into praise.

    The feedback is passed on when sentences that frame it as advice (or as a shortcoming) carry enough
    of its content words, matched across inflection, compounds and paraphrase by stem; its words in a
    thanks or a reason sentence do not pass it on.
    """
    given = _feedback_content(doc.context.feedback or "")
    names = set(words(fold(doc.context.candidate_name or "")))
    feedback = evidence(doc).feedback if given == doc.context.feedback else frozenset(content_words(given))
    # Only words with letters: a feedback of "0", "0A.A0" or "AAA.YOU" gives nothing to pass on.
    wanted = frozenset(w for w in feedback if sum(c.isalpha() for c in w) >= 3 and w not in names)
    # At least one real word (not an acronym or a letter string in capitals) to pass on.
    real = [w for w in wanted if len(w) >= 5 and w.isalpha() and w.upper() not in given]
    # A feedback of one or two words ("cLEAR", "Python") is too thin to check a draft against.
    if not given or not real or sum(1 for w in words(given) if sum(c.isalpha() for c in w) >= 2) < MIN_FEEDBACK_WORDS:
        return []
    if lexicon.pattern("injection").search(given.lower()):
        return []  # an instruction typed into the feedback is not feedback to pass on
    if fold(" ".join(given.split())).strip(" .") in fold(" ".join(doc.text.split())):
        return []  # passed on word for word
    carriers: list[tuple[float, int, int, set[str]]] = []
    for a, b in doc.sentences:
        here = pool(doc.text[a:b])
        here_stems = frozenset(st for w in here for st in _stems(w))
        hits = {w for w in wanted if _carries(w, here, here_stems)}
        if hits:
            carriers.append((len(hits) / len(wanted), a, b, hits))
    # Praise of what the feedback says to work on contradicts it, even when advice follows; praise of
    # what the highlights also name is the recruiter's own praise.
    praised_in_feedback = _praised_in(given)
    strengths = evidence(doc).highlights | praised_in_feedback
    praised = [
        (
            len({w for w in _clause_hits(doc, a, b, hits, praised=True) if not has_word(w, strengths)}) / len(wanted),
            a,
            b,
        )
        for _, a, b, hits in carriers
        if _turned_to_praise(doc, a, b)
    ]
    praised = [p for p in praised if p[0] >= MIN_COVERAGE]
    if praised:
        _, a, b = max(praised)
        return [violation("feedback_changed", say(doc, "feedback_changed", "praise", quote=doc.text[a:b]), (a, b))]
    swapped = _swapped(doc, carriers, wanted, praised_in_feedback)
    if swapped is not None:
        a, b = swapped
        return [violation("feedback_changed", say(doc, "feedback_changed", "praise", quote=doc.text[a:b]), (a, b))]
    advised = {w for _, a, b, hits in carriers if _passes_on(doc, a, b) for w in hits}
    if len(advised) / len(wanted) >= MIN_COVERAGE:
        return []
    if any(share >= VERBATIM_COVERAGE for share, *_ in carriers) or not _passable(doc, given, settings):
        # Nearly all of it in a sentence of its own without praise; or feedback that another rule would
        # block on its own ("was weak"), rightly left out or softened (but never turned into praise).
        return []
    carrying = {(a, b) for _, a, b, _ in carriers}
    advice = [s for s in _advice_sentences(doc) if s not in carrying]
    if advice:
        a, b = advice[0]
        return [violation("feedback_changed", say(doc, "feedback_changed", "other", quote=doc.text[a:b]), (a, b))]
    return [violation("feedback_missing", say(doc, "feedback_missing"))]


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
            if frame.search(doc.lower, ca, cb) or _advises(doc, ca, cb):
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
