"""Swedish and English grammar for recruiter notes: word lists, person, agreement.

The word lists live in `composer_templates/grammar_<language>.toml`; `drafter/notes.py` uses these
helpers to read a note's shape and to turn third person (and the formal ni) into du / you.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

TEMPLATE_DIR = Path(__file__).with_name("composer_templates")

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]|\s+")
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@cache
def grammar(language: str) -> dict[str, Any]:
    """Load the word lists for one language."""
    with (TEMPLATE_DIR / f"grammar_{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


def word_set(language: str, key: str) -> frozenset[str]:
    """Return one of a language's word lists as a set."""
    return frozenset(grammar(language)["words"][key])


def known_word(word: str, language: str) -> bool:
    """Return True for a word the lists know as an ordinary (not proper) word."""
    lw = word.lower()
    words = grammar(language)["words"]
    person = grammar(language)["person"]
    pools = ("finite", "imperative", "subject_words", "determiners", "adjectives", "intensifiers", "prepositions")
    return any(lw in words[k] for k in pools) or lw in person["subject"] or lw in {"du", "you", "din", "ditt", "dina"}


def lower_first(text: str, language: str) -> str:
    """Lowercase the first letter when the first word is an ordinary word (never a name or 'Excel')."""
    first = WORD.match(text)
    if first and known_word(first.group(0), language) and not first.group(0).isupper():
        return text[:1].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    """Capitalise a sentence's first letter."""
    return text[:1].upper() + text[1:]


def possessive_sv(noun: str) -> str:
    """Return din, ditt or dina for a Swedish noun (listed words, then endings; unknown nouns are 'en')."""
    nouns = grammar("sv")["nouns"]
    lw = noun.lower()
    if lw in nouns["plural"] or any(lw.endswith(e) for e in nouns["plural_endings"]):
        return "dina"
    if lw in nouns["neuter"] or any(lw.endswith(e) for e in nouns["neuter_endings"]):
        return "ditt"
    # Compounds take the gender of their last part ("kundcase", "säljprojekt").
    for word in sorted(nouns["neuter"], key=len, reverse=True):
        if len(word) >= 4 and lw.endswith(word):
            return "ditt"
    return "din"


def _head_noun(words: list[str], language: str) -> str:
    """Return the first word that is not an adjective or intensifier (the noun a possessive agrees with)."""
    skip = word_set(language, "adjectives") | word_set(language, "intensifiers")
    for word in words:
        lw = word.lower()
        if lw in skip or (language == "sv" and lw.endswith(("iga", "ade", "ska", "liga"))):
            continue
        return word
    return words[-1] if words else ""


def second_person(text: str, language: str, names: tuple[str, ...] = ()) -> str:
    """Rewrite third-person (and formal ni) references to the candidate into du / you."""
    person = grammar(language)["person"]
    tokens = _TOKEN.findall(text)
    word_ix = [i for i, t in enumerate(tokens) if WORD.fullmatch(t)]
    own = {n.lower() for n in names if n}
    out = list(tokens)
    for pos, i in enumerate(word_ix):
        word = tokens[i]
        lw = word.lower()
        after = [tokens[j] for j in word_ix[pos + 1 : pos + 4]]
        nxt = after[0].lower() if after else ""
        new: str | None = None
        if language == "sv":
            new = _swap_sv(lw, nxt, after, own, person, starts=pos == 0)
        else:
            new = _swap_en(lw, nxt, after, own, person)
        if new is not None:
            out[i] = upper_first(new) if word[:1].isupper() and pos == 0 else new
    result = "".join(out)
    if language == "en":
        result = agree_verbs_en(result)
    return result


def _swap_sv(lw: str, nxt: str, after: list[str], own: set[str], person: dict[str, Any], *, starts: bool) -> str | None:
    finite = word_set("sv", "finite") | word_set("sv", "sentence_adverbs")
    if lw in own and nxt in finite:
        return "du"
    if lw.endswith("s") and lw[:-1] in own:
        return possessive_sv(_head_noun(after, "sv")) if after else "din"
    if lw in person["agreeing"]:
        return str(person["agreeing"][lw])
    if lw == "er":  # possessive before a noun, else the object
        return possessive_sv(_head_noun(after, "sv")) if after and nxt not in word_set("sv", "prepositions") else "dig"
    if lw == "hen":
        return "du" if (starts or nxt in finite) else "dig"
    if lw in person["subject"]:
        return "du"
    if lw in person["object"]:
        return "dig"
    if lw in person["possessive"]:
        return possessive_sv(_head_noun(after, "sv")) if after else "din"
    return None


# "her" before one of these is the object ("we liked her and ...", "call her first"), not a possessive.
_HER_AS_OBJECT_BEFORE = frozenset({"and", "or", "but", "to", "than", "if", "when", "then", "again", "first"})
# Words in -ly that are not adverbs: "her early work", "her family".
_LY_NOT_ADVERBS = frozenset({"early", "only", "family", "daily", "weekly", "monthly"})


def _swap_en(lw: str, nxt: str, after: list[str], own: set[str], person: dict[str, Any]) -> str | None:
    if lw in own and nxt in word_set("en", "finite"):
        return "you"
    if lw in {"she", "he"}:
        return "you"
    if lw == "her":  # "her case" -> your case; "we liked her" -> you
        stop = word_set("en", "prepositions") | _HER_AS_OBJECT_BEFORE
        adverb = nxt.endswith("ly") and nxt not in _LY_NOT_ADVERBS
        return "your" if after and nxt not in stop and not adverb else "you"  # "contact her directly" -> you
    if lw == "him":
        return "you"
    if lw == "his" or (lw.endswith("'s") and lw[:-2] in own):
        return "your"
    if lw in person["reflexive"]:
        return "yourself"
    if lw in {"she's", "he's"}:
        return "you're"
    return None


_EN_AFTER_YOU = re.compile(r"\b([Yy]ou)(\s+(?:always|also|clearly|really|often|usually|just)\s+|\s+)([a-z]+)\b")
# A verb that shares the subject "you" with the verb before it: "you are witty, writes with ease".
_EN_SHARED = re.compile(r"(,\s+|\s+and\s+|\s+but\s+)((?:always|also|clearly|really|often|usually|just)\s+)?([a-z]+)\b")
_EN_CLAUSE = re.compile(r"[^.!?;:]+")
_EN_NEW_SUBJECT = frozenset({"your", "which", "who", "that", "it", "they", "we", "he", "she", "the", "this", "i"})


def _base_form_en(verb: str) -> str | None:
    """Return the form after "you" of a third-person verb ('knows' -> 'know', 'has' -> 'have'), else None."""
    verbs: dict[str, str] = grammar("en")["person"]["verbs"]
    if verb in verbs:
        return verbs[verb]
    if re.fullmatch(r"[a-z]+(?:ches|shes|sses|xes)", verb):
        return verb[:-2]
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith("s") and not verb.endswith("ss") and verb[:-1] in word_set("en", "finite") | _verb_stems():
        return verb[:-1]
    return None


def agree_verbs_en(text: str) -> str:
    """Put the verbs of a "you" subject in its form: after "you" and where a list of them goes on."""

    def fix(m: re.Match[str]) -> str:
        return f"{m.group(1)}{m.group(2)}{_base_form_en(m.group(3)) or m.group(3)}"

    text = _EN_AFTER_YOU.sub(fix, text)

    def clause(c: re.Match[str]) -> str:
        part = c.group(0)
        lead = re.match(r"\s*(?:and\s+|but\s+)?you\s+", part, re.IGNORECASE)
        if not lead:
            return part
        out = []
        for m in _EN_SHARED.finditer(part, lead.end()):
            if m.group(3) in _EN_NEW_SUBJECT:
                break  # another subject takes over: "..., and your Polish is useful"
            new = _base_form_en(m.group(3))
            if new is not None:
                out.append((m.start(3), m.end(3), new))
        for start, end, new in reversed(out):
            part = part[:start] + new + part[end:]
        return part

    return _EN_CLAUSE.sub(clause, text)


@cache
def _verb_stems() -> frozenset[str]:
    return word_set("en", "imperative") | {w[:-1] for w in word_set("en", "finite") if w.endswith("s")}


def weak_sv(adjective: str) -> str:
    """Return a Swedish adjective's form after a possessive: 'tydlig' -> 'tydliga' (din tydliga ...)."""
    lw = adjective.lower()
    irregular = {
        "god": "goda", "gott": "goda", "liten": "lilla", "litet": "lilla", "bra": "bra", "väl": "väl",
        "egen": "egna", "eget": "egna", "ny": "nya", "nytt": "nya",
    }  # fmt: skip
    if lw in irregular:
        return irregular[lw]
    if lw.endswith("fört"):  # participles: "genomfört" -> "genomförda", "levererat" -> "levererade"
        return lw[:-1] + "da"
    if lw.endswith("at") and len(lw) > 5:
        return lw[:-1] + "de"
    if lw.endswith(("a", "e")) or lw in word_set("sv", "intensifiers"):
        return lw
    if lw.endswith("ad"):
        return lw + "e"
    if lw.endswith(("en", "el", "er")) and len(lw) > 4:
        return lw[:-2] + lw[-1] + "a"
    if lw.endswith("t") and not lw.endswith(("st", "kt")) and lw[:-1] + "a" != lw:
        base = lw[:-1]
        return (base + "a") if not base.endswith("t") else (base[:-1] + "da" if base.endswith("tt") else base + "a")
    if lw.endswith("nn"):
        return lw + "a"
    return lw + "a"


def join_items(items: tuple[str, ...], language: str) -> str:
    """Join clauses as a list: 'a, b och c'."""
    conj = " och " if language == "sv" else " and "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + conj + items[-1]
