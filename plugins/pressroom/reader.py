"""Pelican reader for the office's Markdown files: the content model decides, Pelican renders.

Items that are not public at build time (drafts, embargoed, future-dated) come back with
Pelican's `skip` status, so no page, listing, feed or copied media ever exists for them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from markupsafe import escape
from pelican.readers import BaseReader
from pelican.urlwrappers import Category, Tag

from .content import PAGES_DIR, content_files, display_path, load_ref
from .exceptions import ContentError
from .history import last_commits
from .model.item import Item, ItemType, Page
from .model.refdata import RefData
from .model.validate import parse_item, parse_page
from .model.veda import holding, parse_vedas
from .parsecache import ParseCache
from .render import to_html

PARSED_SETTING = "PRESSROOM_PARSED"  # {display path: Item or Page} validated by this build
CACHE_SETTING = "PRESSROOM_PARSE_CACHE"  # the build's ParseCache (Markdown kept between builds)
HISTORY_SETTING = "PRESSROOM_HISTORY"  # {path under content/: last commit}, read once by the build


def section_category(tipo: ItemType, settings: dict[str, Any]) -> Category:
    """The Pelican category of a type: titled 'Boletines', at /boletines/."""
    category = Category(tipo.plural, settings)
    category.slug = tipo.section
    return category


class PressroomReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self._ref: RefData | None = None
        self._files: frozenset[str] = frozenset()
        self._history: dict[str, dt.datetime] | None = None

    @property
    def content_dir(self) -> Path:
        return Path(self.settings["PATH"])

    def _reference(self) -> RefData:
        if self._ref is None:
            ref, problems = load_ref(self.content_dir)
            if problems:
                raise ContentError(problems)
            self._ref = ref
            self._files = frozenset(content_files(self.content_dir))
        return self._ref

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        relative = Path(source_path).resolve().relative_to(self.content_dir.resolve()).as_posix()
        shown = display_path(self.content_dir, relative)
        known = (self.settings.get(PARSED_SETTING) or {}).get(shown)
        if relative.split("/", 1)[0] == PAGES_DIR:
            page, problems = (
                (known, []) if isinstance(known, Page) else parse_page(shown, Path(source_path).read_bytes())
            )
            if page is None:
                raise ContentError(problems)
            return self._html(page.body), self._page_metadata(page)
        if isinstance(known, Item):  # validated by this build: not parsed twice
            item: Item | None = known
        else:
            item, problems = parse_item(shown, Path(source_path).read_bytes(), self._reference(), self._files)
            if item is None:
                raise ContentError(problems)
        assert item is not None
        now: dt.datetime = self.settings["PRESSROOM_NOW"]
        vedas, _ = parse_vedas(self.settings.get("VEDAS"))  # problems were reported by the build
        if not item.is_public(now) or holding(vedas, item, now):
            return "", {"status": "skip", "title": "", "date": item.fecha}
        if self._history is None:
            self._history = self.settings.get(HISTORY_SETTING)
        if self._history is None:
            self._history = last_commits(self.content_dir)
        metadata = self._item_metadata(item)
        changed = self._history.get(relative)
        metadata["modified"] = max(item.fecha, changed) if changed else item.fecha
        return self._html(item.body), metadata

    def _html(self, body: str) -> str:
        cache: ParseCache | None = self.settings.get(CACHE_SETTING)
        return cache.render(body, to_html) if cache is not None else to_html(body)

    def _item_metadata(self, item: Item) -> dict[str, Any]:
        return {
            "title": item.titulo,
            "slug": item.slug,
            "date": item.fecha,
            "category": section_category(item.tipo, self.settings),
            "tags": [Tag(tag, self.settings) for tag in item.etiquetas],
            "summary": str(escape(item.resumen)),
            "status": "hidden" if item.withdrawn else "published",
            "template": item.tipo.key,
            "item": item,
        }

    def _page_metadata(self, page: Page) -> dict[str, Any]:
        return {
            "title": page.titulo,
            "slug": page.slug,
            "summary": str(escape(page.resumen)),
            "status": "published",
            "page": page,
        }
