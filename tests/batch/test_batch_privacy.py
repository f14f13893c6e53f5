"""Privacy: names pseudonymised before a remote model sees them and restored after; no candidate text in logs."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from batch_support import candidate_rows, letter_from_prompt, name_of, stub_config, write_csv

from drafter.cli import main
from drafter.config import Profile, Settings, load_settings
from drafter.models import DraftRequest
from drafter.pipeline import Drafter
from drafter.privacy.drafting import draft_private
from drafter.privacy.pseudonym import Pseudonyms
from drafter.testing.stub_openai import StubOpenAI
from guardrails import check

SECRET_NAMES = ["Anna", "Lindqvist", "Karin", "Nordvik", "Per Olsson", "Olsson"]


def _request() -> DraftRequest:
    return DraftRequest(
        candidate_name="Anna Lindqvist",
        role="projektledare",
        company="Nordvik Energi",
        recruiter_name="Karin Ek",
        highlights="din struktur när du och Karin gick igenom Nordviks utbyggnad av laddstationer",
        reason="vi valde en kandidat med mer erfarenhet av upphandling",
        chosen_candidate_name="Per Olsson",
        internal_notes="Per Olsson var starkare på case.",
    )


def _stub_drafter(settings: Settings, base_url: str, **extra: object) -> Drafter:
    profile = Profile(name="stub", provider="openai-compatible", base_url=base_url, model="stub-model",
                      max_retries=0, **extra)  # type: ignore[arg-type]  # fmt: skip
    return Drafter(settings, profile)


def test_no_name_reaches_a_remote_model_and_the_restored_draft_passes(settings: Settings) -> None:
    with StubOpenAI(replies=letter_from_prompt) as stub:
        result, private = draft_private(_stub_drafter(settings, stub.base_url), _request())
        bodies = [r.raw.decode("utf-8") for r in stub.requests]
        prompts = [r.prompt for r in stub.requests]
    assert private and bodies
    for body in bodies + prompts:
        for name in SECRET_NAMES:
            assert not re.search(rf"\b{re.escape(name)}", body), f"{name!r} reached the model"
        assert not re.search(r"\bEk\b", body)
    assert result.request == _request()
    assert result.text.startswith("Hej Anna,")
    assert "Karin Ek\nNordvik Energi" in result.text
    assert "din struktur när du och Karin gick igenom Nordviks utbyggnad" in result.text
    table = Pseudonyms.for_request(_request())
    assert not any(token in result.text for token in table.forward.values())
    assert not result.fallback_used
    fresh = check(result.text, _request(), settings.guardrails)
    assert fresh.passed and result.report.passed
    assert "Per Olsson" not in result.text


def test_pseudonymisation_is_on_for_remote_profiles_only_unless_configured(settings: Settings) -> None:
    assert settings.pseudonymizes(settings.profile("openai"))
    assert not settings.pseudonymizes(settings.profile("local"))
    assert not settings.pseudonymizes(settings.profile("fake"))
    always = settings.model_copy(update={"privacy": settings.privacy.model_copy(update={"pseudonymize": "always"})})
    assert always.pseudonymizes(settings.profile("fake"))
    opted_out = settings.profile("openai").model_copy(update={"pseudonymize": False})
    assert not settings.pseudonymizes(opted_out)


def test_tokens_are_stable_per_word_and_restore_genitives() -> None:
    request = _request().model_copy(update={"recruiter_name": "Anna Ek"})  # shares a first name
    table = Pseudonyms.for_request(request)
    assert table.forward["Anna"] == table.forward["Anna"]
    hidden = table.request(request)
    assert hidden.candidate_name.split()[0] == hidden.recruiter_name.split()[0]
    token = table.forward["Anna"]
    assert table.restore(f"Tack {token}! {token}s idé.") == "Tack Anna! Annas idé."
    assert table.hide("Annabel och Anna") == f"Annabel och {token}"  # whole words only


def test_a_token_already_in_the_text_is_never_used() -> None:
    from drafter.privacy.pseudonym import FIRST_TOKENS

    request = _request().model_copy(update={"highlights": f"samarbetet med {FIRST_TOKENS[0]}"})
    table = Pseudonyms.for_request(request)
    assert FIRST_TOKENS[0] not in table.forward.values()
    assert table.restore(table.hide(request.highlights)) == request.highlights


def _scan(texts: list[str], secrets: list[str]) -> list[str]:
    return [s for s in secrets for t in texts if s in t]


@pytest.mark.parametrize("profile", ["fake", "stub"])
def test_batch_at_debug_logs_no_candidate_text(
    profile: str, tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = candidate_rows(4)
    rows[1][0] = "Zlatana Östergren"
    rows[2][6] = "hennes unika portfolio med vattenfärger"
    src = write_csv(tmp_path / "round.csv", rows)
    secrets = ["Zlatana", "Östergren", name_of(0), name_of(2), name_of(3), "Berg-Berg", "vattenfärger", "upphandling",
               "k3@example.se",
               "projektplanen"]  # fmt: skip
    with StubOpenAI(replies=letter_from_prompt) as stub, caplog.at_level(logging.DEBUG):
        logging.getLogger().setLevel(logging.DEBUG)
        cfg = stub_config(tmp_path / "drafter.toml", stub.base_url, f"sqlite:///{tmp_path / 'h.db'}")
        code = main(["--config", str(cfg), "batch", str(src), "--out", str(tmp_path / "o.csv"), "--model", profile,
                     "--concurrency", "2"])  # fmt: skip
        requests = len(stub.requests)
    captured = capsys.readouterr()
    assert code == 0
    assert (requests > 0) == (profile == "stub")
    records = [r.getMessage() for r in caplog.records] + [str(r.args) for r in caplog.records]
    assert any("batch round=" in m for m in records)  # the batch did log, at INFO
    assert _scan(records, secrets) == []
    assert _scan([captured.err, captured.out], secrets) == []
    out = (tmp_path / "o.csv").read_text(encoding="utf-8")
    assert "Zlatana" in out  # the drafts themselves are there, only the logs are clean


def test_settings_file_sections_load(tmp_path: Path) -> None:
    cfg = tmp_path / "drafter.toml"
    cfg.write_text(
        '[profiles.fake]\nprovider = "fake"\ndefault_profile = "fake"\n'.replace('default_profile = "fake"\n', "")
        + '[store]\nretention_days = 30\nstore_internal_notes = true\n[privacy]\npseudonymize = "never"\n'
        '[privacy.disclosure]\n"Nordvik Energi" = "Skrivet med AI-stöd."\n',
        encoding="utf-8",
    )
    text = 'default_profile = "fake"\n' + cfg.read_text(encoding="utf-8")
    cfg.write_text(text, encoding="utf-8")
    settings = load_settings(cfg)
    assert settings.store.retention_days == 30 and settings.store.store_internal_notes
    assert settings.privacy.disclosure_for("nordvik energi") == "Skrivet med AI-stöd."
    assert settings.privacy.disclosure_for("Annat AB") == ""
    assert json.loads(settings.model_dump_json())["privacy"]["pseudonymize"] == "never"


def test_streamed_draft_shows_real_names_while_the_model_saw_tokens(settings: Settings) -> None:
    from drafter.privacy.drafting import stream_private

    with StubOpenAI(replies=letter_from_prompt, chunk_delay_s=0.0) as stub:
        drafter = _stub_drafter(settings, stub.base_url)
        with stream_private(drafter, _request()) as stream:
            chunks = list(stream)
        prompts = [r.prompt for r in stub.requests]
    table = Pseudonyms.for_request(_request())
    streamed = "".join(chunks)
    assert streamed.startswith("Hej Anna,") and "Karin Ek" in streamed
    assert not any(token in chunk for chunk in chunks for token in table.forward.values())
    assert stream.result is not None and stream.result.text == streamed
    assert stream.result.report.passed
    assert not any("Anna" in p or "Karin" in p for p in prompts)


def test_purge_runs_when_the_history_opens(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from drafter.store import open_history

    cfg = stub_config(tmp_path / "drafter.toml", "http://127.0.0.1:9/v1", f"sqlite:///{tmp_path / 'h.db'}")
    with caplog.at_level(logging.INFO, logger="drafter.store"):
        open_history(load_settings(cfg))
    assert any("retention purge: days=180 rounds=0 drafts=0" in r.getMessage() for r in caplog.records)
