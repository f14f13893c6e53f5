"""Deterministic rubric: one 0/1 score per guideline point (None when it does not apply)."""

from __future__ import annotations

import re
from collections.abc import Callable

from pydantic import BaseModel, Field

from drafter.models import DraftRequest
from evals.textstats import content_stems, sentences, words

RUBRIC_ITEMS = (
    "thanks",
    "positive_grounded",
    "clear_decision",
    "brief_reason",
    "feedback_as_requested",
    "close",
)

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
    """Per-guideline scores (1 met, 0 missed, None not applicable) and their mean."""

    scores: dict[str, int | None] = Field(description="Score per rubric item id.")
    mean: float | None = Field(description="Mean of the applicable scores.")


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


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


def score_rubric(text: str, request: DraftRequest) -> RubricScore:
    """Score a draft against every rubric item."""
    scores = {item: SCORERS[item](text, request) for item in RUBRIC_ITEMS}
    applicable = [s for s in scores.values() if s is not None]
    mean = round(sum(applicable) / len(applicable), 4) if applicable else None
    return RubricScore(scores=scores, mean=mean)
