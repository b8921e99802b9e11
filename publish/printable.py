"""The office's private printable pages (the quarterly report, the weekly agenda, the press synthesis and
the media balance): one way to load their templates, and the name they carry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pressroom.dates import FILTERS

OFFICE = "Coordinación de Comunicación Social — PT Estado de México"


def templates(folder: Path, **filters: Callable[..., Any]) -> Environment:
    """Templates from `folder`, HTML escaped, an unknown name an error; the date filters plus `filters`."""
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    env.filters.update(filters)
    return env
