"""Advisories: problems worth telling an editor that must not stop the build.

The build counts every WARNING as fatal (STYLE.md, principle 12). An advisory is logged one level
below, at ADVISORY ("ADVERTENCIA"): build.py collects and prints it, and the build goes on.
"""

from __future__ import annotations

import logging

ADVISORY = logging.INFO + 5
logging.addLevelName(ADVISORY, "ADVERTENCIA")

_LOGGER = "pressroom.advertencias"


def advise(message: str) -> None:
    """Report `message` (already in Spanish, with path:line) without failing the build."""
    logger = logging.getLogger(_LOGGER)
    # Pelican's LimitFilter drops a message it has seen before in this process, which would hide
    # the advisory on every rebuild of `make serve` after the first: this logger keeps no filter.
    for found in list(logger.filters):
        logger.removeFilter(found)
    logger.setLevel(ADVISORY)  # the root logger's default (WARNING) would drop it
    logger.log(ADVISORY, message)
