"""Real browser: `drafter ui` on a loopback port, Chromium fills the form, the local model drafts."""

from __future__ import annotations

from pathlib import Path

import pytest
from screenshot import CHROMIUM, draft_email, free_port, launch_chromium, serve_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium (/usr/bin/chromium) is not installed")
def test_browser_drafts_with_the_local_model(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    # Started from an unrelated directory: `drafter ui` must find ui/app.py by itself.
    with serve_app(free_port(), cwd=tmp_path, log=tmp_path / "streamlit.log") as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            draft_email(page, url)
            draft = page.get_by_role("textbox", name="Utkast (du kan redigera, ändringar kontrolleras igen)")
            text = draft.input_value()
            assert len(text.split()) >= 10
            assert "Anna" in text
            # The guardrail panel: a verdict and the full rule list.
            assert page.get_by_text("Alla", exact=False).filter(has_text="regler").count() >= 1
            verdict = page.get_by_text("Klarar alla spärrande regler.").or_(page.get_by_text("Spärrad:"))
            assert verdict.count() >= 1
            assert page.locator("[data-testid='stException']").count() == 0
            shot = tmp_path / "draft.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        finally:
            browser.close()
