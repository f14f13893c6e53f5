"""Guardrails: check a draft against Besked's rules before anyone sees it.

`check` and `RULES` load on first use, so `import guardrails` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from guardrails.engine import check
    from guardrails.registry import RULES, RuleInfo

__all__ = ["RULES", "RuleInfo", "check"]


def __getattr__(name: str) -> Any:
    if name == "check":
        from guardrails.engine import check

        return check
    if name in ("RULES", "RuleInfo"):
        from guardrails import registry

        return getattr(registry, name)
    raise AttributeError(f"module 'guardrails' has no attribute {name!r}")
