"""The mixed-decision rule: a rejection that also offers, accepts, or lets the process go on.

"It is time to move on with you", "we were able to offer you the job", "we look forward to working
together" inside a rejection leave the candidate unsure what was decided; that misleads them.
"""

from __future__ import annotations

from guardrails import lexicon
from guardrails.evidence import Evidence, content_words, evidence
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.rule_data import say
from guardrails.settings import GuardrailSettings
from guardrails.text import NEGATIONS, WORD_RE, Doc

LEX = "consistency"
RULE = "mixed_decision"
KINDS = ("offer", "glad_news", "continuation", "kept_open")
# A negation this many words before a match, in the same clause, turns it into a refusal.
NEGATION_WINDOW = 4
_MORE_NEGATIONS = frozenset({"unable", "cannot", "wont", "nej"})
_CLAUSE_BREAK = frozenset({"and", "but", "och", "men", "so", "så", "however", "dock"})


def refused(doc: Doc, pos: int, window: int = NEGATION_WINDOW) -> bool:
    """Return True when a negation stands in the few words before an offset, within its clause."""
    start = max(0, pos - 80)
    chunk = doc.lower[start:pos]
    for mark in (",", ";", ".", "!", "?", "\n", ":"):
        cut = chunk.rfind(mark)
        if cut >= 0:
            chunk = chunk[cut + 1 :]
    before = WORD_RE.findall(chunk)
    recent: list[str] = []
    for word in reversed(before):
        if word in _CLAUSE_BREAK or len(recent) >= window:
            break
        recent.append(word)
    return any(w in NEGATIONS or w in _MORE_NEGATIONS or w.endswith("n't") or w.endswith("n’t") for w in recent)


def _recruiters_words(phrase: str, ev: Evidence) -> bool:
    """Return True when a phrase, or every content word of it, comes from the request's fields."""
    own = content_words(phrase)
    return ev.contains(phrase) or (bool(own) and all(ev.supports(w) for w in own))


def mixed_spans(doc: Doc) -> list[tuple[str, int, int]]:
    """Return (kind, start, end) of every offer, glad-news or continuation phrase in the text."""
    ev = evidence(doc)
    found = []
    for kind in KINDS:
        for m in lexicon.pattern(LEX, kind).finditer(doc.lower):
            if kind != "glad_news" and refused(doc, m.start()):
                continue
            if kind == "continuation" and _recruiters_words(m.group(0), ev):
                continue  # the recruiter's own words ("samarbete med leverantörer" in the highlights)
            found.append((kind, m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def check_mixed_decision(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block an offer, a yes, glad news or a continuation inside a rejection (one violation per sentence)."""
    out: list[Violation] = []
    seen: set[tuple[int, int]] = set()
    for kind, start, end in mixed_spans(doc):
        sentence = doc.sentence_at(start)
        if sentence in seen:
            continue
        seen.add(sentence)
        out.append(violation(RULE, say(doc, RULE, kind, quote=doc.text[start:end]), (start, end)))
    return out
