"""Serve the app, draft with the local model in Chromium, save a screenshot (docs/screenshot.png).

Run: `.venv/bin/python ui/screenshot.py [OUT.png]`. The browser test drives the app with the same helpers.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The values a recruiter types for the demo (Swedish interface, Swedish email).
DEMO_FORM = {
    "Kandidatens namn *": "Anna Lindqvist",
    "Tjänst *": "projektledare",
    "Företag *": "Nordvik Energi",
    "Rekryterare (underskrift) *": "Karin Ek",
    "Något positivt att lyfta fram": "din struktur när du beskrev utbyggnaden av laddstationer",
    "Kort skäl": "vi valde en kandidat med mer erfarenhet av upphandling",
}
DRAFT_LABEL = "Utkast (du kan redigera, ändringar kontrolleras igen)"
GENERATE_LABEL = "Skriv e-post"


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[Any], timeout_s: float = 90) -> None:
    """Wait until Streamlit answers its health check, or fail with its output."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"The app exited with code {proc.returncode} before it was ready.")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            if resp.status == 200:
                return
        time.sleep(0.5)
    raise TimeoutError(f"The app at {url} was not ready within {timeout_s:.0f} s.")


@contextlib.contextmanager
def serve_app(port: int, cwd: Path | None = None, log: Path | None = None, via_cli: bool = True) -> Iterator[str]:
    """Run `drafter ui` (or `streamlit run` directly) on a loopback port from `cwd`; yield its URL."""
    if via_cli:
        argv = [sys.executable, "-m", "drafter.cli", "ui", "--port", str(port), "--host", "127.0.0.1"]
    else:
        from drafter.commands.ui import streamlit_argv

        argv = streamlit_argv(ROOT / "ui" / "app.py", port, "127.0.0.1")
    out = log.open("wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen(argv, cwd=cwd or ROOT, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log and not isinstance(out, int):
            out.close()


def launch_chromium(playwright: Any) -> Any:
    """Launch Debian's Chromium headless with the flags the CI uses."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


def draft_email(page: Any, url: str, timeout_ms: int = 300_000) -> None:
    """Open the app, fill the form, generate an email and wait for the checked draft."""
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_role("textbox", name="Kandidatens namn *", exact=True).wait_for(timeout=60_000)
    for label, value in DEMO_FORM.items():
        page.get_by_role("textbox", name=label, exact=True).fill(value)
    page.get_by_role("button", name=GENERATE_LABEL).click()
    page.get_by_role("textbox", name=DRAFT_LABEL, exact=True).wait_for(timeout=timeout_ms)
    page.get_by_text("Kontroll", exact=True).wait_for(timeout=30_000)


def main(argv: list[str]) -> int:
    """Take the README screenshot with the local model."""
    from playwright.sync_api import sync_playwright

    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshot.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    with serve_app(free_port()) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page(viewport={"width": 1440, "height": 1500}, device_scale_factor=1)
        draft_email(page, url)
        page.wait_for_timeout(1500)  # let the status box collapse and fonts settle
        page.screenshot(path=str(out), full_page=True)
        browser.close()
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
