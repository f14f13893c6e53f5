"""The eval cache must miss when anything that shapes a draft changes."""

from __future__ import annotations

import pytest

import evals.cache as cache_mod
from drafter.models import DraftRequest


def test_key_changes_with_the_code_fingerprint(monkeypatch: pytest.MonkeyPatch, fake_drafter) -> None:
    drafter = fake_drafter(["Hej"])
    req = DraftRequest(candidate_name="A", role="r", company="c", recruiter_name="x")
    first = cache_mod.cache_key(drafter, req)
    assert cache_mod.cache_key(drafter, req) == first
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "edited prompt file")
    assert cache_mod.cache_key(drafter, req) != first


def test_fingerprint_covers_prompts_pipeline_and_guardrails() -> None:
    globs = " ".join(cache_mod.FINGERPRINT_GLOBS)
    for part in ("prompts/", "drafter/", "guardrails/"):
        assert part in globs
    assert len(cache_mod.code_fingerprint()) == 64
