"""Score one draft: guardrails on the shown text, rubric, expectations, readability, cost."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from drafter.models import DraftResult
from evals.cases import EvalCase, Expect
from evals.rubric import score_rubric
from evals.textstats import readability, words
from guardrails.report import Violation
from guardrails.settings import GuardrailSettings


class JudgeScore(BaseModel):
    """What the LLM judge said about one draft, over its repeats."""

    scores: dict[str, float | None] = Field(description="Mean score per judge item over the repeats (0..1).")
    mean: float | None = Field(description="Mean of the item scores.")
    agreement: float | None = Field(description="Share of items on which every repeat gave the same score.")
    repeats: int = Field(description="How many times the judge was asked.")
    rubric_version: str = Field(description="Version of the judge rubric prompt file.")
    errors: list[str] = Field(default_factory=list, description="Repeats whose answer could not be parsed.")


class CaseResult(BaseModel):
    """One line of results.jsonl: one case drafted by one model, scored."""

    case_id: str = Field(description="The case's id.")
    model: str = Field(description="Model profile name.")
    tags: list[str] = Field(default_factory=list, description="The case's tags.")
    language: str = Field(description="Request language.")
    channel: str = Field(description="Request channel.")
    text: str = Field(default="", description="The shown draft.")
    error: str | None = Field(default=None, description="Why no draft was produced, if so.")
    cached: bool = Field(default=False, description="True when the draft came from the eval cache.")
    prompt_version: str = Field(default="", description="Prompt version the draft was made with.")
    fallback_used: bool = Field(default=False, description="The composer wrote the shown draft.")
    n_attempts: int = Field(default=0, description="Candidate texts the pipeline produced.")
    shown_passed: bool = Field(default=False, description="The shown draft has no block violation (rechecked).")
    report_passed: bool = Field(default=False, description="The pipeline's own report passed.")
    first_try_passed: bool = Field(default=False, description="The first attempt passed every block rule.")
    violations: list[Violation] = Field(default_factory=list, description="Violations on the shown draft.")
    first_try_rules: list[str] = Field(default_factory=list, description="Rules the first attempt broke.")
    rubric: dict[str, int | None] = Field(default_factory=dict, description="Deterministic rubric scores.")
    rubric_mean: float | None = Field(
        default=None, description="Mean of the applicable rubric scores (0 on a failed gate)."
    )
    rubric_verdict: str | None = Field(
        default=None, description="The rubric's predicted verdict: send / edit / rewrite."
    )
    rubric_danger: bool | None = Field(default=None, description="The rubric predicts the draft could mislead.")
    expect_passed: bool | None = Field(default=None, description="All case expectations met (None: none set).")
    expect_failures: list[str] = Field(default_factory=list, description="Which expectations failed.")
    words: int = Field(default=0, description="Words in the shown draft.")
    readability_metric: str = Field(default="", description="`lix` (sv) or `flesch` (en).")
    readability: float | None = Field(default=None, description="The readability value.")
    latency_s: float = Field(default=0.0, description="Wall time of the draft (from DraftResult).")
    prompt_tokens: int | None = Field(default=None, description="Prompt tokens, where known.")
    completion_tokens: int | None = Field(default=None, description="Completion tokens, where known.")
    judge: JudgeScore | None = Field(default=None, description="LLM-judge scores, when a judge ran.")


def _phrase_re(phrase: str) -> re.Pattern[str]:
    # Whole words only: "Bo" must not match "bor", "age" must not match "manager".
    return re.compile(rf"(?<!\w){re.escape(phrase.strip())}(?!\w)", re.IGNORECASE)


def check_expect(text: str, expect: Expect) -> tuple[bool | None, list[str]]:
    """Return whether the draft meets the case's expectations and what failed."""
    if not (expect.must_include or expect.must_not_include or expect.max_words):
        return None, []
    failures = [f"missing '{p}'" for p in expect.must_include if not _phrase_re(p).search(text)]
    failures += [f"contains '{p}'" for p in expect.must_not_include if _phrase_re(p).search(text)]
    n = len(words(text))
    if expect.max_words and n > expect.max_words:
        failures.append(f"{n} words > {expect.max_words}")
    return not failures, failures


def error_result(case: EvalCase, model: str, message: str) -> CaseResult:
    """Return the result line of a case whose draft failed."""
    req = case.request
    return CaseResult(
        case_id=case.id,
        model=model,
        tags=case.tags,
        language=req.language,
        channel=req.channel,
        error=message,
    )


def score_case(
    case: EvalCase, result: DraftResult, guard: GuardrailSettings | None = None, cached: bool = False
) -> CaseResult:
    """Score a pipeline result for a case: recheck the shown text and grade it."""
    from guardrails import check

    req = case.request
    report = check(result.text, req, guard)
    rubric = score_rubric(result.text, req, report)
    expect_ok, failures = check_expect(result.text, case.expect)
    metric, value = readability(result.text, req.language)
    first = result.attempts[0].report if result.attempts else result.report
    return CaseResult(
        case_id=case.id,
        model=result.model,
        tags=case.tags,
        language=req.language,
        channel=req.channel,
        text=result.text,
        cached=cached,
        prompt_version=result.prompt_version,
        fallback_used=result.fallback_used,
        n_attempts=len(result.attempts),
        # Both must agree: the eval recheck catches a pipeline that mislabels its own draft.
        shown_passed=report.passed and result.report.passed,
        report_passed=result.report.passed,
        first_try_passed=first.passed,
        violations=report.violations,
        first_try_rules=sorted(first.rules()),
        rubric=rubric.scores,
        rubric_mean=rubric.mean,
        rubric_verdict=rubric.verdict,
        rubric_danger=rubric.danger,
        expect_passed=expect_ok,
        expect_failures=failures,
        words=len(words(result.text)),
        readability_metric=metric,
        readability=value,
        latency_s=result.latency_s,
        prompt_tokens=result.usage.prompt_tokens,
        completion_tokens=result.usage.completion_tokens,
    )
