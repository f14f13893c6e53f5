"""Helpers for the Streamlit app tests: the app path, a good draft, a filled form, a failing drafter."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from streamlit.testing.v1 import AppTest

from drafter.errors import DrafterError, ProviderError
from drafter.models import DraftRequest, DraftResult
from drafter.pipeline import Drafter, DraftStream

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "ui" / "app.py"

# A draft that meets every guideline for FORM below: thanks, a concrete positive, a clear
# decision, a short reason, luck and an offer to answer questions, the recruiter's signature.
GOOD_SV = (
    "Hej Anna,\n\n"
    "Tack för ditt intresse för tjänsten som projektledare på Nordvik Energi och för tiden du lade på "
    "intervjun. Vi uppskattade särskilt din struktur när du beskrev utbyggnaden av laddstationer.\n\n"
    "Efter noggrant övervägande har vi valt att inte gå vidare med din ansökan den här gången, eftersom "
    "vi valde en kandidat med mer erfarenhet av upphandling.\n\n"
    "Vi önskar dig lycka till framöver och svarar gärna på frågor om du har några.\n\n"
    "Vänliga hälsningar,\nKarin Ek"
)

FORM = {
    "candidate_name": "Anna",
    "role": "projektledare",
    "company": "Nordvik Energi",
    "recruiter_name": "Karin Ek",
    "highlights": "din struktur när du beskrev utbyggnaden av laddstationer",
    "reason": "vi valde en kandidat med mer erfarenhet av upphandling",
}


class DownDrafter(Drafter):
    """A drafter whose drafts fail while streaming (by default: the model server is down)."""

    error: DrafterError = ProviderError("The model server at http://127.0.0.1:9 is not reachable.")

    def stream(self, request: DraftRequest) -> DraftStream:
        error = self.error

        def chunks() -> Generator[str, None, DraftResult]:
            raise error
            yield ""  # pragma: no cover - makes this a generator

        return DraftStream(chunks())


def fill_form(at: AppTest, values: dict[str, str] | None = None) -> None:
    """Type the request into the form (without submitting it)."""
    for field, value in (FORM if values is None else values).items():
        widget = (
            at.text_area(key=f"f_{field}") if field in {"highlights", "reason"} else at.text_input(key=f"f_{field}")
        )
        widget.set_value(value)


def submit(at: AppTest) -> AppTest:
    """Press the form's generate button and rerun."""
    at.button(key="generate").click()
    return at.run()
