"""Dependencies point one way: guardrails/ imports nothing from drafter/; drafter re-exports what callers use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drafter.errors import DrafterError, GuardrailError, as_drafter_error
from drafter.models import CheckContext as DrafterCheckContext
from drafter.models import DraftRequest
from guardrails import check
from guardrails.context import CheckContext
from guardrails.errors import GuardrailError as LayerError

ROOT = Path(__file__).resolve().parents[2]


def test_no_guardrails_module_imports_drafter() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "guardrails").rglob("*.py")
        if "from drafter" in path.read_text(encoding="utf-8") or "import drafter" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_checking_loads_no_drafter_module() -> None:
    code = (
        "import sys; from guardrails import check; import guardrails.scoring; "
        "check('Hej Anna, tack. Vi har valt en annan kandidat.', {'language': 'sv'}); "
        "print([m for m in sys.modules if m.split('.')[0] == 'drafter'])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


def test_drafter_re_exports_the_context_and_converts_a_request() -> None:
    assert DrafterCheckContext is CheckContext
    request = DraftRequest(candidate_name="Anna Berg", role="ekonom", company="Byggab", recruiter_name="Lena")
    assert request.check_context() == CheckContext(**request.model_dump())
    text = "Hej Anna,\n\nTack för din ansökan. Vi har valt en annan kandidat. Lycka till!\n\nLena"
    assert check(text, request) == check(text, request.check_context())


def test_a_guardrail_error_becomes_a_drafter_error_at_the_seam() -> None:
    with pytest.raises(LayerError):
        check(42, CheckContext())  # type: ignore[arg-type]
    converted = as_drafter_error(LayerError("The text to check must be a string."))
    assert isinstance(converted, DrafterError) and isinstance(converted, LayerError)
    assert isinstance(converted, GuardrailError)
