"""Pseudonymise a request before a remote model sees it, and restore the names in what it wrote.

Every word of the candidate's, recruiter's and chosen candidate's names, and every capitalised word
of the company's name, becomes an invented name-like token; the same word always gets the same
token within a request, so "Anna" in the highlights and "Anna Lindqvist" as the candidate stay
consistent. Tokens are replaced back in the model's text (a Swedish genitive -s included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.models import DraftRequest

# Invented words that read as names in Swedish and English and are not words in either.
FIRST_TOKENS = ("Alvoni", "Bekran", "Corvina", "Delmar", "Esvika", "Fendrik", "Garvio", "Hemlia")
LAST_TOKENS = ("Tarnquist", "Vellberg", "Orsmark", "Quandahl", "Rydvalk", "Zennström", "Ulvkrans", "Yxmoor")
COMPANY_TOKENS = ("Kvantora", "Brixolm", "Tellvara", "Moxhamn", "Norvelle", "Pyrdal", "Skarvion", "Lumbrix")
PERSON_FIELDS = ("candidate_name", "recruiter_name", "chosen_candidate_name")
TEXT_FIELDS = ("candidate_name", "role", "company", "recruiter_name", "highlights", "reason", "feedback",
               "chosen_candidate_name", "internal_notes")  # fmt: skip
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?")


def _pattern(word: str) -> re.Pattern[str]:
    # Whole word, optionally followed by a genitive s ("Annas", "Kvantoras").
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?=s?(?![\w-]))")


@dataclass
class Pseudonyms:
    """The word -> token table of one request, and its way back."""

    forward: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_request(cls, request: DraftRequest) -> Pseudonyms:
        """Build the table for a request's names (persons word by word, the company's capitalised words)."""
        table = cls()
        taken = " ".join(str(getattr(request, f) or "") for f in TEXT_FIELDS)
        pools = {"first": list(FIRST_TOKENS), "last": list(LAST_TOKENS), "company": list(COMPANY_TOKENS)}
        counter = {"first": 0, "last": 0, "company": 0}

        def token(kind: str) -> str:
            while True:
                i = counter[kind]
                counter[kind] += 1
                pool = pools[kind]
                base = pool[i % len(pool)]
                candidate = base if i < len(pool) else f"{base}{'abcdefgh'[(i // len(pool)) % 8]}"
                if candidate not in taken and candidate not in table.forward.values():
                    return candidate

        for name in PERSON_FIELDS:
            value = getattr(request, name) or ""
            for position, word in enumerate(_WORD.findall(value)):
                if len(word) >= 2 and word not in table.forward:
                    table.forward[word] = token("first" if position == 0 else "last")
        for word in _WORD.findall(request.company):
            if len(word) >= 3 and word[0].isupper() and word not in table.forward:
                table.forward[word] = token("company")
        return table

    def _swap(self, text: str, pairs: dict[str, str]) -> str:
        # Longest first, so "Anna-Karin" is replaced before "Anna".
        for old in sorted(pairs, key=len, reverse=True):
            text = _pattern(old).sub(pairs[old], text)
        return text

    def hide(self, text: str) -> str:
        """Return the text with every name word replaced by its token."""
        return self._swap(text, self.forward) if text else text

    def restore(self, text: str) -> str:
        """Return the text with every token replaced by the name word it stands for."""
        return self._swap(text, {v: k for k, v in self.forward.items()}) if text else text

    def request(self, request: DraftRequest) -> DraftRequest:
        """Return the request as the model may see it: every name field and free text pseudonymised."""
        update = {}
        for name in TEXT_FIELDS:
            value = getattr(request, name)
            if isinstance(value, str):
                update[name] = self.hide(value)
        return request.model_copy(update=update)
