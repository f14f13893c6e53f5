"""The prompt-injection-echo rule: instructions, prompt sections or chat markers in a draft."""

from __future__ import annotations

import re

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc

LEX = "injection"
# Where a letter's tail begins after the sign-off: a blank line, a rule (---, ***, ___) or a heading.
_RULE = re.compile(r"^[ \t]*(([-*_=~][ \t]*){3,}|#.*)$", re.MULTILINE)
_SEPARATOR = re.compile(r"\n[ \t]*\n|^[ \t]*([-*_=~][ \t]*){3,}$|^[ \t]*#", re.MULTILINE)


def tail_start(doc: Doc) -> int | None:
    """Return where the text after the signature begins, or None when there is no sign-off."""
    ends = [m.end() for m in lexicon.pattern(LEX, "signoff").finditer(doc.lower)]
    name = (doc.context.recruiter_name or "").strip()
    if name:
        # The signature itself: a line with the recruiter's name (or first name) alone on it.
        names = "|".join(re.escape(n.lower()) for n in {name, name.split()[0]})
        ends += [m.end() for m in re.finditer(rf"^[ \t]*(?:{names})[ \t]*[,.]?[ \t]*$", doc.lower, re.MULTILINE)]
    if not ends:
        # No signature (a phone script): a rule or a heading still ends the text meant for the candidate.
        rule = _RULE.search(doc.text)
        return rule.start() if rule else None
    separator = _SEPARATOR.search(doc.text, max(ends))
    return separator.start() if separator else None


def _tail_hits(doc: Doc) -> list[re.Match[str]]:
    """Return matches in the text after the signature that address an assistant, a bot or a system."""
    start = tail_start(doc)
    if start is None:
        return []
    found = list(lexicon.pattern(LEX, "addressed").finditer(doc.lower, start))
    found += lexicon.pattern(LEX, "tail_instructions").finditer(doc.lower, start)
    return found


def check_injection(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block instructions, prompt section markers, role labels and chat-template tokens."""
    out = []
    last_end = -1
    hits = [(m, "default") for m in lexicon.pattern(LEX).finditer(doc.lower)]
    hits += [(m, "after_signature") for m in _tail_hits(doc)]
    for m, key in sorted(hits, key=lambda h: h[0].start()):
        if m.start() < last_end or m.end() == m.start():
            continue
        last_end = m.end()
        echo = m.group(0).strip()[:60]
        out.append(
            violation("prompt_injection_echo", doc.say("prompt_injection_echo", key, echo=echo), (m.start(), m.end()))
        )
    return out
