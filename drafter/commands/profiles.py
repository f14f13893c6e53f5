"""`drafter profiles`: list the configured model profiles."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments (none)."""


def run(args: argparse.Namespace) -> int:
    """Print one line per profile, marking the active one."""
    from drafter.config import load_settings

    settings = load_settings(args.config)
    for name in settings.profile_names():
        profile = settings.profiles[name]
        mark = "*" if name == settings.active_profile else " "
        detail = (
            profile.model or profile.model_path or ("bundled Gemma 3 270M" if profile.provider == "llama-cpp" else "")
        )
        print(f"{mark} {name:<16} {profile.provider:<18} {detail}")
    return 0
