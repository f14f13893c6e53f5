"""The ungrounded-claim rule: facts the request does not contain.

A small model fills gaps with invented detail: a web address no one entered, "our pleasant talk in
early spring", a meeting "next week", "for the past 10 months", a stranger's name, a reason that is
not the recruiter's. Each is a claim the recruiter never made and the candidate may act on.
Grounding sources are the fields a draft may use (names, role, company, highlights, reason,
feedback); the internal notes never ground anything.
"""

from __future__ import annotations

import re
from functools import cache

from guardrails import lexicon, morph
from guardrails.evidence import Evidence, acronyms, content_words, evidence, has_word, pool, same_word
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.rule_data import say
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc, fold, words

LEX = "claims"
RULE = "ungrounded_claim"
_DIGITS = re.compile(r"\d+(?:[.,:]\d+)?")
_TITLE = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*")
# A name is a run of capitalised words on one line, separated by single spaces.
_RUN_GAP = re.compile(r"^[ \t]$")
_LIST_NUMBER = re.compile(r"^[ \t]*\d{1,2}[.)][ \t]", re.MULTILINE)


def _is_title(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and any(c.islower() for c in word[1:])


@cache
def _capitalised_ok() -> frozenset[str]:
    return lexicon.wordset(LEX, "capitalised")


@cache
def _name_cues() -> frozenset[str]:
    return lexicon.wordset(LEX, "name_cues")


def _sentence_starts(doc: Doc) -> set[int]:
    """Return the offsets of the first word of every sentence, line and list item."""
    starts = set()
    for start, end in doc.sentences:
        m = re.search(r"[^\W\d_]", doc.text[start:end])
        if m:
            starts.add(start + m.start())
    return starts


def _links(doc: Doc, ev: Evidence) -> list[tuple[int, int]]:
    found = []
    for m in lexicon.pattern(LEX, "links", ignore_case=True).finditer(doc.text):
        value = m.group(0).rstrip(".,")
        core = re.sub(r"^(https?://)?(www\.)?", "", value.lower())
        if ev.contains(value) or ev.contains(core):
            continue
        found.append((m.start(), m.start() + len(value)))
    return found


def _numbers(doc: Doc, ev: Evidence, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return numbers the request does not contain (list numbering and links excluded)."""
    known = set(_DIGITS.findall(ev.text))
    listed = {m.end() - 3 for m in _LIST_NUMBER.finditer(doc.text)}
    found = []
    for m in _DIGITS.finditer(doc.text):
        if m.group(0) in known or any(a <= m.start() < b for a, b in taken):
            continue
        if any(abs(m.start() - p) <= 2 for p in listed):
            continue
        found.append(doc.token_at(m.start(), m.end()))
    return found


@cache
def _number_words() -> dict[str, str]:
    table = lexicon.load(LEX).get("number_words", {})
    return dict(str(pair).split("=", 1) for values in table.values() for pair in values)


def _as_digits(phrase: str) -> str:
    """Return a phrase with its number words written in digits ("eight years" -> "8 years")."""
    numbers = _number_words()
    return " ".join(numbers.get(w, w) for w in phrase.split())


def _number_grounded(phrase: str, ev: Evidence) -> bool:
    """Return True when a phrase counts something ("sex månader") by a number the request gives ("6 mån")."""
    values = _DIGITS.findall(_as_digits(phrase))
    return bool(values) and all(v in _DIGITS.findall(ev.text) for v in values)


def _phrases(doc: Doc, ev: Evidence, key: str) -> list[tuple[int, int]]:
    """Return time or event phrases whose distinctive words are not in the request."""
    found = []
    for m in lexicon.pattern(LEX, key).finditer(doc.lower):
        if ev.contains(m.group(0)) or ev.contains(_as_digits(m.group(0))) or _number_grounded(m.group(0), ev):
            continue
        own = [w for w in words(fold(m.group(0))) if len(w) >= 3]
        # "next week" is grounded when the request itself speaks of next week (checked above);
        # a month name alone is grounded when the request names that month.
        if key == "time" and len(own) == 1 and own[0] in ev.words:
            continue
        found.append((m.start(), m.end()))
    return found


@cache
def _steps() -> tuple[re.Pattern[str], ...]:
    table = lexicon.load(LEX).get("process_steps", {})
    return tuple(lexicon.compile_any(list(v), where=f"{LEX}.process_steps.{k}") for k, v in table.items())


def _process_steps(doc: Doc) -> list[tuple[int, int]]:
    """Return steps of the process (a second interview, a tour, a trial shift) the request never names.

    A step is grounded when the request names the same step in either language.
    """
    ctx = doc.context
    request = " ".join(p or "" for p in (ctx.role, ctx.highlights, ctx.reason, ctx.feedback)).lower()
    ev = evidence(doc)
    found = []
    for step in _steps():
        if step.search(request):
            continue
        for m in step.finditer(doc.lower):
            own = [w for w in words(fold(m.group(0))) if len(w) >= 4]
            if not (own and all(ev.supports(w) for w in own)):  # the request's own words, other order
                found.append((m.start(), m.end()))
    return found


# A name run renders a name of the request in the other language when one of its words starts like one
# of the request's capitalised words for this many letters ("Financial Supervisory Authority" for
# "Finansinspektionen"), spelling c as k.
RENDER_PREFIX = 5


def _request_names(doc: Doc) -> frozenset[str]:
    ctx = doc.context
    text = " ".join(p or "" for p in (ctx.role, ctx.company, ctx.highlights, ctx.reason, ctx.feedback))
    found = _TITLE.findall(text)
    long_names = [w for w in found if _is_title(w) and len(w) >= RENDER_PREFIX]
    return frozenset(fold(w).replace("c", "k")[:RENDER_PREFIX] for w in long_names)


def _renders(word: str, named: frozenset[str]) -> bool:
    return len(word) >= RENDER_PREFIX and word.replace("c", "k")[:RENDER_PREFIX] in named


def _names(doc: Doc, ev: Evidence) -> list[tuple[int, int]]:
    """Return capitalised words that read as names of people or places the request never gives."""
    ok = _capitalised_ok()
    cues = _name_cues()
    verbs = lexicon.wordset(LEX, "name_verbs")
    starts = _sentence_starts(doc)
    signoffs = [m.start() for m in lexicon.pattern(LEX, "signoff").finditer(doc.lower)]
    signature = signoffs[-1] if signoffs else len(doc.text)
    tokens = [t for t in doc.tokens if t.start < signature]
    named = _request_names(doc)
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not _is_title(tokens[i].text):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(tokens)
            and _is_title(tokens[j + 1].text)
            and _RUN_GAP.match(doc.text[tokens[j].end : tokens[j + 1].start])
        ):
            j += 1
        run = tokens[i : j + 1]
        unknown = [t for t in run if not ev.supports(fold(t.text)) and t.text.lower() not in ok]
        # Skip a capitalised first word of a sentence: only the words after it can be a name.
        if run[0].start in starts and run[0] in unknown:
            unknown = unknown[1:]
        if len(unknown) >= 2:
            if not any(_renders(fold(t.text), named) for t in run):
                found.append((unknown[0].start, unknown[-1].end))
        elif len(unknown) == 1 and unknown[0].start not in starts:
            k = tokens.index(unknown[0])
            acting = k + 1 < len(tokens) and tokens[k + 1].text.lower() in verbs  # "som Göran sa"
            if (k > 0 and tokens[k - 1].text.lower() in cues) or acting:
                found.append((unknown[0].start, unknown[0].end))
        i = j + 1
    return found


def _reason_core(doc: Doc) -> list[str]:
    """Return the content words of what the recruiter's reason says the choice was about.

    "The board chose a candidate with X": the board is who chose, X is the reason.
    """
    reason = doc.context.reason or ""
    m = lexicon.pattern(LEX, "reason_frame").search(reason.lower())
    # Shorthand ("exp", "cand", "erf") is written out in a letter and cannot be matched; acronyms match by initials.
    core = reason[m.end() :] if m else reason
    named = acronyms(core)
    return [w for w in content_words(core) if len(w) > SHORTHAND_MAX or w in named]


# Reason words this short are taken for shorthand the letter may write out.
SHORTHAND_MAX = 4
# A stated reason is another reason when more than this share of the recruiter's reason words is gone.
MISSING_SHARE = 0.5


def _compound_of(word: str, here: frozenset[str], language: str) -> bool:
    """Return True when a passage word is a part of a compound reason word: "helger" for "helgpass",
    "pass" alone is too short to count."""
    for w in here:
        part = morph.stem(w, language)
        if len(part) >= morph.MIN_HEAD and part != word and (word.startswith(part) or word.endswith(part)):
            return True
    return False


def _look_alike(a: str, b: str) -> bool:
    """Return True for two different words that start alike ("qualitative" for "quantitative")."""
    if same_word(a, b) or min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 3:
        return False
    return a[:3] == b[:3]


def _reason_swaps(doc: Doc, ev: Evidence) -> list[tuple[int, int]]:
    """Return stated reasons that drop the recruiter's reason and bring in words of their own."""
    found = []
    frame = lexicon.pattern(LEX, "reason_frame")
    core = _reason_core(doc)
    for start, end in doc.sentences:
        m = frame.search(doc.lower, start, end)
        if not m:
            continue
        new = [w for w in content_words(doc.text[m.end() : end]) if not ev.supports(w)]
        if not new:
            continue
        if not doc.context.reason:
            found.append((start, end))  # with no reason entered, any reason of the model's own is invented
            continue
        here = pool(doc.text[start:end])
        missing = [w for w in core if not has_word(w, here) and not _compound_of(w, here, doc.language)]
        if not missing or not core:
            continue
        if len(missing) / len(core) > MISSING_SHARE or any(_look_alike(n, w) for n in new for w in missing):
            found.append((start, end))
    return found


def ungrounded_spans(doc: Doc) -> list[tuple[str, int, int]]:
    """Return (kind, start, end) of every claim the request does not support."""
    ev = evidence(doc)
    links = _links(doc, ev)
    spans = [("link", a, b) for a, b in links]
    spans += [("number", a, b) for a, b in _numbers(doc, ev, links)]
    spans += [("time", a, b) for a, b in _phrases(doc, ev, "time")]
    spans += [("event", a, b) for a, b in _phrases(doc, ev, "events")]
    request = " ".join(p or "" for p in (doc.context.highlights, doc.context.reason, doc.context.feedback))
    if not lexicon.pattern(LEX, "reapply").search(request.lower()):
        spans += [("event", a, b) for a, b in _phrases(doc, ev, "resources")]
    spans += [("event", a, b) for a, b in _process_steps(doc)]
    spans += [("name", a, b) for a, b in _names(doc, ev)]
    spans += [("reason", a, b) for a, b in _reason_swaps(doc, ev)]
    return sorted(spans, key=lambda s: s[1])


def check_ungrounded(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block every fact, name, number, link, date, meeting or reason the request does not contain."""
    if doc.context.highlights is None or doc.context.reason is None:
        # A partial context (None = unknown, unlike "" = left empty) cannot say what the request
        # lacks: a `drafter check` line without them, or the composer's check without free text.
        return []
    out = []
    covered: list[tuple[int, int]] = []
    for kind, start, end in ungrounded_spans(doc):
        if any(a <= start < b for a, b in covered):
            continue  # one violation per passage: a number inside a date is the date
        covered.append((start, end))
        out.append(violation(RULE, say(doc, RULE, kind, quote=doc.text[start:end]), (start, end)))
    return out
