"""Keep candidate text out of every log, whatever level a user turns on."""

from __future__ import annotations

import logging


class _NoRequestBodies(logging.Filter):
    """Drop the OpenAI SDK's DEBUG record of each request's options: it holds the whole prompt."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Request options")


_FILTER = _NoRequestBodies()


def keep_prompts_out_of_logs() -> None:
    """Install the filter once on the SDK's logger (idempotent, cheap)."""
    logger = logging.getLogger("openai._base_client")
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
