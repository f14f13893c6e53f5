"""Exports of a round: CSV with every cell neutralised against formula injection, and a zip of .eml
files whose headers cannot be split by a CR or LF in a name, a role or a subject."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import cache
from pathlib import Path

from drafter.models import DraftRequest

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
_SUBJECT_LINE = re.compile(r"^\s*(?:ämne|subject)\s*:\s*(?P<subject>.+?)\s*$", re.IGNORECASE)
STRINGS = Path(__file__).resolve().parent / "exports.toml"


@cache
def _strings() -> dict[str, dict[str, str]]:
    with STRINGS.open("rb") as fh:
        return tomllib.load(fh)


def neutralise_cell(value: object) -> str:
    """Return a cell a spreadsheet shows as text: a leading =, +, -, @, tab or CR gets a quote first."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(rows: Iterable[Mapping[str, object]], columns: Sequence[str], excel: bool = False) -> bytes:
    """Return a CSV of `rows` with every cell neutralised; `excel`: `;` and a BOM, as Swedish Excel opens it."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    writer.writerow([neutralise_cell(c) for c in columns])
    for row in rows:
        writer.writerow([neutralise_cell(row.get(c)) for c in columns])
    data = buffer.getvalue().encode("utf-8")
    return b"\xef\xbb\xbf" + data if excel else data


def header_safe(value: str, limit: int = 200) -> str:
    """Return a header value on one line: CR, LF and other control characters become single spaces."""
    return " ".join(_CONTROL.sub(" ", value).split())[:limit]


def split_subject(text: str) -> tuple[str | None, str]:
    """Return (subject, body) when the draft opens with an 'Ämne:'/'Subject:' line, else (None, text)."""
    first, _, rest = text.partition("\n")
    match = _SUBJECT_LINE.match(first)
    if match is None:
        return None, text
    return match.group("subject"), rest.lstrip("\n")


def default_subject(request: DraftRequest) -> str:
    """Return a neutral subject line in the draft's language."""
    template = _strings()[request.language]["subject"]
    return template.format(role=request.role, company=request.company)


def with_disclosure(text: str, disclosure: str) -> str:
    """Return the text with the company's AI-use disclosure line after it (unchanged when there is none)."""
    line = disclosure.strip()
    if not line or line in text:
        return text
    return text.rstrip() + "\n\n" + line


def _address(name: str, email: str | None) -> Address | None:
    if not email:
        return None
    try:
        user, _, domain = header_safe(email).partition("@")
        return Address(display_name=header_safe(name, 100), username=user, domain=domain)
    except (ValueError, IndexError, TypeError):
        return None


def build_eml(
    text: str,
    request: DraftRequest,
    to: str | None = None,
    not_before: dt.date | None = None,
    sender: str | None = None,
) -> bytes:
    """Return an unsent .eml (a draft a mail client opens for editing) with injection-safe headers.

    `not_before` is carried as `Deferred-Delivery` (RFC 4021) and `X-Besked-Not-Before`, so a mail
    client or the recruiter can see the date before which it must not go out.
    """
    subject, body = split_subject(text)
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = header_safe(subject or default_subject(request))
    address = _address(request.candidate_name, to)
    if address is not None:
        msg["To"] = address
    if sender:
        msg["From"] = header_safe(sender)
    if not_before is not None:
        when = dt.datetime.combine(not_before, dt.time(8, 0), tzinfo=dt.UTC)
        msg["Deferred-Delivery"] = format_datetime(when)
        msg["X-Besked-Not-Before"] = not_before.isoformat()
    msg["X-Unsent"] = "1"  # mail clients open it as a draft to review and send
    msg.set_content(body if body.endswith("\n") else body + "\n", charset="utf-8")
    return msg.as_bytes()


def file_stem(name: str, channel: str, row: int | None = None) -> str:
    """Return an ASCII file name stem from the candidate, the channel and (in a batch) the row."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:60] or "kandidat"
    prefix = f"{row:05d}-" if row is not None else ""
    return f"{prefix}besked-{slug}-{channel}"


@dataclass(frozen=True)
class EmlItem:
    """One message for the zip."""

    row: int
    text: str
    request: DraftRequest
    to: str | None = None


def eml_zip(items: Iterable[EmlItem], not_before: dt.date | None = None) -> bytes:
    """Return a zip with one .eml per message (phone scripts as .txt), named by row and candidate."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for item in items:
            stem = file_stem(item.request.candidate_name, item.request.channel, item.row)
            if item.request.channel == "email":
                zf.writestr(f"{stem}.eml", build_eml(item.text, item.request, item.to, not_before))
            else:
                zf.writestr(f"{stem}.txt", item.text.encode("utf-8"))
    return buffer.getvalue()
