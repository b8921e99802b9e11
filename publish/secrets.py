"""Credentials come from the environment (or a .env file that is never committed), never from
configuration files, and never reach logs: every text printed or stored passes through redact()."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from dotenv import load_dotenv

SECRET_NAME = re.compile(r"(TOKEN|SECRET|PASSWORD|CONTRASENA|CLAVE|KEY)", re.IGNORECASE)


def load_env(root: Path) -> None:
    """Read <root>/.env into the environment; variables already set win."""
    load_dotenv(root / ".env", override=False)


def secret_values() -> list[str]:
    return [v for k, v in os.environ.items() if SECRET_NAME.search(k) and len(v) >= 6]


def redact(text: str) -> str:
    return _redact_all(text)


_remembered: set[str] = set()


def remember(value: str) -> None:
    """A credential obtained at run time (a session token): redacted like the environment's."""
    if len(value) >= 6:
        _remembered.add(value)


def _redact_all(text: str) -> str:
    for value in sorted({*secret_values(), *_remembered}, key=len, reverse=True):
        text = text.replace(value, "***")
    return text


_guarded = False


def guard_logs() -> None:
    """Every log record, from any library, is redacted when it is made: tweepy logs its request
    headers at DEBUG, oauthlib its signature parameters, urllib3 each URL (Telegram's carries the
    bot token). Installed once, when a channel that uses credentials is built."""
    global _guarded
    if _guarded:
        return
    _guarded = True
    make = logging.getLogRecordFactory()

    def redacted(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a library's malformed log call: keep what it said, redacted
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return record

    logging.setLogRecordFactory(redacted)
