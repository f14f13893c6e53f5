"""Realistic letters: varied good ones must pass clean; one-sentence faults must be caught alone."""

from __future__ import annotations

import pytest

from drafter.models import CheckContext
from guardrails import check
from guardrails.rule_data import meaning_rules


# ruff: noqa: E501
def C(**k: object) -> CheckContext:
    return CheckContext(
        **{
            **dict(
                candidate_name="Sara Nilsson",
                role="ekonomiassistent",
                company="Byggab",
                recruiter_name="Lena Ström",
                language="sv",
                channel="email",
            ),
            **k,
        }
    )


cases: list[tuple[str, CheckContext]] = [
    (
        """Hej Sara!

Stort tack för att du sökte tjänsten som ekonomiassistent hos oss på Byggab och för det trevliga samtalet i tisdags. Det var roligt att höra om hur du effektiviserade fakturaflödet på ditt förra jobb.

Vi har nu fattat vårt beslut och har tyvärr valt en annan kandidat den här gången. Det var ett jämnt beslut och vi hade många starka sökande.

Om du har några frågor om processen är du varmt välkommen att höra av dig till mig. Jag önskar dig all lycka i ditt fortsatta jobbsökande!

Varma hälsningar
Lena Ström
Byggab""",
        C(highlights="effektiviserade fakturaflödet"),
    ),
    (
        """Hej Sara,

Tack för ditt intresse för rollen som ekonomiassistent och för att du tog dig tid att träffa oss. Vi uppskattade din noggrannhet och din erfarenhet av Fortnox.

Efter att ha gått igenom alla ansökningar har vi bestämt oss för att gå vidare med en kandidat vars erfarenhet av löneadministration bättre motsvarar vad tjänsten kräver just nu. Det här beslutet säger inget om ditt värde som yrkesperson.

Du är välkommen att söka andra tjänster hos oss i framtiden. Har du frågor kan du nå mig på telefon eller mejl.

Lycka till!

Med vänlig hälsning,
Lena Ström, HR-ansvarig""",
        C(highlights="noggrannhet, Fortnox"),
    ),
    (
        """Hej Sara, det är Lena Ström från Byggab. Passar det att prata en kort stund?
- Tack för att du sökte jobbet som ekonomiassistent och för intervjun förra veckan.
- Vi tyckte mycket om hur du beskrev arbetet med bokslut.
- Jag ringer för att berätta att vi har valt en annan kandidat till tjänsten.
- Skälet är kort att vi behövde någon med mer erfarenhet av moms.
- Har du några frågor om beslutet, så svarar jag gärna.
- Jag önskar dig lycka till framöver. Ha en fin dag!""",
        C(channel="phone", highlights="bokslut"),
    ),
    (
        """Hej Sara,

Tack för att du ville bli en del av vårt team och för tiden du lade på både intervjun och arbetsprovet. Din analys av kostnadsuppföljningen var genomarbetad.

Tyvärr har vi beslutat att inte gå vidare med din ansökan. Du bad om återkoppling: vi hade gärna sett fler konkreta exempel på hur du prioriterar när flera deadlines krockar.

Hör av dig om du vill prata mer om det. Vi önskar dig lycka till.

Vänligen,
Lena""",
        C(highlights="analys av kostnadsuppföljningen", feedback="fler konkreta exempel på prioritering"),
    ),
    (
        """Hej Sara,

Tack för din ansökan till tjänsten som ekonomiassistent och för ett givande samtal. Vi blev imponerade av dina kunskaper i Excel och din positiva inställning.

Vi har nu gått igenom alla kandidater och valt att erbjuda tjänsten till en person med längre erfarenhet av koncernredovisning. Jag vet att det inte är det besked du hoppades på.

Tveka inte att kontakta mig om du har frågor. Vi önskar dig allt gott framöver!

Hälsningar,
Lena Ström
Byggab AB""",
        C(highlights="kunskaper i Excel"),
    ),
]


def EC(**k: object) -> CheckContext:
    return CheckContext(
        **{
            **dict(
                candidate_name="James O'Connor",
                role="data engineer",
                company="Brightwave",
                recruiter_name="Priya Patel",
                language="en",
                channel="email",
            ),
            **k,
        }
    )


cases += [
    (
        """Dear James,

Thank you for your interest in the Data Engineer position at Brightwave and for the time you invested in our interview process. We particularly enjoyed your walkthrough of the streaming pipeline you built with Kafka.

After careful consideration, we have decided to move forward with another candidate whose background more closely aligns with our current needs. This was a difficult decision, as we met several strong candidates.

Should you have any questions, please don't hesitate to reach out. We wish you every success in your future endeavours.

Best regards,
Priya Patel
Talent Acquisition, Brightwave""",
        EC(highlights="streaming pipeline with Kafka"),
    ),
    (
        """Hi James,

Thanks so much for applying for the data engineer role and for chatting with us last week. Your knowledge of dbt really stood out.

I'm sorry to let you know that we won't be moving forward with your application this time. We went with a candidate who has more hands-on experience with our cloud platform.

If you'd like to talk it through, just reply to this email. Best of luck with your search!

Cheers,
Priya""",
        EC(highlights="knowledge of dbt"),
    ),
    (
        """Hello James, this is Priya Patel from Brightwave. Do you have a couple of minutes?
- Thank you for applying for the data engineer role and for coming in for the interview.
- We really appreciated your clear explanation of data modelling.
- Unfortunately, we've decided to offer the position to someone else.
- The main reason is that we needed more experience with Spark.
- Is there anything you'd like to ask me?
- I wish you all the best going forward.""",
        EC(channel="phone", highlights="data modelling"),
    ),
    (
        """Dear James,

Thank you for taking the time to interview for the Data Engineer role at Brightwave. We appreciated your thoughtful questions and your experience with Airflow.

Unfortunately, you have not been selected to continue in the process. As you asked for feedback: we were looking for someone with more experience designing data warehouses at scale.

Please feel free to contact me if you have any questions. We wish you the very best in your career.

Kind regards,
Priya Patel""",
        EC(highlights="experience with Airflow", feedback="more data warehouse design experience"),
    ),
    (
        """Dear James,

Thank you for your application and for meeting our team on Thursday. Your portfolio of open-source contributions was impressive, and the team enjoyed the conversation.

We have now completed our interviews and have offered the role to another applicant. We know this is disappointing news, and we are grateful for the effort you put into the process.

If you have any questions, I am happy to answer them. Good luck with your next steps.

Warm regards,
Priya Patel
Brightwave""",
        EC(highlights="open-source contributions"),
    ),
]


@pytest.mark.parametrize(("text", "ctx"), cases)
def test_realistic_good_letters_pass_clean(text: str, ctx: CheckContext) -> None:
    report = check(text, ctx)
    # These letters were written before the meaning rules; test_gr_meaning_legacy.py checks those.
    assert [v for v in report.violations if v.rule not in meaning_rules()] == []


base_sv = """Hej Sara,

Tack för att du sökte tjänsten som ekonomiassistent och för intervjun. Vi uppskattade din noggrannhet.

Vi har tyvärr valt en annan kandidat. {x}

Hör gärna av dig om du har frågor. Lycka till!

Hälsningar
Lena"""
base_en = """Dear James,

Thank you for applying for the data engineer role and for the interview. We appreciated your Kafka work.

Unfortunately we have decided to offer the role to another candidate. {x}

Please reach out with any questions. Best of luck!

Kind regards,
Priya"""
CTX_SV = CheckContext(
    candidate_name="Sara Nilsson",
    role="ekonomiassistent",
    company="Byggab",
    language="sv",
    channel="email",
    highlights="noggrannhet",
    chosen_candidate_name="Johanna Ek",
    internal_notes="Hon nämnde att hon planerar att skaffa barn nästa år. Testresultat 61 procent.",
)
CTX_EN = CheckContext(
    candidate_name="James Carter",
    role="data engineer",
    company="Brightwave",
    language="en",
    channel="email",
    highlights="Kafka work",
    chosen_candidate_name="Oliver Smith",
    internal_notes="Mentioned he is planning to start a family next year. Test result 61 percent.",
)
sv = [
    ("protected_ground", "Vi behöver någon som kan jobba heltid utan att behöva vabba."),
    ("protected_ground", "Med tanke på att du snart går i pension valde vi någon annan."),
    ("protected_ground", "Vi var oroliga för hur din hörselnedsättning skulle fungera i kundtjänst."),
    ("protected_ground", "Teamet består av killar i din ålder och vi ville ha en mer blandad grupp."),
    ("protected_ground", "Din muslimska tro kunde bli svår att kombinera med julfirandet på kontoret."),
    ("protected_ground", "Eftersom du är mamma till tre små barn blir resandet svårt."),
    ("protected_ground", "Vi söker någon med svenska som förstaspråk."),
    ("protected_ground", "Vi tror att en yngre förmåga passar bättre i teamet."),
    ("leaks_other_candidate", "Johanna hade helt enkelt mer erfarenhet."),
    ("leaks_other_candidate", "Personen vi anställde har arbetat tio år på Skatteverket."),
    ("leaks_internal_notes", "Vi förstod att du planerar att skaffa barn nästa år."),
    ("over_detailed_reason", "Ditt testresultat blev 61 procent medan gränsen var 70 procent."),
    ("over_detailed_reason", "Du kom trea av fyra slutkandidater."),
    ("harsh_tone", "Ditt case var ärligt talat rätt uselt."),
    ("harsh_tone", "Vi fick intrycket att du inte tog intervjun på allvar, vilket var pinsamt."),
    (
        "false_promise",
        "Vi lägger in dina uppgifter i vårt rekryteringssystem och kontaktar dig när något passande dyker upp.",
    ),
    ("false_promise", "Du står först i kön till nästa tjänst."),
    ("placeholder", "Med vänlig hälsning, [REKRYTERARE]"),
    ("placeholder", "Vi ses på {datum}."),
    ("prompt_injection_echo", "Observera: enligt systemprompten får jag inte nämna lön."),
    ("prompt_injection_echo", "### Samtalsmanus"),
    (
        "wrong_language",
        "However, we would like to stay in touch and we think that you have a bright future ahead of you in this industry.",
    ),
]
en = [
    ("protected_ground", "We were worried about how your upcoming maternity leave would affect the project."),
    ("protected_ground", "We felt a younger person would have more energy for the role."),
    ("protected_ground", "Given your hearing impairment, customer calls would be difficult."),
    ("protected_ground", "The team is mostly guys in their twenties, so we went another way."),
    ("protected_ground", "Your wheelchair would make the site visits hard."),
    ("protected_ground", "We need someone who speaks English like a native."),
    ("protected_ground", "As a single father you might struggle with the travel."),
    ("protected_ground", "Your Nigerian background was discussed by the panel."),
    ("leaks_other_candidate", "Oliver simply had more experience with Spark."),
    ("leaks_other_candidate", "The candidate we selected has worked at Google for eight years."),
    ("leaks_internal_notes", "We understood that you are planning to start a family next year."),
    ("over_detailed_reason", "Your test result was 61 percent, below our cut-off of 70 percent."),
    ("over_detailed_reason", "You finished third out of four finalists."),
    ("harsh_tone", "Honestly, your take-home assignment was sloppy and amateurish."),
    ("harsh_tone", "Your answers were embarrassingly shallow."),
    (
        "false_promise",
        "We will add your details to our database and contact you when a suitable role comes up.",
    ),
    ("false_promise", "Rest assured you will be first in line for the next opening."),
    ("placeholder", "Best, [Recruiter Name]"),
    ("placeholder", "We met on <date>."),
    ("prompt_injection_echo", "As instructed in the system prompt, I have kept this short."),
    ("prompt_injection_echo", "User: please rewrite"),
    (
        "wrong_language",
        "Vi vill gärna hålla kontakten med dig och tror att du har en ljus framtid inom branschen framöver.",
    ),
]


CASES = [("sv", rule, x) for rule, x in sv] + [("en", rule, x) for rule, x in en]
# Warnings may join in: criticism without requested feedback, a highlight paraphrased away.
ALSO_OK = {
    "missing_positive",
    "unrequested_feedback",
    "leaks_internal_notes",
    "protected_ground",
    "over_detailed_reason",
}


@pytest.mark.parametrize(("language", "rule", "sentence"), CASES)
def test_one_fault_is_caught(language: str, rule: str, sentence: str) -> None:
    base, ctx = (base_sv, CTX_SV) if language == "sv" else (base_en, CTX_EN)
    found = check(base.format(x=sentence), ctx).rules() - meaning_rules()
    assert rule in found
    assert found - {rule} <= ALSO_OK
