"""Every rule Besked checks, with its severity and a description for the UI."""

from __future__ import annotations

from pydantic import BaseModel, Field

from guardrails.report import Severity, Violation


class RuleInfo(BaseModel):
    """What one rule checks, for reports and the UI's rule list."""

    id: str = Field(description="Rule id, a contract shared by evals, reports and tests.")
    severity: Severity = Field(description="`block` stops a draft from being shown as ready; `warn` flags it.")
    family: str = Field(description="Which family of checks the rule belongs to (module name).")
    description_sv: str = Field(description="What the rule checks, in Swedish.")
    description_en: str = Field(description="What the rule checks, in English.")


def _rule(rule_id: str, severity: Severity, family: str, sv: str, en: str) -> RuleInfo:
    return RuleInfo(id=rule_id, severity=severity, family=family, description_sv=sv, description_en=en)


_ALL = [
    _rule("no_thanks", "block", "structure",
          "Texten tackar för kandidatens intresse och tid.",
          "The text thanks the candidate for their interest and time."),
    _rule("no_clear_decision", "block", "structure",
          "Det framgår tydligt att kandidaten inte går vidare.",
          "The text makes clear that the candidate was not selected."),
    _rule("wrong_name", "block", "structure",
          "Hälsningen riktar sig till rätt kandidat.",
          "The greeting addresses the right candidate."),
    _rule("missing_positive", "warn", "structure",
          "Något av det positiva som rekryteraren angav nämns.",
          "Something from the recruiter's highlights is mentioned."),
    _rule("missing_closing", "warn", "structure",
          "Texten avslutas med lyckönskning eller erbjudande att svara på frågor.",
          "The text closes by wishing luck or offering to answer questions."),
    _rule("unrequested_feedback", "warn", "structure",
          "Ingen feedback ges när rekryteraren inte har angett någon.",
          "No feedback is given when the recruiter entered none."),
    _rule("too_long", "block", "length",
          "Texten håller sig under maxlängden för språk och kanal.",
          "The text stays under the length limit for its language and channel."),
    _rule("too_short", "block", "length",
          "Texten är inte för kort för att vara personlig.",
          "The text is long enough to be personal."),
    _rule("over_detailed_reason", "block", "reasons",
          "Skälet är kort: inga listor med brister, poäng eller rangordningar.",
          "The reason is brief: no lists of weaknesses, scores or rankings."),
    _rule("protected_ground", "block", "protected",
          "Ingen hänvisning till diskrimineringsgrund eller omskrivning för en sådan.",
          "No reference to a protected ground of discrimination or a proxy for one."),
    _rule("leaks_other_candidate", "block", "leakage",
          "Den valda kandidatens namn eller meriter nämns inte.",
          "The chosen candidate's name or merits are not revealed."),
    _rule("leaks_internal_notes", "block", "leakage",
          "Inget ur rekryterarens interna anteckningar syns i texten.",
          "Nothing from the recruiter's internal notes appears in the text."),
    _rule("placeholder", "block", "placeholders",
          "Inga ifyllnadsfält eller platshållare finns kvar.",
          "No unfilled placeholders remain."),
    _rule("harsh_tone", "block", "tone",
          "Tonen är respektfull, utan nedsättande eller hårda ord.",
          "The tone is respectful, without belittling or harsh wording."),
    _rule("false_promise", "block", "promises",
          "Inga löften som arbetsgivaren inte kan hålla (t.ex. spara cv utan samtycke).",
          "No promises the employer cannot keep (e.g. keeping the CV without consent)."),
    _rule("wrong_language", "block", "language",
          "Texten är skriven på det begärda språket.",
          "The text is written in the requested language."),
    _rule("prompt_injection_echo", "block", "injection",
          "Inga instruktioner, promptrader eller rollmarkörer syns i texten.",
          "No instructions, prompt lines or role markers appear in the text."),
]  # fmt: skip


def _data_rules() -> list[RuleInfo]:
    """Return the rules whose severity and descriptions live in lexicons/messages_<family>.toml."""
    from guardrails.rule_data import rule_specs

    return [
        _rule(rule_id, spec["severity"], spec["family"], spec["description_sv"], spec["description_en"])
        for rule_id, spec in rule_specs().items()
    ]


RULES: dict[str, RuleInfo] = {info.id: info for info in [*_ALL, *_data_rules()]}


def violation(rule: str, message: str, span: tuple[int, int] | None = None) -> Violation:
    """Return a violation of a registered rule, with the rule's severity."""
    return Violation(rule=rule, severity=RULES[rule].severity, message=message, span=span)
