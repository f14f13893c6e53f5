"""Helpers for batch tests: write candidate files, a config with a store URL, good fake replies."""

from __future__ import annotations

import csv
import io
from pathlib import Path

HEADER = ["Namn", "Tjänst", "Företag", "Rekryterare", "E-post", "Språk", "Positivt", "Skäl"]


FIRST = ("Alva", "Björn", "Cecilia", "David", "Elin", "Filip", "Greta", "Hugo", "Ida", "Jonas",
         "Klara", "Lars", "Maja", "Nils", "Olivia", "Per", "Rut", "Sven", "Tove", "Ulf")  # fmt: skip
LAST = ("Berg", "Dahl", "Ek", "Falk", "Holm", "Ström", "Lund", "Nord", "Sand", "Wik",
        "Ås", "Öberg", "Lind", "Hed", "Kvist", "Borg", "Sjö", "Löv", "Mark", "Fors",
        "Brink", "Hage", "Rosén", "Vall", "Åkre")  # fmt: skip


def name_of(i: int) -> str:
    """Return the i-th of 10,000 distinct, valid candidate names (first name and a double surname)."""
    first, rest = FIRST[i % 20], i // 20
    return f"{first} {LAST[rest % 25]}-{LAST[(rest // 25) % 20]}"


def candidate_rows(n: int, start: int = 0) -> list[list[str]]:
    """Return n distinct, valid candidate rows."""
    return [
        [name_of(i), "projektledare", "Nordvik Energi", "Karin Ek", f"k{i}@example.se", "sv",
         "din tydliga presentation av projektplanen", "vi valde en kandidat med mer erfarenhet av upphandling"]
        for i in range(start, start + n)
    ]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], header: list[str] | None = None, sep: str = ";") -> Path:
    """Write a semicolon CSV with a BOM, as Swedish Excel saves it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header or HEADER)
    writer.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


def write_config(path: Path, store_url: str, extra: str = "") -> Path:
    """Write a drafter.toml with the fake profile and the given store."""
    path.write_text(
        f'default_profile = "fake"\n\n[profiles.fake]\nprovider = "fake"\n\n[store]\nurl = "{store_url}"\n\n{extra}\n',
        encoding="utf-8",
    )
    return path


def write_stub_config(path: Path, store_url: str, base_url: str) -> Path:
    """Write a drafter.toml whose default profile is openai-compatible on a stub server, with the given store."""
    path.write_text(
        f'default_profile = "stub"\n\n[profiles.stub]\nprovider = "openai-compatible"\nbase_url = "{base_url}"\n'
        f'model = "stub-model"\ntimeout_s = 30\n\n[store]\nurl = "{store_url}"\n',
        encoding="utf-8",
    )
    return path


FIELD_LABELS = {
    "Kandidat": "candidate_name", "Candidate": "candidate_name", "Tjänst": "role", "Role": "role",
    "Företag": "company", "Company": "company", "Rekryterare": "recruiter_name", "Recruiter": "recruiter_name",
    "Positivt": "highlights", "Skäl": "reason",
}  # fmt: skip

LETTER = """Hej {first},

Tack för att du sökte tjänsten som {role} hos {company} och för att du tog dig tid att träffa oss. \
Något vi verkligen uppskattade var {highlights}.

Efter att ha vägt samman intervjuerna har vi tyvärr valt att gå vidare med en annan kandidat. \
Kort om skälet: {reason}.

Hör gärna av dig om du har några frågor. Stort lycka till med nästa steg!

Vänliga hälsningar
{recruiter_name}
{company}"""


def prompt_fields(prompt: str) -> dict[str, str]:
    """Return the request fields of a Swedish chat prompt (the last block: examples come first)."""
    fields: dict[str, str] = {}
    for line in prompt.splitlines():
        label, sep, value = line.partition(":")
        if sep and label.strip() in FIELD_LABELS:
            fields[FIELD_LABELS[label.strip()]] = value.strip()
    return fields


def letter_from_prompt(request: object) -> str:
    """A stub server's reply: a good Swedish letter from the fields the prompt carried."""
    fields = prompt_fields(getattr(request, "prompt", ""))
    if len(set(fields)) < 6:
        return "Tack för din ansökan."
    return LETTER.format(first=fields["candidate_name"].split()[0], **fields)


def stub_config(path: Path, base_url: str, store_url: str, extra_profile: str = "", extra: str = "") -> Path:
    """Write a drafter.toml whose default profile is an openai-compatible stub server."""
    path.write_text(
        f'default_profile = "stub"\n\n[profiles.stub]\nprovider = "openai-compatible"\nbase_url = "{base_url}"\n'
        f'model = "stub-model"\ntimeout_s = 10\nmax_retries = 0\n{extra_profile}\n'
        f'[profiles.fake]\nprovider = "fake"\n\n[store]\nurl = "{store_url}"\n\n{extra}\n',
        encoding="utf-8",
    )
    return path
