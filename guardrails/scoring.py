"""Score the rules against labeled letters: per-rule precision and recall.

Run `python -m guardrails.scoring LETTERS.jsonl [VERDICTS.jsonl]`: it checks the letters (or reads the
verdicts `drafter check --jsonl LETTERS.jsonl` printed, e.g. from another commit) and prints the
per-rule table and the letter-level figures.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from guardrails.context import CheckContext
from guardrails.engine import check
from guardrails.errors import GuardrailError
from guardrails.registry import RULES
from guardrails.report import GuardrailReport
from guardrails.settings import GuardrailSettings


class LabeledLetter(BaseModel):
    """One letter with the rule ids it must trigger."""

    id: str = Field(description="Letter id.")
    text: str = Field(description="The letter.")
    context: CheckContext = Field(description="What the check knows about the letter.")
    labels: set[str] = Field(default_factory=set, description="Rule ids the letter must trigger.")
    good: bool = Field(default=False, description="True when the letter has no block label.")


class RuleScore(BaseModel):
    """Counts and rates for one rule."""

    rule: str = Field(description="Rule id.")
    tp: int = Field(default=0, description="Labeled and found.")
    fp: int = Field(default=0, description="Found but not labeled.")
    fn: int = Field(default=0, description="Labeled but not found.")

    @property
    def precision(self) -> float:
        """Return tp / (tp + fp), 1.0 when the rule never fired."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Return tp / (tp + fn), 1.0 when nothing was labeled."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_letters(path: str | Path) -> list[LabeledLetter]:
    """Read labeled letters from JSON Lines; top-level language/channel override the context."""
    letters = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError:
            raise GuardrailError(f"Line {n} of {path} is not valid JSON.") from None
        ctx = dict(raw.get("context") or {})
        for key in ("language", "channel"):
            if raw.get(key):
                ctx[key] = raw[key]
        letters.append(
            LabeledLetter(
                id=str(raw.get("id", n)),
                text=raw["text"],
                context=CheckContext.parse(ctx),
                # Two label formats: {"labels", "good"}, or the blind sets' {"rules", "expect": "pass"|"block"}.
                labels=set(raw.get("labels", raw.get("rules", []))),
                good=bool(raw.get("good", raw.get("expect") == "pass")),
            )
        )
    return letters


def score(
    letters: list[LabeledLetter], settings: GuardrailSettings | None = None
) -> tuple[dict[str, RuleScore], dict[str, GuardrailReport]]:
    """Check every letter and return per-rule scores and the reports by letter id."""
    scores = {rule: RuleScore(rule=rule) for rule in RULES}
    reports = {}
    for letter in letters:
        report = check(letter.text, letter.context, settings)
        reports[letter.id] = report
        found = report.rules()
        for rule in scores:
            if rule in found and rule in letter.labels:
                scores[rule].tp += 1
            elif rule in found:
                scores[rule].fp += 1
            elif rule in letter.labels:
                scores[rule].fn += 1
    return scores, reports


def table(scores: dict[str, RuleScore]) -> str:
    """Return the per-rule scores as a fixed-width table."""
    lines = [f"{'rule':<24} {'sev':<5} {'tp':>3} {'fp':>3} {'fn':>3} {'prec':>5} {'rec':>5}"]
    for rule, s in scores.items():
        sev = RULES[rule].severity if rule in RULES else "?"
        lines.append(f"{rule:<24} {sev:<5} {s.tp:>3} {s.fp:>3} {s.fn:>3} {s.precision:>5.2f} {s.recall:>5.2f}")
    return "\n".join(lines)


def _verdict_reports(path: str | Path) -> dict[str, GuardrailReport]:
    """Read `drafter check --jsonl` output as reports keyed by letter id."""
    reports = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            reports[str(raw["id"])] = GuardrailReport.model_validate(raw)
    return reports


def score_reports(letters: list[LabeledLetter], reports: dict[str, GuardrailReport]) -> dict[str, RuleScore]:
    """Return per-rule scores of given reports against the letters' labels."""
    rules = list(RULES) + sorted({v.rule for r in reports.values() for v in r.violations} - set(RULES))
    scores = {rule: RuleScore(rule=rule) for rule in rules}
    for letter in letters:
        found = reports[letter.id].rules()
        for rule, s in scores.items():
            if rule in found and rule in letter.labels:
                s.tp += 1
            elif rule in found:
                s.fp += 1
            elif rule in letter.labels:
                s.fn += 1
    return scores


def verdicts(letters: list[LabeledLetter], reports: dict[str, GuardrailReport]) -> str:
    """Summarise the letter-level figures: block-labeled letters blocked, good letters blocked."""
    blocking = {rule for rule, info in RULES.items() if info.severity == "block"}
    bad = [x for x in letters if x.labels & blocking]
    good = [x for x in letters if x.good]
    caught = sum(1 for x in bad if not reports[x.id].passed)
    wrongly = sum(1 for x in good if not reports[x.id].passed)
    return (
        f"block-labeled letters blocked: {caught}/{len(bad)} = {caught / max(1, len(bad)):.2f}; "
        f"good letters blocked: {wrongly}/{len(good)} = {100 * wrongly / max(1, len(good)):.0f} %"
    )


def main(argv: list[str]) -> int:
    """Print the scores of one labeled file, checked here or read from `drafter check --jsonl` output."""
    if not argv or len(argv) > 2:
        print("usage: python -m guardrails.scoring LETTERS.jsonl [VERDICTS.jsonl]")
        return 2
    letters = load_letters(argv[0])
    reports = _verdict_reports(argv[1]) if len(argv) == 2 else score(letters)[1]
    scores = score_reports(letters, reports)
    print(table({r: s for r, s in scores.items() if s.tp + s.fp + s.fn}))
    print(verdicts(letters, reports))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
