"""Deterministic rubric: one 0/1 score per guideline point, and a verdict a recruiter would give.

Version 2 (issue 9) reads meaning, not just word overlap: it uses the guardrail report (including
the meaning rules: mixed_decision, ungrounded_claim, prompt_scaffold, feedback fidelity) and
structure signals (a recruiter's note pasted after a colon, a field repeated). It predicts the blind
raters' verdict (send / edit / rewrite); `drafter eval agree` measures how well.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field

from drafter.models import DraftRequest
from evals.textstats import content_stems, sentences, words
from guardrails.report import GuardrailReport

RUBRIC_VERSION = "rubric-v4"
RUBRIC_ITEMS = (
    "thanks",
    "positive_grounded",
    "clear_decision",
    "grounded",
    "brief_reason",
    "feedback_as_requested",
    "address",
    "natural",
    "reason_given",
    "phone_opening",
    "close",
    "passes_rules",
    "specific",
    "true_to_round",
    "notes_carried",
    "feedback_carried",
    "no_shorthand",
)
# A draft that fails one of these is worth nothing as sent: it misleads, invents, or breaks a block rule.
GATES = ("clear_decision", "grounded", "passes_rules", "true_to_round")
Verdict = Literal["send", "edit", "rewrite"]
# What the recruiter entered and the draft must carry: missing several of them is a rewrite.
CONTENT_ITEMS = ("specific", "positive_grounded", "reason_given", "feedback_as_requested")
CONTENT_MISSES_FOR_REWRITE = 2
# Raters send only a draft that carries what the recruiter entered nearly whole (rubric-v4, tuned on the tune
# half of every rated set: predicted sends fell from 28 % to 9 % of drafts, raters send 6 %) ...
MIN_CARRIED = 0.9
# ... and rewrite one that carries under half of the requested feedback's content.
MIN_FEEDBACK_CARRIED = 0.5
# Notes' shorthand left in a draft ("Nordic market exp + Norwegian", "= stor fördel", "w/", "thru").
SHORTHAND = re.compile(r"(?<=\w)\s*[+=]\s*(?=\w)|\bw/|\s&\s|\b(thru|prob|pts|erf|ngn|usk|ssk|ref)\b", re.IGNORECASE)
# Rules whose block means the candidate could be misled (about the decision or the facts).
DANGER_RULES = frozenset(
    {
        "mixed_decision",
        "no_clear_decision",
        "ungrounded_claim",
        "highlight_as_reason",
        "reason_as_strength",
        "feedback_changed",
        "false_promise",
        "wrong_name",
        "leaks_other_candidate",
        "copied_example",
    }
)
UNGROUNDED_RULES = frozenset(
    {
        "ungrounded_claim",
        "prompt_scaffold",
        "copied_example",
        "leaks_internal_notes",
        "placeholder",
        "prompt_injection_echo",
    }
)
MISREAD_RULES = frozenset({"mixed_decision", "no_clear_decision"})
FEEDBACK_RULES = frozenset({"feedback_missing", "feedback_changed", "unrequested_feedback", "reason_as_strength"})
ADDRESS_RULES = frozenset({"mixed_address", "full_name_greeting", "wrong_name"})

# Marker phrases per language, matched case-insensitively as regular expressions on the whole text.
# Feedback markers leave out "next step": closings wish luck with it.
THANKS = {"sv": r"\btack(?:ar|a|ade)?\b", "en": r"\bthank(?:s|ing)?\b|\bgrateful\b|\bappreciat"}
DECISION = {
    "sv": (
        r"\binte\b[^.!?\n]{0,40}\b(?:gå|går|gått) vidare"
        r"|\binte\b[^.!?\n]{0,30}\b(?:utvald|valts|valt dig|fått|får)"
        r"|\bannan kandidat|\bandra kandidat|\bnågon annan\b|\binte erbjuda|\bvalt att gå vidare med"
        r"|\bkommer inte\b|\btyvärr\b"
        r"|\b(?:valt|valde|gick vidare med|anställt|erbjudit)\b[^.!?\n]{0,25}\bkandidat"
    ),
    "en": (
        r"\bnot (?:been )?(?:selected|successful|chosen|offer|moving|progress|proceed|able to offer)"
        r"|\bunsuccessful\b|\banother candidate|\bother candidate|\bsomeone else\b|\bwill not be\b"
        r"|\bwon't be\b|\bdecided to (?:move|go|proceed) (?:forward|ahead) with|\bunfortunately\b"
        r"|\b(?:chose|chosen|selected|appointed|hired|offered the \w+ to)\b"
        r"[^.!?\n]{0,25}\b(?:candidate|someone)"
    ),
}
FEEDBACK_MARKERS = {
    "sv": r"\bfeedback\b|\båterkoppling|\bförbättr|\btips\b|\brekommender|\bskulle stärka",
    "en": r"\bfeedback\b|\bimprov|\bwould strengthen|\brecommend|\bsuggest",
}
LUCK = {
    "sv": r"lycka till|\bönskar (?:dig|er)\b|\ball lycka|\bframgång",
    "en": r"\bluck\b|\bwish you\b|\ball the best\b|\bsuccess\b|\bbest wishes\b",
}
QUESTIONS = {
    "sv": r"\bfrågor\b|\bhör (?:gärna )?av dig|\bkontakta\b|\bhöra av dig",
    "en": r"\bquestions?\b|\bget in touch\b|\breach out\b|\bcontact me\b|\bhappy to (?:talk|answer|discuss)",
}
BULLET_RE = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+", re.MULTILINE)
# A brief reason fits in one ordinary sentence.
MAX_REASON_SENTENCE_WORDS = 40


class RubricScore(BaseModel):
    """Per-guideline scores (1 met, 0 missed, None not applicable), their mean and the verdict."""

    scores: dict[str, int | None] = Field(description="Score per rubric item id.")
    mean: float | None = Field(description="Mean of the applicable scores; 0 when a gate item fails.")
    verdict: Verdict = Field(default="edit", description="Predicted recruiter verdict: send / edit / rewrite.")
    danger: bool = Field(default=False, description="Predicted: the draft could mislead the candidate.")


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


# English calques of Swedish recruiting phrases ("valde en profil" -> "chose a profile").
CALQUES = re.compile(r"\b(chose|chosen|selected|choose)\s+a\s+profile\b|\bprofile\s+with\s+more\b", re.IGNORECASE)
# A phone call opens by asking whether it is a good time.
GOOD_TIME = {
    "sv": r"\bpassar\s+det\b|\bhar\s+du\s+(en\s+minut|ett\s+par\s+minuter|tid|en\s+stund)\b"
    r"|\bstör\s+jag\b|\bläge\s+att\s+prata\b",
    "en": r"\b(good|convenient|ok|okay)\s+time\b|\bgot\s+a\s+(minute|moment|few\s+minutes)\b"
    r"|\bhave\s+a\s+(minute|moment|few\s+minutes)\b",
}
# Stock lines that stand in for what the recruiter wrote (raters: "generic 'helhetsbedömning' instead of
# the real reason", "no concrete positive although highlights were given").
STAND_INS = {
    "reason": {
        "sv": r"samlad bedömning|helhetsbedömning|bäst motsvarar|vad rollen kräver just nu",
        "en": r"overall assessment|best matches|what the role needs right now",
    },
    "highlights": {
        "sv": r"värdefullt för oss att få (lära känna dig|ta del av)|roligt att få lära känna dig|höra mer om dig"
        r"|den tid och det engagemang|ditt engagemang under processen",
        "en": r"good to get to know you|hearing about your background|time and commitment you devoted"
        r"|your commitment during the process",
    },
}
ANOTHER = {"sv": r"\ben annan (kandidat|sökande)\b", "en": r"\banother candidate\b"}
# A recruiter's note pasted after a colon ("Vi uppskattade särskilt följande: din ...").
_COLON = re.compile(r":[ \t]+")


def _pasted(text: str, req: DraftRequest) -> bool:
    """Return True when a free-text field is pasted after a colon or repeated, as a template does."""
    low = " ".join(text.lower().split())
    for field in (req.highlights, req.reason, req.feedback or ""):
        note = " ".join(field.lower().split())
        head = " ".join(note.split()[:4])
        if len(head) < 8:
            continue
        if low.count(head) >= 2 or any(low[m.end() :].startswith(head) for m in _COLON.finditer(low)):
            return True
    return False


def score_thanks(text: str, req: DraftRequest) -> int | None:
    """Return 1 when the draft thanks the candidate."""
    return int(_has(THANKS[req.language], text))


def score_positive_grounded(text: str, req: DraftRequest) -> int | None:
    """Return 1 when the draft shares a content word with the highlights (None without highlights)."""
    wanted = content_stems(req.highlights)
    if not wanted:
        return None
    return int(bool(wanted & content_stems(text)))


def score_clear_decision(text: str, req: DraftRequest) -> int | None:
    """Return 1 when the draft states plainly that the candidate was not selected."""
    return int(_has(DECISION[req.language], text))


def score_brief_reason(text: str, req: DraftRequest) -> int | None:
    """Return 1 when every sentence naming the decision is short and an email has no bullet list."""
    decision = DECISION[req.language]
    long_ones = [s for s in sentences(text) if _has(decision, s) and len(words(s)) > MAX_REASON_SENTENCE_WORDS]
    # Talking points are a list by design; a letter listing reasons is over-explaining.
    listed = req.channel == "email" and len(BULLET_RE.findall(text)) >= 3
    return int(not long_ones and not listed)


def score_feedback_as_requested(text: str, req: DraftRequest) -> int | None:
    """Return 1 when feedback appears exactly when the recruiter entered it."""
    markers = _has(FEEDBACK_MARKERS[req.language], text)
    if req.feedback:
        grounded = bool(content_stems(req.feedback) & content_stems(text))
        return int(grounded or markers)
    return int(not markers)


def score_close(text: str, req: DraftRequest) -> int | None:
    """Return 1 when the draft wishes the candidate well and offers to answer questions."""
    return int(_has(LUCK[req.language], text) and _has(QUESTIONS[req.language], text))


SCORERS: dict[str, Callable[[str, DraftRequest], int | None]] = {
    "thanks": score_thanks,
    "positive_grounded": score_positive_grounded,
    "clear_decision": score_clear_decision,
    "brief_reason": score_brief_reason,
    "feedback_as_requested": score_feedback_as_requested,
    "close": score_close,
}


def _with_report(scores: dict[str, int | None], text: str, req: DraftRequest, report: GuardrailReport) -> None:
    """Fold the guardrail report's meaning into the items (a rule's finding overrides word overlap)."""
    rules = report.rules()
    blocking = {v.rule for v in report.blocking}
    if scores["positive_grounded"] is not None and rules & {"highlight_as_reason", "missing_positive"}:
        scores["positive_grounded"] = 0
    if rules & MISREAD_RULES:
        scores["clear_decision"] = 0
    scores["grounded"] = int(not blocking & UNGROUNDED_RULES)
    if rules & FEEDBACK_RULES:
        scores["feedback_as_requested"] = 0
    scores["address"] = int(not rules & ADDRESS_RULES)
    scores["natural"] = int(not _pasted(text, req) and "repeated_wish" not in rules and not CALQUES.search(text))
    scores["reason_given"] = _reason_given(text, req)
    scores["phone_opening"] = int(_has(GOOD_TIME[req.language], text)) if req.channel == "phone" else None
    scores["passes_rules"] = int(report.passed)
    scores["specific"] = _specific(text, req)
    scores["true_to_round"] = _true_to_round(text, req)
    carried = {
        field: _carried(note, text)
        for field, note in (("highlights", req.highlights), ("reason", req.reason), ("feedback", req.feedback))
    }
    shares = [share for share in carried.values() if share is not None]
    scores["notes_carried"] = int(all(share >= MIN_CARRIED for share in shares)) if shares else None
    scores["feedback_carried"] = (
        None if carried["feedback"] is None else int(carried["feedback"] >= MIN_FEEDBACK_CARRIED)
    )
    scores["no_shorthand"] = int(not SHORTHAND.search(text))


def _carried(note: str | None, text: str) -> float | None:
    """Return the share of a note's content stems the draft carries (None without a note)."""
    wanted = content_stems(note) if note else set()
    return len(wanted & content_stems(text)) / len(wanted) if wanted else None


def _specific(text: str, req: DraftRequest) -> int | None:
    """Return 0 when a stock line stands in for a reason or highlights the recruiter did enter."""
    given = {"reason": req.reason, "highlights": req.highlights}
    if not any(given.values()):
        return None
    return int(not any(v and _has(STAND_INS[k][req.language], text) for k, v in given.items()))


def _true_to_round(text: str, req: DraftRequest) -> int:
    """Return 0 when the draft says another candidate was chosen in a round where no one is hired."""
    from drafter.phrasing import no_hire

    return int(not (no_hire(req) and _has(ANOTHER[req.language], text)))


def _reason_given(text: str, req: DraftRequest) -> int | None:
    """Return 1 when the draft carries the recruiter's reason (None when there is none)."""
    wanted = content_stems(req.reason)
    if not wanted:
        return None
    return int(bool(wanted & content_stems(text)))


def verdict_of(scores: dict[str, int | None], report: GuardrailReport) -> Verdict:
    """Return the verdict the scores and report predict: a gate fails -> rewrite; any flaw -> edit.

    (Tried on the tuning half: "three misses -> rewrite" fixed one draft there and broke two held-out
    composer drafts, whose misses are cosmetic: full name, pasted note. Not kept.)
    """
    if any(scores.get(g) == 0 for g in GATES) or scores.get("feedback_carried") == 0:
        return "rewrite"
    # Raters rewrite a draft that leaves out what the recruiter entered (set C: 2+ such misses were
    # rewrite 30 times, edit 10 times), and edit one that misses one.
    if sum(scores.get(k) == 0 for k in CONTENT_ITEMS) >= CONTENT_MISSES_FOR_REWRITE:
        return "rewrite"
    if any(v == 0 for v in scores.values()) or report.warnings:
        return "edit"
    return "send"


def score_rubric(text: str, request: DraftRequest, report: GuardrailReport | None = None) -> RubricScore:
    """Score a draft against every rubric item (checking it with the guardrails unless given the report)."""
    if report is None:
        from guardrails import check

        report = check(text, request)
    scores = {item: SCORERS[item](text, request) for item in SCORERS}
    _with_report(scores, text, request, report)
    scores = {item: scores[item] for item in RUBRIC_ITEMS}
    applicable = [s for s in scores.values() if s is not None]
    mean = round(sum(applicable) / len(applicable), 4) if applicable else None
    if mean is not None and any(scores[g] == 0 for g in GATES):
        mean = 0.0
    danger = any(v.rule in DANGER_RULES for v in report.blocking) or scores["true_to_round"] == 0
    return RubricScore(scores=scores, mean=mean, verdict=verdict_of(scores, report), danger=danger)
