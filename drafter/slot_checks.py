"""Checks for one model-written slot sentence against the one note it must render.

A slot sentence is grounded in its note alone: it may not add names, numbers, dates, links,
meetings or events, may not offer or continue, must address the candidate as du / you, must carry
the note's content (and its negations) and must not turn a highlight into a shortcoming. The word
lists and messages live in `drafter/slot_checks.toml`. Spans are offsets into the sentence.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from drafter.models import DraftRequest
from guardrails.evidence import same_word
from guardrails.report import Violation

LEXICON = Path(__file__).with_name("slot_checks.toml")
STEM = 5
MAX_WORDS = 40
# Content words a sentence may add to its note (paraphrase needs a few, invention needs more).
MAX_NOVEL = {"highlights": 0, "reason": 0, "feedback": 0}
# A frame adds a handful of words to its note; a longer sentence has added content of its own.
MAX_ADDED_WORDS = 9
# Share of the note's content words its sentence must keep, per slot (a small model's paraphrase
# that drops a word usually drops or twists its meaning).
MIN_COVERAGE = {"highlights": 0.8, "reason": 0.8, "feedback": 0.8}
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_LINK = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:se|com|nu|org|net|io)\b", re.IGNORECASE)
_LABEL_PREFIX = re.compile(r"^\s*(?:mening|sentence|svar|answer)\s*:\s*", re.IGNORECASE)
_LACK = re.compile(r"\b(saknar|saknade|brist\w*|lack\w*|without|utan)\b", re.IGNORECASE)


@cache
def lexicon(language: str) -> dict[str, Any]:
    """Load one language's word lists and messages."""
    with LEXICON.open("rb") as handle:
        data: dict[str, Any] = tomllib.load(handle)[language]
    return data


@cache
def _pattern(language: str, key: str) -> re.Pattern[str]:
    entries = lexicon(language)[key]
    return re.compile(r"(?<![\w])(?:" + "|".join(entries) + r")(?![\w])", re.IGNORECASE)


def tidy(raw: str) -> str:
    """Return the model's output as one clean sentence: first line, no label, capitalised, full stop."""
    line = raw.strip().split("\n", 1)[0].strip()
    line = _LABEL_PREFIX.sub("", line).strip().strip("\"'“”«»").strip()
    line = re.sub(r"^[\-*•·–—>]+\s*", "", line)
    if not line:
        return ""
    if line[-1] not in ".!?":
        line = line.rstrip(",;:") + "."
    return line[:1].upper() + line[1:]


def _stems(text: str, language: str) -> set[str]:
    stop = set(lexicon(language)["stopwords"])
    return {w.lower()[:STEM] for w in _WORD.findall(text) if len(w) >= 4 and w.lower() not in stop}


def _found(language: str, key: str, text: str, allowed: str) -> list[re.Match[str]]:
    """Return matches of a word list in `text` that the `allowed` text does not contain itself."""
    pattern = _pattern(language, key)
    have = {m.group(0).lower() for m in pattern.finditer(allowed)}
    return [m for m in pattern.finditer(text) if m.group(0).lower() not in have]


def check_sentence(field: str, note: str, sentence: str, request: DraftRequest) -> list[Violation]:
    """Return every way a slot sentence departs from its note (an empty list: accept it)."""
    lang = request.language
    lex = lexicon(lang)
    out: list[Violation] = []

    def add(rule: str, found: str, span: tuple[int, int] | None = None) -> None:
        out.append(Violation(rule=rule, severity="block", message=lex["messages"][rule].format(found=found), span=span))

    words = _WORD.findall(sentence)
    limit = min(MAX_WORDS, len(_WORD.findall(note)) + MAX_ADDED_WORDS)
    if len(words) < 3 or len(words) > limit or len(re.findall(r"[.!?](?:\s|$)", sentence)) > 2:
        add("slot_shape", f"{len(words)} ord" if lang == "sv" else f"{len(words)} words")
        if len(words) < 3:
            return out
    stems = [w.lower()[:STEM] for w in words if len(w) >= 4 and w.lower() not in set(lex["stopwords"])]
    note_stems = [w.lower()[:STEM] for w in _WORD.findall(note)]
    repeated = sorted({s for s in stems if stems.count(s) > max(1, note_stems.count(s))})
    if repeated:  # a small model that babbles repeats itself
        add("slot_shape", ", ".join(repeated))
    for m in _pattern(lang, "babble").finditer(sentence):
        add("slot_shape", m.group(0), m.span())
    known = " ".join([note, request.role, request.company, request.recruiter_name])
    for m in _LINK.finditer(sentence):
        if m.group(0).lower() not in known.lower():
            add("ungrounded_claim", m.group(0), m.span())
    for m in re.finditer(r"\S*\d\S*", sentence):
        if m.group(0).strip(".,;:!?") not in known:
            add("ungrounded_claim", m.group(0), m.span())
    known_words = {w.lower() for w in _WORD.findall(known)}
    for m in _WORD.finditer(sentence):
        at_start = m.start() == 0 or sentence[: m.start()].rstrip().endswith((".", "!", "?", ":"))
        if m.group(0)[:1].isupper() and not at_start and m.group(0).lower() not in known_words:
            add("ungrounded_claim", m.group(0), m.span())
    for key, rule in (("event", "ungrounded_claim"), ("offer", "mixed_decision"), ("structure", "prompt_scaffold")):
        for m in _found(lang, key, sentence, note):
            add(rule, m.group(0), m.span())
    for m in _pattern(lang, "address").finditer(sentence):
        add("wrong_address", m.group(0), m.span())
    names = {part.lower() for part in request.candidate_name.split()}
    for m in _WORD.finditer(sentence):
        if m.group(0).lower().removesuffix("s") in names:
            add("wrong_address", m.group(0), m.span())
    you = _pattern(lang, "you").search(sentence)
    we = re.search(r"\b(vi|oss|we|us)\b", sentence, re.IGNORECASE)
    # A highlight is about the candidate; feedback is advice to them, never something "we" did.
    if (field == "highlights" and not you) or (field == "feedback" and we and not you):
        add("slot_shape", "du" if lang == "sv" else "you")
    for m in _pattern(lang, "bad_verb").finditer(sentence):
        add("bad_grammar", m.group(0), m.span())
    if field == "highlights":
        for m in _found(lang, "shortcoming", sentence, note):
            add("highlight_as_shortcoming", m.group(0), m.span())
    else:
        for m in _found(lang, "praise", sentence, note):
            add("unfaithful_note", m.group(0), m.span())
    if field == "reason":
        for m in _found(lang, "reason_twist", sentence, note):
            add("unfaithful_note", m.group(0), m.span())
    first = note.split(" ", 1)[0].lower()
    if field == "feedback" and first in lex["advice_verbs"] and not _pattern(lang, "advice").search(sentence):
        # "berätta mer om ..." must stay advice, never become "du berättade mer om ...".
        add("unfaithful_note", "rådet blev ett påstående" if lang == "sv" else "the advice became a statement")
    fields = (note, request.highlights, request.reason, request.feedback, request.role, request.company)
    own = {w.lower() for f in fields if f for w in _WORD.findall(f)}
    for m in _WORD.finditer(sentence):
        if not _known(m.group(0), own, request.language):
            add("bad_grammar", m.group(0), m.span())  # "din läta ata ha": a note's shorthand garbled
    _fidelity(field, note, sentence, request, add)
    return out


@cache
def _vocabulary(language: str) -> frozenset[str]:
    """Return the lowercase words a slot may use besides its request: frames, function words and the
    words ordinary letters use (learned, `guardrails.remarks.letter_words`)."""
    from guardrails import lexicon as guardrail_lexicon
    from guardrails.remarks import letter_words

    lex = lexicon(language)
    common = guardrail_lexicon.load("stopwords")["common"][language]
    return frozenset(w.lower() for w in (*lex["frame_words"], *lex["stopwords"], *common, *letter_words()))


def _known(word: str, own: set[str], language: str) -> bool:
    """Return True for a word of the language a slot may use: one of its request's words (`own`,
    lowercase), or a known word.

    Names, acronyms and words with digits are judged by the grounding checks above; a word is known
    as itself or an inflection of a known word (a shared long prefix), never as a fragment of one.
    """
    low = word.lower()
    if len(low) < 3 or not word.isalpha() or word[:1].isupper() or word.isupper():
        return True
    if low in _vocabulary(language):
        return True
    return any(same_word(low, w) for w in own) or any(same_word(low, w) for w in _by_prefix(language).get(low[:4], ()))


@cache
def _by_prefix(language: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for w in _vocabulary(language):
        found.setdefault(w[:4], []).append(w)
    return {k: tuple(v) for k, v in found.items()}


def _fidelity(field: str, note: str, sentence: str, request: DraftRequest, add: Any) -> None:
    """Check that the sentence keeps the note's content and negations and adds little of its own."""
    lang = request.language
    note_stems, said = _stems(note, lang), _stems(sentence, lang)
    if note_stems:
        kept = len(note_stems & said) / len(note_stems)
        if kept < MIN_COVERAGE[field]:
            missing = sorted(w for w in _WORD.findall(note) if w.lower()[:STEM] in note_stems - said)
            add("unfaithful_note", ("saknar " if lang == "sv" else "leaves out ") + ", ".join(missing[:4]))
    allowed = note_stems | _stems(" ".join([request.role, request.company]), lang)
    allowed |= {w[:STEM] for w in lexicon(lang)["frame_words"]}
    novel = sorted(said - allowed)
    if len(novel) > MAX_NOVEL[field]:
        add("unfaithful_note", ("lägger till " if lang == "sv" else "adds ") + ", ".join(novel[:4]))
    if field != "highlights":
        negation = _pattern(lang, "negation")
        before, after = len(negation.findall(note)), len(negation.findall(sentence))
        # "saknar körkort" may become "har inte körkort"; any other change flips the meaning.
        if after < before or after > before + (1 if _LACK.search(note) else 0):
            add("unfaithful_note", "negationen ändras" if lang == "sv" else "the negation changes")


def letter_claims(text: str, request: DraftRequest) -> list[Violation]:
    """Check a model-written letter for what slot sentences may never do: invented facts, offers, labels, ni.

    The ground truth is everything the request gives a prompt; spans are offsets into the letter.
    """
    lang = request.language
    lex = lexicon(lang)
    known = " ".join(request.prompt_fields().values())
    known_words = {w.lower() for w in _WORD.findall(known)} | {"i"}
    out: list[Violation] = []

    def add(rule: str, found: str, span: tuple[int, int]) -> None:
        message = lex["letter_messages"][rule].format(found=found)
        out.append(Violation(rule=rule, severity="block", message=message, span=span))

    for m in _LINK.finditer(text):
        if m.group(0).lower() not in known.lower():
            add("ungrounded_claim", m.group(0), m.span())
    for m in re.finditer(r"\S*\d\S*", text):
        if m.group(0).strip(".,;:!?()") not in known:
            add("ungrounded_claim", m.group(0), m.span())
    for m in _WORD.finditer(text):
        before = text[: m.start()].rstrip(" \t-*•")
        at_start = not before or before.endswith((".", "!", "?", ":", "\n", ","))
        word = m.group(0).lower().replace("’", "'")
        if m.group(0)[:1].isupper() and not at_start and word not in known_words and not word.startswith("i'"):
            add("ungrounded_claim", m.group(0), m.span())
    for key, rule in (("event", "ungrounded_claim"), ("offer", "mixed_decision")):
        for m in _found(lang, key, text, known):
            add(rule, m.group(0), m.span())
    for m in re.finditer(r"(?m)^\s*[-*]?\s*(\w+)\s*:", text):
        add("prompt_scaffold", m.group(0).strip(), m.span())
    for m in _pattern(lang, "address").finditer(text):
        add("wrong_address", m.group(0), m.span())
    return out
