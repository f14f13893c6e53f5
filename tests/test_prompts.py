from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter.models import DraftRequest
from drafter.prompting import PROMPT_VARIABLES, PROMPT_VERSION, PROMPTS_DIR, load_prompt

SNAPSHOTS = Path(__file__).parent / "snapshots"
COMBOS = [(lang, ch, tone) for lang in ("sv", "en") for ch in ("email", "phone") for tone in ("warm", "formal")]


def _request(lang: str, channel: str, tone: str) -> DraftRequest:
    return DraftRequest(
        candidate_name="Zoë O'Brien-Åberg",
        role="backendutvecklare",
        company="Fjällsoft",
        recruiter_name="Nils Berg",
        language=lang,  # type: ignore[arg-type]
        channel=channel,  # type: ignore[arg-type]
        tone=tone,  # type: ignore[arg-type]
        highlights="genomtänkt kodprov\nmed bra tester",
        reason="",
        feedback="fördjupa dig i köhantering" if tone == "warm" else None,
        internal_notes="NOTE-SECRET-123 verkade nervös",
        chosen_candidate_name="Kalle Chosen",
    )


def test_every_language_and_channel_has_a_prompt_file() -> None:
    files = sorted(p.name for p in (PROMPTS_DIR / PROMPT_VERSION).glob("*.toml"))
    assert files == ["en_email.toml", "en_phone.toml", "sv_email.toml", "sv_phone.toml"]


@pytest.mark.parametrize(("lang", "channel"), [("sv", "email"), ("sv", "phone"), ("en", "email"), ("en", "phone")])
def test_prompt_variables_are_request_fields(lang: str, channel: str) -> None:
    spec = load_prompt(lang, channel)
    assert spec.variables() <= PROMPT_VARIABLES
    assert set(DraftRequest.model_fields) >= spec.variables() - {"first_name"}  # first_name: derived
    assert {"internal_notes", "chosen_candidate_name"}.isdisjoint(spec.variables())
    assert set(spec.tone) == {"warm", "formal"}
    for example in spec.examples:
        assert set(example.fields) <= PROMPT_VARIABLES


@pytest.mark.parametrize(("lang", "channel", "tone"), COMBOS)
def test_prompt_snapshot_and_privacy(lang: str, channel: str, tone: str) -> None:
    spec = load_prompt(lang, channel)
    req = _request(lang, channel, tone)
    completion = spec.completion_prompt(req)
    chat = "\n".join(str(m.content) for m in spec.chat_prompt(tone).format_messages(**spec.chat_inputs(req)))
    for rendered in (completion, chat):
        assert "NOTE-SECRET-123" not in rendered and "Kalle Chosen" not in rendered
        assert "Zoë O'Brien-Åberg" in rendered
        assert "genomtänkt kodprov med bra tester" in rendered  # a field cannot open a new line
    assert completion.endswith(spec.output_header + "\n" + spec.render_opening(req.prompt_fields(), tone))
    snapshot = SNAPSHOTS / f"prompt_{lang}_{channel}_{tone}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(completion, encoding="utf-8")
    assert snapshot.exists(), f"missing {snapshot.name}: run with UPDATE_SNAPSHOTS=1"
    assert completion == snapshot.read_text(encoding="utf-8"), "prompt changed: rerun with UPDATE_SNAPSHOTS=1"


def test_long_fields_are_cut_for_the_prompt_only() -> None:
    long = "ord " * 1000
    req = _request("sv", "email", "warm").model_copy(update={"highlights": long, "reason": long, "feedback": long})
    prompt = load_prompt("sv", "email").completion_prompt(req)
    assert len(prompt) < 3 * 1300 + len(load_prompt("sv", "email").completion_prompt(_request("sv", "email", "warm")))
    assert "ord …" in prompt
    assert req.highlights == long  # the request itself keeps every word for the checks
