"""Leakage rules: the chosen candidate's name or merits, and the recruiter's internal notes."""

from __future__ import annotations

import re
from functools import cache

from guardrails import concepts, hire, lexicon, protected
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import WORD_RE, Doc, fold, words

LEX = "leakage"
# A notes word this long is distinctive; words are compared on their first STEM letters.
LONG_WORD = 7
# A sentence sharing this many unexplained content stems with one sentence of the notes rewords it.
PARAPHRASE_STEMS = 3
STEM = 6
_HAS_DIGIT = re.compile(r"\d")


@cache
def _stopwords() -> frozenset[str]:
    data = lexicon.load("stopwords")
    out: set[str] = set(lexicon.wordset("structure", "generic_words"))
    for table in ("common", "distinctive"):
        for values in data[table].values():
            out.update(fold(str(v)) for v in values)
    return frozenset(out)


def _name_spans(doc: Doc, name: str, candidate: str) -> list[tuple[int, int]]:
    """Return spans where the chosen candidate's full name, or a distinct part of it, appears."""
    full = words(fold(name))
    if not full:
        return []
    spans = [(m.start(), m.end()) for m in re.finditer(r"\b" + r"\W+".join(map(re.escape, full)) + r"\b", doc.folded)]
    own = set(words(fold(candidate))) | doc.context_words
    ambiguous = lexicon.wordset(LEX, "ambiguous_names")
    parts = [w for w in full if len(w) >= 2 and w not in own and w not in ambiguous] if len(full) > 1 else full
    for part in parts:
        for m in re.finditer(r"\b" + re.escape(part) + r"\b", doc.folded):
            # Names are written capitalized; a lowercase hit is an ordinary word.
            taken = any(s <= m.start() < e for s, e in spans)
            if doc.text[m.start()].isupper() and not taken and not _someone_else(doc, m.start(), m.end(), set(full)):
                spans.append((m.start(), m.end()))
    return sorted(spans)


def _someone_else(doc: Doc, start: int, end: int, full: set[str]) -> bool:
    """Return True when a part of the chosen name names someone else: a colleague, or another surname follows."""
    before = [w.lower() for w in words(doc.text[max(0, start - 60) : start])][-3:]
    if any(
        w in lexicon.wordset(LEX, "choice_verbs") for w in [*before, *words(doc.text[max(0, start - 90) : start])[-6:]]
    ):
        return False  # "we chose Tom from Leeds" is the hire
    if before and before[-1] in lexicon.wordset(LEX, "colleague_before"):
        return True
    rest = doc.text[end : end + 40]
    following = words(rest)[:2]
    if following and rest.lstrip()[:1].isupper() and not rest.startswith((",", ".")) and fold(following[0]) not in full:
        return True  # "Johan Ek" is not Johan Berg
    after = [w.lower() for w in words(rest.lstrip(" ,"))][:1]
    return bool(after) and after[0] in lexicon.wordset(LEX, "colleague_after")


def check_other_candidate(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block the chosen candidate's name and statements about the hired person's merits."""
    out = []
    chosen = doc.context.chosen_candidate_name
    if chosen:
        for span in _name_spans(doc, chosen, doc.context.candidate_name or ""):
            out.append(
                violation(
                    "leaks_other_candidate",
                    doc.say("leaks_other_candidate", "name"),
                    span,
                )
            )
    for span in [*hire.described_spans(doc), *hire.merit_spans(doc)]:
        out.append(violation("leaks_other_candidate", doc.say("leaks_other_candidate"), span))
    return out


def _content(text: str) -> set[str]:
    stop = _stopwords()
    return {w[:STEM] for w in words(fold(text)) if len(w) >= 4 and w not in stop}


def _internal_voice(doc: Doc, reasons: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return sentences about the candidate that voice the panel's or a manager's own view.

    With internal notes in the request, "some of the panel felt your answers ..." passes the notes on
    in other words, unless the reason or the feedback (what may be said) says the same.
    """
    ctx = doc.context
    said = _content(" ".join(p or "" for p in (ctx.reason, ctx.feedback)))
    you = lexicon.pattern("fidelity", "second_person")
    out: list[tuple[int, int]] = []
    for m in lexicon.pattern(LEX, "internal_voice").finditer(doc.lower):
        sentence = doc.sentence_at(m.start())
        if sentence in reasons or sentence in out or not you.search(doc.lower, *sentence):
            continue
        if len(_content(doc.text[sentence[0] : sentence[1]]) & said) >= 2:
            continue
        out.append(sentence)
    return out


@cache
def _notes_only_grounds(notes: str, said: str, lang: str) -> tuple[frozenset[int], frozenset[str]]:
    """Return the grounds the notes hold and the fields do not, and the notes' own words for them."""
    in_notes = concepts.ground_hits(notes, lang)
    only = {g for _, _, g in in_notes} - {g for _, _, g in concepts.ground_hits(said, lang)}
    return frozenset(only), frozenset(w[:STEM] for a, b, _ in in_notes for w in words(fold(notes[a:b])))


def _notes_grounds(doc: Doc, notes: str, settings: GuardrailSettings) -> list[tuple[int, int]]:
    """Return protected-ground passages of the letter whose ground only the internal notes hold, in other words.

    "du väntar tillökning" restates notes that say "hon är gravid": the same concept in other words. The
    notes' own word ("föräldraledigheten" for "föräldraledighet") is the protected-ground rule's alone.
    """
    lang = "en" if doc.language == "en" else "sv"
    ctx = doc.context
    said = " ".join(p or "" for p in (ctx.highlights, ctx.reason, ctx.feedback))
    only_notes, notes_words = _notes_only_grounds(notes, said, lang)
    if not only_notes:
        return []
    counted = protected.counted_spans(doc, settings)
    hits = [
        (a, b)
        for a, b, g in concepts.ground_hits(doc.text, lang, doc.lower)
        if g in only_notes and not {w[:STEM] for w in words(fold(doc.text[a:b]))} & notes_words
    ]
    return [s for s in counted if any(s[0] <= a < s[1] or a <= s[0] < b for a, b in hits)]


def _runs(doc: Doc, notes: str, n: int) -> list[tuple[int, int]]:
    """Return text spans of runs of >= n consecutive words shared with the notes (exact or stemmed)."""
    note_words = words(fold(notes))
    if len(note_words) < n:
        return []
    exact = {tuple(note_words[i : i + n]) for i in range(len(note_words) - n + 1)}
    stemmed = {tuple(w[:5] for w in g) for g in exact}
    tokens = doc.tokens
    folded = [fold(t.text) for t in tokens]
    stop = _stopwords()
    min_content = (n + 1) // 2
    spans: list[tuple[int, int]] = []
    for i in range(len(tokens) - n + 1):
        gram = tuple(folded[i : i + n])
        if gram not in exact and tuple(w[:5] for w in gram) not in stemmed:
            continue
        # Generic phrases ("vi har valt att gå vidare") are shared by chance, not leaked.
        if sum(1 for w in gram if w not in stop and len(w) >= 3) < min_content:
            continue
        start, end = tokens[i].start, tokens[i + n - 1].end
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _rare_tokens(doc: Doc, notes: str) -> list[tuple[int, int]]:
    """Return spans of numbers and names from the notes that the rest of the context does not explain."""
    ctx = doc.context
    known = set(
        words(
            fold(
                " ".join(
                    p or ""
                    for p in (ctx.candidate_name, ctx.role, ctx.company, ctx.recruiter_name, ctx.highlights,
                              ctx.reason, ctx.feedback)
                )
            )
        )
    )  # fmt: skip
    known |= {part for w in known if "-" in w for part in w.split("-") if part}  # "Azure-erfarenhet" explains "Azure"
    stop = _stopwords()
    rare = set()
    for w in words(notes):
        if _HAS_DIGIT.search(w) and len(w) >= 2:
            rare.add(fold(w))
    for m in WORD_RE.finditer(notes):
        before = notes[: m.start()].rstrip()
        # A capital letter mid-sentence marks a name (a person, a former employer).
        if len(m.group(0)) >= 3 and m.group(0)[0].isupper() and before and before[-1] not in '.!?:;-•*"(':
            rare.add(fold(m.group(0)))
    rare = {w for w in rare if w not in known and w not in stop}
    spans = [(t.start, t.end) for t in doc.tokens if fold(t.text) in rare]
    # Long words of the notes that nothing else in the context explains: two of them
    # together point to a paraphrase of the notes.
    known_stems = {w[:STEM] for w in known}
    long_stems = {
        w[:STEM] for w in words(fold(notes)) if len(w) >= LONG_WORD and w not in stop and w[:STEM] not in known_stems
    }
    hits = [(t.start, t.end, fold(t.text)[:STEM]) for t in doc.tokens if len(t.text) >= STEM]
    hits = [h for h in hits if h[2] in long_stems]
    if len({h[2] for h in hits}) >= 2:
        spans += [(s, e) for s, e, _ in hits]
    return spans


def _paraphrased(doc: Doc, notes: str) -> list[tuple[int, int]]:
    """Return text sentences that share PARAPHRASE_STEMS content stems with one sentence of the notes.

    Only stems the rest of the context does not explain count: a reworded note ("the reference said you
    were often late") shares its content words, not its word order.
    """
    ctx = doc.context
    known = " ".join(p or "" for p in (ctx.role, ctx.company, ctx.highlights, ctx.reason, ctx.feedback))
    stop = _stopwords()

    def content(text: str) -> set[str]:
        return {w[:STEM] for w in words(fold(text)) if len(w) >= 4 and w not in stop}

    explained = content(known)
    note_sets = [content(s) - explained for s in re.split(r"[.!?\n]+", notes)]
    note_sets = [s for s in note_sets if len(s) >= PARAPHRASE_STEMS]
    if not note_sets:
        return []
    out = []
    for start, end in doc.sentences:
        mine = content(doc.text[start:end])
        if any(len(mine & s) >= PARAPHRASE_STEMS for s in note_sets):
            out.append((start, end))
    return out


def _reason_sentences(doc: Doc) -> set[tuple[int, int]]:
    """Return the sentences that state the decision by naming another choice."""
    choice = lexicon.pattern("decision", "other_choice")
    return {doc.sentence_at(m.start()) for m in choice.finditer(doc.lower)}


def check_notes(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block verbatim or near-verbatim fragments and distinctive tokens of the internal notes."""
    notes = doc.context.internal_notes
    if not notes:
        return []
    # The decision sentence ("another candidate who has worked with our ticketing system") says the reason
    # the recruiter would give anyway; only names and numbers from the notes count there.
    reasons = _reason_sentences(doc)
    spans = [s for s in _runs(doc, notes, settings.notes_overlap_words) if doc.sentence_at(s[0]) not in reasons]
    spans += [s for s in _rare_tokens(doc, notes) if not any(a <= s[0] < b for a, b in spans)]
    spans += [
        s for s in _paraphrased(doc, notes) if s not in reasons and not any(a < s[1] and s[0] < b for a, b in spans)
    ]
    spans += [s for s in _notes_grounds(doc, notes, settings) if not any(a < s[1] and s[0] < b for a, b in spans)]
    spans += [s for s in _internal_voice(doc, reasons) if not any(a < s[1] and s[0] < b for a, b in spans)]
    return [
        violation(
            "leaks_internal_notes",
            doc.say("leaks_internal_notes"),
            span,
        )
        for span in sorted(spans)
    ]
