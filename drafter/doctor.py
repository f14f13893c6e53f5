"""`drafter doctor`'s facts: what the local model runs on, and whether it works here.

Every check runs the model in its worker process, so a library built for another CPU shows up as
a failed check with one sentence, not as a crash of the command or the app.
"""

from __future__ import annotations

import platform
import time
from pathlib import Path

from pydantic import BaseModel, Field

from drafter.config import Profile, Settings
from drafter.errors import DrafterError

# llama.cpp system-info names -> the /proc/cpuinfo flag a CPU must have to run that code path.
CPU_FLAGS = {
    "SSE3": "pni",
    "SSSE3": "ssse3",
    "AVX": "avx",
    "AVX2": "avx2",
    "AVX_VNNI": "avx_vnni",
    "F16C": "f16c",
    "FMA": "fma",
    "BMI2": "bmi2",
    "AVX512": "avx512f",
    "AVX512_VBMI": "avx512vbmi",
    "AVX512_VNNI": "avx512_vnni",
    "AVX512_BF16": "avx512_bf16",
    "AMX_INT8": "amx_int8",
    "AMX_BF16": "amx_bf16",
}
# Paths a portable build never turns on: a wheel using them runs only on some CPUs (and AMX has
# crashed llama.cpp on Xeons that have it).
NON_PORTABLE = ("AVX512", "AMX")
SMOKE_PROMPT = "Tack för att du sökte tjänsten hos oss. Vi"
SMOKE_TOKENS = 10


class Check(BaseModel):
    """One line of the doctor's report."""

    name: str = Field(description="What was checked.")
    ok: bool = Field(description="False when this check makes the doctor fail.")
    detail: str = Field(description="What was found, in one line.")
    warning: bool = Field(default=False, description="Worth knowing, but not a failure.")


class DoctorReport(BaseModel):
    """Everything `drafter doctor` found; `problem` is the first failure as one sentence."""

    checks: list[Check] = Field(default_factory=list, description="Every check, in order.")
    system_info: str | None = Field(default=None, description="llama.cpp's system-info line.")

    @property
    def problem(self) -> str | None:
        """Return the first failed check's detail, or None when all passed."""
        return next((c.detail for c in self.checks if not c.ok), None)

    def add(self, name: str, ok: bool, detail: str, warning: bool = False) -> None:
        self.checks.append(Check(name=name, ok=ok, detail=detail, warning=warning))


def enabled_paths(system_info: str) -> list[str]:
    """Return the features llama.cpp reports as on (`NAME = 1`) in its system-info line."""
    on = []
    for part in system_info.replace("|", "\n").splitlines():
        name, sep, value = part.rpartition("=")
        if sep and value.strip() == "1":
            on.append(name.split(":")[-1].strip())
    return on


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> set[str] | None:
    """Return this CPU's feature flags (Linux x86), or None where they cannot be read."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.partition(":")[2].split())
    return None


def unsupported_paths(paths: list[str], flags: set[str]) -> list[str]:
    """Return the SIMD paths the library uses that this CPU lacks (each would crash it)."""
    return [p for p in paths if p in CPU_FLAGS and CPU_FLAGS[p] not in flags]


def _local_profile(settings: Settings, profile: Profile) -> Profile | None:
    if profile.provider == "llama-cpp":
        return profile
    return next((p for p in settings.profiles.values() if p.provider == "llama-cpp"), None)


def diagnose(settings: Settings, profile: Profile, smoke: bool = True) -> DoctorReport:
    """Collect the doctor's facts for a profile (the local model's, when the profile is remote)."""
    report = DoctorReport()
    report.add("config", True, settings.config_path or "(defaults)")
    report.add("profile", True, f"{profile.name} ({profile.provider})")
    local = _local_profile(settings, profile)
    if local is None:
        report.add("local model", True, "no llama-cpp profile is configured", warning=True)
        return report
    try:
        _check_local(report, local, smoke)
    except DrafterError as exc:
        report.add("local model", False, str(exc))
    return report


def _check_local(report: DoctorReport, profile: Profile, smoke: bool) -> None:
    from drafter.providers import llama_cpp

    path = Path(profile.model_path).expanduser() if profile.model_path else llama_cpp.bundled_model_path()
    if not path.is_file():
        report.add("model file", False, f"The model file {path} does not exist; run `make model` or fix model_path.")
        return
    report.add("model file", True, f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    report.add("sha256", *_checksum(path))
    client = llama_cpp.build(profile)
    model = client.model
    assert isinstance(model, llama_cpp.LlamaCppCompletion)
    info = model.worker.info()
    report.system_info = str(info.get("system_info", ""))
    report.add("llama.cpp", True, f"llama-cpp-python {info.get('llama_cpp_version')}: {report.system_info}")
    report.add("worker", True, f"pid {info.get('pid')}, model loaded in {model.worker.ready_s or 0:.2f} s")
    _check_cpu(report, enabled_paths(report.system_info))
    if smoke:
        _smoke(report, model)


def _checksum(path: Path) -> tuple[bool, str]:
    from drafter.providers.llama_cpp import expected_sha256, file_sha256

    digest = file_sha256(path)
    expected = expected_sha256(path)
    if expected is None:
        return True, f"{digest} (a model of your own: no published checksum to compare)"
    if expected != digest:
        return False, (
            f"The model file {path} is damaged (sha256 {digest[:12]}…, expected {expected[:12]}…); "
            "delete it and run `make model`."
        )
    return True, f"{digest} (matches the bundled model package)"


def _check_cpu(report: DoctorReport, paths: list[str]) -> None:
    flags = cpu_flags()
    if flags is None:
        report.add("cpu", True, f"{platform.machine()}: CPU flags not readable here; not compared", warning=True)
        return
    missing = unsupported_paths(paths, flags)
    if missing:
        report.add(
            "cpu",
            False,
            f"The installed llama.cpp uses {', '.join(missing)}, which this CPU lacks; rebuild it with `make llama`.",
        )
        return
    simd = [p for p in paths if p in CPU_FLAGS]
    risky = [p for p in simd if p.startswith(NON_PORTABLE)]
    detail = f"this CPU runs every SIMD path the library uses ({', '.join(simd) or 'none reported'})"
    if risky:
        report.add("cpu", True, f"{detail}; not portable: {', '.join(risky)} (rebuild with `make llama`)", True)
    else:
        report.add("cpu", True, detail)


def _smoke(report: DoctorReport, model: object) -> None:
    from drafter.providers.llama_cpp import LlamaCppCompletion

    assert isinstance(model, LlamaCppCompletion)
    counts: dict[str, int] = {}
    params = {"max_tokens": SMOKE_TOKENS, "temperature": 0.0, "top_p": 1.0, "repeat_penalty": 1.0}
    t0 = time.perf_counter()
    text = "".join(model.worker.complete(SMOKE_PROMPT, {**params, "stop": [], "seed": 1}, model.timeout_s, counts))
    elapsed = time.perf_counter() - t0
    tokens = counts.get("completion_tokens", 0)
    if tokens == 0:
        report.add("smoke", False, "The local model generated no text in a smoke test; its model file may be broken.")
        return
    report.add("smoke", True, f"{tokens} tokens in {elapsed:.2f} s ({tokens / elapsed:.1f} tokens/s): {text.strip()!r}")
