"""End to end through a real OpenAI-compatible server (llama_cpp.server on loopback) and the openai client."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.models import DraftResult
from drafter.providers.llama_cpp import bundled_model_path

pytestmark = pytest.mark.slow

REQ = {
    "candidate_name": "Elin Sjöberg",
    "role": "kundtjänstmedarbetare",
    "company": "Vågbolaget",
    "recruiter_name": "Amir Haddad",
    "highlights": "lugnt bemötande i rollspelet med en arg kund",
    "reason": "vi valde en kandidat med erfarenhet av vårt ärendesystem",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(bundled_model_path()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--n_threads",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/models", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("llama_cpp.server did not start") from None
                time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _config(tmp_path: Path, base: str, api: str) -> Path:
    cfg = tmp_path / f"{api}.toml"
    cfg.write_text(
        f'default_profile = "server"\n[profiles.server]\nprovider = "openai-compatible"\napi = "{api}"\n'
        f'base_url = "{base}"\nmodel = "gemma"\ntemperature = 0.7\nmax_tokens = 320\nseed = 42\n'
        "timeout_s = 120\nmax_retries = 0\n",
        encoding="utf-8",
    )
    return cfg


def _draft(tmp_path: Path, cfg: Path) -> DraftResult:
    req = tmp_path / "req.json"
    req.write_text(json.dumps(REQ), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "--config", str(cfg), "draft", str(req), "--json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return DraftResult.model_validate_json(proc.stdout)


def test_completion_api_end_to_end(server: str, tmp_path: Path) -> None:
    result = _draft(tmp_path, _config(tmp_path, server, "completion"))
    assert result.model == "server" and result.report.passed
    assert result.attempts[0].source == "model" and result.attempts[0].text  # the server really answered
    assert "Elin" in result.text and "Amir" in result.text


def test_chat_api_end_to_end(server: str, tmp_path: Path) -> None:
    # A base model behind a chat template rambles; the guardrails must still keep what is shown safe.
    result = _draft(tmp_path, _config(tmp_path, server, "chat"))
    assert result.report.passed
    assert result.attempts[0].text
    assert all(a.source in {"model", "repair", "composer"} for a in result.attempts)
