"""What a draft says about the person who was hired (for `leaks_other_candidate`).

A rejection may say that someone else was chosen and why, in the recruiter's words ("the candidate we
chose already holds the licence the post requires"). It must not describe the hire beyond that: their
merits in words of the draft's own ("the person we hired has run two Michelin kitchens"), or identifying
details such as a number, a place or an award the request never gives ("another candidate, who spent the
last eleven years leading a kitchen in Gothenburg").
"""

from __future__ import annotations

import re
from functools import cache

from guardrails import lexicon
from guardrails.evidence import Evidence, content_words, evidence
from guardrails.text import Doc, fold

LEX = "leakage"
_DIGITS = re.compile(r"\d+")
_CLAUSE_END = re.compile(r"[,;:–—]|\s(?:och|and|men|but)\s")


@cache
def _merit_after_subject() -> re.Pattern[str]:
    data = lexicon.load(LEX)
    subject = "|".join(f"(?:{p})" for p in data["chosen_subject"])
    verbs = "|".join(f"(?:{p})" for p in data["merit_verbs"])
    generic = "|".join(f"(?:{p})" for p in data.get("generic_comparison", [])) or "(?!x)x"
    return lexicon.compile_any([f"(?:{subject})(?:{verbs})(?!{generic})"], where=LEX)


def _recruiters_reason(text: str, ev: Evidence) -> bool:
    """Return True when every content word of a statement about the hire is in the request's fields."""
    return all(ev.supports(w) for w in content_words(text))


@cache
def _number_words() -> dict[str, str]:
    table = lexicon.load("claims").get("number_words", {})
    pairs = (str(pair).split("=", 1) for values in table.values() for pair in values)
    return {word: digits for word, digits in pairs if word not in ("en", "ett", "one")}  # articles, not counts


def _identifying(doc: Doc, start: int, end: int, ev: Evidence) -> bool:
    """Return True when a clause gives a number or a place the request does not give."""
    text = _CLAUSE_END.split(doc.text[start:end], maxsplit=1)[0]
    known = set(_DIGITS.findall(ev.text))
    if any(d not in known for d in _DIGITS.findall(text)):
        return True
    ok = lexicon.wordset("claims", "capitalised")
    places = lexicon.wordset(LEX, "place_before")
    numbers = _number_words()
    tokens = re.findall(r"[^\W\d_][\w'’-]*", text)
    for i, w in enumerate(tokens):
        folded = fold(w)
        if folded in numbers and numbers[folded] not in known and folded not in ev.words:
            return True
        # "in Gothenburg", "at Volvo", "på Sahlgrenska": where the hire worked or lives
        at_place = i > 0 and tokens[i - 1].lower() in places
        if at_place and w[0].isupper() and len(w) >= 3 and folded not in ok and not ev.supports(folded):
            return True
    return False


def merit_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return the sentences that describe the hire beyond the recruiter's reason."""
    ev = evidence(doc)
    out: list[tuple[int, int]] = []
    for m in _merit_after_subject().finditer(doc.lower):
        sentence = doc.sentence_at(m.start())
        if sentence not in out and not _recruiters_reason(doc.text[m.end() : sentence[1]], ev):
            out.append(sentence)
    for m in lexicon.pattern(LEX, "named_chosen").finditer(doc.lower):
        sentence = doc.sentence_at(m.start())
        if sentence not in out:
            out.append(sentence)  # a named hire: the name is the leak
    for m in lexicon.pattern(LEX, "hire_relative").finditer(doc.lower):
        sentence = doc.sentence_at(m.start())
        if sentence not in out and _identifying(doc, m.end(), sentence[1], ev):
            out.append(sentence)
    return out


def described_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return sentences that describe the hire by pronoun right after naming another choice ("She spent ..."),
    unless they only restate the recruiter's reason."""
    ev = evidence(doc)
    choice = lexicon.pattern("decision", "other_choice")
    pronoun = lexicon.pattern(LEX, "hire_pronoun")
    sentences = doc.sentences
    chosen = {doc.sentence_at(m.start()) for m in choice.finditer(doc.lower)}
    out = []
    for i, sentence in enumerate(sentences[:-1]):
        nxt = sentences[i + 1]
        m = pronoun.match(doc.lower, *nxt) if sentence in chosen else None
        if m and not _recruiters_reason(doc.text[m.end() : nxt[1]], ev):
            out.append(nxt)
    return out
