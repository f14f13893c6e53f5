"""The protected-ground rule: the seven grounds of the Discrimination Act and their proxies.

The words and phrases of each ground come from its concept lexicon (`concepts.py`); whether a hit
counts is decided here, by attribution (`attribution.py`): said of the candidate, or only describing
the job, its clients or its subject matter.
"""

from __future__ import annotations

import bisect
from functools import cache

from guardrails import attribution, concepts, lexicon, morph
from guardrails.context import CheckContext
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import WORD_RE, Doc, Token

# A sentence with this many content words (of this length) from the role, company or highlights
# renders the recruiter's own description of the job: its ground words describe the job.
ECHO_MIN_WORDS = 2
ECHO_MIN_LEN = 4


@cache
def context_stems(context_text: str, language: str) -> frozenset[str]:
    """Return the stems of the content words of the role, company and highlights."""
    common = _common(language)
    return frozenset(
        morph.stem(w, language)
        for w in WORD_RE.findall(context_text.lower())
        if len(w) >= ECHO_MIN_LEN and w not in common
    )


@cache
def _common(language: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in lexicon.load("stopwords").get("common", {}).get(language, []))


def _echoes_context(doc: Doc, sentence: tuple[int, int], stems: frozenset[str], language: str) -> bool:
    """Return True when a sentence renders the recruiter's highlights (two or more of their content words)."""
    seen = {
        morph.stem(t.text.lower(), language)
        for t in doc.tokens
        if sentence[0] <= t.start < sentence[1] and len(t.text) >= ECHO_MIN_LEN
    }
    return len(seen & stems) >= ECHO_MIN_WORDS


def _modifies_context_word(tokens: list[Token], last: int, stems: frozenset[str], language: str) -> bool:
    """Return True when the term modifies a word of the job's own ("antenatal classes", "youth work")."""
    nxt = last + 1
    if nxt >= len(tokens):
        return False
    word = morph.stem(tokens[nxt].text.lower(), language)
    # "youth work" modifies the role's "youth worker": a shared start of four letters or more will do.
    return word in stems or (len(word) >= ECHO_MIN_LEN and any(s.startswith(word) for s in stems))


def _is_cued(tokens: list[Token], first: int, last: int, language: str) -> bool:
    """Return True when the hit is a group noun that counts only as the fit or the hire."""
    cued = concepts.index(language).cued
    return first == last and morph.stem(tokens[first].text.lower(), language) in cued


def _innocent(
    doc: Doc,
    tokens: list[Token],
    where: tuple[int, int],
    span: tuple[int, int],
    g: int,
    subject: frozenset[int],
    stems: frozenset[str],
    lang: str,
) -> bool:
    """Return True when an untied hit describes the job, its clients or its subject matter, or is praise."""
    first, last = where
    if attribution.describes_clients(doc, tokens, last, lang, first):
        return True  # the people the job serves: "pregnant patients", "de unga på gården"
    if _is_cued(tokens, first, last, lang) and not attribution.fit_sentence(doc, span[0], lang):
        return True  # "the guys in the workshop were impressed" is praise, not the fit
    if g in subject or _echoes_context(doc, doc.sentence_at(span[0]), stems, lang):
        return True  # the job's own subject: its role, company or the recruiter's highlights
    return attribution.praise_sentence(doc, span[0], lang)


@cache
def _highlight_subjects(highlights: str, candidate: str, lang: str) -> frozenset[int]:
    """Return the grounds the highlights make the job's subject: not those they tie to the candidate.

    "nämnde att hon har en bebis" in the highlights is the candidate's circumstance, not the job's topic.
    """
    if not highlights:
        return frozenset()
    piece = Doc(
        text=highlights, context=CheckContext(candidate_name=candidate or None), language=lang, message_language=lang
    )
    tokens = piece.tokens
    starts = [t.start for t in tokens]
    found = set()
    for start, _, g in concepts.ground_hits(highlights, lang, piece.lower):
        first = min(bisect.bisect_left(starts, start), len(tokens) - 1)
        if attribution.owner(piece, tokens, first, lang) != "candidate":
            found.add(g)
    return frozenset(found)


@cache
def _trade_grounds(role: str, lang: str) -> frozenset[int]:
    """Return the grounds that are the trade itself for this role (a translator's native language)."""
    low = role.lower()
    return frozenset(i for i, ground in enumerate(concepts.grounds()) if ground.trades[lang].search(low))


def _proper_name(doc: Doc, tokens: list[Token], index: int, lang: str, g: int) -> bool:
    """Return True when a Swedish ground word is capitalised inside a sentence: part of a name ("Gamla stan").

    Swedish writes its ground words in lower case; religion keeps its capitals in loose usage ("Ramadan").
    """
    word = tokens[index].text
    if lang != "sv" or not (word[:1].isupper() and word[1:].islower()) or concepts.grounds()[g].ground == "religion":
        return False
    start, _ = doc.sentence_at(tokens[index].start)
    return tokens[index].start > start and doc.text[start : tokens[index].start].strip(" -–\"'“”(") != ""


def _name_words(doc: Doc) -> frozenset[str]:
    ctx = doc.context
    names = " ".join(n for n in (ctx.candidate_name, ctx.recruiter_name, ctx.chosen_candidate_name) if n)
    return frozenset(w.lower() for w in WORD_RE.findall(names))


def check_protected(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block every protected-ground term or proxy said about the candidate, the hire or the fit."""
    lang = "en" if doc.language == "en" else "sv"
    ctx = doc.context
    context_text = " \n ".join(p for p in (ctx.role, ctx.company, ctx.highlights) if p)
    own_text = " \n ".join(p for p in (ctx.role, ctx.company) if p)
    subject = (
        concepts.subject_grounds(own_text, lang)
        | concepts.job_subjects(context_text, lang)
        | _highlight_subjects(ctx.highlights or "", ctx.candidate_name or "", lang)
    )
    trades = _trade_grounds(ctx.role or "", lang)
    stems = context_stems(context_text, lang)
    highlight_stems = context_stems(ctx.highlights or "", lang)
    names = _name_words(doc)
    all_grounds = concepts.grounds()
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    out = []
    taken: list[tuple[int, int]] = []
    for start, end, g in sorted(concepts.ground_hits(doc.text, lang, doc.lower)):
        ground = all_grounds[g]
        span = doc.token_at(start, end)
        first = min(bisect.bisect_left(starts, span[0]), len(tokens) - 1)
        last = max(first, bisect.bisect_left(starts, span[1]) - 1)
        if any(s < span[1] and span[0] < e for s, e in taken) or tokens[first].text.lower() in names:
            continue
        if any(m.start() < span[1] and span[0] < m.end() for m in ground.not_phrases[lang].finditer(doc.lower)):
            continue
        if first == last and _proper_name(doc, tokens, first, lang, g):
            continue  # a place or a name: "Gamla stan", "Unga Klara"
        said_of = attribution.owner(doc, tokens, first, lang)
        if not said_of and not attribution.describes_clients(doc, tokens, last, lang, first):
            said_of = attribution.relative_tie(doc, tokens, last, lang)  # "de besvär du har haft"
        if said_of in ("self", "other"):
            continue  # the writer's own ("my parental leave") or a third person's ("en kollegas föräldraledighet")
        tied = said_of == "candidate" and not _modifies_context_word(tokens, last, stems, lang)
        if (
            not tied
            and first == last
            and morph.stem(tokens[first].text.lower(), lang) in concepts.index(lang).tied_only
        ):
            continue  # "the knee" of a patient is not the candidate's
        if (
            tied
            and g in trades
            and (
                attribution.praise_sentence(doc, span[0], lang)
                or _echoes_context(doc, doc.sentence_at(span[0]), highlight_stems, lang)
            )
        ):
            continue  # the trade itself, praised: a translator's "your native language"
        if not tied and _innocent(doc, tokens, (first, last), span, g, subject, highlight_stems, lang):
            continue
        taken.append(span)
        term = doc.text[span[0] : span[1]]
        message = doc.say("protected_ground", term=term, label=ground.label(doc.message_language))
        out.append(violation("protected_ground", message, span))
    doc.shared["protected"] = taken
    return out


def counted_spans(doc: Doc, settings: GuardrailSettings) -> list[tuple[int, int]]:
    """Return the spans the protected-ground rule counts in this text, checked once per text."""
    if "protected" not in doc.shared:
        check_protected(doc, settings)
    return doc.shared["protected"]
