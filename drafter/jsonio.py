"""Read user-supplied JSON files with one-sentence errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from drafter.errors import InputError

MAX_FILE_BYTES = 20 * 1024 * 1024


def read_text_file(path: str) -> str:
    """Return a UTF-8 text file's content ('-' reads stdin), or raise `InputError`."""
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            file = Path(path)
            if not file.is_file():
                raise InputError(f"File not found: {path}.")
            if file.stat().st_size > MAX_FILE_BYTES:
                raise InputError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
            raw = file.read_bytes()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}.") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"Input is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text (byte {exc.start}).") from None


def read_json_file(path: str) -> Any:
    """Return a JSON file's value, or raise `InputError` naming where it is malformed."""
    text = read_text_file(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from None
