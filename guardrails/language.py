"""The wrong-language rule, and language inference for texts checked without a language."""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from typing import Any

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import WORD_RE, Doc

# A sentence needs this many function-word hits for a language before it counts as that language.
MIN_HITS = 2
# A foreign passage shorter than this (in words) is a quote or a title, not a wrong language.
MIN_PASSAGE_WORDS = 8
# Lingua must be at least this sure of the foreign language before we block.
MIN_CONFIDENCE = 0.5

NAMES_SV = {
    "sv": "svenska",
    "en": "engelska",
    "da": "danska",
    "nb": "norska eller danska",
    "de": "tyska",
    "other": "ett annat språk",
}
NAMES_EN = {
    "sv": "Swedish",
    "en": "English",
    "da": "Danish",
    "nb": "Norwegian or Danish",
    "de": "German",
    "other": "another language",
}


@cache
def _markers() -> dict[str, frozenset[str]]:
    """Return, per language, the function words no other listed language shares."""
    table = {k: {str(w).lower() for w in v} for k, v in lexicon.load("stopwords")["distinctive"].items()}
    # Danish and Norwegian share most function words: score them together, lingua tells them apart.
    table["nb"] = table.pop("nb", set()) | table.pop("da", set())
    return {
        lang: frozenset(ws - set().union(*(o for k, o in table.items() if k != lang))) for lang, ws in table.items()
    }


@cache
def _marker_language() -> dict[str, str]:
    """Return each distinctive function word with its language."""
    return {w: lang for lang, ws in _markers().items() for w in ws}


def marker_counts(text: str) -> dict[str, int]:
    """Return how many Swedish-only and English-only common words the text holds."""
    sv, en = _sv_en()
    found = [m.group(0).lower() for m in WORD_RE.finditer(text)]
    return {"sv": sum(w in sv for w in found), "en": sum(w in en for w in found)}


def _scores(text: str) -> dict[str, int]:
    by_word = _marker_language()
    scores = dict.fromkeys(_markers(), 0)
    for w in WORD_RE.findall(text.lower()):
        lang = by_word.get(w)
        if lang:
            scores[lang] += 1
    return scores


@cache
def _sv_en() -> tuple[frozenset[str], frozenset[str]]:
    """Return the Swedish and the English function words that the other language lacks."""
    data = lexicon.load("stopwords")
    sv = {str(w).lower() for table in ("common", "distinctive") for w in data[table]["sv"]}
    en = {str(w).lower() for table in ("common", "distinctive") for w in data[table]["en"]}
    return frozenset(sv - en), frozenset(en - sv)


def guess_language(text: str) -> str | None:
    """Return "sv" or "en" from function words in the first part of the text, None on a tie."""
    sv, en = _sv_en()
    n_sv = n_en = 0
    for m in WORD_RE.finditer(text[:5000]):
        w = m.group(0).lower()
        n_sv += w in sv
        n_en += w in en
    if n_sv == n_en:
        return None
    return "en" if n_en > n_sv else "sv"


def infer_language(text: str) -> str:
    """Return "sv" or "en" for lexicon choice (Swedish when the text gives no clue)."""
    return guess_language(text) or "sv"


_DETECTOR_LOCK = threading.Lock()


def detector() -> Any:
    """Return the lingua detector, restricted to the plausible languages (None when missing).

    The first call builds it with its models loaded, which takes seconds and holds the GIL
    (lingua would otherwise load them, just as long, on the first text it rates); threads wait
    for that one build instead of each starting their own. A batch calls it before its workers.
    """
    with _DETECTOR_LOCK:
        return _build_detector()


@cache
def _build_detector() -> Any:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:  # the stopword check alone still runs
        return None
    langs = [
        Language.SWEDISH,
        Language.ENGLISH,
        Language.BOKMAL,
        Language.NYNORSK,
        Language.DANISH,
        Language.GERMAN,
    ]
    return LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()


def _lingua_code(language: Any) -> str:
    name = str(getattr(language, "name", language)).upper()
    return {
        "SWEDISH": "sv",
        "ENGLISH": "en",
        "DANISH": "da",
        "BOKMAL": "nb",
        "NYNORSK": "nb",
        "GERMAN": "de",
    }.get(name, "?")


def _confirmed(passage: str, expected: str) -> str | None:
    """Return the foreign language lingua confidently sees in a passage, else None."""
    return _lingua_verdict(passage[:2000], expected)


@lru_cache(maxsize=2048)
def _lingua_verdict(passage: str, expected: str) -> str | None:
    # Kept per passage: a drafted letter is checked twice (with pseudonyms, then with the names
    # restored), and the suspect sentences seldom hold a name.
    det = detector()
    if det is None:
        return "?"
    values = det.compute_language_confidence_values(passage)
    if not values:
        return None
    top = values[0]
    code = _lingua_code(top.language)
    if code != expected and top.value >= MIN_CONFIDENCE:
        return code
    return None


def _foreign_passages(doc: Doc, expected: str) -> list[tuple[int, int, str]]:
    """Return (start, end, language) of runs of sentences whose function words are another language's."""
    runs: list[list[Any]] = []  # [start, end, words, language]
    for start, end in doc.sentences:
        chunk = doc.text[start:end]
        scores = _scores(chunk)
        best = max(scores, key=lambda k: scores[k])
        foreign = best != expected and scores[best] >= MIN_HITS and scores[best] > 2 * scores.get(expected, 0)
        n_words = sum(1 for _ in WORD_RE.finditer(chunk))
        if foreign:
            if runs and runs[-1][3] == best and runs[-1][4]:
                runs[-1][1] = end
                runs[-1][2] += n_words
            else:
                runs.append([start, end, n_words, best, True])
        elif runs and scores.get(expected, 0) == 0 and n_words <= 6:
            continue  # a signature or a title does not break a foreign passage
        elif runs:
            runs[-1][4] = False
    return [(r[0], r[1], r[3]) for r in runs if r[2] >= MIN_PASSAGE_WORDS]


def check_language(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block passages written in another language than the one requested."""
    expected = doc.context.language
    if not expected:
        return []
    names = NAMES_SV if doc.message_language == "sv" else NAMES_EN
    other = names["other"]
    out = []
    for start, end, guess in _foreign_passages(doc, expected):
        found = _confirmed(doc.text[start:end], expected)
        if not found:
            continue
        found = guess if found == "?" else found
        out.append(
            violation(
                "wrong_language",
                doc.say("wrong_language", expected=names[expected], found=names.get(found) or other),
                (start, end),
            )
        )
    return out
