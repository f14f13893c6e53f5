"""On-disk cache of model outputs, so re-scoring a dataset does not re-run the model."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from drafter.models import DraftRequest, DraftResult

if TYPE_CHECKING:
    from drafter.pipeline import Drafter

DEFAULT_CACHE_DIR = Path(".cache/evals")
# Bump when the cached payload or what it depends on changes shape.
CACHE_SCHEMA = 2
ROOT = Path(__file__).resolve().parent.parent
# What a draft depends on besides the profile and the request: prompt files (their content, not
# just the version name), the pipeline and providers, the guardrails that decide on repairs.
FINGERPRINT_GLOBS = (
    "prompts/**/*.toml",
    "drafter/**/*.py",
    "drafter/**/*.toml",
    "guardrails/**/*.py",
    "guardrails/**/*.toml",
)


@cache
def code_fingerprint() -> str:
    """Return a hash of everything besides profile and request that shapes a draft."""
    digest = hashlib.sha256()
    for pattern in FINGERPRINT_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.relative_to(ROOT).as_posix().encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(drafter: Drafter, request: DraftRequest) -> str:
    """Return the key of a draft: profile, prompt version, code fingerprint, pipeline budget, request."""
    material = {
        "schema": CACHE_SCHEMA,
        "profile": drafter.profile.model_dump(mode="json"),
        "prompt_version": drafter.prompt_version,
        "code": code_fingerprint(),
        "repair": drafter.settings.repair.model_dump(mode="json"),
        "guardrails": drafter.settings.guardrails.model_dump(mode="json"),
        "request": request.model_dump(mode="json"),
    }
    blob = json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name) or "_"


class EvalCache:
    """DraftResult JSON files under `root/<profile>/<key>.json`."""

    def __init__(self, root: str | Path = DEFAULT_CACHE_DIR) -> None:
        self.root = Path(root)

    def path(self, drafter: Drafter, request: DraftRequest) -> Path:
        """Return where the draft for this drafter and request is stored."""
        return self.root / _safe(drafter.profile_name) / f"{cache_key(drafter, request)}.json"

    def get(self, drafter: Drafter, request: DraftRequest) -> DraftResult | None:
        """Return the cached result, or None when absent or unreadable (a stale file is just a miss)."""
        path = self.path(drafter, request)
        try:
            return DraftResult.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValidationError, ValueError):
            return None

    def put(self, drafter: Drafter, request: DraftRequest, result: DraftResult) -> None:
        """Store a result atomically, so concurrent writers never leave half a file."""
        path = self.path(drafter, request)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(result.model_dump_json())
        os.replace(tmp, path)
