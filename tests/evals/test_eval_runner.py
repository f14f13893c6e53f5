"""Running cases through fake drafters: scoring, caching, errors, concurrency."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from eval_helpers import GOOD_SV, case_line

from drafter.errors import InputError, ProviderError
from drafter.models import DraftResult, parse_request
from drafter.pipeline import Drafter
from evals.cache import EvalCache, cache_key
from evals.cases import load_cases
from evals.runner import run_eval, write_run

MakeDrafter = Callable[..., Drafter]


def counting(drafter: Drafter) -> list[int]:
    """Count the drafter's model drafts (the eval cache must avoid them)."""
    calls = [0]
    real = drafter.draft

    def draft(request: object) -> DraftResult:
        calls[0] += 1
        return real(request)  # type: ignore[arg-type]

    drafter.draft = draft  # type: ignore[method-assign]
    return calls


def test_run_scores_every_case_and_writes_the_run(
    fake_drafter: MakeDrafter, small_dataset: Path, tmp_path: Path
) -> None:
    cases = load_cases(small_dataset)
    results = run_eval(cases, [fake_drafter([GOOD_SV])], concurrency=2, progress=False)
    assert [r.case_id for r in results] == ["a1", "a2", "b1"]
    for r in results:
        assert r.error is None and r.shown_passed  # the composer backs up any failed draft
        assert r.readability_metric == "lix" and r.readability is not None
        assert r.expect_passed is True
        if r.first_try_passed:
            # The pipeline may add a greeting or signature around the model's text.
            assert GOOD_SV.splitlines()[2] in r.text
            assert r.rubric["thanks"] == 1 and r.rubric["close"] == 1
    summary = write_run(tmp_path / "run", results, ["fake"])
    assert summary["per_model"]["fake"]["shown_pass_rate"] == 1.0
    assert {p.name for p in (tmp_path / "run").iterdir()} == {"results.jsonl", "summary.json", "report.html"}
    assert len((tmp_path / "run" / "results.jsonl").read_text().splitlines()) == 3


def test_cache_skips_the_model_on_a_second_run(fake_drafter: MakeDrafter, small_dataset: Path, tmp_path: Path) -> None:
    cases = load_cases(small_dataset)
    cache = EvalCache(tmp_path / "cache")
    d = fake_drafter([GOOD_SV])
    calls = counting(d)
    first = run_eval(cases, [d], cache=cache, progress=False)
    assert calls[0] == 3 and not any(r.cached for r in first)
    second = run_eval(cases, [d], cache=cache, progress=False)
    assert calls[0] == 3 and all(r.cached for r in second)
    assert [r.text for r in first] == [r.text for r in second]
    assert len(list((tmp_path / "cache" / "fake").glob("*.json"))) == 3


def test_cache_key_tracks_profile_prompt_version_and_request(fake_drafter: MakeDrafter) -> None:
    req = parse_request(case_line("k")["request"])
    a, b = fake_drafter(["one"]), fake_drafter(["two"])
    assert cache_key(a, req) == cache_key(fake_drafter(["one"]), req)
    assert cache_key(a, req) != cache_key(b, req)
    other_version = fake_drafter(["one"])
    other_version.prompt_version = "v-test"
    assert cache_key(a, req) != cache_key(other_version, req)
    assert cache_key(a, req) != cache_key(a, req.model_copy(update={"tone": "formal"}))


def test_provider_errors_become_error_lines(fake_drafter: MakeDrafter, small_dataset: Path) -> None:
    d = fake_drafter([GOOD_SV])

    def fail(request: object) -> DraftResult:
        raise ProviderError("Model profile 'fake' failed: down.")

    d.draft = fail  # type: ignore[method-assign]
    results = run_eval(load_cases(small_dataset), [d], progress=False)
    assert all(r.error and "down" in r.error for r in results)
    assert all(not r.shown_passed for r in results)


def test_each_model_may_be_named_once(fake_drafter: MakeDrafter, small_dataset: Path) -> None:
    with pytest.raises(InputError, match="once"):
        run_eval(load_cases(small_dataset), [fake_drafter(["a"]), fake_drafter(["b"])], progress=False)
