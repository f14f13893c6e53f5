"""The project's llama.cpp build is portable: it uses no SIMD path a CPU may lack, and the doctor says so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.doctor import NON_PORTABLE, cpu_flags, enabled_paths, unsupported_paths

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_INFO_CASES = json.loads((ROOT / "tests" / "data" / "llama_system_info.json").read_text(encoding="utf-8"))


def _installed_system_info() -> str:
    # In a child process, as the app's worker does: a crashing library fails this test, not the run.
    proc = subprocess.run(
        [sys.executable, "-m", "drafter.providers.llama_worker", "--info-only", "-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    info: str = json.loads(proc.stdout.splitlines()[-1])["info"]["system_info"]
    return info


def test_installed_llama_cpp_uses_no_avx512_or_amx() -> None:
    paths = enabled_paths(_installed_system_info())
    assert "AVX2" in paths, paths  # the portable build still has the fast path every recent x86-64 CPU has
    assert [p for p in paths if p.startswith(NON_PORTABLE)] == []


def test_this_cpu_runs_every_path_the_installed_library_uses() -> None:
    flags = cpu_flags()
    if flags is None:
        pytest.skip("this machine does not expose CPU flags in /proc/cpuinfo")
    assert unsupported_paths(enabled_paths(_installed_system_info()), flags) == []


@pytest.mark.parametrize("case", SYSTEM_INFO_CASES, ids=[c["id"] for c in SYSTEM_INFO_CASES])
def test_system_info_is_read_and_compared_with_the_cpu(case: dict[str, object]) -> None:
    paths = enabled_paths(str(case["system_info"]))
    assert paths == case["enabled"]
    assert unsupported_paths(paths, set(case["cpu_flags"])) == case["unsupported"]  # type: ignore[arg-type]
