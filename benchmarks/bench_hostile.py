"""Print how many hostile inputs were tried and what became of them, and how each injected fault ends.

Run: .venv/bin/python benchmarks/bench_hostile.py [--model parrot|local|PROFILE] [--no-faults]

Corpus: every case of tests/data/hostile.jsonl goes through `parse_request` and, when accepted,
the drafting pipeline. `parrot` (default, seconds) is an obedient fake model that quotes whatever
its prompt showed it; `local` is the bundled model (minutes per hostile draft on a laptop CPU).
Outcomes: input error (one sentence), clean draft (passes every block rule, none of the payload),
payload shown, blocked draft shown, crash; and how many match the case's expected outcome.

Faults: each fault of the loopback stub, once and for good, on a chat and a completion profile
(timeout 1 s, one HTTP retry); prints the outcome, the reason and the seconds it took next to
the budget (timeout x (1 + retries) per model call, plus Retry-After waits).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hostile"))
sys.path.insert(0, str(ROOT / "tests"))

from corpus import Case, draft_problems, error_problems, load_corpus, parrot_letter  # noqa: E402

from drafter.config import Profile, load_settings  # noqa: E402
from drafter.errors import InputError  # noqa: E402
from drafter.models import parse_request  # noqa: E402
from drafter.pipeline import Drafter  # noqa: E402
from drafter.testing.stub_openai import Reply, StubOpenAI  # noqa: E402


def run_case(case: Case, model: str, local: Drafter | None) -> tuple[str, bool, str]:
    """Return (outcome, matches the expectation, detail) for one case."""
    try:
        request = parse_request(case.request)
    except InputError as exc:
        ok = case.wants_error and not error_problems(case, str(exc))
        return "input_error", ok, str(exc)
    except Exception as exc:  # a crash is what this benchmark exists to find
        return "crash", False, f"{type(exc).__name__} at parse"
    if model == "parrot":
        letter = parrot_letter(request.prompt_fields(), request.language)
        drafter = Drafter.with_fake([letter], settings=load_settings())
    else:
        assert local is not None
        drafter = local
    try:
        result = drafter.draft(request)
    except Exception as exc:
        return "crash", False, f"{type(exc).__name__} while drafting"
    problems = draft_problems(case, result.text, result.report.passed)
    if any(p.startswith("payload") for p in problems):
        return "payload_shown", False, "; ".join(problems)
    if not result.report.passed:
        return "blocked_draft", False, "; ".join(problems)
    return "clean_draft", not case.wants_error and not problems, result.fallback_reason or "model"


def corpus(model: str) -> None:
    cases = load_corpus()
    local = Drafter.from_config(model) if model != "parrot" else None
    outcomes: Counter[str] = Counter()
    matched = 0
    mismatches: list[str] = []
    started = time.perf_counter()
    for case in cases:
        outcome, ok, detail = run_case(case, model, local)
        outcomes[outcome] += 1
        matched += ok
        if not ok:
            mismatches.append(f"  {case.id}: expected {case.expect['outcome']}, got {outcome} ({detail})")
    expected = Counter(c.expect["outcome"] for c in cases)
    langs = Counter(c.language for c in cases)
    seconds = time.perf_counter() - started
    print(f"hostile cases tried: {len(cases)} (sv {langs['sv']}, en {langs['en']}) on '{model}' in {seconds:.1f} s")
    print(f"expected: {expected['input_error']} input errors, {expected['draft']} clean drafts")
    print("outcomes: " + ", ".join(f"{k} {outcomes[k]}" for k in
          ("input_error", "clean_draft", "payload_shown", "blocked_draft", "crash")))  # fmt: skip
    print(f"matching the expected outcome: {matched}/{len(cases)}")
    for line in mismatches:
        print(line)


def faults() -> None:
    settings = load_settings()
    body = (
        " och för tiden du lade på intervjun. Ditt lugna bemötande gjorde intryck på oss.\n\nVi har tyvärr beslutat att"
        " inte gå vidare med dig. Vi valde en kandidat med mer erfarenhet.\n\nLycka till framöver, och hör gärna av dig"
        " om du har frågor."
    )
    opening = "Hej Elin,\n\nTack för ditt intresse för tjänsten som kundtjänstmedarbetare hos Vågbolaget"
    letter = opening + body + "\n\nVarma hälsningar\nAmir Haddad\nVågbolaget"
    request = parse_request(
        {"candidate_name": "Elin Sjöberg", "role": "kundtjänstmedarbetare", "company": "Vågbolaget",
         "recruiter_name": "Amir Haddad", "highlights": "lugnt bemötande", "reason": "en kandidat med mer erfarenhet"}
    )  # fmt: skip
    timeout, retries, wait = 1.0, 1, 0.2
    # Per model call: every try may take the whole timeout; the SDK waits Retry-After (or its own
    # back-off, at most 0.5 s before the first retry) between tries.
    # ... plus 0.25 s for the pipeline's own work around the call (prompt, stream, check).
    budget = timeout * (1 + retries) + max(wait, 0.5) * retries + 0.25
    Drafter.with_fake([letter], settings=settings).draft(request)  # warm-up: lexicons, language detector
    print(f"faults: timeout {timeout:g} s, {retries} HTTP retry, Retry-After {wait:g} s; "
          f"budget per model call {budget:g} s (client built beforehand)")  # fmt: skip
    print(f"{'fault':17} {'profile':10} {'how often':9} {'outcome':9} {'reason':17} "
          f"{'model s':>7} {'total s':>7} {'calls':>5} shown  in budget")  # fmt: skip
    for fault in ("hang", "429", "500", "invalid_json", "empty", "truncated_stream", "close"):
        for kind in ("chat", "completion"):
            good = letter if kind == "chat" else body
            for often in ("once", "always"):
                replies = [Reply(fault=fault, retry_after_s=wait, text=good)] if often == "once" else (
                    lambda _, f=fault, g=good: Reply(fault=f, retry_after_s=wait, text=g))  # fmt: skip
                with StubOpenAI(replies, default=good, hang_s=10) as stub:  # type: ignore[arg-type]
                    profile = Profile(name="stub", provider="openai-compatible", base_url=stub.base_url, model="m",
                                      api=kind, timeout_s=timeout, max_retries=retries, temperature=0)  # fmt: skip
                    drafter = Drafter(settings, profile)
                    _ = drafter.client  # importing and building the SDK client is not the fault's time
                    started = time.perf_counter()
                    result = drafter.draft(request)
                    seconds = time.perf_counter() - started
                    calls = len(stub.requests)
                model_calls = [a for a in result.attempts if a.source != "composer"]
                slowest = max(a.latency_s for a in model_calls)
                outcome = ("fallback" if result.fallback_used else "retry" if result.usage.retries
                           else "repair" if len(result.attempts) > 1 else "first")  # fmt: skip
                reason = result.fallback_reason or ",".join(result.usage.retries) or "-"
                shown = "ok" if result.report.passed else "BLOCKED"
                within = "yes" if slowest <= budget else "NO"
                print(f"{fault:17} {kind:10} {often:9} {outcome:9} {reason:17} "
                      f"{slowest:7.2f} {seconds:7.2f} {calls:5} {shown:6} {within}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="parrot", help="parrot (an obedient fake), local or another profile")
    parser.add_argument("--no-faults", action="store_true", help="skip the fault-injection table")
    args = parser.parse_args()
    corpus(args.model)
    if not args.no_faults:
        faults()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
