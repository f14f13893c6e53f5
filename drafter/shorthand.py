"""Note shorthand expanded before a note is read: "valde ngn m erf o driv" is read as full words.

Recruiters type notes fast ("ngn", "erf", "o", "w/", "yrs", "exp"); a letter that copies them reads as
notes pasted in. The words live in `composer_templates/shorthand_<language>.toml`. Only whole words
are replaced: a key never matches inside another word, a name or a brand ("H&M", "AT&T", "O'Neill").
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

TEMPLATE_DIR = Path(__file__).with_name("composer_templates")

# A key stands alone: no letter, digit, apostrophe, ampersand or slash touches it on either side.
_BEFORE = r"(?<![\w&/'’.-])"
_AFTER = r"(?![\w&/'’-]|\.\w)"


@cache
def shorthand(language: str) -> dict[str, str]:
    """Return the shorthand table of one language (key -> expansion)."""
    path = TEMPLATE_DIR / f"shorthand_{language}.toml"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        words: dict[str, str] = tomllib.load(handle)["words"]
    return words


@cache
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """Return one pattern for the case-insensitive keys and one for the exact-case (one-letter) keys."""
    table = shorthand(language)
    folded = sorted((k for k in table if sum(c.isalpha() for c in k) > 1), key=len, reverse=True)
    exact = sorted((k for k in table if k not in folded), key=len, reverse=True)

    def alternation(keys: list[str]) -> str:
        return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)

    loose = re.compile(f"{_BEFORE}({alternation(folded)}){_AFTER}", re.IGNORECASE) if folded else re.compile("(?!)")
    # A one-letter key after a number is a unit ("3 m"), never shorthand.
    strict = re.compile(f"(?<!\\d )(?<!\\d){_BEFORE}({alternation(exact)}){_AFTER}") if exact else None
    return loose, strict


def _lookup(table: dict[str, str], found: str) -> str:
    key = " ".join(found.lower().split())
    return table.get(key) or table.get(found, found)


def expand(text: str, language: str) -> str:
    """Return the note with its shorthand written out ("erf o driv" -> "erfarenhet och driv")."""
    if not text:
        return text
    table = shorthand(language)
    loose, strict = _patterns(language)

    def replace(m: re.Match[str]) -> str:
        found = m.group(1)
        full = _lookup(table, found)
        return full[:1].upper() + full[1:] if found[:1].isupper() and found[1:2].islower() else full

    text = loose.sub(replace, text)
    if strict is not None:
        text = strict.sub(lambda m: table[m.group(1)], text)
    # "&" is a key only standing alone; "H&M" and "AT&T" never reach it (letters touch the sign).
    return text
