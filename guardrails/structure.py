"""Structure rules: thanks, the right name, a positive point, a closing, unrequested feedback."""

from __future__ import annotations

import re
from functools import cache

from guardrails import lexicon, reasons, tone
from guardrails.language import guess_language
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc, fold, words

LEX = "structure"
# Highlights count as echoed when a content word shares this long a prefix ("lagerstyrning" ~ "lagret").
STEM = 5
# A name addressed at the end of a line: "Tack igen, och lycka till framöver, Elsa!"
# A name addressed at the end of a line, or before the wish that follows it ("Thanks again, Michael, and good luck").
_VOCATIVE = re.compile(
    r",[ \t]+([^\W\d_][\w'’-]*)[ \t]*(?:[!.]?[ \t]*$|,[ \t]+(?=(?:and|och|&)[ \t]))", re.MULTILINE | re.IGNORECASE
)
# A name addressed mid-text after a turn of speech: "I did want to say, Aaron, ...", "Så, Josefin, en sak ...".
_TURN_VOCATIVE = re.compile(r"\b(?:[Ss]ay|[Ss]o|[Ww]ell|[Ss]å|[Aa]lltså|[Nn]å)\s*,\s+([A-ZÅÄÖ][a-zåäöéü]{2,}),\s")
_NAME_RUN = re.compile(r"((?:[^\W\d_][\w'’.-]*[ \t]*){1,4}?)[ \t]*(?=[,!:;\n—–-]|$)")


def check_thanks(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block a text that never thanks the candidate."""
    if lexicon.pattern(LEX, "thanks").search(doc.lower):
        return []
    return [
        violation(
            "no_thanks",
            doc.say("no_thanks"),
        )
    ]


def _greeted_names(doc: Doc) -> list[tuple[str, int, int]]:
    """Return (name, start, end) for every greeting line that names someone."""
    found: list[tuple[str, int, int]] = []
    greet = lexicon.pattern(LEX, "greeting")
    not_names = lexicon.wordset(LEX, "not_names")
    honorifics = lexicon.wordset(LEX, "honorifics")
    for match in greet.finditer(doc.lower):
        rest_start = match.end()
        line_end = doc.text.find("\n", rest_start)
        line = doc.text[rest_start : line_end if line_end >= 0 else len(doc.text)]
        run = _NAME_RUN.match(line)
        if not run or not run.group(1).strip():
            continue
        raw = run.group(1).rstrip()
        tokens = [t.strip(".") for t in raw.split()]
        while tokens and tokens[0].lower() in honorifics:
            tokens.pop(0)
        intro = lexicon.wordset(LEX, "self_intro")
        if not tokens or tokens[0].lower() in not_names or not tokens[0][:1].isupper():
            continue
        if len(tokens) > 3 or any(t.lower() in intro for t in tokens):
            continue
        start = rest_start + raw.find(tokens[0])
        found.append((" ".join(tokens), start, rest_start + len(raw)))
    return found


def _addressed_names(doc: Doc) -> list[tuple[str, int, int]]:
    """Return (name, start, end) for a name addressed at the end of a thanks or closing line."""
    ctx = doc.context
    known = set(words(fold(" ".join(p or "" for p in (ctx.recruiter_name, ctx.company, ctx.role)))))
    not_names = lexicon.wordset(LEX, "not_names")
    wishes = (lexicon.pattern(LEX, "closing"), lexicon.pattern(LEX, "thanks"))
    found = []
    for m in _VOCATIVE.finditer(doc.text):
        name = m.group(1)
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        if not name[:1].isupper() or name.lower() in not_names or fold(name) in known:
            continue
        if not doc.text[m.end() :].strip():
            continue  # "Thanks, Lena" as the last line signs the letter off
        if any(p.search(doc.lower, line_start, m.start()) for p in wishes):
            found.append((name, m.start(1), m.end(1)))
    for m in _TURN_VOCATIVE.finditer(doc.text):  # "I did want to say, Aaron, ...", "Så, Josefin, ..."
        name = m.group(1)
        if name.lower() not in not_names and fold(name) not in known:
            found.append((name, m.start(1), m.end(1)))
    return found


def check_name(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block a greeting that names someone other than the candidate."""
    candidate = doc.context.candidate_name
    if not candidate:
        return []
    own = set(words(fold(candidate)))
    own |= {part for w in own for part in w.split("-")}  # "Anna" greets "Anna-Karin"
    out = []
    for name, start, end in _greeted_names(doc) + _addressed_names(doc):
        greeted = words(fold(name))
        if any(w in own for w in greeted) or fold(name) == fold(candidate):
            continue
        out.append(
            violation(
                "wrong_name",
                doc.say("wrong_name", name=name, candidate=candidate),
                (start, end),
            )
        )
    return out


@cache
def _not_content() -> frozenset[str]:
    """Return the folded function words and generic words that cannot show a highlight."""
    common = lexicon.load("stopwords")["common"]
    return frozenset(fold(str(w)) for w in [*common["sv"], *common["en"], *lexicon.wordset(LEX, "generic_words")])


def _stems(text: str) -> set[str]:
    """Return the STEM-letter stems of the content words of a text."""
    skip = _not_content()
    return {w[:STEM] for w in words(fold(text)) if len(w) >= 4 and w not in skip}


def check_positive(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Warn when none of the recruiter's highlights is reflected in the text."""
    highlights = doc.context.highlights
    if not highlights:
        return []
    # Words of the role or company are in every letter; they cannot show a highlight was used.
    wanted = _stems(highlights) - _stems(doc.own_folded)
    if not wanted:
        return []
    # Highlights in one language cannot be matched word for word in a text in another;
    # wrong_language reports that text instead.
    text_lang, highlights_lang = guess_language(doc.text), guess_language(highlights)
    if text_lang and highlights_lang and text_lang != highlights_lang:
        return []
    present = {w[:STEM] for w in words(doc.folded) if len(w) >= 4}
    if wanted & present:
        return []
    return [
        violation(
            "missing_positive",
            doc.say("missing_positive"),
        )
    ]


def check_closing(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Warn when the text neither wishes luck nor offers to answer questions."""
    if lexicon.pattern(LEX, "closing").search(doc.lower):
        return []
    return [
        violation(
            "missing_closing",
            doc.say("missing_closing"),
        )
    ]


def check_feedback(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Warn about advice or criticism when the recruiter enabled no feedback."""
    if doc.context.feedback:
        return []
    advice = [(m.start(), m.end()) for m in lexicon.pattern(LEX, "feedback").finditer(doc.lower)]
    # Criticism of the candidate is feedback too, wanted or not.
    found = sorted(advice + reasons.criticism_spans(doc) + reasons.score_spans(doc) + tone.harsh_spans(doc))
    if not found:
        return []
    return [
        violation(
            "unrequested_feedback",
            doc.say("unrequested_feedback"),
            doc.sentence_at(found[0][0]),
        )
    ]
