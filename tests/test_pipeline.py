from __future__ import annotations

import logging

import pytest

from drafter.models import DraftRequest
from drafter.pipeline import Drafter, clean_output


def _good_sv(name: str = "Anna") -> str:
    return (
        f"Hej {name},\n\nTack för ditt intresse för tjänsten som projektledare hos Nordvik Energi och för tiden "
        "du gav oss på intervjun. Din struktur när du beskrev utbyggnaden av laddstationer gjorde intryck.\n\n"
        "Vi har tyvärr beslutat att inte gå vidare med dig i rekryteringen. Vi valde en profil med mer "
        "erfarenhet av upphandling.\n\nVi önskar dig lycka till framöver, och hör gärna av dig om du har "
        "frågor om beskedet.\n\nVänliga hälsningar\nKarin Ek\nNordvik Energi"
    )


BAD_AGE = _good_sv().replace("Vi valde en profil", "Vi sökte någon yngre i ett ungt team och valde en profil")


def test_first_draft_that_passes_is_shown(fake_drafter, sample_request: DraftRequest) -> None:
    result = fake_drafter([_good_sv()]).draft(sample_request)
    assert result.text == _good_sv()
    assert result.report.passed and not result.fallback_used
    assert [a.source for a in result.attempts] == ["model"]
    assert result.model == "fake" and result.prompt_version == "v1"


def _body(text: str) -> str:
    """Return what a base model writes: the text between the pipeline's opening and sign-off."""
    start = text.index("Nordvik Energi") + len("Nordvik Energi")
    return text[start : text.index("\n\nVänliga hälsningar")]


def test_base_model_resamples_until_a_draft_passes(fake_drafter, sample_request: DraftRequest) -> None:
    result = fake_drafter([_body(BAD_AGE), _body(_good_sv())], kind="completion").draft(sample_request)
    assert [a.source for a in result.attempts] == ["model", "sample"]
    assert not result.attempts[0].report.passed
    assert "protected_ground" in result.attempts[0].report.rules()
    # The pipeline wrote the opening and the real sign-off around the model's body.
    assert result.text.startswith("Hej Anna,\n\nTack för ditt intresse för tjänsten som projektledare hos Nordvik")
    assert result.text.endswith("Varma hälsningar\nKarin Ek\nNordvik Energi")
    assert result.report.passed


def test_base_model_signoff_is_replaced_not_doubled(fake_drafter, sample_request: DraftRequest) -> None:
    body = _body(_good_sv()) + "\n\nMed vänliga hälsningar\nErik Sand\nLjusgård"
    result = fake_drafter([body], kind="completion").draft(sample_request)
    assert "Erik Sand" not in result.text and result.text.count("Karin Ek") == 1


def test_chat_model_is_reasked_with_the_violations(fake_drafter, sample_request: DraftRequest) -> None:
    drafter = fake_drafter([BAD_AGE, _good_sv()], kind="chat")
    result = drafter.draft(sample_request)
    assert [a.source for a in result.attempts] == ["model", "repair"]
    assert result.text == _good_sv()


def test_composer_writes_the_draft_when_nothing_passes(fake_drafter, sample_request: DraftRequest) -> None:
    result = fake_drafter([_body(BAD_AGE)], kind="completion").draft(sample_request)
    assert result.fallback_used
    assert [a.source for a in result.attempts] == ["model", "sample", "sample", "composer"]
    assert result.report.passed and result.attempts[-1].report.passed
    assert "Anna" in result.text and "Karin Ek" in result.text


def test_stream_yields_chunks_then_result(fake_drafter, sample_request: DraftRequest) -> None:
    stream = fake_drafter([_good_sv()]).stream(sample_request)
    chunks = list(stream)
    assert len(chunks) > 10 and "".join(chunks) == _good_sv()
    assert stream.result is not None and stream.result.text == _good_sv()


def test_no_candidate_text_in_logs(fake_drafter, sample_request: DraftRequest, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    fake_drafter([BAD_AGE]).draft(sample_request)
    logged = caplog.text
    assert "profile=fake" in logged
    for secret in ("Anna", "Lindqvist", "Karin", "laddstationer", "småbarn", "Per Olsson"):
        assert secret not in logged


def test_provider_failure_falls_back_to_the_composer_with_the_reason(sample_request: DraftRequest, settings) -> None:
    from drafter.config import Profile

    profile = Profile(
        name="down",
        provider="openai-compatible",
        base_url="http://127.0.0.1:9/v1",
        model="m",
        max_retries=0,
        timeout_s=2,
    )
    result = Drafter(settings, profile).draft(sample_request)
    assert result.fallback_used and result.report.passed
    assert result.fallback_reason == "connection"
    assert result.fallback_message is not None
    assert "cannot reach the model server at http://127.0.0.1:9/v1" in result.fallback_message
    assert [(a.source, a.error) for a in result.attempts] == [("model", "connection"), ("composer", None)]


def test_clean_output_drops_a_started_next_section() -> None:
    assert clean_output("\n\nHej Anna,\nText.\n\n### Underlag\nKandidat: X") == "Hej Anna,\nText."


def test_copied_example_is_blocked_unless_the_request_mentions_it(fake_drafter, sample_request) -> None:
    copied = _good_sv().replace(
        "Din struktur när du beskrev utbyggnaden av laddstationer",
        "Ditt portfolio med appen för kollektivtrafik",
    )
    result = fake_drafter([copied, _good_sv()]).draft(sample_request)
    first = result.attempts[0].report
    assert not first.passed and {v.rule for v in first.blocking} == {"copied_example"}
    span = next(v.span for v in first.blocking if "kollektivtrafik" in v.message)
    assert span is not None and copied[span[0] : span[1]].lower() == "kollektivtrafik"
    assert result.text == _good_sv()
    grounded = sample_request.model_copy(update={"highlights": "ditt portfolio om kollektivtrafik"})
    assert fake_drafter([copied]).draft(grounded).attempts[0].report.passed


def test_abandoned_stream_releases_the_model(fake_drafter, sample_request) -> None:
    drafter = fake_drafter([_good_sv()])
    with drafter.stream(sample_request) as stream:
        next(stream)
    assert stream.result is None
    # The generator is closed: the next draft runs at once.
    assert drafter.draft(sample_request).report.passed
    with pytest.raises(StopIteration):
        next(stream)


@pytest.mark.parametrize("rule", ["---", "***", "___", "- - -", "==="])
def test_clean_output_stops_at_a_horizontal_rule(rule: str) -> None:
    assert clean_output(f"Hej Anna,\nText.\n{rule}\n- Anna, projektledare") == "Hej Anna,\nText."


def test_clean_output_keeps_bullets_and_hyphens() -> None:
    text = "- Hej Jonas.\n- Tack för intervjun.\n- Lycka till - och hör av dig!"
    assert clean_output(text) == text
