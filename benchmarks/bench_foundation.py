"""Foundation figures: `drafter --help` wall time, cold `drafter draft` on local, pipeline vs raw llama-cpp speed.

Targets (issue #2): --help < 0.5 s; cold local draft < 5 s for a ~150-token draft;
pipeline generation speed >= 0.9 x raw llama-cpp-python on the same prompt and token count.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTER = [sys.executable, "-m", "drafter.cli"]
REQUEST = {
    "candidate_name": "Maja Ekström", "role": "ekonomiassistent", "company": "Skärgårdsbanken",
    "recruiter_name": "Olof Berg", "highlights": "noggrann genomgång av leverantörsreskontra",
    "reason": "vi valde en kandidat med mer erfarenhet av löneadministration",
}  # fmt: skip


def _stats(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f}  min {min(values):.3f}  max {max(values):.3f}"


def bench_help(runs: int = 10) -> None:
    exe = Path(sys.executable).with_name("drafter")
    cmd = [str(exe), "--help"] if exe.exists() else [*DRAFTER, "--help"]
    subprocess.run(cmd, capture_output=True, check=True)  # warm the page cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    print(f"drafter --help wall s ({runs} runs): {_stats(times)}   target < 0.5")


COLD_REQUESTS = {
    "sv-email": REQUEST,
    "en-email": {
        "candidate_name": "Ravi Kumar", "role": "QA Engineer", "company": "Northwind Labs",
        "recruiter_name": "Helen Park", "language": "en", "tone": "formal",
        "highlights": "a well-structured test plan for the mobile checkout",
        "reason": "we chose a candidate with more performance-testing experience",
    },
    "sv-phone": {
        "candidate_name": "Jonas Pettersson", "role": "lagerledare", "company": "Logistikhuset",
        "recruiter_name": "Sanna Ali", "channel": "phone",
        "highlights": "tydliga exempel på hur du planerat bemanning",
        "reason": "en annan kandidat hade mer erfarenhet av WMS-system",
    },
}  # fmt: skip


def _cold_runs(req: Path, config: Path | None, runs: int) -> tuple[list[float], dict[str, object]]:
    cmd = [*DRAFTER, *(["--config", str(config)] if config else []), "draft", str(req), "--model", "local", "--json"]
    times, result = [], {}
    for _ in range(runs):
        t0 = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - t0)
        result = json.loads(out.stdout)
    return times, result


def bench_cold_draft(runs: int = 2) -> None:
    """Cold `drafter draft` (new process: imports, model load, prompt, generation, checks)."""
    with tempfile.TemporaryDirectory() as tmp:
        one_sample = Path(tmp) / "one-sample.toml"
        # Same profiles, but a single model attempt: the cost of one generation, without resamples.
        text = (ROOT / "drafter.toml").read_text(encoding="utf-8").replace("max_samples = 3", "max_samples = 1")
        one_sample.write_text(text, encoding="utf-8")
        for name, request in COLD_REQUESTS.items():
            req = Path(tmp) / f"{name}.json"
            req.write_text(json.dumps(request), encoding="utf-8")
            for label, config in (("one attempt", one_sample), ("full pipeline", None)):
                times, result = _cold_runs(req, config, runs)
                attempts = result["attempts"]  # type: ignore[index]
                tokens = [a["usage"]["completion_tokens"] for a in attempts]
                print(
                    f"cold draft {name:<8} {label:<13} wall s ({runs} runs): {_stats(times)}   target < 5; "
                    f"attempts {len(attempts)}, generated tokens {tokens}, fallback {result['fallback_used']}"
                )


def bench_generation_ratio(rounds: int = 5, max_tokens: int = 150) -> None:
    from drafter.models import DraftRequest
    from drafter.pipeline import Drafter
    from drafter.prompting import prompt_for

    drafter = Drafter.from_config("local")
    client = drafter.client
    request = DraftRequest.model_validate(REQUEST)
    spec = prompt_for(request)
    prompt = spec.completion_prompt(request)
    llm = client.model
    llama = llm.llama  # type: ignore[attr-defined]
    llm.max_tokens = max_tokens  # type: ignore[attr-defined]
    # No stop sequences on either side, so both generate exactly max_tokens tokens.
    raw_kwargs = dict(max_tokens=max_tokens, temperature=llm.temperature, top_p=llm.top_p, seed=7, stop=[])  # type: ignore[attr-defined]

    def raw() -> tuple[float, int]:
        t0 = time.perf_counter()
        n = sum(1 for _ in llama.create_completion(prompt, stream=True, **raw_kwargs))
        return time.perf_counter() - t0, n

    def pipeline() -> tuple[float, int]:
        t0 = time.perf_counter()
        n = sum(1 for _ in client.stream(prompt, stop=[], seed=7))
        return time.perf_counter() - t0, n

    raw(), pipeline()  # warm-up: the prompt's KV cache is then shared by both
    ratios, raw_tps, pipe_tps = [], [], []
    for _ in range(rounds):
        rt, rn = raw()
        pt, pn = pipeline()
        raw_tps.append(rn / rt)
        pipe_tps.append(pn / pt)
        ratios.append((pn / pt) / (rn / rt))
    print(f"generation tokens/s, raw llama-cpp ({max_tokens} tokens x {rounds}): {_stats(raw_tps)}")
    print(f"generation tokens/s, pipeline client:                  {_stats(pipe_tps)}")
    print(f"pipeline / raw speed ratio (pairwise): {_stats(ratios)}   target >= 0.9")


if __name__ == "__main__":
    bench_help()
    bench_cold_draft()
    bench_generation_ratio()
