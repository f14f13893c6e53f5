"""Added remarks: one more consideration, in words the request does not support.

A letter that only says what its request supports needs few words of its own: thanks, the
decision, the close. Letters that must not be sent hide their problem in a sentence that adds
something ("we also felt ...", "to be honest ...", a P.S.) and says it in words no field of the
request holds: the candidate's fasting, their back, "people who grew up online", "how clients
would respond to your partner", a salary gap from the notes. Which words are a letter's own is
learned from good letters (`lexicons/letter_words.toml`, built by
`guardrails.training.letter_words`), so the rule does not need to know the paraphrase.

Such a remark is a leak when its new words are the internal notes' (`leaks_internal_notes`), a
judgment about the candidate's person when it is about them (`protected_ground`: a rejection
gives the recruiter's reason, and a remark about someone's life, body, background or belief is
how a ground of discrimination gets into a letter), and otherwise a claim the recruiter never
made (`ungrounded_claim`).
"""

from __future__ import annotations

import re
from functools import cache

from guardrails import lexicon
from guardrails.attribution import praise_sentence
from guardrails.evidence import WordIndex, content_words, evidence, has_word
from guardrails.reasons import criticism_spans, score_spans
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.rule_data import excerpt, say
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc, fold
from guardrails.topics import leak_spans

LEX = "remarks"


@cache
def letter_words() -> WordIndex:
    """Return the folded words ordinary letters use beyond their requests (learned data), indexed."""
    return WordIndex(fold(str(w)) for w in lexicon.load("letter_words")["words"])


@cache
def _postscript() -> re.Pattern[str]:
    return re.compile(str(lexicon.load(LEX)["postscript"]), re.IGNORECASE | re.MULTILINE)


def _settings() -> tuple[int, int]:
    data = lexicon.load(LEX)
    return int(data["min_new_words"]), int(data["min_note_words"])


def _postscript_end(doc: Doc) -> int | None:
    """Return where the first P.S. mark ends (every sentence from there on stands in a P.S.), or None.

    Found once per text: searching from the top again for each sentence was quadratic in a long paste.
    """
    m = _postscript().search(doc.text)
    return m.end() if m else None


def new_words(doc: Doc, start: int, end: int) -> list[str]:
    """Return the sentence's content words that neither the request nor an ordinary letter has."""
    ev = evidence(doc)
    ordinary = letter_words()
    own = doc.own_words
    return [
        w
        for w in content_words(doc.text[start:end])
        if w not in own and not has_word(w, ordinary) and not ev.supports(w)
    ]


def remarks(doc: Doc) -> list[tuple[int, int, list[str]]]:
    """Return (start, end, new words) of every added remark."""
    if doc.context.highlights is None and doc.context.reason is None:
        return []  # no request to ground anything in (a bare text, a partial context)
    least, _ = _settings()
    markers = lexicon.pattern(LEX, "markers")
    courtesies = lexicon.pattern(LEX, "courtesies")
    postscript = _postscript_end(doc)
    found = []
    for start, end in doc.sentences:
        in_postscript = postscript is not None and postscript <= start + 1
        if not (markers.search(doc.lower, start, end) or in_postscript):
            continue
        if praise_sentence(doc, start, doc.language) or courtesies.search(doc.lower, start, end):
            continue  # "we also liked your ..." paraphrases the highlights; "sorry for the wait" is courtesy
        fresh = new_words(doc, start, end)
        if len(fresh) >= least:
            found.append((start, end, fresh))
    return found


def _about_work(doc: Doc, start: int, end: int) -> bool:
    """Return True when the remark judges the candidate's work (criticism, scores, praise), not their person."""
    spans = criticism_spans(doc) + score_spans(doc)
    if any(start <= a < end for a, _ in spans) or lexicon.pattern("fidelity", "praise").search(doc.lower, start, end):
        return True
    ev = evidence(doc)
    asked = ev.highlights | ev.reason | ev.feedback
    return any(has_word(w, asked) for w in content_words(doc.text[start:end]))  # "your stocktake answers ..."


def check_remarks(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block an added remark: a leak of the notes, a judgment about the candidate, or an invented claim."""
    _, note_least = _settings()
    notes = set(content_words(doc.context.internal_notes or ""))
    about = lexicon.pattern(LEX, "about_candidate")
    out = []
    leaked = leak_spans(doc)
    for start, end, fresh in remarks(doc):
        if any(a < end and start < b for a, b in leaked):
            continue  # told already: the notes' topic in other words (guardrails/topics.py)
        quote = doc.text[start:end]
        if notes and sum(1 for w in fresh if has_word(w, notes)) >= note_least:
            out.append(violation("leaks_internal_notes", doc.say("leaks_internal_notes"), (start, end)))
        elif about.search(doc.lower, start, end) and not _about_work(doc, start, end):
            out.append(
                violation("protected_ground", doc.say("protected_ground", "remark", quote=excerpt(quote)), (start, end))
            )
        else:
            out.append(violation("ungrounded_claim", say(doc, "ungrounded_claim", "remark", quote=quote), (start, end)))
    return out
