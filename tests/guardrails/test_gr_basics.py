"""The rule registry, the public API and the good base letters."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import guardrails
from drafter.models import CheckContext, DraftRequest
from guardrails.report import GuardrailReport

CONTRACT_IDS = {
    "protected_ground",
    "leaks_other_candidate",
    "leaks_internal_notes",
    "placeholder",
    "too_long",
    "too_short",
    "no_thanks",
    "no_clear_decision",
    "over_detailed_reason",
    "harsh_tone",
    "false_promise",
    "wrong_language",
    "wrong_name",
    "prompt_injection_echo",
}


def test_rules_cover_the_contract_ids_with_descriptions() -> None:
    assert set(guardrails.RULES) >= CONTRACT_IDS
    for rule_id in CONTRACT_IDS:
        assert guardrails.RULES[rule_id].severity == "block"
    for info in guardrails.RULES.values():
        assert info.description_sv and info.description_en and info.family


def test_warning_rules_are_warnings() -> None:
    for rule_id in ("missing_positive", "missing_closing", "unrequested_feedback"):
        assert guardrails.RULES[rule_id].severity == "warn"


def test_import_is_light() -> None:
    code = "import sys, guardrails; print('lingua' in sys.modules, 'guardrails.engine' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_good_letters_pass_without_warnings(report: Callable[..., GuardrailReport], letter: Callable[..., str]) -> None:
    for language in ("sv", "en"):
        result = report(letter(language=language), language)
        assert result.passed, result.violations
        assert result.violations == []


def test_check_accepts_a_full_request(letter: Callable[..., str]) -> None:
    request = DraftRequest(
        candidate_name="Anna Lindqvist",
        role="projektledare",
        company="Nordvik Energi",
        recruiter_name="Karin Ek",
        highlights="din struktur när du beskrev utbyggnaden av laddstationer",
    )
    assert guardrails.check(letter(), request).passed


def test_unknown_context_skips_rules_that_need_it(letter: Callable[..., str]) -> None:
    text = letter().replace("Hej Anna", "Hej Erik")
    result = guardrails.check(text, CheckContext())
    assert "wrong_name" not in result.rules()
    assert "wrong_language" not in result.rules()
    # Without a language the messages are in English.
    short = guardrails.check("Hej!", CheckContext())
    assert any("words" in v.message for v in short.violations if v.rule == "too_short")


def test_spans_point_into_the_text(report: Callable[..., GuardrailReport], letter: Callable[..., str]) -> None:
    text = letter("Vi sparar ditt CV i vår kandidatbank. Du var för gammal för teamet.")
    result = report(text)
    assert {"false_promise", "protected_ground"} <= result.rules()
    for v in result.violations:
        if v.span is not None:
            start, end = v.span
            assert 0 <= start < end <= len(text)
    age = next(v for v in result.violations if v.rule == "protected_ground")
    assert age.span is not None and "gammal" in text[age.span[0] : age.span[1]]


def test_lexicon_patterns_are_lowercase_and_compile() -> None:
    # Lexicons run on the lowercased text without IGNORECASE (for speed), so a capital letter
    # in a pattern would never match; only the `case_sensitive`/`cased_*` lists see capitals.
    import re
    import tomllib
    from importlib import resources

    from guardrails.concepts import grounds

    assert len(grounds()) >= 13
    for entry in resources.files("guardrails.lexicons").iterdir():
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        # Concept and attribution lexicons keep their lists per language: {"words": {"sv": [...]}}.
        lists = [(k, v) for k, v in data.items() if isinstance(v, list)]
        lists += [(f"{k}.{lang}", v) for k, t in data.items() if isinstance(t, dict) for lang, v in t.items()]
        for key, values in lists:
            skipped = key.split(".")[0] in ("examples", "counter_examples")
            if not isinstance(values, list) or key == "case_sensitive" or key.startswith("cased_") or skipped:
                continue
            for pattern in values:
                re.compile(pattern)
                # "(?-i:...)" marks a deliberate capital, in lists run on the original text.
                unescaped = re.sub(r"\\.|\(\?-i:[^)]*\)", "", pattern)
                assert unescaped == unescaped.lower(), f"{entry.name}:{key}: {pattern}"


def test_stemming_from_many_threads_gives_what_one_thread_gives() -> None:
    import sys
    import threading

    from guardrails import morph

    # New words each (stems are cached), so the threads really share the stemmer's work.
    bases, tails = ("arbets", "kvinno", "förälder"), ("arna", "en", "ens")
    words = [f"{b}{chr(97 + i % 26)}{chr(97 + i // 26)}{t}" for i in range(300) for b in bases for t in tails]
    expected = {w: morph.stem.__wrapped__(w, "sv") for w in words}
    got: dict[str, str] = {}
    errors: list[Exception] = []

    def work(part: list[str]) -> None:
        try:
            for w in part:
                got[w] = morph.stem(w, "sv")
        except Exception as exc:  # a shared stemmer garbled a word: IndexError
            errors.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=work, args=(words[i::8],)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert got == expected
