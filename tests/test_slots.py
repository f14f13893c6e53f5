"""Slot drafting: a deterministic skeleton, one checked model sentence per note, replaced on its own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.language_models.llms import LLM
from langchain_core.outputs import GenerationChunk

from drafter.composer import compose
from drafter.config import Profile, Settings
from drafter.models import DraftRequest
from drafter.pipeline import Drafter
from drafter.providers.base import ModelClient
from drafter.slot_checks import check_sentence
from drafter.slots import load_slot_prompt


class RecordingLLM(LLM):
    """A completion fake that streams queued replies in order and records every prompt it was sent."""

    replies: list[str]
    sent: list[str]

    @property
    def _llm_type(self) -> str:
        return "recording"

    def _call(self, prompt: str, stop: Any = None, run_manager: Any = None, **kwargs: Any) -> str:
        return "".join(c.text for c in self._stream(prompt, stop, run_manager, **kwargs))

    def _stream(self, prompt: str, stop: Any = None, run_manager: Any = None, **kwargs: Any) -> Iterator[Any]:
        self.sent.append(prompt)
        reply = self.replies[(len(self.sent) - 1) % len(self.replies)]
        for word in reply.split(" "):  # token-like chunks
            yield GenerationChunk(text=" " + word)


def slot_drafter(settings: Settings, replies: list[str], drafting: str = "slots") -> tuple[Drafter, RecordingLLM]:
    # Two samples per slot, so resampling is exercised whatever the shipped budget is.
    settings = settings.model_copy(update={"repair": settings.repair.model_copy(update={"max_slot_samples": 2})})
    profile = Profile(name="rec", provider="fake", api="completion", drafting=drafting)  # type: ignore[arg-type]
    model = RecordingLLM(replies=replies, sent=[])
    return Drafter(settings, profile, client=ModelClient(profile, model)), model


@pytest.fixture
def request_sv() -> DraftRequest:
    return DraftRequest(
        candidate_name="Sofia Bergström",
        role="kundtjänstmedarbetare",
        company="Telia Norr",
        recruiter_name="Lena Holm",
        highlights="Noggrann och serviceinriktad",
        reason="Tjänsten gick till en kandidat med mer erfarenhet av fiber.",
        feedback="hade kunnat förbereda caset bättre",
    )


GOOD = [
    "Du var noggrann och serviceinriktad i samtalet, och det uppskattade vi.",
    "Tjänsten gick till en kandidat med mer erfarenhet av fiber.",
    "En sak att ta med sig är att du hade kunnat förbereda caset bättre.",
]


def test_accepted_sentences_fill_their_slots_in_the_skeleton(settings: Settings, request_sv: DraftRequest) -> None:
    drafter, _ = slot_drafter(settings, GOOD)
    result = drafter.draft(request_sv)
    for sentence in GOOD:
        assert sentence in result.text
    assert result.text.startswith("Hej Sofia,\n\n") and "Bergström" not in result.text
    assert "valt att gå vidare med en annan kandidat" in result.text  # the decision is the skeleton's
    assert result.text.endswith("Lena Holm\nTelia Norr")
    assert [(a.slot, a.source) for a in result.attempts] == [
        ("highlights", "model"),
        ("reason", "model"),
        ("feedback", "model"),
        (None, "model"),
    ]
    assert result.report.passed and not result.fallback_used and result.prompt_version == "v2"


def test_every_slot_prompt_shares_the_prefix_and_holds_only_its_note(
    settings: Settings, request_sv: DraftRequest
) -> None:
    drafter, model = slot_drafter(settings, GOOD)
    drafter.draft(request_sv)
    prefix = load_slot_prompt("sv").prefix
    assert len(model.sent) == 3 and all(p.startswith(prefix) for p in model.sent)
    tails = [p[len(prefix) :] for p in model.sent]
    assert tails[0] == "Anteckning (positivt): Noggrann och serviceinriktad\nMening:"
    assert "Tjänsten gick till en kandidat med mer erfarenhet av fiber" in tails[1] and "caset" not in tails[1]
    assert tails[2].startswith("Anteckning (feedback): hade kunnat")
    for prompt in model.sent:  # the notes and the chosen candidate never reach a model
        assert "Sofia" not in prompt and "Lena" not in prompt


@pytest.mark.parametrize(
    ("bad", "rule"),
    [
        ("Du var noggrann och serviceinriktad, och vi ses nästa vecka.", "ungrounded_claim"),
        ("Du var noggrann och serviceinriktad, läs mer på www.telianorr.se.", "ungrounded_claim"),
        ("Du var noggrann och serviceinriktad i 10 månader.", "ungrounded_claim"),
        ("Du var noggrann och serviceinriktad, och vi vill erbjuda dig en annan tjänst.", "mixed_decision"),
        ("Kandidat: Sofia, noggrann och serviceinriktad.", "prompt_scaffold"),
        ("Hon var noggrann och serviceinriktad, och det uppskattade vi.", "wrong_address"),
        ("Ni var noggranna och serviceinriktade, och det uppskattade vi.", "wrong_address"),
        ("Du var noggrann men inte serviceinriktad.", "highlight_as_shortcoming"),
        ("Du var trevlig, och det uppskattade vi.", "unfaithful_note"),
        ("Du var noggrann och serviceinriktad, och det gjorde vi.", "slot_shape"),
        ("Du berätta noggrann och serviceinriktad.", "bad_grammar"),
    ],
)
def test_a_bad_highlight_sentence_is_resampled_then_replaced_on_its_own(
    settings: Settings, request_sv: DraftRequest, bad: str, rule: str
) -> None:
    drafter, _ = slot_drafter(settings, [bad, bad, GOOD[1], GOOD[2]])
    result = drafter.draft(request_sv)
    first = result.attempts[0]
    assert first.slot == "highlights" and rule in first.report.rules(), first.report.violations
    assert [a.source for a in result.attempts if a.slot == "highlights"] == ["model", "sample", "composer"]
    composer_sentence = result.attempts[2].text
    assert composer_sentence in result.text and bad not in result.text
    # The other slots keep their own accepted model sentences.
    assert GOOD[1] in result.text and GOOD[2] in result.text
    assert result.report.passed and not result.fallback_used


def test_a_rejected_first_sample_is_replaced_by_an_accepted_resample(
    settings: Settings, request_sv: DraftRequest
) -> None:
    invented = "Tjänsten gick till en kandidat med mer erfarenhet av fiber i mars."
    drafter, _ = slot_drafter(settings, [GOOD[0], invented, *GOOD[1:]])
    result = drafter.draft(request_sv)
    reason = [a for a in result.attempts if a.slot == "reason"]
    assert [a.source for a in reason] == ["model", "sample"] and not reason[0].report.passed
    assert invented not in result.text and GOOD[1] in result.text


def test_feedback_that_drops_its_negation_is_rejected(settings: Settings) -> None:
    request = DraftRequest(
        candidate_name="Oskar Lind",
        role="säljare",
        company="Nordic Solar",
        recruiter_name="Emma Kvist",
        feedback="prata inte lika snabbt när du presenterar siffror",
    )
    twisted = "Ett tips är att prata lika snabbt när du presenterar siffror."
    assert "unfaithful_note" in {v.rule for v in check_sentence("feedback", request.feedback or "", twisted, request)}
    faithful = "Ett tips är att inte prata lika snabbt när du presenterar siffror."
    assert check_sentence("feedback", request.feedback or "", faithful, request) == []


def test_when_no_model_sentence_passes_the_draft_is_the_composers(settings: Settings, request_sv: DraftRequest) -> None:
    drafter, model = slot_drafter(settings, ["Vi ses på mötet nästa vecka för att skriva kontrakt."])
    result = drafter.draft(request_sv)
    assert result.fallback_used and result.report.passed
    assert result.text == compose(request_sv, settings.guardrails)
    assert len(model.sent) == 3 * drafter.settings.repair.max_slot_samples == 6


def test_a_runaway_sample_is_cut_at_the_slot_cap(settings: Settings, request_sv: DraftRequest) -> None:
    drafter, _ = slot_drafter(settings, ["Du var " + "mycket " * 200 + "noggrann."])
    result = drafter.draft(request_sv)
    cap = drafter.profile.slot_max_tokens * 4
    assert all(len(a.text) <= cap + 8 for a in result.attempts if a.source != "composer" and a.slot)
    assert result.report.passed


def test_stream_yields_the_skeleton_first_and_joins_to_the_result(settings: Settings, request_sv: DraftRequest) -> None:
    drafter, _ = slot_drafter(settings, GOOD)
    stream = drafter.stream(request_sv)
    chunks = list(stream)
    assert chunks[0] == "Hej Sofia,"
    assert stream.result is not None and "".join(chunks) == stream.result.text


def test_empty_notes_never_call_the_model(settings: Settings) -> None:
    request = DraftRequest(candidate_name="Maja Ek", role="säljare", company="Sportkedjan", recruiter_name="Olle Berg")
    drafter, model = slot_drafter(settings, GOOD)
    result = drafter.draft(request)
    assert model.sent == [] and result.report.passed and not result.fallback_used
    assert result.text == compose(request, settings.guardrails)


def test_same_request_same_draft_whatever_ran_before(settings: Settings, request_sv: DraftRequest) -> None:
    drafter, _ = slot_drafter(settings, GOOD)
    first = drafter.draft(request_sv).text
    drafter.draft(request_sv.model_copy(update={"language": "en", "highlights": "Thorough"}))
    drafter2, _ = slot_drafter(settings, GOOD)
    assert drafter2.draft(request_sv).text == first


def test_composer_mode_never_calls_the_model(settings: Settings, request_sv: DraftRequest) -> None:
    drafter, model = slot_drafter(settings, GOOD, drafting="composer")
    result = drafter.draft(request_sv)
    assert model.sent == [] and result.fallback_used
    assert result.text == compose(request_sv, settings.guardrails)
    assert [a.source for a in result.attempts] == ["composer"] and result.prompt_version == ""


def test_letter_mode_blocks_an_offer_and_an_invented_meeting(settings: Settings, request_sv: DraftRequest) -> None:
    letter = (
        "Hej Sofia,\n\nTack för att du sökte tjänsten som kundtjänstmedarbetare hos Telia Norr. Du var noggrann "
        "och serviceinriktad. Vi har tyvärr valt en annan kandidat, men vi vill erbjuda dig ett möte nästa vecka."
        "\n\nLycka till framöver, hör av dig om du har frågor.\n\nVänliga hälsningar\nLena Holm\nTelia Norr"
    )
    result = Drafter.with_fake([letter], settings=settings).draft(request_sv)
    assert {"mixed_decision", "ungrounded_claim"} <= result.attempts[0].report.rules()
    assert letter != result.text and result.report.passed


LETTER_CASES = [
    ("Vi har tyvärr valt en annan kandidat. Läs mer på www.norrverkindustri.se.", "ungrounded_claim"),
    ("Vi hade ett trevligt samtal med dig i början av våren.", "ungrounded_claim"),
    ("Nu är det dags för dig att ta emot den här rollen hos oss.", "mixed_decision"),
    ("Vi önskar er lycka till framöver.", "wrong_address"),
    ("Skäl: vi valde en annan kandidat.", "prompt_scaffold"),
    ("We have decided to go with another candidate, and we look forward to meeting you next week.", "mixed_decision"),
]
HARD_NEGATIVES = [
    "Vi har tyvärr beslutat att inte gå vidare med dig den här gången.",
    "Vi går vidare med andra kandidater. Lycka till med nästa steg!",
    "Unfortunately we will not be moving forward with you this time, and I'd be glad to answer questions.",
    "We would like to offer you our thanks. Good luck with your next steps!",
]


@pytest.mark.parametrize(("text", "rule"), LETTER_CASES)
def test_letter_claims_catch_what_the_rater_caught(request_sv: DraftRequest, text: str, rule: str) -> None:
    from drafter.slot_checks import letter_claims

    language = "en" if text.startswith("We") else "sv"
    request = request_sv.model_copy(update={"language": language})
    assert rule in {v.rule for v in letter_claims(text, request)}


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_letter_claims_leave_plain_rejections_alone(request_sv: DraftRequest, text: str) -> None:
    from drafter.slot_checks import letter_claims

    language = "sv" if text.startswith("Vi") else "en"
    assert letter_claims(text, request_sv.model_copy(update={"language": language})) == []
