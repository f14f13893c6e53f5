"""The protected-ground rule: the seven grounds of the Discrimination Act and their proxies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from guardrails import lexicon
from guardrails.registry import violation
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings
from guardrails.text import Doc, words

PREFIX = "protected_"
# Words sharing this much of a prefix count as one word; "kvinnor" is not "Kvinnohuset".
SAME_WORD_MIN_PREFIX = 4
SAME_WORD_SHARE = 0.65


@dataclass(frozen=True)
class Ground:
    """One ground's compiled lexicon."""

    ground: str
    label_sv: str
    label_en: str
    hits: dict[str, re.Pattern[str]]  # language -> lowercase patterns, run on Doc.lower
    cased: dict[str, re.Pattern[str]]  # language -> patterns that look at capitals, run on the text
    allow: re.Pattern[str]
    allow_phrases: re.Pattern[str]
    # People the job serves ("the young people at the centre"): innocent unless the sentence
    # is about the team, a hire or the candidate ("we wanted young people in the team").
    clients: re.Pattern[str]
    targets: re.Pattern[str]


@cache
def combined(language: str) -> re.Pattern[str]:
    """Return one pattern for every ground (group `g<i>` = ground i), so the text is scanned once."""
    parts = [f"(?P<g{i}>{g.hits[language].pattern})" for i, g in enumerate(grounds())]
    if all(p.startswith(r"(?P<g" + str(i) + r">\b(?:") for i, p in enumerate(parts)):
        # Every ground starts at a word boundary: test it once for all of them.
        parts = [p.replace(r">\b(?:", ">(?:", 1) for p in parts]
        return lexicon.compile_any([r"\b(?:" + "|".join(parts) + ")"], where="protected lexicons")
    return lexicon.compile_any(parts, where="protected lexicons")


@cache
def grounds() -> tuple[Ground, ...]:
    """Load every `protected_*.toml` lexicon once."""
    names = sorted(
        entry.name.removesuffix(".toml")
        for entry in resources.files("guardrails.lexicons").iterdir()
        if entry.name.startswith(PREFIX) and entry.name.endswith(".toml")
    )
    out = []
    for name in names:
        data = lexicon.load(name)
        shared = list(data.get("any", []))
        hits = {lang: lexicon.compile_any(shared + list(data.get(lang, [])), where=name) for lang in ("sv", "en")}
        cased = {
            lang: lexicon.compile_any(list(data.get(f"cased_{lang}", [])), where=name, ignore_case=True)
            for lang in ("sv", "en")
        }
        allow = lexicon.compile_any([f"(?:{p})$" for p in data.get("allow", [])], where=f"{name}.allow")
        out.append(
            Ground(
                ground=str(data.get("ground", name.removeprefix(PREFIX))),
                label_sv=str(data.get("label_sv", name)),
                label_en=str(data.get("label_en", name)),
                hits=hits,
                cased=cased,
                allow=allow,
                allow_phrases=lexicon.compile_any(
                    list(data.get("allow_phrases", [])), where=f"{name}.allow_phrases", ignore_case=True
                ),
                clients=lexicon.compile_any(list(data.get("clients", [])), where=f"{name}.clients", ignore_case=True),
                targets=lexicon.compile_any(list(data.get("targets", [])), where=f"{name}.targets", ignore_case=True),
            )
        )
    return tuple(out)


def _same_word(a: str, b: str) -> bool:
    """Return True for the same word or an inflection of it ("imam"/"imamen", "diagnosis"/"diagnostic")."""
    if a == b:
        return True
    shared = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return shared >= SAME_WORD_MIN_PREFIX and shared >= SAME_WORD_SHARE * max(len(a), len(b))


def _innocent(doc: Doc, ground: Ground, start: int, end: int) -> bool:
    """Return True when a hit is an allowed word, an innocent phrase, or part of the role, company or a name."""
    wstart, wend = doc.token_at(start, end)
    hit_words = words(doc.folded[wstart:wend])
    if all(ground.allow.match(w) for w in words(doc.lower[wstart:wend])):
        return True
    if len(hit_words) == 1 and any(_same_word(hit_words[0], w) for w in doc.own_words):
        return True
    if len(hit_words) > 1 and re.search(r"\b" + r"\W+".join(map(re.escape, hit_words)) + r"\b", doc.own_folded):
        return True
    sent_start, sent_end = doc.sentence_at(start)
    for m in ground.allow_phrases.finditer(doc.text, sent_start, max(sent_end, end)):
        if m.start() < end and start < m.end():
            return True
    for m in ground.clients.finditer(doc.text, sent_start, max(sent_end, end)):
        if m.start() < end and start < m.end():
            return not ground.targets.search(doc.text, sent_start, max(sent_end, end))
    return False


def check_protected(doc: Doc, settings: GuardrailSettings) -> list[Violation]:
    """Block every reference to a protected ground or a proxy for one."""
    lang = "en" if doc.language == "en" else "sv"
    out = []
    taken: list[tuple[int, int]] = []
    all_grounds = grounds()
    hits = [(m, all_grounds[int((m.lastgroup or "g0")[1:])]) for m in combined(lang).finditer(doc.lower)]
    hits += [(m, g) for g in all_grounds for m in g.cased[lang].finditer(doc.text)]
    for m, ground in sorted(hits, key=lambda h: h[0].start()):
        if m.end() == m.start() or _innocent(doc, ground, m.start(), m.end()):
            continue
        span = doc.token_at(m.start(), m.end())
        if any(s < span[1] and span[0] < e for s, e in taken):
            continue
        taken.append(span)
        term = doc.text[span[0] : span[1]]
        out.append(
            violation(
                "protected_ground",
                doc.msg(
                    f"Ta bort '{term}': det anspelar på {ground.label_sv}, en diskrimineringsgrund "
                    "som inte får nämnas eller påverka beskedet.",
                    f"Remove '{term}': it refers to {ground.label_en}, a protected ground that must "
                    "not be mentioned or affect the decision.",
                ),
                span,
            )
        )
    return out
