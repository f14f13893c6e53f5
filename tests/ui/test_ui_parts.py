"""Unit tests of the app's parts: strings tables, escaped highlighting, .eml export, `drafter ui`."""

from __future__ import annotations

import argparse
import email
import sys
from email import policy
from pathlib import Path

import pytest
from ui_export import build_eml, file_stem, split_subject
from ui_report import escape_markdown, highlight_html, rule_results
from ui_test_support import FORM, GOOD_SV
from ui_text import load_strings

from drafter.commands import ui as ui_command
from drafter.errors import InputError
from drafter.models import DraftRequest
from guardrails import RULES
from guardrails.report import GuardrailReport, Violation


def test_string_tables_hold_the_same_keys() -> None:
    tables = load_strings()
    assert set(tables) == {"sv", "en"}
    assert set(tables["sv"]) == set(tables["en"])
    assert tables["sv"]["nav_draft"] != tables["en"]["nav_draft"]


def test_highlight_escapes_text_and_marks_spans() -> None:
    text = "Hej <b>Anna</b> & du är för gammal."
    start = text.index("för gammal")
    html_out = highlight_html(
        text, [Violation(rule="protected_ground", severity="block", message="x", span=(start, start + 10))]
    )
    assert "<b>" not in html_out
    assert "&lt;b&gt;Anna&lt;/b&gt; &amp;" in html_out
    assert '<mark data-rule="protected_ground"' in html_out
    assert ">för gammal</mark>" in html_out


def test_highlight_merges_overlaps_and_ignores_bad_spans() -> None:
    text = "abcdefghij"
    violations = [
        Violation(rule="harsh_tone", severity="warn", message="", span=(0, 4)),
        Violation(rule="placeholder", severity="block", message="", span=(2, 6)),
        Violation(rule="too_long", severity="block", message="", span=(5, 99)),
    ]
    out = highlight_html(text, violations)
    assert out.count("<mark") == 1
    assert 'data-rule="harsh_tone, placeholder"' in out
    assert "#ffd6d6" in out  # a merged mark with a block part is shown as a block


def test_escape_markdown_neutralises_links_and_emphasis() -> None:
    assert escape_markdown("[klicka](http://x) *fet*") == r"\[klicka\]\(http://x\) \*fet\*"


def test_rule_results_cover_every_rule() -> None:
    report = GuardrailReport.from_violations(
        [
            Violation(rule="missing_positive", severity="warn", message=""),
            Violation(rule="placeholder", severity="block", message="", span=(0, 3)),
        ]
    )
    results = rule_results(report)
    assert set(RULES) <= set(results)
    assert results["placeholder"] == "block"
    assert results["missing_positive"] == "warn"
    assert results["protected_ground"] == "pass"


def _request(**extra: str) -> DraftRequest:
    return DraftRequest(**{**FORM, **extra})


def test_eml_has_subject_and_body() -> None:
    raw = build_eml(GOOD_SV, _request())
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"] == "Angående din ansökan till projektledare på Nordvik Energi"
    assert msg["X-Unsent"] == "1"
    assert msg.get_content().replace("\r\n", "\n").strip() == GOOD_SV.strip()
    assert b"\r\n" in raw  # RFC 5322 line endings


def test_eml_uses_the_drafts_own_subject_line() -> None:
    subject, body = split_subject("Ämne: Ditt besked\n\nHej Anna,\nTack.")
    assert (subject, body) == ("Ditt besked", "Hej Anna,\nTack.")
    msg = email.message_from_bytes(
        build_eml("Subject: Your application\n\nHi", _request(language="en")), policy=policy.default
    )
    assert msg["Subject"] == "Your application"
    assert msg.get_content().strip() == "Hi"


def test_file_stem_is_ascii() -> None:
    assert file_stem(_request(candidate_name="Åsa Öberg-Lind")) == "besked-asa-oberg-lind-email"


def test_drafter_ui_locates_the_app_and_passes_port_and_host() -> None:
    app = ui_command.app_path()
    assert app == Path(__file__).resolve().parents[2] / "ui" / "app.py"
    assert app.is_file()
    argv = ui_command.streamlit_argv(app, 8765, "127.0.0.1")
    assert argv[:5] == [sys.executable, "-m", "streamlit", "run", str(app)]
    assert argv[argv.index("--server.port") + 1] == "8765"
    assert argv[argv.index("--server.address") + 1] == "127.0.0.1"
    assert argv[argv.index("--server.headless") + 1] == "true"


def test_drafter_ui_rejects_a_bad_port() -> None:
    parser = argparse.ArgumentParser()
    ui_command.add_arguments(parser)
    with pytest.raises(InputError, match="between 1 and 65535"):
        ui_command.run(argparse.Namespace(**vars(parser.parse_args(["--port", "70000"])), config=None))
    with pytest.raises(SystemExit):
        parser.parse_args(["--port", "abc"])
    assert parser.parse_args([]).host == "127.0.0.1"
