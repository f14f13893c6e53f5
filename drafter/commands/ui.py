"""`drafter ui`: start the Streamlit app (the same as `streamlit run ui/app.py`), from any directory."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_PORT = 8501
DEFAULT_HOST = "127.0.0.1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the port and host to serve on."""
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"Port to serve the app on (default: {DEFAULT_PORT})."
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"Address to listen on (default: {DEFAULT_HOST}, this machine only; 0.0.0.0: every interface).",
    )


def app_path() -> Path:
    """Return ui/app.py next to the installed `drafter` package (an editable install or a checkout)."""
    import drafter

    return Path(drafter.__file__).resolve().parent.parent / "ui" / "app.py"


def streamlit_argv(app: Path, port: int, host: str) -> list[str]:
    """Return the command line that serves `app` headless on host:port."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        host,
        # The app runs offline: no usage statistics leave the machine.
        "--browser.gatherUsageStats",
        "false",
        # Recruiters need no developer menu (deploy, rerun, settings).
        "--client.toolbarMode",
        "minimal",
    ]


def run(args: argparse.Namespace) -> int:
    """Replace this process with Streamlit serving ui/app.py."""
    from drafter.errors import ConfigError, InputError

    if not 1 <= args.port <= 65535:
        raise InputError(f"Port must be between 1 and 65535, not {args.port}.")
    app = app_path()
    if not app.is_file():
        raise ConfigError(f"The Streamlit app was not found at {app}; install Besked from a source checkout.")
    if getattr(args, "config", None):
        # The app reads its config like every command: from DRAFTER_CONFIG when --config was given.
        os.environ["DRAFTER_CONFIG"] = str(Path(args.config).resolve())
    argv = streamlit_argv(app, args.port, args.host)
    print(f"Besked: http://{args.host}:{args.port}", file=sys.stderr, flush=True)
    # exec keeps one process: Ctrl+C and a test's terminate() reach Streamlit itself.
    os.execv(argv[0], argv)
    return 0  # pragma: no cover - execv does not return
