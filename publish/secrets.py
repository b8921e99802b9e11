"""Credentials come from the environment (or a .env file that is never committed), never from
configuration files, and never reach logs: every text printed or stored passes through redact()."""

from __future__ import annotations

import os
import re
from pathlib import Path

from dotenv import load_dotenv

SECRET_NAME = re.compile(r"(TOKEN|SECRET|PASSWORD|CONTRASENA|CLAVE|KEY)", re.IGNORECASE)


def load_env(root: Path) -> None:
    """Read <root>/.env into the environment; variables already set win."""
    load_dotenv(root / ".env", override=False)


def secret_values() -> list[str]:
    return [v for k, v in os.environ.items() if SECRET_NAME.search(k) and len(v) >= 6]


def redact(text: str) -> str:
    for value in sorted(secret_values(), key=len, reverse=True):
        text = text.replace(value, "***")
    return text
