"""Batch throughput against a rate-limited OpenAI-compatible server: is concurrency N worth N times one?

A loopback stub (drafter.testing.stub_openai) answers each request after 300 ms and allows at most N
requests at once (one more gets 429 + Retry-After). 200 candidates run through `drafter batch` with an
`openai-compatible` profile and `--concurrency N`; the goal is at most 1.2 x the ideal 200 x 0.3 s / N,
for N = 4 and 16. Names are pseudonymised on the way (remote profile), and every draft is checked.
Printed: the drafting time the command reports (after its start-up), the command's whole wall time,
the ratio to the ideal, the 429s the server sent and the most requests it saw at once.

Run: .venv/bin/python benchmarks/bench_batch_throughput.py [N ...]
"""

from __future__ import annotations

import csv
import io
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from drafter.testing.stub_openai import RecordedRequest, StubOpenAI

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = 200
DELAY_S = 0.3
GOAL = 1.2
FIELDS = {"Kandidat": "candidate_name", "Tjänst": "role", "Företag": "company", "Rekryterare": "recruiter_name",
          "Positivt": "highlights", "Skäl": "reason"}  # fmt: skip


# What a good chat model answers, filled from the prompt's fields (cheap: the server's CPU is shared).
LETTER = """Hej {first},

Tack för att du sökte tjänsten som {role} hos {company} och för att du tog dig tid att träffa oss. Något vi \
verkligen uppskattade var {highlights}.

Efter att ha vägt samman intervjuerna har vi tyvärr valt att gå vidare med en annan kandidat. Kort om skälet: \
{reason}.

Hör gärna av dig om du har några frågor. Stort lycka till med nästa steg!

Vänliga hälsningar
{recruiter_name}
{company}"""


def reply(request: RecordedRequest) -> str:
    """Answer like a good chat model: a letter built from the fields in the prompt (already pseudonymised)."""
    fields: dict[str, str] = {}
    for line in request.prompt.splitlines():  # the request comes last, after the few-shot examples
        label, sep, value = line.partition(":")
        if sep and label.strip() in FIELDS:
            fields[FIELDS[label.strip()]] = value.strip()
    if len(fields) < len(FIELDS):
        return "Tack för din ansökan."
    return LETTER.format(first=fields["candidate_name"].split()[0], **fields)


FIRST = ("Alva", "Björn", "Cecilia", "David", "Elin", "Filip", "Greta", "Hugo", "Ida", "Jonas",
         "Klara", "Lars", "Maja", "Nils", "Olivia", "Per", "Rut", "Sven", "Tove", "Ulf")  # fmt: skip
LAST = ("Berg", "Dahl", "Ek", "Falk", "Holm", "Ström", "Lund", "Nord", "Sand", "Wik")


def write_round(path: Path) -> None:
    """Write 200 distinct candidates as Swedish Excel's semicolon CSV."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Namn", "Tjänst", "Företag", "Rekryterare", "E-post", "Positivt", "Skäl"])
    for i in range(CANDIDATES):
        writer.writerow(
            [f"{FIRST[i % 20]} {LAST[i // 20]}", "projektledare", "Nordvik Energi", "Karin Ek", f"k{i}@example.se",
             "din tydliga presentation av projektplanen", "vi valde en kandidat med mer erfarenhet"]
        )  # fmt: skip
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def run(n: int, folder: Path) -> tuple[float, float, float, float, int, int]:
    """Run one batch at concurrency n; return (drafting s, wall s, CPU s, ideal s, 429s, max in flight)."""
    src = folder / "round.csv"
    write_round(src)
    with StubOpenAI(replies=reply, delay_s=DELAY_S, max_concurrent=n, retry_after_s=1.0) as stub:
        cfg = folder / f"drafter-{n}.toml"
        cfg.write_text(
            f'default_profile = "stub"\n[profiles.stub]\nprovider = "openai-compatible"\nbase_url = "{stub.base_url}"\n'
            f'model = "stub-model"\ntimeout_s = 30\nmax_retries = 2\n[store]\nurl = "sqlite:///{folder}/h-{n}.db"\n',
            encoding="utf-8",
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT), "DRAFTER_CONFIG": str(cfg)}
        cmd = [sys.executable, "-m", "drafter.cli", "batch", str(src), "--out", str(folder / f"out-{n}.csv"),
               "--concurrency", str(n), "--no-progress"]  # fmt: skip
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        if proc.returncode != 0:
            raise SystemExit(f"batch failed: {proc.stderr.strip().splitlines()[-1:]}")
        match = re.search(r"\((\d+(?:\.\d+)?) s\)\.", proc.stderr)
        drafting = float(match.group(1)) if match else wall
        if f"{CANDIDATES} drafted now" not in proc.stderr:
            raise SystemExit(f"not every candidate was drafted: {proc.stderr.strip().splitlines()[-1]}")
        return drafting, wall, cpu, CANDIDATES * DELAY_S / n, stub.count(status=429), stub.max_in_flight


def main() -> int:
    """Run N = 4 and 16 (or the given N) and print each verdict (a figure, not a gate: exit 0 either way)."""
    levels = [int(a) for a in sys.argv[1:]] or [4, 16]
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (other work slows every figure)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in levels:
            drafting, wall, cpu, ideal, throttled, peak = run(n, Path(tmp))
            ratio = drafting / ideal
            print(
                f"concurrency {n:2}: {CANDIDATES} drafts in {drafting:.2f} s (ideal {ideal:.2f} s, "
                f"{ratio:.2f} x; goal <= {GOAL} x: {'OK' if ratio <= GOAL else 'MISSED'}); command wall "
                f"{wall:.2f} s incl. start-up, {cpu:.1f} s CPU in all; 429s: {throttled}; most in flight: {peak}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
