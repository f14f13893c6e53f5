"""Attribution: is a protected-ground term about the candidate, or about the job's subject matter?

A term counts when it is said about the candidate (a possessive or subject right before it, the
candidate's name, the hire's profile, the fit, a reason said to them). A term of a ground the job
itself is about (found in the role, company or highlights), or one that describes the people the
job serves ("pregnant patients"), does not count unless it is tied to the candidate.
"""

from __future__ import annotations

import re
from functools import cache

from guardrails import lexicon, morph
from guardrails.text import Doc, Token

LEX = "attribution"
# How many words a possessive or a subject reaches ("your recent knee injury", "you told us you hurt").
POSSESSIVE_REACH = 3
SUBJECT_REACH = 4
DEFINITE_SV = ("na", "en", "et")
PARTICIPLE_ENDS = {"sv": ("at", "it", "tt", "ft"), "en": ("ed", "ght", "en", "ne")}


@cache
def words(key: str, language: str) -> frozenset[str]:
    """Return one word list of the attribution lexicon for a language."""
    return frozenset(str(w).lower() for w in lexicon.load(LEX).get(key, {}).get(language, []))


@cache
def stemmed(key: str, language: str) -> frozenset[str]:
    """Return one word list of the attribution lexicon as Snowball stems."""
    return frozenset(morph.stem(w, language) for w in words(key, language))


@cache
def phrases(key: str, language: str) -> re.Pattern[str]:
    """Return one phrase list of the attribution lexicon, compiled (run on `Doc.lower`)."""
    values = lexicon.load(LEX).get(key, {}).get(language, [])
    return lexicon.compile_any(list(values), where=f"{LEX}.{key}.{language}")


def _reach(doc: Doc, tokens: list[Token], index: int, key: str, reach: int, language: str) -> str | None:
    """Return the `key` word governing token `index`, looking back at most `reach` words in its sentence."""
    wanted = words(key, language)
    stops = words("stops", language)
    sent_start, _ = doc.sentence_at(tokens[index].start)
    for back in range(1, reach + 1):
        j = index - back
        if j < 0 or tokens[j].start < sent_start:
            return None
        word = tokens[j].text.lower()
        if word in wanted:
            return word
        if word in stops and not (j > 0 and tokens[j - 1].text.lower() in words("transparent", language)):
            return None  # "your history OF back trouble" still reaches; "your classes FOR parents" does not
    return None


def _after_profile(doc: Doc, tokens: list[Token], index: int, language: str) -> bool:
    """Return True when the term closely follows a hire-profile phrase ("someone who is ...", "någon som är ...")."""
    sent_start, _ = doc.sentence_at(tokens[index].start)
    ends = {m.end() for m in phrases("profile_phrases", language).finditer(doc.lower, sent_start, tokens[index].start)}
    if not ends:
        return False
    linkers = words("linkers", language)
    for back in range(1, SUBJECT_REACH + 1):
        j = index - back
        if j < 0 or tokens[j].start < sent_start:
            return False
        if tokens[j].end in ends:
            return True
        if tokens[j].text.lower() not in linkers:
            return False
    return False


def praise_sentence(doc: Doc, pos: int, language: str) -> bool:
    """Return True when the sentence of `pos` only praises the candidate's work."""
    start, end = doc.sentence_at(pos)
    if not phrases("praise_phrases", language).search(doc.lower, start, end):
        return False
    return not phrases("turn_phrases", language).search(doc.lower, start, end)


def fit_sentence(doc: Doc, pos: int, language: str) -> bool:
    """Return True when the sentence of `pos` is about the team's make-up or the fit ("a bunch of lads")."""
    start, end = doc.sentence_at(pos)
    return bool(phrases("fit_phrases", language).search(doc.lower, start, end))


def first_name_before(doc: Doc, tokens: list[Token], index: int) -> bool:
    """Return True when the candidate's first name stands right before the term ("Sara's pregnancy")."""
    name = (doc.context.candidate_name or "").split()
    if not name:
        return False
    first = name[0].lower()
    sent_start, _ = doc.sentence_at(tokens[index].start)
    for j in range(max(0, index - POSSESSIVE_REACH), index):
        if tokens[j].start >= sent_start and tokens[j].text.lower().removesuffix("s").removesuffix("'") == first:
            return True
    return False


def _subject_tie(doc: Doc, tokens: list[Token], index: int, language: str) -> bool:
    """Return True when the candidate is the subject of a state verb before the term ("you have two children")."""
    subjects = words("subject", language)
    verbs = words("state_verbs", language)
    stops = words("stops", language)
    sent_start, _ = doc.sentence_at(tokens[index].start)
    for back in range(1, SUBJECT_REACH + 1):
        j = index - back
        if j < 0 or tokens[j].start < sent_start:
            return False
        word = tokens[j].text.lower()
        if word in subjects:
            return back == 1 or "'" in word or tokens[j + 1].text.lower() in verbs
        if word in stops:
            return False
    return False


def _other_subject(doc: Doc, tokens: list[Token], index: int, language: str) -> bool:
    """Return True when a third person is the subject just before the term, in the same clause
    ("vår ordinarie medarbetare går på föräldraledighet", "the postholder returns from parental leave")."""
    sent_start, _ = doc.sentence_at(tokens[index].start)
    others = words("third_party_subjects", language)
    for back in range(1, SUBJECT_REACH + 1):
        j = index - back
        if (
            j < 0
            or tokens[j].start < sent_start
            or any(c in doc.text[tokens[j].end : tokens[j + 1].start] for c in ",;:")
        ):
            return False
        if tokens[j].text.lower() in others:
            return True
    return False


def _reported(doc: Doc, tokens: list[Token], index: int, language: str) -> bool:
    """Return True when the term follows "du nämnde att" / "you told us" in its sentence: the candidate's disclosure."""
    subjects = words("subject", language)
    verbs = words("reporting_verbs", language)
    sent_start, _ = doc.sentence_at(tokens[index].start)
    for j in range(index - 1, 0, -1):
        if tokens[j].start < sent_start or any(c in doc.text[tokens[j].end : tokens[j + 1].start] for c in ",;:"):
            return False  # the disclosure ends at a clause break: "you mentioned feedback, so here it is"
        if tokens[j].text.lower() in verbs and tokens[j - 1].text.lower() in subjects:
            return True
    return False


def owner(doc: Doc, tokens: list[Token], index: int, language: str) -> str:
    """Return who a term is said of: 'candidate' (or the hire's profile), 'self' (the writer), 'other' (a
    third person: "en kollegas föräldraledighet"), or ''."""
    if _reach(doc, tokens, index, "possessive", POSSESSIVE_REACH, language) is not None:
        return "candidate"
    if _subject_tie(doc, tokens, index, language) or _reported(doc, tokens, index, language):
        return "candidate"
    if first_name_before(doc, tokens, index) or _after_profile(doc, tokens, index, language):
        return "candidate"
    if _reach(doc, tokens, index, "first_person", POSSESSIVE_REACH, language):
        return "self"
    if _reach(doc, tokens, index, "third_party", POSSESSIVE_REACH, language) or _other_subject(
        doc, tokens, index, language
    ):
        return "other"
    return "self" if _writer_sentence(doc, tokens, index, language) else ""


def relative_tie(doc: Doc, tokens: list[Token], last: int, language: str) -> str:
    """Return 'candidate' when a relative clause right after the term has the candidate as subject.

    "de besvär du har haft med ryggen", "the prayer breaks you need": the term is the candidate's.
    """
    nxt = last + 1
    if nxt + 1 >= len(tokens) or doc.text[tokens[last].end : tokens[nxt].start].strip():
        return ""
    if doc.sentence_at(tokens[nxt].start) != doc.sentence_at(tokens[last].start):
        return ""
    word = tokens[nxt].text.lower()
    if word in words("relative_links", language):
        nxt += 1
        if nxt + 1 >= len(tokens):
            return ""
        word = tokens[nxt].text.lower()
    if word not in words("subject", language) or tokens[nxt + 1].text.lower() not in words("state_verbs", language):
        return ""
    # "the pupils you have taught": an auxiliary before a participle is an action, not a state.
    after = tokens[nxt + 2].text.lower() if nxt + 2 < len(tokens) else ""
    if tokens[nxt + 1].text.lower() in words("auxiliaries", language) and after.endswith(PARTICIPLE_ENDS[language]):
        return "" if after not in words("possession_participles", language) else "candidate"
    return "candidate"


def _writer_sentence(doc: Doc, tokens: list[Token], index: int, language: str) -> bool:
    """Return True when the sentence speaks of the writer, not to the candidate ("I'm back from leave myself")."""
    start, end = doc.sentence_at(tokens[index].start)
    if any(t.text.lower() in words("address", language) for t in tokens if start <= t.start < end):
        return False
    first = words("first_person", language)
    others = words("other_subjects", language)
    for j in range(index - 1, -1, -1):
        if tokens[j].start < start or ":" in doc.text[tokens[j].end : tokens[j + 1].start]:
            return False
        word = tokens[j].text.lower()
        if word in first:
            return True
        if word in others:
            return False  # "jag säger: ... vi tror inte att de ..." is not about the writer
    return False


def describes_clients(doc: Doc, tokens: list[Token], index: int, language: str, first: int | None = None) -> bool:
    """Return True when the term names or describes the people the job serves.

    A client noun itself ("ungdomarna", "families"), a client noun right after the term ("pregnant
    patients", "unga brukare"), or an adjective used as a noun ("de unga på gården", "the elderly").
    """
    clients = words("clients", language)
    stops = words("stops", language)
    first = index if first is None else first
    articled = first > 0 and tokens[first - 1].text.lower() in words("client_articles", language)
    word = tokens[index].text.lower()
    # A client noun itself, definite or with an article: "ungdomarna", "the families"; "två små barn" is someone's own.
    definite = articled or (language == "sv" and word.endswith(DEFINITE_SV))
    if first == index and definite and morph.stem(word, language) in stemmed("clients", language):
        return True
    served = first > 0 and tokens[first - 1].text.lower() in words("client_prepositions", language)
    if first == index and served and word in words("clients", language):
        return True  # "planera gudstjänster för familjer": the people the work is for
    if articled and word in words("client_adjectives", language):
        nxt = index + 1
        if (
            nxt >= len(tokens)
            or tokens[nxt].text.lower() in stops
            or doc.text[tokens[index].end : tokens[nxt].start].strip()
        ):
            return True
    if _after_client(doc, tokens, first, language):
        return True
    for j in (index + 1, index + 2):
        if j >= len(tokens) or doc.text[tokens[j - 1].end : tokens[j].start].strip():
            return False  # the phrase ends at punctuation: "your Somali background, some clients"
        word = tokens[j].text.lower()
        if word in clients:
            return True
        if word in stops:
            return False
    return False


def _after_client(doc: Doc, tokens: list[Token], first: int, language: str) -> bool:
    """Return True when the term follows a client noun through "with"/"som har": "participants with disabilities"."""
    links = words("client_links", language)
    j = first - 1
    while j >= 0 and first - j <= 3 and tokens[j].text.lower() in links:
        j -= 1
    if j < 0 or j == first - 1 or any(c in doc.text[tokens[j].end : tokens[first].start] for c in ",.;:!?\n"):
        return False
    word = tokens[j].text.lower()
    return word in words("clients", language) or word in words("client_adjectives", language)
