"""Real browser: upload a round on the Batch page, draft it on `fake`, edit a row, download the .eml zip."""

from __future__ import annotations

import email
import zipfile
from email import policy
from pathlib import Path
from typing import Any

import pytest
from screenshot import CHROMIUM, free_port, launch_chromium, serve_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DATA = Path(__file__).resolve().parents[2] / "tests" / "batch" / "data"
ADDED = "Du är välkommen att höra av dig till mig direkt."


def _idle(page: Any) -> None:
    """Wait until the app has finished its run (a button of a run in progress may be replaced)."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=60_000)


def _download(page: Any, label: str, target: Path) -> None:
    """Click a download button once the app is idle and save the file (one retry if the click was lost)."""
    for attempt in range(2):
        _idle(page)
        try:
            with page.expect_download(timeout=20_000) as download:
                page.get_by_role("button", name=label).click()
            download.value.save_as(str(target))
            return
        except Exception:
            if attempt:
                raise


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium (/usr/bin/chromium) is not installed")
def test_browser_uploads_drafts_edits_and_downloads_the_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from playwright.sync_api import sync_playwright

    cfg = tmp_path / "drafter.toml"
    cfg.write_text(
        f'default_profile = "fake"\n[profiles.fake]\nprovider = "fake"\n[store]\nurl = "sqlite:///{tmp_path}/h.db"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("DRAFTER_CONFIG", str(cfg))
    with serve_app(free_port(), cwd=tmp_path, log=tmp_path / "streamlit.log") as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1600}, accept_downloads=True)
            page.goto(f"{url}/batch", wait_until="domcontentloaded")
            page.locator("input[type=file]").wait_for(state="attached", timeout=60_000)
            page.locator("input[type=file]").set_input_files(str(DATA / "sv_semicolon_bom.csv"))
            page.get_by_text("2 rader kan skrivas", exact=False).wait_for(timeout=60_000)
            page.get_by_role("button", name="Skriv alla besked").click()
            page.get_by_text("Klart: 2 skrivna nu", exact=False).wait_for(timeout=120_000)

            editor = page.get_by_role("textbox", name="Text (ändringar kontrolleras och sparas)")
            editor.wait_for(timeout=30_000)
            original = editor.input_value()
            assert original.startswith("Hej Åsa")
            body, signoff = original.rsplit("\n\n", 1)  # the sign-off's wording varies by request
            editor.fill(f"{body} {ADDED}\n\n{signoff}")
            editor.press("Control+Enter")  # commit the text area
            page.get_by_role("button", name="Spara ändringen").click()
            page.get_by_text("Ändringen är sparad och kontrollerad.").wait_for(timeout=60_000)
            target = tmp_path / "round.zip"
            _download(page, "Ladda ner .eml-filer (zip)", target)
            assert page.locator("[data-testid='stException']").count() == 0
        finally:
            browser.close()
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        assert names == ["00002-besked-asa-oberg-email.eml", "00003-besked-bjorn-arlig-email.eml"]
        first = email.message_from_bytes(zf.read(names[0]), policy=policy.default)
    assert first["To"].addresses[0].addr_spec == "asa@example.se"
    assert ADDED in first.get_content()
