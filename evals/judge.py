"""Optional LLM-as-judge: a versioned rubric prompt, temperature 0, repeats with agreement."""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from drafter.config import Settings
from drafter.errors import ConfigError, DrafterError
from drafter.models import DraftRequest
from evals.scoring import JudgeScore

JUDGE_DIR = Path(__file__).resolve().parent.parent / "prompts" / "judge"
DEFAULT_RUBRIC = "v1"

# (prompt, seed) -> the judge model's raw answer
Complete = Callable[[str, int], str]


class JudgeRubric(BaseModel):
    """A judge rubric prompt file."""

    version: str = Field(description="Rubric version, reported with every judge score.")
    items: list[str] = Field(min_length=1, description="Checklist item ids the judge grades 0/1.")
    system: str = Field(description="Role and answer format.")
    checklist: str = Field(description="One line per item: what `1` means.")
    template: str = Field(description="The full prompt, with the request fields and `{draft}`.")

    def render(self, request: DraftRequest, draft: str) -> str:
        """Render the prompt; only prompt-safe request fields are used."""
        fields = request.prompt_fields()
        return self.template.format(
            system=self.system,
            checklist=self.checklist,
            language=request.language,
            channel=request.channel,
            tone=request.tone,
            draft=draft,
            **{**fields, "feedback": fields["feedback"] or "(none: no feedback must be given)"},
        )

    def parse(self, answer: str) -> dict[str, int]:
        """Return the 0/1 grade per item found in an answer; raise ValueError when one is missing."""
        grades: dict[str, int] = {}
        for item in self.items:
            match = re.search(rf"^\W*{re.escape(item)}\W*[:=]\s*([01])\b", answer, re.MULTILINE | re.IGNORECASE)
            if match is None:
                raise ValueError(f"no grade for '{item}'")
            grades[item] = int(match.group(1))
        return grades


def load_rubric(version: str = DEFAULT_RUBRIC, directory: Path = JUDGE_DIR) -> JudgeRubric:
    """Load `prompts/judge/<version>.toml`, or raise `ConfigError`."""
    path = directory / f"{version}.toml"
    try:
        with path.open("rb") as fh:
            return JudgeRubric.model_validate(tomllib.load(fh))
    except FileNotFoundError:
        raise ConfigError(f"Judge rubric not found: {path}.") from None
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ConfigError(f"Judge rubric {path} is invalid: {str(exc).splitlines()[0]}.") from None


class Judge:
    """Grade drafts with a model: the same prompt `repeats` times (seed varies), agreement reported."""

    def __init__(
        self, complete: Complete, rubric: JudgeRubric, repeats: int = 1, seed: int = 0, serialize: bool = True
    ) -> None:
        self.complete = complete
        self.rubric = rubric
        self.repeats = max(1, repeats)
        self.seed = seed
        # In-process models keep per-call state: one judgement at a time unless the client is HTTP.
        self._lock: threading.Lock | None = threading.Lock() if serialize else None

    def _ask(self, prompt: str, seed: int) -> str:
        if self._lock is None:
            return self.complete(prompt, seed)
        with self._lock:
            return self.complete(prompt, seed)

    @classmethod
    def from_profile(
        cls, profile_name: str, settings: Settings, repeats: int = 1, rubric: str = DEFAULT_RUBRIC
    ) -> Judge:
        """Build a judge on a configured profile, forced to temperature 0."""
        from drafter.providers import build_client

        profile = settings.profile(profile_name).model_copy(update={"temperature": 0.0})
        client = build_client(profile)
        stop = ["\n\n\n", ">>>", "Message to grade"]

        def complete(prompt: str, seed: int) -> str:
            if client.kind == "chat":
                from langchain_core.messages import HumanMessage

                return "".join(client.stream([HumanMessage(content=prompt)], stop=stop, seed=seed))
            return "".join(client.stream(prompt, stop=stop, seed=seed))

        serialize = profile.provider not in {"openai", "openai-compatible"}
        return cls(complete, load_rubric(rubric), repeats, seed=profile.seed or 0, serialize=serialize)

    def score(self, request: DraftRequest, draft: str) -> JudgeScore:
        """Grade one draft; unparsable answers are recorded as errors, not scores."""
        prompt = self.rubric.render(request, draft)
        runs: list[dict[str, int]] = []
        errors: list[str] = []
        for i in range(self.repeats):
            try:
                runs.append(self.rubric.parse(self._ask(prompt, self.seed + i)))
            except ValueError as exc:
                errors.append(f"repeat {i + 1}: {exc}")
            except DrafterError as exc:
                errors.append(f"repeat {i + 1}: {exc}")
        items = self.rubric.items
        scores: dict[str, float | None] = {
            item: (sum(r[item] for r in runs) / len(runs) if runs else None) for item in items
        }
        known = [s for s in scores.values() if s is not None]
        agreement = sum(1 for item in items if len({r[item] for r in runs}) == 1) / len(items) if runs else None
        return JudgeScore(
            scores=scores,
            mean=round(sum(known) / len(known), 4) if known else None,
            agreement=agreement,
            repeats=self.repeats,
            rubric_version=self.rubric.version,
            errors=errors,
        )
