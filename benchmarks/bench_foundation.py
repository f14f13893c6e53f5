"""Foundation figures: `drafter --help`, cold `drafter draft` on local, pipeline vs raw llama-cpp, the worker.

Targets (issues #2, #8): --help < 0.5 s; cold local draft < 5 s for a ~150-token draft;
pipeline generation speed (through the worker process) >= 0.9 x raw llama-cpp-python in process on
the same prompt and token count; the process boundary's cost per draft and the worker's start time.
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
    """Pipeline client (through the worker process) vs raw llama-cpp-python in this process."""
    from llama_cpp import Llama

    from drafter.models import DraftRequest
    from drafter.pipeline import Drafter
    from drafter.prompting import prompt_for
    from drafter.providers.llama_cpp import LlamaCppCompletion
    from drafter.providers.llama_worker import PrefixStates, prepare_prompt

    drafter = Drafter.from_config("local")
    client = drafter.client
    llm = client.model
    assert isinstance(llm, LlamaCppCompletion)
    request = DraftRequest.model_validate(REQUEST)
    prompt = prompt_for(request).completion_prompt(request)
    llm.max_tokens = max_tokens
    llama = Llama(model_path=llm.model_path, n_ctx=llm.n_ctx, n_threads=llm.n_threads, verbose=False)
    states = PrefixStates()
    # No stop sequences on either side, so both generate exactly max_tokens tokens.
    raw_kwargs = dict(max_tokens=max_tokens, temperature=llm.temperature, top_p=llm.top_p, seed=7, stop=[])

    def raw() -> tuple[float, int]:
        t0 = time.perf_counter()
        prepare_prompt(llama, states, prompt)  # the same cached-prefix work the worker does
        n = sum(1 for _ in llama.create_completion(prompt, stream=True, **raw_kwargs))
        return time.perf_counter() - t0, n

    def pipeline() -> tuple[float, int]:
        t0 = time.perf_counter()
        n = sum(1 for _ in client.stream(prompt, stop=[], seed=7))
        return time.perf_counter() - t0, n

    raw(), pipeline()  # warm-up: each side's prompt prefix is then cached
    ratios, raw_tps, pipe_tps, boundary_ms = [], [], [], []
    for _ in range(rounds):
        rt, rn = raw()
        pt, pn = pipeline()
        raw_tps.append(rn / rt)
        pipe_tps.append(pn / pt)
        ratios.append((pn / pt) / (rn / rt))
        # Per token, scaled to a whole draft: the two sides may count a few tokens differently.
        boundary_ms.append((pt / pn - rt / rn) * max_tokens * 1000)
    llama.close()
    print(f"generation tokens/s, raw llama-cpp in process ({max_tokens} tokens x {rounds}): {_stats(raw_tps)}")
    print(f"generation tokens/s, pipeline client via worker:               {_stats(pipe_tps)}")
    print(f"pipeline / raw speed ratio (pairwise): {_stats(ratios)}   target >= 0.9")
    print(f"process boundary cost per {max_tokens}-token draft, ms (pipeline - raw, pairwise): {_stats(boundary_ms)}")


def bench_worker_start(runs: int = 3) -> None:
    """Spawn to loaded model: what the first draft after a start (or a crash) waits for."""
    from drafter.config import load_settings
    from drafter.providers.llama_cpp import bundled_model_path
    from drafter.providers.llama_supervisor import LocalWorker, WorkerSpec

    profile = load_settings().profile("local")
    spec = WorkerSpec(str(bundled_model_path()), profile.n_ctx, profile.n_threads or 2)
    times = []
    for _ in range(runs):
        worker = LocalWorker(spec)
        worker.info()
        times.append(worker.ready_s or 0.0)
        worker.close()
    print(f"worker start (spawn to model loaded) s ({runs} runs): {_stats(times)}")


if __name__ == "__main__":
    bench_help()
    bench_cold_draft()
    bench_generation_ratio()
    bench_worker_start()
