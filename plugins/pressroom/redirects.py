"""Redirect pages at the addresses an item had before (`direcciones_anteriores`), as Hugo's aliases.

When an editor changes a published item's slug, the links already posted and emailed keep working:
at each earlier address the build writes a small page (theme/templates/redireccion.html) with an
immediate meta refresh to the item's address, rel=canonical to it, `noindex`, and a sentence with a
link for readers whose browser does not follow the refresh.

Only written items (public, listed or withdrawn) get them: an embargoed item's earlier addresses
appear when the item does, so nothing leaks. They are never in the sitemap (which lists only the
item's own address) nor in the search index (they carry no data-pagefind-body). Validation
(content.py) has already made sure no earlier address is anyone else's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TEMPLATE = "redireccion"


@dataclass(frozen=True)
class Redirect:
    save_as: str  # inside output/
    target: str  # root-relative address of the item now
    titulo: str


def save_as(address: str) -> str:
    """'/boletines/2026/11/viejo/' → 'boletines/2026/11/viejo/index.html'; '/a/b.html' as is."""
    path = address.lstrip("/")
    return path + "index.html" if path.endswith("/") else path


def redirects(articles: list[Any]) -> list[Redirect]:
    """One per earlier address of each written article, in a stable order."""
    found = [
        Redirect(save_as(address), "/" + article.url, article.item.titulo)
        for article in articles
        for address in article.item.direcciones_anteriores
    ]
    return sorted(found, key=lambda r: r.save_as)
