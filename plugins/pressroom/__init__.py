"""The press office's site: content model, Pelican plugin and commands.

`register()` is Pelican's entry point; the content model in `model/` never imports Pelican.
"""

from __future__ import annotations


def register() -> None:
    from .plugin import connect  # Pelican is imported only when the plugin is loaded

    connect()
