"""The case format and the shipped dataset."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from eval_helpers import case_line, write_jsonl

from drafter.errors import InputError
from drafter.models import MAX_NOTES, MAX_TEXT
from evals.cases import DEFAULT_DATASET, load_cases

SHIPPED = load_cases(DEFAULT_DATASET)


def test_shipped_dataset_is_large_and_varied() -> None:
    assert len(SHIPPED) >= 64
    reqs = [c.request for c in SHIPPED]
    assert Counter(r.language for r in reqs).keys() == {"sv", "en"}
    assert Counter(r.channel for r in reqs).keys() == {"email", "phone"}
    assert Counter(r.tone for r in reqs).keys() == {"warm", "formal"}
    with_fb = sum(r.feedback is not None for r in reqs)
    assert 10 <= with_fb <= len(reqs) - 10
    assert min(Counter(r.language for r in reqs).values()) >= 25


def test_shipped_dataset_covers_adversarial_themes() -> None:
    tags = Counter(t for c in SHIPPED for t in c.tags)
    for tag in ("protected-ground", "other-candidate", "injection", "long", "empty", "names"):
        assert tags[tag] >= 1, tag
    injected = [c for c in SHIPPED if "injection" in c.tags]
    assert any("ignore previous instructions" in c.request.highlights.lower() for c in injected)
    names = {c.request.candidate_name for c in SHIPPED}
    assert {"Åsa-Maria Öberg", "José Ñúñez", "Zoë O'Brien"} <= names
    # The long cases sit near the model's field limits.
    long_case = next(c for c in SHIPPED if c.id == "edge-sv-long-fields").request
    assert len(long_case.highlights) > MAX_TEXT - 100
    assert long_case.internal_notes is not None and len(long_case.internal_notes) > MAX_NOTES - 300


def test_gate_subset_is_mixed() -> None:
    gate = load_cases(DEFAULT_DATASET, ["gate"])
    assert 6 <= len(gate) <= 10
    combos = {(c.request.language, c.request.channel) for c in gate}
    assert combos == {("sv", "email"), ("sv", "phone"), ("en", "email"), ("en", "phone")}


def test_case_ids_unique_and_sources_recorded() -> None:
    assert len({c.id for c in SHIPPED}) == len(SHIPPED)
    assert all(c.source.rsplit(":", 1)[1].isdigit() for c in SHIPPED)


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    row = case_line("x1")
    row["comment"] = "written by hand"
    row["expect"]["style"] = "anything"
    cases = load_cases(write_jsonl(tmp_path / "c.jsonl", [row]))
    assert cases[0].id == "x1" and cases[0].expect.must_include == ["Sara"]


def test_bad_json_names_file_and_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [case_line("ok"), "", "{not json"])
    with pytest.raises(InputError, match=r"c\.jsonl:3: not valid JSON"):
        load_cases(path)


def test_bad_request_names_file_line_and_field(tmp_path: Path) -> None:
    bad = case_line("x", language="de")
    path = write_jsonl(tmp_path / "c.jsonl", [bad])
    with pytest.raises(InputError, match=r"c\.jsonl:1: bad request: .*'language'"):
        load_cases(path)
    missing = case_line("y")
    del missing["request"]["role"]
    with pytest.raises(InputError, match=r"d\.jsonl:1: .*'role'"):
        load_cases(write_jsonl(tmp_path / "d.jsonl", [missing]))


def test_missing_id_and_duplicate_id(tmp_path: Path) -> None:
    row = case_line("x")
    del row["id"]
    with pytest.raises(InputError, match=r"e\.jsonl:1: field 'id'"):
        load_cases(write_jsonl(tmp_path / "e.jsonl", [row]))
    d = tmp_path / "dir"
    d.mkdir()
    write_jsonl(d / "a.jsonl", [case_line("same")])
    write_jsonl(d / "b.jsonl", [case_line("same")])
    with pytest.raises(InputError, match="duplicate case id 'same'"):
        load_cases(d)


def test_directory_tags_and_missing_paths(small_dataset: Path, tmp_path: Path) -> None:
    assert [c.id for c in load_cases(small_dataset)] == ["a1", "a2", "b1"]
    with pytest.raises(InputError, match="tag"):
        load_cases(small_dataset, ["nope"])
    with pytest.raises(InputError, match="not found"):
        load_cases(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"No \.jsonl"):
        load_cases(tmp_path / "empty")


def test_shipped_files_are_one_json_object_per_line() -> None:
    for path in sorted(DEFAULT_DATASET.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert isinstance(json.loads(line), dict)
