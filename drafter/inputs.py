"""Input normalisation for request fields: what a recruiter pastes is tidied or refused in one sentence.

Two steps, both run by the `DraftRequest` validators:

`normalise` (before the length limits) removes what a reader cannot see and a model can: zero-width
and invisible format characters, TAG characters (invisible ASCII), stray direction marks; it folds
line breaks and tabs in single-line fields into spaces, and refuses what must never be silently
changed: bidi overrides and isolates (they show text in another order than it is read), control
characters, lone surrogates.

`refuse_payload` (after the length limits) refuses field contents that could become markup,
a formula, an instruction or an offer in the letter: markup and Markdown links, a leading formula
character, long encoded blobs, names without letters or with characters no name has, and the same
instruction and offer patterns the guardrails block in model text.

Every refusal is a `PydanticCustomError` of type `hostile_input` whose message is one sentence
that starts with the field name; `drafter.models.parse_request` passes it on as an `InputError`.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from pathlib import Path

from pydantic_core import PydanticCustomError

MESSAGES_FILE = Path(__file__).with_name("input_messages.toml")

# Fields read as one line: they go into the greeting, the thanks sentence and the signature.
SINGLE_LINE = frozenset({"candidate_name", "role", "company", "recruiter_name", "chosen_candidate_name"})
NAMES = frozenset({"candidate_name", "recruiter_name"})
# Written into the letter by the pipeline or the composer, so they may not say anything but a name or title.
INSERTED = frozenset({"candidate_name", "role", "company", "recruiter_name"})
# Sent to a model and possibly quoted in the letter.
FREE_TEXT = frozenset({"highlights", "reason", "feedback"})
# Never sent to a model nor shown: tidied, never refused for their content.
CHECK_ONLY = frozenset({"chosen_candidate_name", "internal_notes"})

# Invisible characters a reader cannot see but a model reads; removed everywhere.
_INVISIBLE = dict.fromkeys(
    [
        0x00AD,  # soft hyphen
        0x034F,  # combining grapheme joiner
        0x061C,  # Arabic letter mark
        0x115F,
        0x1160,
        0x3164,
        0xFFA0,  # Hangul fillers: "letters" that render as nothing
        0x17B4,
        0x17B5,
        0x180B,
        0x180C,
        0x180D,
        0x180E,
        0x200B,
        0x200C,
        0x200D,
        0x200E,
        0x200F,  # zero-width space, (non-)joiner, direction marks
        0x2060,
        0x2061,
        0x2062,
        0x2063,
        0x2064,  # word joiner, invisible operators
        0x206A,
        0x206B,
        0x206C,
        0x206D,
        0x206E,
        0x206F,  # deprecated format characters
        0xFEFF,  # byte-order mark / zero-width no-break space
        0xFFF9,
        0xFFFA,
        0xFFFB,  # interlinear annotation
        *range(0xE0000, 0xE0080),  # TAG characters: invisible ASCII ("ASCII smuggling")
        *range(0xFE00, 0xFE10),  # variation selectors (also used to hide bytes)
        *range(0xE0100, 0xE01F0),
    ]
)
# Direction overrides and isolates: the text is read in another order than it is shown.
_BIDI = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^<>]{0,200}>|<\s*/?\s*(script|img|svg|iframe|style|a|on\w+)\b", re.IGNORECASE)
_MD_LINK = re.compile(r"\[[^\]\n]{0,200}\]\s*\(\s*[^)\s]+[^)]*\)|!\[")
_SCHEME = re.compile(r"\b(javascript|vbscript|data|file)\s*:", re.IGNORECASE)
_ENCODED = re.compile(r"[A-Za-z0-9+/=_-]{40,}")
_FORMULA_START = frozenset("=+-@")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]|%\(?\w*\)?s\b|\$\{")
# Name characters besides letters and marks: spaces, hyphens, apostrophes, full stops, commas, brackets.
_NAME_PUNCT = frozenset(" -‐‑'’.,()")
_MAX_STACKED_MARKS = 2  # Vietnamese needs two on one letter; "Zalgo" text stacks dozens
_MAX_STACKED_MARKS_TEXT = 4
# Free text may start with a bullet or a sign; only what a spreadsheet would run is refused.
_FREE_FORMULA = re.compile(r"=|[+\-@]\s*([A-Za-z_.]+\s*\(|\d+\s*[+\-*/]|cmd\s*\|)", re.IGNORECASE)
_ENCODED_TAG = re.compile(r"&(lt|#0*60|#x0*3c);\s*/?\s*[a-z]|%3c\s*/?\s*[a-z]", re.IGNORECASE)


@cache
def _data() -> dict[str, dict[str, object]]:
    with MESSAGES_FILE.open("rb") as fh:
        return tomllib.load(fh)


def _messages() -> dict[str, object]:
    return _data()["messages"]


@cache
def _descriptive_words() -> frozenset[str]:
    words = _data()["patterns"]["descriptive_name_words"]
    assert isinstance(words, list)
    return frozenset(str(w).lower() for w in words)


@cache
def _pattern(key: str) -> re.Pattern[str]:
    patterns = _data()["patterns"][key]
    assert isinstance(patterns, list)
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.MULTILINE)


def refusal(kind: str, field: str, **values: str) -> PydanticCustomError:
    """Return the one-sentence error for a refused field."""
    message = str(_messages()[kind]).format(field=field, **values)
    # The message is a literal, not a template: braces the user typed must survive pydantic.
    return PydanticCustomError("hostile_input", message.replace("{", "{{").replace("}", "}}"))


def _codepoint(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def normalise(field: str, value: str) -> str:
    """Return a field without invisible characters and (single-line fields) without line breaks.

    Raise for characters that cannot be removed safely (bidi overrides, controls, lone surrogates);
    fields that are never shown or sent only lose them.
    """
    tidy_only = field in CHECK_ONLY
    text = value.translate(_INVISIBLE)
    text = _LINE_BREAKS.sub("\n", text)
    bad: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cs":
            if tidy_only:
                bad.append(ch)
                continue
            raise refusal("surrogate", field)
        if ord(ch) in _BIDI:
            if tidy_only:
                bad.append(ch)
                continue
            raise refusal("bidi", field, char=_codepoint(ch))
        if cat == "Cc" and ch not in "\n\t":
            if tidy_only:
                bad.append(ch)
                continue
            raise refusal("control", field, char=_codepoint(ch))
    if bad:
        text = "".join(ch for ch in text if ch not in set(bad))
    text = unicodedata.normalize("NFC", text)
    if value.strip() and not text.strip() and field in INSERTED:
        raise refusal("no_letters", field)
    if field in SINGLE_LINE:
        if "\n" in text.strip() and field in INSERTED:
            # A line break in a one-line field may start a fake prompt line; read it before folding.
            _check_instructions(field, text, None)
        return " ".join(text.split())
    # Multi-line text keeps its lines; tabs and other odd spaces become plain spaces.
    lines = [" ".join(line.split()) if line.strip() else "" for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def refuse_payload(field: str, value: str, language: str | None = None) -> None:
    """Raise when a field holds markup, a formula, an encoded blob, or reads as an instruction or offer."""
    if field in CHECK_ONLY or not value:
        return
    if field in NAMES:
        _check_name(field, value)
    _check_marks(field, value, _MAX_STACKED_MARKS if field in INSERTED else _MAX_STACKED_MARKS_TEXT)
    if (value[0] in _FORMULA_START) if field in INSERTED else bool(_FREE_FORMULA.match(value)):
        raise refusal("formula", field, char=value[0])
    tag = _TAG.search(value) or _ENCODED_TAG.search(value)
    if tag:
        raise refusal("markup", field, snippet=_snippet(tag.group(0)))
    if _MD_LINK.search(value):
        raise refusal("markdown_link", field)
    scheme = _SCHEME.search(value)
    if scheme:
        raise refusal("scheme", field, snippet=scheme.group(0))
    if field in INSERTED and _PLACEHOLDER.search(value):
        raise refusal("placeholder", field)
    blob = _ENCODED.search(value)
    if blob and not _is_url_or_word(value, blob):
        raise refusal("encoded", field)
    if field in INSERTED:
        code = _pattern("code").search(unicodedata.normalize("NFKC", value).lower())
        if code:
            raise refusal("code", field, snippet=_snippet(code.group(0)))
    if field == "candidate_name":
        words = re.findall(r"[^\W\d_]+", value.lower())
        described = [w for w in words if w in _descriptive_words()]
        if described:
            raise refusal("described", field, snippet=described[0])
    _check_instructions(field, value, language)


def _check_marks(field: str, value: str, limit: int) -> None:
    stacked = 0
    for ch in value:
        if unicodedata.category(ch).startswith("M"):
            stacked += 1
            if stacked > limit:
                raise refusal("stacked_marks", field)
        else:
            stacked = 0


def _check_name(field: str, value: str) -> None:
    if not any(unicodedata.category(ch).startswith("L") for ch in value):
        raise refusal("no_letters", field)
    for ch in value:
        cat = unicodedata.category(ch)
        if not cat.startswith(("L", "M")) and ch not in _NAME_PUNCT:
            raise refusal("name_chars", field, char=ch)
    if not unicodedata.category(value[0]).startswith("L") and value[0] != "(":
        raise refusal("name_start", field)


def _is_url_or_word(value: str, blob: re.Match[str]) -> bool:
    """Return True when a long unbroken run is part of a URL or an ordinary (compound) word."""
    run = blob.group(0)
    before = value[max(0, blob.start() - 12) : blob.start()].lower()
    if "http" in before or "www." in before or "/" in before:
        return True
    # Swedish compounds are long but are letters only, with few capitals and no digits or base64 tail.
    return run.isalpha() and not any(c.isupper() for c in run[1:]) and "=" not in run


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:39] + "…"


def _check_instructions(field: str, value: str, language: str | None) -> None:
    """Refuse what reads as an instruction (or, in inserted fields, an offer) in a field.

    Names, role and company become part of the letter as they are, so they get every pattern the
    guardrails block in model text. Free text (highlights, reason, feedback) may quote a candidate's
    own words: it is fenced as data in the prompt and every draft is checked, so only structural
    markers that no recruiter types (fake chat turns, template tokens, delimiter closes) are refused.
    """
    from guardrails import lexicon

    # Full-width letters and other compatibility forms read the same to a model: fold them first.
    folded = unicodedata.normalize("NFKC", value).lower()
    if field in INSERTED:
        hit = lexicon.pattern("injection").search(folded)
        if hit:
            raise refusal("instruction", field, snippet=_snippet(hit.group(0)))
        offer = (
            lexicon.pattern("decision", "hiring").search(folded)
            or lexicon.pattern("promises").search(folded)
            or _pattern("offer").search(folded)
        )
        if offer:
            raise refusal("offer", field, snippet=_snippet(offer.group(0)))
        return
    marker = _pattern("structural").search(folded)
    if marker:
        raise refusal("instruction", field, snippet=_snippet(marker.group(0)))


def data_view(field: str, value: str) -> str:
    """Return the part of a free-text field a model or the composer may use as data.

    The request keeps every word (the checks read it all); what reaches a prompt or a composed
    letter stops where the field starts to address the model (an instruction, a fake chat turn or
    field label, a note to the AI) and leaves out sentences that offer, promise or run code.
    """
    if field not in FREE_TEXT or not value:
        return value
    folded = unicodedata.normalize("NFKC", value).lower()
    if len(folded) != len(value):  # compatibility folding changed offsets: fall back to the plain text
        folded = value.lower()
    from guardrails import lexicon

    cut = len(value)
    for pattern in (lexicon.pattern("injection"), _pattern("structural"), _pattern("cut")):
        hit = pattern.search(folded)
        if hit:
            cut = min(cut, _sentence_start(value, hit.start()))
    kept = value[:cut]
    drop = (lexicon.pattern("decision", "hiring"), lexicon.pattern("promises"), _pattern("drop"))
    sentences = [s for s in _SENTENCE.findall(kept) if not any(p.search(s.lower()) for p in drop)]
    return re.sub(r"[ \t]*\n[ \t\n]*$", "", "".join(sentences)).strip()


_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+[ \t]*|\n+|$)")


def _sentence_start(text: str, pos: int) -> int:
    """Return where the sentence or line holding `pos` starts."""
    start = pos
    while start > 0 and text[start - 1] not in ".!?\n":
        start -= 1
    return start
