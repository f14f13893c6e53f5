"""A recruiter's note (highlights, reason, feedback) read as grammar, so it can become one sentence.

Recruiters write notes as labels ("Noggrann och serviceinriktad", "stark i Excel, bra case"), as
third-person remarks ("hon visade ...", "she showed ...", "hade kunnat förbereda caset bättre") or as
sentences to the candidate. `read_note` turns the note into second person and says what shape it
has; the composer then frames each shape with a sentence pattern from its phrasebook. The word
lists live in `composer_templates/grammar_<language>.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from drafter.grammar import (
    WORD,
    agree_verbs_en,
    grammar,
    join_items,
    lower_first,
    possessive_sv,
    second_person,
    weak_sv,
    word_set,
)

Shape = Literal["possessive", "clause", "imperative", "adjectives", "mixed", "nouns", "noun"]

_ITEM_SPLIT = re.compile(r"\s*[,;.!?]\s+|\s*[,;]\s*")
_RELATIVES = {"som", "när", "där", "hur", "att", "vilken", "vilket", "who", "that", "which", "when", "how", "where"}


@dataclass(frozen=True)
class Note:
    """A note in second person, with the grammatical shape its frame depends on."""

    field: str
    shape: Shape
    text: str  # no trailing punctuation; the first letter as written (see `lower_first`)
    items: tuple[str, ...] = ()  # for `mixed`: one small clause per listed point


def _starts_with_adjective(words: list[str], language: str) -> bool:
    adjectives, intensifiers = word_set(language, "adjectives"), word_set(language, "intensifiers")
    for word in words:
        lw = word.lower()
        if lw in intensifiers:
            continue
        return lw in adjectives or (language == "sv" and lw.endswith(("ig", "igt", "isk", "iskt", "sam", "samt")))
    return False


# A finite verb this far into a note makes it a clause (a longer run before it is a noun phrase).
CLAUSE_REACH = 8


def is_clause(words: list[str], language: str) -> bool:
    lows = [w.lower() for w in words]
    finite = word_set(language, "finite")
    if not lows:
        return False
    if lows[0] in {"du", "vi", "jag", "you", "we", "i"}:
        return True
    adjectives = word_set(language, "adjectives")
    if language == "en" and _english_verb_later(lows):
        return True
    # A subject of a few words comes first: "en av våra timanställda pedagoger fick tjänsten".
    for word in lows[1:CLAUSE_REACH]:
        if word in _RELATIVES:
            return False
        if word in finite and word not in adjectives:  # "strukturerade svar" is not a clause
            return True
        if language == "sv" and len(word) >= 6 and word.endswith(("ades", "des", "tes")) and word not in adjectives:
            return True  # a past passive: "annan valdes", "tjänsten tillsattes internt"
    # "budgeten räckte inte", "the budget covered": a definite noun and a verb-like second word.
    if len(lows) > 1:
        verb_like = lows[1].endswith(("ade", "de", "te", "ar", "er"))
        if language == "sv" and lows[0].endswith(("en", "et", "na")) and verb_like:
            return True
        if language == "en" and lows[0] in {"the", "our", "this"} and any(w.endswith("ed") for w in lows[2:4]):
            return True
    return False


def _english_verb_later(lows: list[str]) -> bool:
    """Return True for 'the application for X through Y is worth ...' or 'your diagram ignored cost'.

    A long noun phrase pushes the verb past the first words; an auxiliary or a past tense after a
    noun (not after 'the', 'a', 'your') still makes the note a statement, not a label.
    """
    auxiliaries = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "should", "did"}
    determiners = word_set("en", "determiners") | {"the", "a", "an", "your", "my", "our", "very", "more"}
    for k in range(1, min(len(lows), 12)):
        if lows[k] in _RELATIVES:
            return False
        if lows[k] in auxiliaries or (lows[k].endswith("ed") and len(lows[k]) > 4 and lows[k - 1] not in determiners):
            return True
    return False


def _split_item(item: str, language: str) -> tuple[int, list[str]]:
    """Return how many leading words of a listed point are adjectives ('lugn och strukturerad'), and its words."""
    words = WORD.findall(item)
    lows = [w.lower() for w in words]
    adjectives, intensifiers = word_set(language, "adjectives"), word_set(language, "intensifiers")

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
    return n_adj > 0 and (n_adj == len(lows) or lows[n_adj] in word_set(language, "prepositions"))


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
    if words[0].lower() in word_set(language, "determiners"):
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
    if is_clause(words, language):
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
    words = WORD.findall(flat)
    if not words:
        return None
    first = words[0].lower()
    if first in lex["finite"] and first not in lex["imperative"]:
        # "valde någon med ..." in a reason is the company's choice; elsewhere it is the candidate's doing.
        we = field == "reason"
        subject = ("vi " if we else "du ") if language == "sv" else ("we " if we else "you ")
        flat = subject + lower_first(flat, language)
        if language == "en" and not we:
            flat = agree_verbs_en(flat)  # "knows AMA well" -> "you know AMA well"
        words = WORD.findall(flat)
    second = words[1].lower() if len(words) > 1 else ""
    unlisted = language == "sv" and first.endswith("a") and second in lex["imperative_followers"]
    if field == "feedback" and (first in lex["imperative"] or unlisted) and first not in {"du", "you"}:
        return Note(field, "imperative", flat)
    if is_clause(words, language):
        return Note(field, "clause", flat)
    if first in {"din", "ditt", "dina", "your"}:
        return Note(field, "possessive", flat)
    items = [i for i in _ITEM_SPLIT.split(flat) if i.strip()]
    bare_words = lex["adjectives"] + lex["intensifiers"] + ["och", "and"]
    if _starts_with_adjective(words, language) and all(
        all(w.lower() in bare_words for w in WORD.findall(i)) for i in items
    ):
        return Note(field, "adjectives", join_items(tuple(items), language))
    if any(_is_predicate(i, language) for i in items):
        return Note(field, "mixed", flat, tuple(_item_clause(i, language) for i in _group_predicates(items, language)))
    if len(items) > 1 or _starts_with_adjective(words, language):
        return Note(field, "nouns", flat, tuple(_item_phrase(i, language) for i in items))
    return Note(field, "noun", flat)


def _with_possessive(text: str, language: str) -> str:
    """Give a bare noun phrase its possessive: 'erfarenhet av X' -> 'din erfarenhet av X'."""
    words = text.split()
    lex = grammar(language)["words"]
    if not words or words[0].lower() in lex["determiners"]:
        return lower_first(text, language)
    if language == "sv":
        head = words[0].strip(",.")
        return f"{possessive_sv(head)} {lower_first(text, language)}"
    det = "the" if "you" in (w.lower() for w in words) else "your"
    return f"{det} {lower_first(text, language)}"


def _att_clause(text: str) -> str | None:
    """Return a Swedish main clause 'du hade inte ...' as its att-clause order 'du inte hade ...', or None."""
    if re.search(r"[.!?]\s", text):
        return None
    words = text.split(" ")
    adverbs = grammar("sv")["words"]["sentence_adverbs"]
    if len(words) < 2 or words[0].lower() != "du":
        return None
    n = 2
    while n < len(words) and words[n].lower() in adverbs:
        n += 1
    return " ".join([words[0], *words[2:n], words[1], *words[n:]])


def frame(note: Note, language: str) -> tuple[str, str]:
    """Return the frame key and the note text to put in it."""
    field, shape, text = note.field, note.shape, note.text
    we = text.split(" ", 1)[0].lower() in {"vi", "jag", "we", "i"}
    if field == "highlights":
        if shape == "noun":
            return "possessive", _with_possessive(text, language)
        if shape == "mixed":
            # "att du var stark i Excel och att ditt case var bra": each point keeps its own att.
            that = "att " if language == "sv" else "that "
            return "mixed", join_items((note.items[0], *(that + i for i in note.items[1:])), language)
        if shape == "nouns":
            return "possessive", join_items(note.items, language)
        if shape in ("clause", "imperative"):
            return ("clause_we" if we else "clause"), text
        return shape, text
    if field == "reason":
        return ("clause", text) if shape == "clause" else ("noun", text)
    if shape == "imperative":
        return "imperative", text
    if shape == "clause":
        if language == "en":
            return "clause", text
        att = _att_clause(text)
        return ("clause", att) if att else ("clause_main", text)
    if _comparative(text, language):
        return "comparative", text
    return "noun", text


def _comparative(text: str, language: str) -> bool:
    """Return True for feedback such as 'tydligare i svaren' or 'mer konkret' (not 'mer konkreta exempel')."""
    words = [w.lower() for w in text.split()]
    lex = grammar(language)["words"]
    if words[0] in {"mer", "more"}:
        words = words[1:]
        if not words or words[0] not in lex["adjectives"]:
            return False
    elif not (len(words[0]) > 5 and words[0].endswith(("are", "er"))):
        return False
    return len(words) == 1 or words[1] in lex["prepositions"]
