"""Rubric, expectations and readability scorers."""

from __future__ import annotations

import pytest
from eval_helpers import GOOD_EN, GOOD_SV

from drafter.models import DraftRequest
from evals.cases import Expect
from evals.rubric import RUBRIC_ITEMS, score_rubric
from evals.scoring import check_expect
from evals.textstats import flesch, lix, readability, sentences, syllables


def sv_request(**kw: object) -> DraftRequest:
    data: dict[str, object] = {
        "candidate_name": "Sara Nyberg",
        "role": "lärare",
        "company": "Ekbackens skola",
        "recruiter_name": "Johan Berg",
        "highlights": "din provlektion där eleverna fick resonera kring bråk",
        "reason": "annan behörighet",
    }
    data.update(kw)
    return DraftRequest.model_validate(data)


def en_request(**kw: object) -> DraftRequest:
    data: dict[str, object] = {
        "candidate_name": "Grace Mensah",
        "role": "ICU nurse",
        "company": "St. Olaf Hospital",
        "recruiter_name": "David Clarke",
        "language": "en",
        "highlights": "your calm and structured account of handling a deteriorating patient",
    }
    data.update(kw)
    return DraftRequest.model_validate(data)


def test_good_drafts_score_full_marks() -> None:
    sv = score_rubric(GOOD_SV, sv_request())
    assert sv.scores == {**dict.fromkeys(RUBRIC_ITEMS, 1), "phone_opening": None, "feedback_carried": None}
    assert sv.mean == 1.0
    assert sv.verdict == "send"
    en = score_rubric(GOOD_EN, en_request())
    assert en.mean == 1.0


def test_each_item_can_fail() -> None:
    req = sv_request()
    bare = "Hej Sara. Vi hörs."
    scores = score_rubric(bare, req).scores
    assert scores["thanks"] == 0
    assert scores["positive_grounded"] == 0
    assert scores["clear_decision"] == 0
    assert scores["close"] == 0
    listed = GOOD_SV + "\n\nSkäl:\n- punkt ett\n- punkt två\n- punkt tre"
    assert score_rubric(listed, req).scores["brief_reason"] == 0
    rambling = "Tyvärr har vi valt en annan kandidat " + "eftersom " * 45 + "."
    assert score_rubric(rambling, req).scores["brief_reason"] == 0


def test_decision_phrasings() -> None:
    en = en_request()
    for text in ("We chose a candidate with more experience.", "We have selected another candidate."):
        assert score_rubric(text, en).scores["clear_decision"] == 1, text
    assert score_rubric("We loved meeting you.", en).scores["clear_decision"] == 0
    assert score_rubric("Vi valde en annan kandidat.", sv_request()).scores["clear_decision"] == 1


def test_luck_with_next_step_is_not_feedback() -> None:
    assert score_rubric("Lycka till med nästa steg!", sv_request()).scores["feedback_as_requested"] == 1
    assert score_rubric("Good luck with your next step.", en_request()).scores["feedback_as_requested"] == 1


def test_feedback_present_exactly_when_requested() -> None:
    with_fb = GOOD_SV + "\nSom återkoppling: visa gärna fler exempel på bedömning."
    assert score_rubric(with_fb, sv_request()).scores["feedback_as_requested"] == 0
    assert score_rubric(with_fb, sv_request(feedback="fler exempel på bedömning")).scores["feedback_as_requested"] == 1
    assert (
        score_rubric(GOOD_SV, sv_request(feedback="fördjupa kunskaperna i statistik")).scores["feedback_as_requested"]
        == 0
    )


def test_positive_without_highlights_is_not_applicable() -> None:
    # Without highlights the letter may not praise a trial lesson the request never names (ungrounded).
    plain = GOOD_SV.replace(
        " Vi uppskattade särskilt din provlektion där eleverna fick resonera kring bråk med konkret material.", ""
    )
    assert plain != GOOD_SV
    result = score_rubric(plain, sv_request(highlights=""))
    assert result.scores["positive_grounded"] is None
    assert result.mean == 1.0


def test_phone_talking_points_may_be_a_list() -> None:
    points = "- Tacka Sara för tiden\n- Lyft provlektionen\n- Tyvärr en annan kandidat\n- Lycka till, frågor?"
    assert score_rubric(points, sv_request(channel="phone")).scores["brief_reason"] == 1
    assert score_rubric(points, sv_request()).scores["brief_reason"] == 0


def test_expect_is_case_insensitive_and_whole_word() -> None:
    ok, failures = check_expect("Hej sara, tack.", Expect(must_include=["Sara"], must_not_include=["age"]))
    assert ok is True and failures == []
    ok, failures = check_expect("Dear manager, at your age.", Expect(must_not_include=["AGE"]))
    assert ok is False and failures == ["contains 'AGE'"]
    ok, failures = check_expect("Hej Bosse", Expect(must_include=["Bo"], max_words=1))
    assert ok is False and failures == ["missing 'Bo'", "2 words > 1"]
    assert check_expect("anything", Expect()) == (None, [])


def test_lix_matches_hand_count() -> None:
    # 8 words, 2 sentences, 2 long words (>6 letters): 8/2 + 100*2/8 = 29.
    assert lix("Vi tackar dig. Intervjun var verkligen mycket bra.") == pytest.approx(4 + 100 * 2 / 8, abs=0.1)
    assert lix("") is None


def test_flesch_matches_formula() -> None:
    text = "The cat sat on the mat. It was happy."
    words, sents = 9, 2
    syl = sum(syllables(w) for w in text.replace(".", "").split())
    expected = 206.835 - 1.015 * words / sents - 84.6 * syl / words
    assert flesch(text) == pytest.approx(expected, abs=0.1)
    assert syllables("interview") == 3 and syllables("make") == 1


def test_readability_by_language_and_sentence_split() -> None:
    assert readability(GOOD_SV, "sv")[0] == "lix"
    assert readability(GOOD_EN, "en")[0] == "flesch"
    assert len(sentences("- punkt ett\n- punkt två")) == 2


def test_a_template_pasted_note_a_calque_and_a_call_without_a_good_time_need_an_edit() -> None:
    req = sv_request()
    pasted = GOOD_SV.replace(
        "Tack", "Vi uppskattade särskilt följande: din provlektion där eleverna fick resonera. Tack", 1
    )
    assert score_rubric(pasted, req).scores["natural"] == 0
    en = en_request()
    assert score_rubric("We chose a profile with more experience.", en).scores["natural"] == 0
    call = "- Hej Sara, det är Johan.\n- Tack för intervjun.\n- Vi valde en annan kandidat.\n- Lycka till, frågor?"
    assert score_rubric(call, sv_request(channel="phone")).scores["phone_opening"] == 0
    assert (
        score_rubric(call.replace("Johan.", "Johan. Passar det att prata?"), sv_request(channel="phone")).scores[
            "phone_opening"
        ]
        == 1
    )


def test_a_misleading_draft_is_a_rewrite_worth_nothing() -> None:
    mixed = GOOD_SV + "\nNu är det dags att gå vidare med dig."
    score = score_rubric(mixed, sv_request())
    assert score.verdict == "rewrite" and score.danger and score.mean == 0.0
