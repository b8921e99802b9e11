"""The search index split by period, so that a new item re-indexes only the newest month.

Pagefind has no incremental mode: every run reads and indexes every page it is given, and at
thousands of items that run was most of a rebuild after one new item, and all of its memory. So
the site's pages are split into parts, each indexed into a bundle of its own:

- the newest part (`RECENT`, the bundle in /pagefind/): every page except the items of closed
  months, i.e. the items of the newest month that has items, and the fixed pages, press room,
  municipality and person pages (whose listings change with every item);
- one part per year (/pagefind/partes/<año>/) for the items of the months before the newest one.

An item page depends only on its own item and the site's templates and settings (carryover.py
gives each page a key from exactly those inputs), so a new item, or any change to the newest
month, leaves every closed part's pages, keys and bundle as they were: the previous build's
bundle is linked instead of indexed again. When a month closes (the first item of a new month),
that year's part is indexed once more. The search page merges the bundles (buscar.js, Pagefind's
`mergeIndex`) and lists them from `partes.json`, newest first.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

from .model.item import TYPES

RECENT = "reciente"
_ITEM_PAGE = re.compile(r"^(?P<section>[^/]+)/(?P<year>\d{4})/(?P<month>\d{2})/")
SECTIONS = frozenset(t.section for t in TYPES.values())


def month_of(path: str) -> str | None:
    """'AAAA-MM' for a page inside an item's folder (<sección>/AAAA/MM/…), else None."""
    found = _ITEM_PAGE.match(path)
    if found is None or found["section"] not in SECTIONS:
        return None
    return f"{found['year']}-{found['month']}"


def split(pages: Iterable[str]) -> dict[str, list[str]]:
    """The site's HTML pages (paths relative to the site, '/'-separated) by part: RECENT first,
    then each year with closed months, newest first; each list sorted."""
    months = {path: month_of(path) for path in pages}
    newest = max((m for m in months.values() if m is not None), default=None)
    parts: dict[str, list[str]] = {RECENT: []}
    years: dict[str, list[str]] = {}
    for path, month in months.items():
        if month is None or month == newest:
            parts[RECENT].append(path)
        else:
            years.setdefault(month[:4], []).append(path)
    for year in sorted(years, reverse=True):
        parts[year] = years[year]
    return {key: sorted(paths) for key, paths in parts.items()}


def digest(key: str, paths: list[str], page_keys: Mapping[str, str], indexer: str) -> str | None:
    """What a part's bundle is made from: its pages and each page's inputs (carryover keys), and
    the indexer's command; None when a page has no key (it cannot be told unchanged)."""
    sha = hashlib.sha256(f"{key}\x1e{indexer}".encode())
    for path in paths:
        page_key = page_keys.get(path)
        if page_key is None:
            return None
        sha.update(f"\x1e{path}\x1f{page_key}".encode())
    return sha.hexdigest()
