"""Feedback as sentences to the candidate: split into its points, each point in the frame its form takes.

Recruiters write feedback as notes to themselves ("tell her to get more PACU experience, maybe bank
shifts", "säg att hon borde fördjupa sig i X, hon hade svårt att ge exempel"). The lead-in to the
writer is already gone (`tidy_note`); here the note is split into points at commas, dashes and
sentence ends that start a point of their own, each point is put in second person, advice ("du borde
fördjupa dig", "you could brush up on") becomes an infinitive, and each run of points of one form gets
one frame that takes that form: advice after "Mitt råd är att" / "My advice would be to", a statement
after "Som återkoppling vill jag nämna att" / "As feedback, I would mention that". A harsh point is
left out; when nothing constructive remains, so is the feedback. Frames and word lists are data
(`composer_templates/<language>.toml` `[frames.feedback]`, `[feedback]`).
"""

from __future__ import annotations

import re
from functools import cache

from drafter.grammar import WORD, grammar, join_items, lower_first, second_person, upper_first
from drafter.models import CheckContext, DraftRequest
from drafter.notes import Note, Shape, _att_clause, frame, read_note
from drafter.phrasing import phrasebook, pick, request_seed, strip_lead_ins
from drafter.praise import is_foreign, is_shortcoming
from drafter.reasons import third_party_to_we
from guardrails.directives import without_directives

# A "but" before a new subject starts the point that matters ("tekniken var bra men du kunde varit tydligare").
_PIECE_CUT = re.compile(
    r"((?<=[.!?:])(?<!\b[Dd]r\.)(?<!\b[Pp]rof\.)(?<!\b[Mm]r\.)(?<!\b[Mm]rs\.)(?<!\b[Mm]s\.)(?<!\bt\.ex\.)(?<!\be\.g\.)(?<!\bi\.e\.)\s+|\s+[-–—]\s+|;\s+|,\s+|\s+(?:men|but)\s+(?=(?:du|han|hon|hen|you|he|she|they)\s))"
)
_NUMBERING = re.compile(r"\s*(?<!\w)(?:\d|[a-h])\)\s*")
# A label before a colon ("Areas to work on:", "Förslag:") is at most this many words: left out.
LABEL_WORDS = 4
# Forms in the order the letter gives them: advice first, a plain statement after it.
ORDER = ("advice", "welcome", "imperative", "clause")
# Not feedback but passed on with it, each after the feedback: our own news, an invitation.
PASSED_ON = ("statement", "invite")


@cache
def _pattern(language: str, key: str) -> re.Pattern[str]:
    return re.compile("|".join(phrasebook(language)["feedback"][key]), re.IGNORECASE)


def _starts_point(piece: str, language: str) -> bool:
    """Return True when a piece after a comma is a point of its own (a new subject, or advice)."""
    words = [w.lower() for w in WORD.findall(piece)]
    links = set(phrasebook(language)["feedback"]["links"])
    while words and words[0] in links:
        words = words[1:]
    if not words or words[0] in phrasebook(language)["feedback"]["consequences"]:
        return False
    lex = grammar(language)["words"]
    subjects = set(lex["subject_words"]) | set(grammar(language)["person"]["subject"]) | {"hon", "han", "she", "he"}
    return words[0] in subjects or words[0] in lex["imperative"] or (len(words) > 1 and words[1] in lex["finite"])


def _numbered_as_points(text: str) -> str:
    """Return "1) A 2) B" as "A; B": each number starts a point, listed the way a letter lists them."""
    return _NUMBERING.sub("; ", text.strip()).lstrip("; ")


def points(text: str, language: str) -> list[str]:
    """Split feedback into its points; a comma inside a list or before a consequence ('då ...') stays."""
    split = _PIECE_CUT.split(_numbered_as_points(text))
    pieces, cuts = split[0::2], split[1::2]
    out: list[str] = []
    for k, piece in enumerate(pieces):
        if not piece.strip(" ."):
            continue
        if piece.rstrip().endswith(":") and len(piece.split()) <= LABEL_WORDS:
            continue  # "Areas to work on:", "Technical:": a label, not a point
        soft = k > 0 and cuts[k - 1].strip() == ","
        # A tail in the other language ("..., that's the only gap really") is a point of its own.
        foreign_tail = soft and is_foreign(piece, language) and not is_foreign(out[-1], language) if out else False
        if out and soft and not _starts_point(piece, language) and not foreign_tail:
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    links = phrasebook(language)["feedback"]["links"]
    lead = re.compile(rf"^(?:(?:{'|'.join(links)})\s+)+", re.IGNORECASE)
    bare = _pattern(language, "interjection")
    said = [strip_lead_ins(lead.sub("", p), language).strip(" .,;") for p in out]
    return [
        third_party_to_we(p, language)
        for p in without_directives(said)
        if p and not bare.fullmatch(p.strip(" !.?"))  # "Ja!" answers a question that is left out
    ]


# A point that trips one of these on its own words is left out; the other points are still passed on.
UNSAFE_RULES = frozenset(
    {
        "harsh_tone",
        "mixed_decision",
        "false_promise",
        "protected_ground",
        "leaks_internal_notes",
        "leaks_other_candidate",
        "prompt_injection_echo",
    }
)


def _blocked_rules(text: str, request: DraftRequest) -> set[str]:
    from guardrails import check

    bare = CheckContext.of(request).model_copy(update={"highlights": None, "reason": None, "feedback": None})
    return {v.rule for v in check(text, bare).violations if v.severity == "block"}


def unsafe(text: str, request: DraftRequest) -> bool:
    """Return True for a point that may not reach the letter: harsh, an offer or promise, a ground, a leak.

    Judged as the candidate will read it: "call him first" is a promise once it says "you".
    """
    if _pattern(request.language, "harsh").search(text):
        return True
    told = second_person(text, request.language, (request.candidate_name, request.candidate_name.split()[0]))
    return any(_blocked_rules(t, request) & UNSAFE_RULES for t in dict.fromkeys((text, told)))


def only_praise(text: str, language: str) -> bool:
    """Return True for a point that only praises ('tekniken var bra'): the highlights carry praise, not feedback."""
    lows = {w.lower() for w in WORD.findall(text)}
    praise_words = set(phrasebook(language)["feedback"]["praise_words"])
    return (
        bool(lows & praise_words) and not is_shortcoming(text, language) and not _pattern(language, "modal").match(text)
    )


def _base_en(word: str) -> str:
    """Return an English verb's base form ('builds' -> 'build', 'practices' -> 'practice')."""
    stems = set(grammar("en")["words"]["imperative"])
    for cut in (1, 2):
        if word.endswith("s") and word[:-cut] in stems:
            return word[:-cut]
    return word


def as_advice(note: Note, language: str) -> str | None:
    """Return a point as an infinitive ('fördjupa dig i X', 'brush up on Y'), or None when it is not advice."""
    text = note.text
    if note.shape == "imperative":
        first = text.split(" ", 1)[0].lower()
        if language == "sv" and not first.endswith("a"):
            return None  # "läs på", "var": an imperative that is not also the infinitive
        if language == "en" and first in {"don't", "do"}:
            return None
        advice = lower_first(text, language)
    else:
        m = _pattern(language, "modal").match(text)
        if m is None:
            return None
        advice = text[m.end() :]
    if language == "en":
        advice = re.sub(r"(?<=\band )([a-z]+)\b", lambda m: _base_en(m.group(1)), advice)
    return advice or None


def _group(notes: list[Note], language: str) -> list[tuple[str, list[str]]]:
    """Return runs of points by form: ('advice', [...]), ('imperative', [...]), ('clause', [...]), ('other', [...])."""
    runs: list[tuple[str, list[str]]] = []
    for note in notes:
        leave = _pattern(language, "permission").match(note.text)
        invite = _pattern(language, "invite").match(note.text)
        advice = as_advice(note, language)
        if invite is not None and note.text[invite.end() :]:
            kind, text = "invite", note.text[invite.end() :]
        elif leave is not None and note.text[leave.end() :]:
            kind, text = "welcome", note.text[leave.end() :]
        elif _pattern(language, "contact").match(note.text):
            kind, text = "welcome", _infinitive(lower_first(note.text, language), language)
        elif _pattern(language, "statement_subjects").match(note.text):
            kind, text = "statement", note.text
        elif note.shape == "possessive" and len(note.text.split()) > 4:
            kind, text = "clause", note.text  # "your CV undersells the solar work": a statement about you
        elif advice is not None:
            kind, text = "advice", advice
        elif note.shape == "imperative":
            kind, text = "imperative", note.text
        elif note.shape == "clause":
            kind, text = "clause", note.text
        else:
            kind, text = "other", note.text
        if kind == "welcome" and runs and runs[-1][0] == "invite":
            runs[-1][1][-1] += f"; {text if leave is None else note.text}"  # "...; you can just reply to RSVP"
            continue
        same = [r for r in runs if r[0] == kind and kind != "other"]
        if same:
            same[0][1].append(text)  # one sentence per form, whatever came between
        else:
            runs.append((kind, [text]))
    return runs


def _infinitive(text: str, language: str) -> str:
    """Return an imperative's infinitive: Swedish 'ring mig' -> 'ringa mig'; English is the same form."""
    if language != "sv":
        return text
    first, _, rest = text.partition(" ")
    return f"{first if first.endswith('a') else first + 'a'} {rest}".strip()


def _clause_body(texts: list[str], language: str) -> str:
    """Join statements as one att/that clause: 'att A och att B' (Swedish word order for att)."""
    that = "att " if language == "sv" else "that "
    bodies = [(_att_clause(t) or t) if language == "sv" else t for t in texts]
    bodies = [lower_first(b, language) for b in bodies]
    return join_items((bodies[0], *(that + b for b in bodies[1:])), language)


# The framed points must keep at least this share of the note's content words, or the note is framed whole.
MIN_KEPT = 0.6


def _content(text: str, language: str) -> set[str]:
    filler = set(phrasebook(language)["feedback"]["filler"])  # "gärna": the frame may take its place
    person = grammar(language)["person"]  # "henne" is told as "dig": the person, not content
    pronouns = {str(w) for key in ("subject", "object", "possessive", "reflexive") for w in person.get(key, [])}
    return {w.lower() for w in WORD.findall(text) if len(w) >= 5 and w.lower() not in filler | pronouns}


_LOWER_START = re.compile(r"(?<=[.!?]\s)([a-zåäö])")


def _sentence_case(text: str | None) -> str | None:
    """Return framed feedback with every sentence opening in a capital ("... idén. Du får gärna ...")."""
    return _LOWER_START.sub(lambda m: m.group(1).upper(), text) if text else text


def feedback_sentence(request: DraftRequest, text: str, names: tuple[str, ...]) -> str | None:
    """Return the feedback in framed sentences, or None when nothing constructive is left."""
    return _sentence_case(_feedback_sentence(request, text, names))


def _feedback_sentence(request: DraftRequest, text: str, names: tuple[str, ...]) -> str | None:
    """Return the feedback in framed sentences (see `feedback_sentence`).

    When splitting loses the point (the advice was in a fragment no frame takes), the note is framed
    whole as one sentence instead, so what the recruiter asked to pass on is never lost.
    """
    language = request.language
    said = points(text, language)
    # Each point is checked once (a guardrail run per point): the split and the fallback share the verdicts.
    kept = [p for p in said if not unsafe(p, request)]
    split = _by_points(request, kept, names)
    # What was left out for its tone or as an offer stays out: the note is never framed whole around it.
    if len(kept) < len(said):
        return split
    if split is None:
        return _whole(request, text, names)
    own = [p for p in said if not is_foreign(p, language)]
    # Points in the other language are left out on purpose: the rest must keep the meaning.
    wanted = _content(" ".join(own or said), language) - {n.lower() for n in names}
    if wanted and len(_content(split, language) & wanted) / len(wanted) >= MIN_KEPT:
        return split
    return _whole(request, text, names) or split


def whole_sentence(request: DraftRequest, text: str) -> str | None:
    """Return the feedback framed whole as one sentence (the composer's fallback when points lose it)."""
    from drafter.phrasing import first_name

    return _sentence_case(_whole(request, text, (request.candidate_name, first_name(request))))


def _whole(request: DraftRequest, text: str, names: tuple[str, ...]) -> str | None:
    """Return the note framed as one sentence by its shape (the composer's reading before points)."""
    note = read_note("feedback", strip_lead_ins(_numbered_as_points(text), request.language), request.language, names)
    if note is None:
        return None
    advice = as_advice(note, request.language)
    frames = phrasebook(request.language)["frames"]["feedback"]
    seed = request_seed(request) + "feedback"
    if advice is not None:
        return str(pick(frames["infinitive"], seed).format(note=advice))
    key, body = frame(note, request.language)
    return str(pick(frames[key], seed).format(note=lower_first(body, request.language), Note=upper_first(body)))


def _by_points(request: DraftRequest, kept: list[str], names: tuple[str, ...]) -> str | None:
    """Return the feedback's safe points as one or two framed sentences."""
    language = request.language
    # A point in the other language ("that's the only gap really") is left out while one in the letter's stays.
    own = [p for p in kept if not is_foreign(p, language)] or kept
    # Praise among criticism is left to the highlights: framed as feedback it reads as the point.
    own = [p for p in own if not only_praise(p, language)] or own
    notes = [n for p in own for n in [read_note("feedback", p, language, names)] if n]
    if not notes:
        return None
    frames = phrasebook(language)["frames"]["feedback"]
    seed = request_seed(request) + "feedback"
    sentences: list[str] = []
    runs = _group(notes, language)
    # Advice and statements first, in that order; praise or a bare label only when nothing else is left.
    # The recruiter's order: a point and then the advice on it ("case 2 was long — trim it to ...").
    ranked = [r for r in runs if r[0] in ORDER]
    passed_on = [r for r in runs if r[0] in PASSED_ON]
    if not ranked and not passed_on:
        ranked = runs[:1]
    for i, (kind, texts) in enumerate(ranked[:3] + passed_on):
        also = "_also" if i else ""
        if kind == "statement":
            sentences.extend(pick(frames["statement"], seed + t).format(Note=upper_first(t)) for t in texts)
            continue
        if kind == "invite":
            body = join_items(tuple(texts), language)
            sentences.append(pick(frames["invite" + also], seed).format(note=body))
            continue
        if kind in ("advice", "welcome"):
            body = join_items(tuple(texts), language)
            key = "infinitive" if kind == "advice" else "welcome"
            sentences.append(pick(frames[key + also], seed).format(note=body))
        elif kind == "imperative":
            body = join_items(tuple(lower_first(t, language) for t in texts), language)
            sentences.append(pick(frames["imperative" + also], seed).format(note=body))
        elif kind == "clause":
            body = _clause_body(texts[:2], language)
            sentences.append(pick(frames["clause" + also], seed).format(note=body))
        elif not i:
            key, body = frame(Note("feedback", _shape(texts[0], language, names), texts[0]), language)
            template = pick(frames[key], seed)
            sentences.append(template.format(note=lower_first(body, language), Note=upper_first(body)))
    return " ".join(sentences) or None


def _shape(text: str, language: str, names: tuple[str, ...]) -> Shape:
    note = read_note("feedback", text, language, names)
    return note.shape if note else "noun"
