"""protected_ground: the seven grounds and their proxies, and innocent look-alikes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

SV_HITS = [
    "Vi undrade hur graviditeten skulle påverka starten.",
    "Föräldraledigheten du nämnde gjorde planeringen svår.",
    "Tjänsten passar bättre för någon som inte är småbarnsförälder.",
    "Vi söker någon till ett ungt och energiskt team.",
    "Vi tror att du är överkvalificerad för rollen.",
    "Det är viktigt med svenska som modersmål i teamet.",
    "Din brytning märktes i samtalet.",
    "Din sjukskrivning förra året vägde in.",
    "Vi tvekade på grund av din religion.",
    "Med din funktionsnedsättning blir arbetet svårt.",
    "Din sexuella läggning har inte med saken att göra.",
    "Vi sökte en kvinna till tjänsten.",
    "Vi funderade på din ålder.",
    "Vi letar efter en yngre person.",
    "Vi tror inte att du skulle passa in i vår kultur.",
    "Som barnfamilj kan det bli svårt med resorna.",
    "Din etniska bakgrund spelade ingen roll.",
    "Vi var osäkra på hur kunderna skulle se på att du bär slöja.",
    "Vi undrade om du är transperson.",
    "Din långtidssjukskrivning framkom i referenserna.",
]
EN_HITS = [
    "We wondered how your pregnancy would affect the start.",
    "Your parental leave plans made scheduling hard.",
    "We are a young, energetic team.",
    "We felt you were overqualified for the role.",
    "We need a native English speaker.",
    "Your accent was noticeable on the phone.",
    "Your sick leave last year was a factor.",
    "Your religion was discussed.",
    "Given your disability the role would be hard.",
    "We were looking for a woman for this role.",
    "We thought about your age.",
    "Culture fit was a concern.",
    "With your children at home the travel would be hard.",
    "We are looking for a digital native.",
]


@pytest.mark.parametrize("sentence", SV_HITS)
def test_swedish_grounds_and_proxies_are_blocked(
    found: Callable[..., set[str]], letter: Callable[..., str], sentence: str
) -> None:
    assert "protected_ground" in found(letter(sentence))


@pytest.mark.parametrize("sentence", EN_HITS)
def test_english_grounds_and_proxies_are_blocked(
    found: Callable[..., set[str]], letter: Callable[..., str], sentence: str
) -> None:
    assert "protected_ground" in found(letter(sentence, "en"), "en")


SV_INNOCENT = [
    ("Din erfarenhet av äldreomsorg var tydlig.", {"role": "undersköterska inom äldreomsorg"}),
    ("Din examen i religionsvetenskap gav ett intressant perspektiv.", {}),
    ("Ditt arbete med föräldraledighetsportalen imponerade.", {}),
    ("Du förklarade ålderspension på ett pedagogiskt sätt.", {"role": "handläggare för ålderspension"}),
    ("Du förklarade reglerna för ålderspension tydligt.", {}),
    ("Vi vill gärna tacka dig för ditt engagemang.", {}),
    ("Din bakgrund som imam gav ett viktigt perspektiv.", {"role": "Imam"}),
    ("Ditt arbete på Kvinnohuset imponerade på oss.", {"company": "Kvinnohuset"}),
    ("Din erfarenhet som senior utvecklare var tydlig.", {"highlights": "erfarenhet som senior utvecklare"}),
    ("Din tekniska bakgrund och ditt ursprungligen planerade projekt var intressanta.", {}),
    ("Vi är ett ungt bolag som växer snabbt.", {}),
    ("Ditt sätt att lösa problem i det äldre systemet var klokt.", {}),
    ("Trots att uppkopplingen var dålig blev samtalet bra.", {}),
    ("Du har goda kunskaper i sjukvårdens system.", {}),
    ("Vi har ett dynamiskt team med mycket energi.", {}),
    ("Vi uppskattade att du ringde tillbaka så snabbt.", {}),
    ("Ditt arbete med barn och unga på fritidsgården var inspirerande.", {}),
    ("Din kunskap om differentialdiagnoser imponerade.", {"role": "läkare med diagnosansvar"}),
    ("Vi uppskattade din erfarenhet från Familjebostäder.", {"company": "Familjebostäder"}),
]
EN_INNOCENT = [
    ("Your native app for the clinic impressed us.", {}),
    ("Your degree in religious studies gave a useful angle.", {"highlights": "degree in religious studies"}),
    ("You handled the retirement plans case with great care.", {"role": "pension administrator"}),
    ("Your senior title reflects your experience.", {"highlights": "your senior title"}),
    ("We acted in good faith throughout the process.", {}),
    ("Your technical background in networks stood out.", {}),
    ("We are a young company and grow fast.", {}),
    ("You explained how to migrate the old system well.", {}),
    ("Your work on the family-owned business account was thorough.", {}),
    ("We appreciated your prompt reply.", {}),
    ("Your work with young people at the youth centre was inspiring.", {}),
    ("Your skill in diagnosis stood out.", {"role": "diagnostic radiographer"}),
    ("Please send any questions to our office at 4 Church Street.", {}),
    ("You described your previous employer's processes well.", {}),
]


@pytest.mark.parametrize(("sentence", "ctx"), SV_INNOCENT)
def test_swedish_innocent_words_pass(
    found: Callable[..., set[str]], letter: Callable[..., str], sentence: str, ctx: dict[str, str]
) -> None:
    assert "protected_ground" not in found(letter(sentence), **ctx)


@pytest.mark.parametrize(("sentence", "ctx"), EN_INNOCENT)
def test_english_innocent_words_pass(
    found: Callable[..., set[str]], letter: Callable[..., str], sentence: str, ctx: dict[str, str]
) -> None:
    assert "protected_ground" not in found(letter(sentence, "en"), "en", **ctx)


def test_names_that_look_like_words_pass(found: Callable[..., set[str]], letter: Callable[..., str]) -> None:
    text = letter(language="en").replace("Dear Anna", "Dear Faith").replace("Karin Ek", "Christian Young")
    assert "protected_ground" not in found(text, "en", candidate_name="Faith Moore", recruiter_name="Christian Young")


def test_message_names_the_ground_in_the_requests_language(
    report: Callable[..., object], letter: Callable[..., str]
) -> None:
    result = report(letter("Vi funderade på din ålder."))
    message = next(v.message for v in result.violations if v.rule == "protected_ground")  # type: ignore[attr-defined]
    assert "ålder" in message and "diskriminering" in message


@pytest.mark.parametrize(
    ("language", "sentence", "bad"),
    [
        ("en", "Your background in finance stood out.", False),
        ("en", "Academic background matters less to us than practice.", False),
        ("en", "Your Polish background came up in the discussion.", True),
        ("sv", "Din musikaliska bakgrund märktes i samtalet.", False),
        ("sv", "Din polska bakgrund diskuterades.", True),
        ("sv", "Projektets ursprung var intressant att höra om.", False),
        ("sv", "Vi pratade om ditt ursprung.", True),
    ],
)
def test_backgrounds(
    found: Callable[..., set[str]], letter: Callable[..., str], language: str, sentence: str, bad: bool
) -> None:
    assert ("protected_ground" in found(letter(sentence, language), language)) is bad
