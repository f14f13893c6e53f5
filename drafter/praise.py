"""A recruiter's highlights as praise a candidate can read: listed points sorted by what they are.

Recruiters list highlights as fragments ("Händig, trevlig, bra med kunderna", "organised, warm,
quick learner", "Bra kodtest, tydliga commits, lite tunt på databaser"). Pasting such a list into
one sentence frame breaks it ("din trevlig", "your Accurate"), and a shortcoming in the list turns
into praise. Here each point is read on its own:

- a shortcoming ("lite tunt på databaser", "a bit quiet") is left out of the praise;
- a description of the candidate ("trevlig", "bra med kunderna", "a quick learner") goes into
  "we saw you as ...";
- a credential ("utbildad tolk", "certified in ...") goes into "that you are ...";
- a thing they did or have ("bra case", "deep AWS knowledge") gets a possessive ("ditt bra case");
- time in a trade ("6 år", "15 yrs in construction") keeps its digits in a frame of its own;
- names of tools or systems ("Fortnox o Visma") share one "din vana vid ..." phrase;
- a step of the process ("2nd interview + seminar") and what follows a "but" after praise are left out.

Word lists and endings live in `composer_templates/grammar_<language>.toml` ([praise]).
`praise` returns None for a note it cannot read as such a list (a clause, a sentence); the
composer's note frames (`drafter/notes.py`) handle those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from drafter.grammar import WORD, grammar, join_items, known_word, possessive_sv, weak_sv, word_set
from drafter.notes import is_clause
from drafter.other_language import confidence, other

# A dot after these abbreviations ends no point: "6 yrs incl. a big repertory theatre".
_ABBREVIATIONS = ("inkl", "incl", "t.ex", "e.g", "i.e", "bl.a", "ca", "approx", "v.g")
_NOT_AFTER = "".join(rf"(?<!\b{re.escape(a)})" for a in _ABBREVIATIONS)
_ITEM_SPLIT = re.compile(
    r"\s*[,;]\s*|\s*:\s+|" + _NOT_AFTER + r"\s*[.!?]\s+|"
    r"\s+[–—+-]\s+|\s*\(|\)\s*|(?<!-)(?<!\batt\s\w\w)(?<!\batt\s\w\w\w)(?<!\batt\s\w\w\w\w)(?<!\bto\s\w\w)"
    r"(?<!\bto\s\w\w\w)(?<!\bto\s\w\w\w\w)\s+(?:och|and|samt|plus)\s+(?=[^\s,;.!?]+\s+[^\s,;.!?])"
)
# An "and" after an infinitive of up to four letters joins a second one: "lätt att ha och göra med".
# A point counts as the other language's when lingua is at least this sure, and this many times surer
# than of the letter's language ("strong clinical pharmacology" in a Swedish letter; "social" is both).
_FOREIGN_SURE = 0.45
_FOREIGN_RATIO = 3.0
# Sentences: a 'but' turns the rest of its sentence into a weakness, never the next sentence.
_SENTENCE = re.compile("".join(rf"(?<!\b{re.escape(a)}\.)" for a in _ABBREVIATIONS) + r"(?<=[.!?;])\s+")
# "6 år", "15 yrs in construction", "20+ years": time in a trade, which a possessive frame garbles ("din 6a år").
# "samordnare 3 år", "Python 5 yrs": the time after what it was spent on.
_YEARS_AFTER = re.compile(
    r"^(?P<rest>[^\d]*[^\W\d]\s+)(?P<n>\d{1,2})\s*(?P<plus>\+)?\s*(?P<unit>år|yrs?|years?)\.?$", re.IGNORECASE
)
_YEARS = re.compile(r"^(?P<n>\d{1,2})\s*(?P<plus>\+)?\s*(?:år|års|yrs?|years?)\b\.?\s*(?P<rest>.*)$", re.IGNORECASE)


@dataclass
class Praise:
    """A highlight note sorted into what the candidate is, has shown, and is qualified as."""

    traits: list[str] = field(default_factory=list)  # "trevlig", "bra med kunderna", "en duktig snickare"
    things: list[str] = field(default_factory=list)  # "ditt bra case", "your deep AWS knowledge"
    credentials: list[str] = field(default_factory=list)  # "utbildad teckenspråkstolk"
    deeds: list[str] = field(default_factory=list)  # "klarade rollspelet", "asked sharp questions"
    tools: list[str] = field(default_factory=list)  # "Fortnox", "Power BI": one "din vana vid ..." for all


def _lex(language: str) -> dict[str, Any]:
    return grammar(language)["praise"]


def is_shortcoming(item: str, language: str) -> bool:
    """Return True for a point that names a weakness ('lite tunt på databaser', 'a bit quiet')."""
    low = f" {' '.join(WORD.findall(item.lower()))} "
    return any(f" {marker} " in low for marker in _lex(language)["shortcoming"])


def is_foreign(item: str, language: str) -> bool:
    """Return True for a point written in the other language: its words take no Swedish (or English) endings.

    Notes mix languages ("strong clinical pharmacology" in a Swedish letter); inflected as the letter's
    language they turn to nonsense ("din stronga clinicala"), so such a point is left out of the praise.
    """
    if all(known_word(w, language) for w in WORD.findall(item)):
        return False
    sure = confidence(item)
    if sure is None:
        return False
    foreign = sure[other(language)]
    return foreign >= _FOREIGN_SURE and foreign > _FOREIGN_RATIO * sure[language]


def is_adjective(word: str, language: str) -> bool:
    """Return True for a word that describes a person: listed, or by its ending ('händig', 'analytical')."""
    lw = word.lower()
    lex = _lex(language)
    if lw in word_set(language, "adjectives") or lw in lex["adjectives"]:
        return True
    if lw in lex["not_adjectives"] or len(lw) < lex["min_ending_length"] or _is_person_noun(lw, language):
        return False
    if lw.endswith(tuple(lex["noun_endings"])):
        return False
    return lw.endswith(tuple(lex["adjective_endings"]))


def _prepositions(language: str) -> frozenset[str]:
    """Return the words that end a noun phrase's head: the shared prepositions and praise's own."""
    return word_set(language, "prepositions") | frozenset(_lex(language)["more_prepositions"])


def _is_person_noun(word: str, language: str) -> bool:
    lw = word.lower()
    lex = _lex(language)
    return lw in lex["person_nouns"] or (len(lw) > 4 and lw.endswith(tuple(lex["person_endings"])))


def _lower_label(item: str, language: str) -> str:
    """Lowercase a label's first letter ('Deep AWS knowledge'), never an acronym or a proper noun."""
    first = WORD.match(item)
    if not first:
        return item
    word = first.group(0)
    if word.isupper() or any(c.isupper() for c in word[1:]) or word.lower() in _lex(language)["proper"]:
        return item
    return item[:1].lower() + item[1:]


def _article(phrase: str, language: str) -> str:
    if language == "sv":
        return "en"
    return "an" if phrase[:1].lower() in "aeiou" else "a"


def _is_deed(lows: list[str], language: str) -> bool:
    """Return True for a point that opens with what the candidate did ('klarade rollspelet', 'asked good questions')."""
    if len(lows) < 2 or lows[0] in word_set(language, "adjectives"):
        return False
    first = lows[0]
    if language == "sv":
        lex = _lex("sv")
        return (
            first.endswith(("ade", "erade"))
            or first in lex["deed_verbs"]
            or (first.endswith("ar") and lows[1] in lex["deed_followers"])
        )
    lex = _lex("en")
    # "worked in a hotel kitchen", "coordinated 20+ languages": a past verb that is not a listed
    # describing word did something; "experienced in X" describes.
    listed = (
        first in word_set(language, "adjectives") or first in lex["adjectives"] or first in lex["participle_traits"]
    )
    return (first.endswith("ed") and not listed) or first in lex["deed_verbs"]


def _is_definite_clause(lows: list[str], language: str) -> bool:
    """Return True for 'energin smittar': a definite noun and a present or past verb."""
    return (
        language == "sv" and len(lows) == 2 and lows[0].endswith(("n", "t")) and lows[1].endswith(("ar", "er", "ade"))
    )


def _head(lows: list[str], start: int, language: str) -> int:
    """Return the index of a noun phrase's head: the last word before a preposition, or the last word."""
    preps = _prepositions(language)
    for k in range(start, len(lows)):
        if lows[k] in preps:
            return max(start, k - 1)
    return len(lows) - 1


def _untitled(words: list[str], head: int) -> int:
    """Return the head before trailing titles: "arkitekt SAR/MSA" is an architect, "MSA" a title."""
    k = head
    while k > 0 and (words[k].isupper() or not words[k].isalpha()):
        k -= 1
    return k if k < head and words[k].islower() else head


def _possessive_phrase(words: list[str], text: str, language: str) -> str:
    """Give a Swedish noun phrase its possessive and weak adjectives.

    'mycket väl genomfört arbetsprov' -> 'ditt mycket väl genomförda arbetsprov'.
    """
    lows = [w.lower() for w in words]
    # "eget verktyg och körkort": the possessive agrees with the first noun of a coordination.
    cut = lows.index("och") if "och" in lows[1:] else len(lows)
    head = min(_head(lows[:cut], 0, language), max(0, cut - 1))
    # Acronyms and names after a noun are its titles: "arkitekt SAR/MSA" is an architect.
    head = _untitled(words, head)
    keep = word_set(language, "intensifiers") | set(_lex(language)["adverbs"]) | set(_lex(language)["indeclinable"])
    # A name, a number or a conjunction before the head stays as written; a describing word takes the weak form.
    modifiers = " ".join(
        words[k]
        if lows[k] in keep
        or words[k][:1].isupper()
        or not words[k].isalpha()
        or lows[k].endswith(tuple(_lex(language)["noun_endings"]))
        else weak_sv(words[k])
        for k in range(head)
    )
    tail = text[text.find(words[head]) :] if head < len(words) else ""
    # "3 säsonger på en stadsteater": a number above one before the head makes it plural.
    many = any(w.isdigit() and int(w) > 1 for w in words[:head])
    return " ".join(p for p in ("dina" if many else possessive_sv(words[head]), modifiers, tail) if p)


def _years_phrase(m: re.Match[str], language: str) -> str:
    """'6 år' -> 'dina 6 års erfarenhet', '15 yrs in construction' -> 'your 15 years in construction'.

    The number stays in digits, as the recruiter wrote it (a number word is a claim the request lacks).
    """
    lex = _lex(language)
    n, rest = int(m.group("n")), m.group("rest").strip(" .")
    number = lex["more_than"].format(n=n) if m.group("plus") else str(n)
    words = rest.split()
    preps = _prepositions(language) | {"som", "as"}
    if not rest:
        key = "years_alone"
    elif words[0].lower() in lex["incl_words"] and len(words) > 1:
        key, rest = "years_incl", rest.split(None, 1)[1]  # "6 yrs incl. a big repertory theatre"
    elif words[0].lower() in preps:
        key = "years_with"
    elif len(words) == 1 and (words[0].isupper() or words[0][:1].isupper()):
        key = "years_in"  # "1 yr UK", "3 år Dagab"
    elif any(w.lower().endswith(tuple(lex["experience_nouns"])) for w in words):
        key = "years_own"  # "25 år branscherfarenhet", "4 yrs surgical experience"
    else:
        key = "years_of"
    if n == 1 and not m.group("plus"):
        key += "_one"
    return lex[key].format(n=number, rest=rest)


def _is_process(lows: list[str], language: str) -> bool:
    """Return True for a point that names a step of the process, not the candidate ('2nd interview + seminar')."""
    lex = _lex(language)
    praise_words = word_set(language, "adjectives") | set(lex["adjectives"])
    return any(w in lex["process"] for w in lows) and not any(w in praise_words for w in lows)


def _classify(item: str, language: str) -> tuple[str, str] | None:
    """Return (kind, phrase) for one listed point, or None when it cannot be read as a label."""
    words = WORD.findall(item)
    if not words:
        return None
    lows = [w.lower() for w in words]
    after = _YEARS_AFTER.match(item.strip())
    if after and after.group("rest").split()[-1].lower() in _prepositions(language):
        return None  # "Fluent Swedish learned in 2 yrs": how long a deed took, which a years frame garbles
    if after:
        rest = after.group("rest").strip()
        person = _is_person_noun(rest.split()[-1].lower(), language)
        link = ("som " if language == "sv" else f"as {_article(rest, language)} ") if person else ""
        item = f"{after.group('n')}{after.group('plus') or ''} {after.group('unit')} {link}{rest}"
    years = _YEARS.match(item.strip())
    if years:
        return "thing", _years_phrase(years, language)
    if len(words) == 1 and words[0].isupper() and len(words[0]) >= 7:
        return None  # "JÄTTEBRA": shouted praise, no point of its own
    if _is_process(lows, language) or lows[-1] in _lex(language)["manner"]:
        return None  # a step of the process, or the tail of a split clause ("ABT06 well")
    if _is_names(words, language) and not any(w.lower() in _lex(language)["person_nouns"] for w in words):
        return "tool", item.strip()
    text = _lower_label(item, language)
    if len(lows) > 2 and is_adjective(lows[0], language) and lows[1] in {"att", "to"}:
        return "trait", text  # "snabb att lära sig kassan", "quick to learn": the trait and what it is for
    intens = word_set(language, "intensifiers")
    n = 0
    while n < len(lows) and (lows[n] in intens or is_adjective(lows[n], language) or (n and lows[n] in {"och", "and"})):
        n += 1
    if _is_deed(lows, language):
        return "deed", text
    present: dict[str, str] = _lex(language).get("present_deeds", {})
    if lows[0] in present and len(lows) > 1:
        return "deed", present[lows[0]] + text[len(words[0]) :]  # "knows AMA well" -> "know AMA well"
    if lows[0] in {"du", "vi", "jag", "you", "we", "i"} or any(w in word_set(language, "finite") for w in lows):
        return None
    if len(lows) > 1 and (
        lows[0] in _lex(language)["clause_openers"] or lows[0].endswith(tuple(_lex(language)["passive"]))
    ):
        return None  # "det lär man sig", "uppskattades av enhetschef": a clause, not a label
    if n == 0 and (is_clause(words, language) or _is_definite_clause(lows, language)):
        return None
    if lows[0] in _lex(language)["credential"]:
        return "credential", text
    preps = _prepositions(language)
    if n and (n == len(lows) or lows[n] in preps):
        return "trait", text  # "trevlig", "stark i Excel", "very strategic"
    head = _untitled(words, _head(lows, n, language))
    if _is_person_noun(lows[head], language):
        if n == 0 and language == "sv":
            return "credential", text  # "jägmästare med lång erfarenhet"
        if lows[0] in word_set(language, "determiners") | {"a", "an", "en", "ett"}:
            return "trait", text
        return "trait", f"{_article(text, language)} {text}"  # "a quick learner", "en duktig snickare"
    if n == 0 and is_adjective(lows[-1], language) and len(lows) > 1:
        if language == "en" and not any(w in word_set(language, "finite") for w in lows):
            # "writing sample very clean" -> "your very clean writing sample": the state before its noun.
            k = len(lows) - 1
            while k > 1 and lows[k - 1] in intens:
                k -= 1
            noun, state = " ".join(words[:k]), " ".join(w.lower() for w in words[k:])
            if noun and not any(is_adjective(w, language) for w in lows[:k]):
                return "thing", f"your {state} {_lower_label(noun, language)}"
        return None  # "ALB klar": a state, not a thing to praise with a possessive
    if lows[0] in word_set(language, "determiners"):
        return "thing", text
    if language == "en":
        return "thing", f"your {text}"
    return "thing", _possessive_phrase(WORD.findall(text), text, language)


def _drop_turns(text: str, language: str) -> str:
    """Cut each sentence at its first 'but'/'men' after praise: what follows is the weakness it turns to.

    After a weakness ('avbryter gärna – men energisk') the turn goes the other way, and what follows stays.
    """
    cuts = grammar(language)["words"]["shortcoming_cut"]
    kept = []
    for sentence in _SENTENCE.split(text):
        low = f" {sentence.lower()} "
        hits = [(low.find(c), c) for c in cuts if c in low]
        if not hits:
            kept.append(sentence)
            continue
        at, cut = min(hits, key=lambda hit: hit[0])  # the earliest; at a tie, the first listed
        before = sentence[: max(0, at - 1)]
        points = [p for p in _ITEM_SPLIT.split(before) if p and p.strip(" .:!")]
        turned_from_weakness = bool(points) and is_shortcoming(points[-1], language)
        kept.append(f"{before}, {sentence[at - 1 + len(cut) :]}" if turned_from_weakness else before)
    return ". ".join(k for k in kept if k.strip())


def _is_names(words: list[str], language: str) -> bool:
    """Return True for a point of names only ('Fortnox och Visma', 'AMA, ABT06')."""
    proper = set(_lex(language)["proper"])
    names = [w for w in words if w.lower() not in {"och", "and"}]

    def is_name(w: str) -> bool:
        if w.isupper() and (
            len(w) >= 7 or (len(w) > 4 and (is_adjective(w.lower(), language) or known_word(w.lower(), language)))
        ):
            return False  # "JÄTTEBRA" is shouted praise, not a product: acronyms are short
        if w.lower() in proper or (len(w) > 1 and w.isupper()) or (any(c.isdigit() for c in w) and not w.isdigit()):
            return True  # a product, an acronym, a standard ("AMA", "ABT06")
        # A capital may only open the note ("Händig"): a describing or known word is not a name.
        return w[:1].isupper() and not is_adjective(w, language) and not known_word(w, language)

    return bool(names) and all(is_name(w) for w in names)


def _unlink(item: str, language: str) -> str:
    """Drop a link word opening a point ('så van vid tunga lyft') and the interviewer's reaction ('loved her story')."""
    lex = _lex(language)
    for lead in (*lex["leading_links"], *lex["reactions"]):
        if item.lower().startswith(lead + " ") and len(item) > len(lead) + 1:
            return item[len(lead) + 1 :].strip()
    return item


def praise(text: str, language: str) -> Praise | None:
    """Sort a listed highlight into traits, things and credentials; None when it is not a list of labels.

    A short clause among labels ("energin smittar") is left out rather than pasted; a note that is
    mostly sentences is not a list, and the composer's note frames take it.
    """
    items = [
        _unlink(i.strip(" .:!"), language)
        for i in _ITEM_SPLIT.split(_drop_turns(text, language))
        if i and i.strip(" .:!")
    ]
    out = Praise()
    unread = 0
    incl = set(_lex(language)["incl_words"])
    for item in items:
        if is_shortcoming(item, language) or item.split()[0].lower() in incl:
            continue  # a weakness; the tail of a point ("incl the tricky save-state one")
        kind = _classify(item, language)
        if (kind is None or kind[0] != "tool") and is_foreign(item, language):
            continue
        if kind is None:
            words = [w.lower() for w in WORD.findall(item)]
            if len(words) <= 4 and len(items) > 1 and words[0] not in {"du", "you", "vi", "we"}:
                continue
            unread += 1
            continue
        getattr(out, kind[0] + "s").append(kind[1])
    # A clause among more labels is left out (pasted, its grammar breaks the list); a note that is mostly
    # clauses is not a list, and the composer's note frames take it whole.
    read = sum(len(kind) for kind in (out.traits, out.things, out.credentials, out.deeds, out.tools))
    if unread and unread >= read:
        return None
    return out  # empty when every point was a shortcoming: nothing to praise, not a sentence to paste


def praise_body(p: Praise, language: str) -> dict[str, str]:
    """Return each kind's phrase, joined as a list ('händig, trevlig och bra med kunderna')."""
    things = p.things + ([_lex(language)["tools"].format(x=join_items(tuple(p.tools), language))] if p.tools else [])
    conj = " och " if language == "sv" else " and "
    # "punktlig" + "lugn och trevlig": one list, not "punktlig och lugn och trevlig".
    traits = [part for t in p.traits for part in (t.split(conj) if len(p.traits) > 1 else [t])]
    joined = {
        "traits": join_items(tuple(traits), language),
        "things": join_items(tuple(things), language),
        "credentials": join_items(tuple(p.credentials), language),
        "deeds": join_items(tuple(p.deeds), language),
    }
    return {k: v for k, v in joined.items() if v}
