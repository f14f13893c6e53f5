"""Structure rules: thanks, decision, name, positive point, closing, unrequested feedback; length."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from guardrails.report import GuardrailReport

Found = Callable[..., set[str]]


def test_missing_thanks_is_blocked(found: Found, letter: Callable[..., str]) -> None:
    text = letter().replace("Tack för ditt intresse", "Det gäller ditt intresse").replace("Vi uppskattade", "Vi såg")
    assert "no_thanks" in found(text)
    en = letter(language="en").replace("Thank you for your interest", "About your interest")
    en = en.replace("appreciated", "noted")
    assert "no_thanks" in found(en, "en")


@pytest.mark.parametrize(
    "decision",
    [
        "Vi har tyvärr valt någon annan till rollen.",
        "Vi går därför inte vidare med din ansökan.",
        "Tyvärr blev det inte du den här gången.",
        "Vi har beslutat att erbjuda tjänsten till en annan person.",
        "Tjänsten är nu tillsatt.",
        "Vi har gått vidare med en intern kandidat.",
    ],
)
def test_swedish_decisions_are_recognised(found: Found, letter: Callable[..., str], decision: str) -> None:
    text = letter().replace(
        "Efter noggrant övervägande har vi valt att gå vidare med en "
        "annan kandidat vars erfarenhet bättre matchar "
        "våra behov just nu.",
        decision,
    )
    assert decision in text
    assert "no_clear_decision" not in found(text)


@pytest.mark.parametrize(
    "decision",
    [
        "We have offered the role to someone else.",
        "Unfortunately we will not be progressing your application.",
        "We have appointed a candidate with more audit experience.",
        "You were not selected for the next stage.",
        "We've decided to go with someone who has SaaS experience.",
    ],
)
def test_english_decisions_are_recognised(found: Found, letter: Callable[..., str], decision: str) -> None:
    text = letter(language="en").replace(
        "After careful consideration we have decided to move forward "
        "with another candidate whose experience is "
        "a closer match for our needs right now.",
        decision,
    )
    assert decision in text
    assert "no_clear_decision" not in found(text, "en")


@pytest.mark.parametrize(
    ("language", "evasive"),
    [
        ("sv", "Vi väger fortfarande olika alternativ och återkommer när processen är klar."),
        ("en", "We are still weighing a few options and the role may change shape."),
    ],
)
def test_evasive_letters_have_no_clear_decision(
    found: Found, letter: Callable[..., str], language: str, evasive: str
) -> None:
    text = letter(language=language)
    start = text.index("Efter" if language == "sv" else "After")
    end = text.index("\n", start)
    assert "no_clear_decision" in found(text[:start] + evasive + text[end:], language)


@pytest.mark.parametrize(
    ("greeting", "name", "bad"),
    [
        ("Hej Erik,", "Anna Lindqvist", True),
        ("Hej Anna,", "Anna Lindqvist", False),
        ("Hej anna!", "Anna Lindqvist", False),
        ("Hej Anna Lindqvist,", "Anna Lindqvist", False),
        ("Hej Zoë,", "Zoe Berg", False),
        ("Hej Åsa,", "Asa Holm", False),
        ("Hej igen,", "Anna Lindqvist", False),
        ("Hej och tack för sist,", "Anna Lindqvist", False),
        ("Hej,", "Anna Lindqvist", False),
    ],
)
def test_wrong_name(found: Found, letter: Callable[..., str], greeting: str, name: str, bad: bool) -> None:
    text = letter().replace("Hej Anna,", greeting)
    assert ("wrong_name" in found(text, candidate_name=name)) is bad


def test_wrong_name_in_english_with_honorific_and_phone(found: Found, letter: Callable[..., str]) -> None:
    text = letter(language="en").replace("Dear Anna,", "Dear Ms. Lindqvist,")
    assert "wrong_name" not in found(text, "en")
    assert "wrong_name" in found(text.replace("Lindqvist,", "Karlsson,"), "en")
    phone = "Hello Erik, this is Karin from Nordvik.\n- Thank you for your application."
    assert "wrong_name" in found(phone, "en", channel="phone")


def test_missing_positive_only_with_highlights(found: Found, letter: Callable[..., str]) -> None:
    text = letter().replace("din struktur när du beskrev utbyggnaden av laddstationer", "ditt engagemang")
    assert "missing_positive" in found(text)
    assert "missing_positive" not in found(text, highlights=None)


def test_missing_closing(found: Found, letter: Callable[..., str]) -> None:
    text = letter().replace("Vi önskar dig lycka till framöver, och hör gärna av dig om du har frågor.", "")
    assert "missing_closing" in found(text)
    en = letter(language="en").replace(
        "We wish you the best of luck, and please get in touch if you have any questions.", ""
    )
    assert "missing_closing" in found(en, "en")


def test_unrequested_feedback_warns_only_without_feedback(found: Found, letter: Callable[..., str]) -> None:
    text = letter("Du skulle behöva utveckla din förmåga att prioritera.")
    assert "unrequested_feedback" in found(text)
    assert "unrequested_feedback" not in found(text, feedback="prioritering")
    en = letter("You should also work on presenting your examples more concisely.", "en")
    assert "unrequested_feedback" in found(en, "en")


def test_length_bounds(report: Callable[..., GuardrailReport], letter: Callable[..., str]) -> None:
    short = report("Hej Anna, tack för intervjun. Vi har valt en annan kandidat. Lycka till!")
    assert "too_short" in short.rules()
    assert next(v for v in short.violations if v.rule == "too_short").span is None
    long_text = letter(" ".join(["Vi vill också nämna att processen var lång."] * 40))
    result = report(long_text)
    too_long = next(v for v in result.violations if v.rule == "too_long")
    assert too_long.span is not None and too_long.span[1] == len(long_text)
    assert "260" in too_long.message
    # Phone scripts use their own bounds (25 words minimum in the shipped settings).
    phone = (
        "Hej Anna, Karin här från Nordvik. - Tack för ditt intresse och din tid. - Vi har valt en annan kandidat. " * 2
    )
    assert "too_short" not in report(phone, channel="phone").rules()


@pytest.mark.parametrize(
    "opening",
    ["Hej, Karin här från Nordvik.", "Hej, det är Karin från Nordvik!", "Hej Anna, det är Karin från Nordvik."],
)
def test_phone_openings_naming_the_caller_are_not_wrong_names(found: Found, opening: str) -> None:
    script = (
        f"{opening}\n- Tack för ditt intresse och för intervjun.\n- Vi har valt en annan kandidat.\n"
        "- Har du frågor?\n- Lycka till!"
    )
    assert "wrong_name" not in found(script, channel="phone")


def test_part_of_a_double_name_is_the_candidate(found: Found, letter: Callable[..., str]) -> None:
    assert "wrong_name" not in found(letter(), candidate_name="Anna-Karin Berg")


@pytest.mark.parametrize(
    ("language", "decision"),
    [
        ("sv", "Valet föll på en annan kandidat."),
        ("sv", "Vi kommer tyvärr inte att erbjuda dig tjänsten."),
        ("sv", "Tjänsten har gått till en annan sökande."),
        ("en", "We have filled the position."),
        ("en", "You haven't been selected this time."),
        ("en", "We are not able to move forward with your candidacy."),
    ],
)
def test_more_decision_phrasings(found: Found, letter: Callable[..., str], language: str, decision: str) -> None:
    text = letter(language=language)
    start = text.index("Efter" if language == "sv" else "After")
    end = text.index("\n", start)
    assert "no_clear_decision" not in found(text[:start] + decision + text[end:], language)
