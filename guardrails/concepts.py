"""Concept lexicons of the protected grounds: which ground a word or phrase belongs to.

Each ground is `lexicons/protected_<ground>.toml`: lemmas matched through their Snowball stem (and, in
Swedish, as the head of a compound), group and tied words, phrases, and counter-examples. Whether a hit
counts is decided by `protected.py` with `attribution.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from guardrails import attribution, lexicon, morph
from guardrails.text import WORD_RE

PREFIX = "protected_"
LANGUAGES = ("sv", "en")
MAX_SEEN = 200_000  # bound the per-process word cache


@dataclass(frozen=True)
class Ground:
    """One ground's compiled concept lexicon."""

    ground: str
    label_sv: str
    label_en: str
    not_phrases: dict[str, re.Pattern[str]]  # language -> counter-example phrases, run on Doc.lower
    trades: dict[str, re.Pattern[str]]  # language -> roles whose trade the ground is (run on the lowercased role)
    subjects: dict[str, re.Pattern[str]]  # language -> jobs whose subject the ground is

    def label(self, language: str) -> str:
        """Return the ground's name in a message language."""
        return self.label_sv if language == "sv" else self.label_en


@dataclass(frozen=True)
class Index:
    """Every ground's words for one language, keyed by stem."""

    exact: dict[str, int]  # words written "=form": matched as that form only (their stem would collide)
    stems: dict[str, int]  # stem of a lemma -> ground index
    heads: dict[str, int]  # stems of lemmas that may head a Swedish compound ("knäskada") -> ground index
    not_words: frozenset[str]  # counter-example words, as written
    not_stems: frozenset[str]  # stems of counter-example words that are no lemma's stem
    cued: frozenset[str]  # stems of group nouns ("lads", "killar") that count only as the fit or the hire
    tied_only: frozenset[str]  # stems of words that count only when said of the candidate ("your knee")
    phrases: re.Pattern[str]  # every ground's phrases, group g<i> = ground i


def _lang_list(data: dict[str, object], key: str, language: str) -> list[str]:
    table = data.get(key, {})
    values = table.get(language, []) if isinstance(table, dict) else []
    return [str(v) for v in values]


@cache
def _files() -> tuple[dict[str, object], ...]:
    names = sorted(
        entry.name.removesuffix(".toml")
        for entry in resources.files("guardrails.lexicons").iterdir()
        if entry.name.startswith(PREFIX) and entry.name.endswith(".toml")
    )
    return tuple(lexicon.load(name) | {"_name": name} for name in names)


@cache
def grounds() -> tuple[Ground, ...]:
    """Load every `protected_*.toml` lexicon once."""
    return tuple(
        Ground(
            ground=str(data.get("ground", data["_name"])),
            label_sv=str(data.get("label_sv", data["_name"])),
            label_en=str(data.get("label_en", data["_name"])),
            not_phrases={
                lang: lexicon.compile_any(_lang_list(data, "not_phrases", lang), where=f"{data['_name']}.not_phrases")
                for lang in LANGUAGES
            },
            trades={
                lang: lexicon.compile_any(_lang_list(data, "trades", lang), where=f"{data['_name']}.trades")
                for lang in LANGUAGES
            },
            subjects={
                lang: lexicon.compile_any(_lang_list(data, "subjects", lang), where=f"{data['_name']}.subjects")
                for lang in LANGUAGES
            },
        )
        for data in _files()
    )


@cache
def index(language: str) -> Index:
    """Return the word and phrase index of every ground for one language."""
    exact: dict[str, int] = {}
    stems: dict[str, int] = {}
    heads: dict[str, int] = {}
    not_words: set[str] = set()
    cued: set[str] = set()
    tied_only: set[str] = set()
    parts = []
    for i, data in enumerate(_files()):
        for word in _lang_list(data, "words", language):
            if word.startswith("="):
                exact.setdefault(word[1:].lower(), i)
            else:
                stems.setdefault(morph.stem(word.lower(), language), i)
        for word in _lang_list(data, "group_words", language):
            stems.setdefault(morph.stem(word.lower(), language), i)
            cued.add(morph.stem(word.lower(), language))
        for word in _lang_list(data, "tied_words", language):
            stems.setdefault(morph.stem(word.lower(), language), i)
            tied_only.add(morph.stem(word.lower(), language))
        for word in _lang_list(data, "heads", language):
            heads.setdefault(morph.stem(word.lower(), language), i)
        not_words.update(w.lower() for w in _lang_list(data, "not_words", language))
        phrases = _lang_list(data, "phrases", language)
        if phrases:
            lexicon.compile_any(phrases, where=str(data["_name"]))  # name the file of a broken pattern
            parts.append((i, phrases))
    not_stems = {morph.stem(w, language) for w in not_words} - stems.keys() - heads.keys()
    return Index(
        exact,
        stems,
        heads,
        frozenset(not_words),
        frozenset(not_stems),
        frozenset(cued),
        frozenset(tied_only),
        _phrase_pattern(parts),
    )


def _phrase_pattern(parts: list[tuple[int, list[str]]]) -> re.Pattern[str]:
    """Compile every ground's phrases into one scan; group g<i> names ground i.

    Patterns that start at a word boundary share one `\\b` test, so the scan skips mid-word positions.
    """
    at_word = []
    others = []
    for i, phrases in parts:
        bounded = [
            q for p in phrases if p.startswith(r"\b") for q in lexicon.expand_leading(lexicon.non_capturing(p)[2:])
        ]
        rest = [lexicon.non_capturing(p) for p in phrases if not p.startswith(r"\b")]
        if bounded:
            at_word.append(f"(?P<g{i}>" + "|".join(bounded) + ")")
        if rest:
            others.append(f"(?P<h{i}>" + "|".join(rest) + ")")
    source = "|".join(([r"\b(?:" + "|".join(at_word) + ")"] if at_word else []) + others)
    return re.compile(source or r"(?!x)x", re.MULTILINE)


@cache
def word_ground(word: str, language: str) -> int | None:
    """Return the ground a lowercase word belongs to, by stem or (Swedish) by its compound head."""
    idx = index(language)
    word = word.removesuffix("'s").removesuffix("’s")
    if word in idx.exact:
        return idx.exact[word]
    word_stem = morph.stem(word, language)
    if word in idx.not_words or word_stem in idx.not_stems:
        return None
    if word_stem in idx.stems:
        return idx.stems[word_stem]
    pieces = morph.parts(word)
    if len(pieces) > 1:
        # A hyphenated word is judged by its head: "gender-neutral" is about neutrality.
        return word_ground(pieces[-1], language)
    if language == "sv":
        light = attribution.words("light_heads", language)
        for _, head in morph.head_splits(word_stem):
            if head in idx.heads:
                return idx.heads[head]
        for offset in range(morph.MIN_MODIFIER, len(word) - 2):
            if morph.stem(word[offset:], language) in light:
                # A light head ("-perioder", "-skäl") takes its meaning from the modifier.
                modifier = word[:offset]
                found = word_ground(modifier, language)
                if found is None and modifier.endswith("s"):
                    found = word_ground(modifier[:-1], language)
                if found is not None:
                    return found
    return None


# word -> ground index or None, per language: most words of a letter were seen in earlier letters.
_SEEN: dict[str, dict[str, int | None]] = {"sv": {}, "en": {}}


def ground_hits(text: str, language: str, lower: str | None = None) -> list[tuple[int, int, int]]:
    """Return (start, end, ground index) for every ground word and phrase in a text."""
    lower = text.lower() if lower is None else lower
    seen = _SEEN[language]
    hits = []
    for m in WORD_RE.finditer(lower):
        word = m.group(0)
        g = seen.get(word, -1)
        if g == -1:
            g = word_ground(word, language)
            if len(seen) < MAX_SEEN:
                seen[word] = g
        if g is not None:
            hits.append((m.start(), m.end(), g))
    for m in index(language).phrases.finditer(lower):
        if m.end() > m.start() and m.lastgroup:  # g<i> or h<i>
            hits.append((m.start(), m.end(), int(m.lastgroup[1:])))
    return hits


@cache
def subject_grounds(context_text: str, language: str) -> frozenset[int]:
    """Return the grounds the job itself is about: found in its role, company or highlights."""
    return frozenset(g for _, _, g in ground_hits(context_text, language))


@cache
def job_subjects(context_text: str, language: str) -> frozenset[int]:
    """Return the grounds a job's own words make its subject matter, whoever they are said of.

    A ground's `subjects` (a midwife's pregnancies, an accessibility consultancy's disabilities, a care
    home's health and age) and, in Swedish, a compound whose modifier is a ground word
    ("graviditetsövervakning": the work is about pregnancy, though the word is about monitoring).
    """
    low = context_text.lower()
    found = {i for i, ground in enumerate(grounds()) if ground.subjects[language].search(low)}
    if language == "sv":
        for word in WORD_RE.findall(low):
            g = modifier_ground(word)
            if g is not None:
                found.add(g)
    return frozenset(found)


@cache
def modifier_ground(word: str) -> int | None:
    """Return the ground of a Swedish compound's modifier ("graviditets|övervakning" -> pregnancy), or None."""
    if word_ground(word, "sv") is not None:
        return None
    for offset in range(len(word) - morph.MIN_HEAD, morph.MIN_MODIFIER + 2, -1):
        modifier = word[:offset]
        found = word_ground(modifier, "sv")
        if found is None and modifier.endswith("s"):
            found = word_ground(modifier[:-1], "sv")
        if found is not None:
            return found
    return None
