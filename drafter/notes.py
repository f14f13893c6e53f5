"""A recruiter's note (highlights, reason, feedback) read as grammar, so it can become one sentence.

Recruiters write notes as labels ("Noggrann och serviceinriktad", "stark i Excel, bra case"), as
third-person remarks ("hon visade ...", "she showed ...", "hade kunnat förbereda caset bättre") or as
sentences to the candidate. `read_note` turns the note into second person and says what shape it
has; the composer then frames each shape with a sentence pattern from its phrasebook. The word
lists live in `composer_templates/grammar_<language>.toml`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

TEMPLATE_DIR = Path(__file__).with_name("composer_templates")

Shape = Literal["possessive", "clause", "imperative", "adjectives", "mixed", "nouns", "noun"]

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]|\s+")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_ITEM_SPLIT = re.compile(r"\s*[,;.!?]\s+|\s*[,;]\s*")
_RELATIVES = {"som", "när", "där", "hur", "att", "vilken", "vilket", "who", "that", "which", "when", "how", "where"}


@dataclass(frozen=True)
class Note:
    """A note in second person, with the grammatical shape its frame depends on."""

    field: str
    shape: Shape
    text: str  # no trailing punctuation; the first letter as written (see `lower_first`)
    items: tuple[str, ...] = ()  # for `mixed`: one small clause per listed point


@cache
def grammar(language: str) -> dict[str, Any]:
    """Load the word lists for one language."""
    with (TEMPLATE_DIR / f"grammar_{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


def _set(language: str, key: str) -> frozenset[str]:
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
    first = _WORD.match(text)
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
    skip = _set(language, "adjectives") | _set(language, "intensifiers")
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
    word_ix = [i for i, t in enumerate(tokens) if _WORD.fullmatch(t)]
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
        result = _agree_verbs_en(result)
    return result


def _swap_sv(lw: str, nxt: str, after: list[str], own: set[str], person: dict[str, Any], *, starts: bool) -> str | None:
    finite = _set("sv", "finite") | _set("sv", "sentence_adverbs")
    if lw in own and nxt in finite:
        return "du"
    if lw.endswith("s") and lw[:-1] in own:
        return possessive_sv(_head_noun(after, "sv")) if after else "din"
    if lw in person["agreeing"]:
        return str(person["agreeing"][lw])
    if lw == "er":  # possessive before a noun, else the object
        return possessive_sv(_head_noun(after, "sv")) if after and nxt not in _set("sv", "prepositions") else "dig"
    if lw == "hen":
        return "du" if (starts or nxt in finite) else "dig"
    if lw in person["subject"]:
        return "du"
    if lw in person["object"]:
        return "dig"
    if lw in person["possessive"]:
        return possessive_sv(_head_noun(after, "sv")) if after else "din"
    return None


def _swap_en(lw: str, nxt: str, after: list[str], own: set[str], person: dict[str, Any]) -> str | None:
    if lw in own and nxt in _set("en", "finite"):
        return "you"
    if lw in {"she", "he"}:
        return "you"
    if lw == "her":  # "her case" -> your case; "we liked her" -> you
        stop = _set("en", "prepositions") | {"and", "or", "but", "to", "than"}
        return "your" if after and nxt not in stop else "you"
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


def _agree_verbs_en(text: str) -> str:
    verbs: dict[str, str] = grammar("en")["person"]["verbs"]

    def fix(m: re.Match[str]) -> str:
        verb = m.group(3)
        if verb in verbs:
            new = verbs[verb]
        elif re.fullmatch(r"[a-z]+(?:ches|shes|sses|xes)", verb):
            new = verb[:-2]
        elif verb.endswith("ies") and len(verb) > 4:
            new = verb[:-3] + "y"
        elif verb.endswith("s") and not verb.endswith("ss") and verb[:-1] in _set("en", "finite") | _verb_stems():
            new = verb[:-1]
        else:
            new = verb
        return f"{m.group(1)}{m.group(2)}{new}"

    return _EN_AFTER_YOU.sub(fix, text)


@cache
def _verb_stems() -> frozenset[str]:
    return _set("en", "imperative") | {w[:-1] for w in _set("en", "finite") if w.endswith("s")}


def _starts_with_adjective(words: list[str], language: str) -> bool:
    adjectives, intensifiers = _set(language, "adjectives"), _set(language, "intensifiers")
    for word in words:
        lw = word.lower()
        if lw in intensifiers:
            continue
        return lw in adjectives or (language == "sv" and lw.endswith(("ig", "igt", "isk", "iskt", "sam", "samt")))
    return False


def _is_clause(words: list[str], language: str) -> bool:
    lows = [w.lower() for w in words]
    finite = _set(language, "finite")
    if not lows:
        return False
    if lows[0] in {"du", "vi", "jag", "you", "we", "i"}:
        return True
    adjectives = _set(language, "adjectives")
    for word in lows[1:5]:
        if word in _RELATIVES:
            return False
        if word in finite and word not in adjectives:  # "strukturerade svar" is not a clause
            return True
    # "budgeten räckte inte", "the budget covered": a definite noun and a verb-like second word.
    if len(lows) > 1:
        verb_like = lows[1].endswith(("ade", "de", "te", "ar", "er"))
        if language == "sv" and lows[0].endswith(("en", "et", "na")) and verb_like:
            return True
        if language == "en" and lows[0] in {"the", "our", "this"} and any(w.endswith("ed") for w in lows[2:4]):
            return True
    return False


def weak_sv(adjective: str) -> str:
    """Return a Swedish adjective's form after a possessive: 'tydlig' -> 'tydliga' (din tydliga ...)."""
    lw = adjective.lower()
    irregular = {"god": "goda", "gott": "goda", "liten": "lilla", "litet": "lilla", "bra": "bra"}
    if lw in irregular:
        return irregular[lw]
    if lw.endswith(("a", "e")) or lw in _set("sv", "intensifiers"):
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


def _split_item(item: str, language: str) -> tuple[int, list[str]]:
    """Return how many leading words of a listed point are adjectives ('lugn och strukturerad'), and its words."""
    words = _WORD.findall(item)
    lows = [w.lower() for w in words]
    adjectives, intensifiers = _set(language, "adjectives"), _set(language, "intensifiers")

    def is_adj(k: int) -> bool:
        return k < len(lows) and (lows[k] in adjectives or lows[k] in intensifiers)

    n_adj = 0
    while is_adj(n_adj) or (n_adj and lows[n_adj : n_adj + 1] in (["och"], ["and"]) and is_adj(n_adj + 1)):
        n_adj += 1
    if n_adj == 0 and _starts_with_adjective(words, language):
        n_adj = 1
    return n_adj, words


def _is_predicate(item: str, language: str) -> bool:
    """Return True for a point that describes the candidate ('stark i Excel'), not a thing they did."""
    n_adj, words = _split_item(item, language)
    lows = [w.lower() for w in words]
    return n_adj > 0 and (n_adj == len(lows) or lows[n_adj] in _set(language, "prepositions"))


def _group_predicates(items: list[str], language: str) -> list[str]:
    """Join neighbouring bare descriptions: 'strukturerad', 'positiv' -> 'strukturerad och positiv'."""
    grouped: list[list[str]] = []
    for item in items:
        if grouped and _is_predicate(item, language) and _is_predicate(grouped[-1][-1], language):
            grouped[-1].append(lower_first(item, language))
        else:
            grouped.append([item])
    return [join_items(tuple(g), language) for g in grouped]


def _item_phrase(item: str, language: str) -> str:
    """Turn a listed point that names a thing into a possessive noun phrase: 'bra case' -> 'ditt bra case'."""
    n_adj, words = _split_item(item, language)
    if not words:
        return item
    if words[0].lower() in _set(language, "determiners"):
        return lower_first(item, language)
    if language == "en":
        det = "the" if "you" in (w.lower() for w in words) else "your"
        return f"{det} {lower_first(item, language)}"
    head = words[n_adj] if n_adj < len(words) else words[-1]
    rest = item[item.find(head) :] if n_adj < len(words) else ""
    adjectives = " ".join(w.lower() if w.lower() == "och" else weak_sv(w) for w in words[:n_adj])
    return " ".join(p for p in (possessive_sv(head), adjectives, rest or lower_first(item, language)) if p)


def _item_clause(item: str, language: str) -> str:
    """Turn one listed point into a small clause: 'stark i Excel' -> 'du var stark i Excel'."""
    n_adj, words = _split_item(item, language)
    text = lower_first(item, language)
    if _is_predicate(item, language):
        return f"{'du var' if language == 'sv' else 'you were'} {text}"
    if n_adj and n_adj < len(words):
        adj = " ".join(words[:n_adj]).lower()
        rest = item[item.find(words[n_adj]) :]
        if language == "sv":
            return f"{possessive_sv(words[n_adj])} {rest} var {adj}"
        plural = words[n_adj].lower().endswith("s") or rest.lower() in grammar("en")["nouns"]["plural"]
        return f"your {rest} {'were' if plural else 'was'} {adj}"
    if _is_clause(words, language):
        return text
    return f"{_item_phrase(item, language)} {'stack ut' if language == 'sv' else 'stood out'}"


def trimmed(field: str, text: str, language: str) -> str:
    """Return a note as one line; a highlight ends where a shortcoming starts ('..., men ...')."""
    flat = " ".join(text.split()).strip(" -*•·–—>")
    if field == "highlights":
        low = flat.lower()
        cuts = [low.find(cut) for cut in grammar(language)["words"]["shortcoming_cut"] if low.find(cut) > 0]
        if cuts:
            flat = flat[: min(cuts)]
    return flat.rstrip(" .!?;:,…")


def read_note(field: str, text: str, language: str, names: tuple[str, ...] = ()) -> Note | None:
    """Return the note in second person with its shape, or None when nothing usable is left."""
    lex = grammar(language)["words"]
    flat = trimmed(field, text, language)
    if not flat:
        return None
    flat = second_person(flat, language, names)
    words = _WORD.findall(flat)
    if not words:
        return None
    first = words[0].lower()
    if first in lex["finite"] and first not in lex["imperative"]:
        flat = ("du " if language == "sv" else "you ") + lower_first(flat, language)
        words = _WORD.findall(flat)
    second = words[1].lower() if len(words) > 1 else ""
    unlisted = language == "sv" and first.endswith("a") and second in lex["imperative_followers"]
    if field == "feedback" and (first in lex["imperative"] or unlisted) and first not in {"du", "you"}:
        return Note(field, "imperative", flat)
    if _is_clause(words, language):
        return Note(field, "clause", flat)
    if first in {"din", "ditt", "dina", "your"}:
        return Note(field, "possessive", flat)
    items = [i for i in _ITEM_SPLIT.split(flat) if i.strip()]
    bare_words = lex["adjectives"] + lex["intensifiers"] + ["och", "and"]
    if _starts_with_adjective(words, language) and all(
        all(w.lower() in bare_words for w in _WORD.findall(i)) for i in items
    ):
        return Note(field, "adjectives", join_items(tuple(items), language))
    if any(_is_predicate(i, language) for i in items):
        return Note(field, "mixed", flat, tuple(_item_clause(i, language) for i in _group_predicates(items, language)))
    if len(items) > 1 or _starts_with_adjective(words, language):
        return Note(field, "nouns", flat, tuple(_item_phrase(i, language) for i in items))
    return Note(field, "noun", flat)


def join_items(items: tuple[str, ...], language: str) -> str:
    """Join clauses as a list: 'a, b och c'."""
    conj = " och " if language == "sv" else " and "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + conj + items[-1]
