"""Pelican reader for the office's Markdown files: the content model decides, Pelican renders.

Items that are not public at build time (drafts, embargoed, future-dated) come back with
Pelican's `skip` status, so no page, listing, feed or copied media ever exists for them. Only the
editors' preview (preview.py, `make serve`) reads them, each with its `vista_previa` mark.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from markupsafe import escape
from pelican.readers import BaseReader
from pelican.urlwrappers import Category, Tag

from . import preview
from .content import PAGES_DIR, content_files, display_path, inside, load_ref
from .exceptions import ContentError
from .history import last_commits
from .model.item import Item, ItemType, Page
from .model.problems import Problem
from .model.refdata import RefData
from .model.validate import parse_item, parse_page
from .model.veda import holding, parse_vedas
from .renderpool import Rendered, failure_message

PARSED_SETTING = "PRESSROOM_PARSED"  # {display path: Item or Page} validated by this build
CACHE_SETTING = "PRESSROOM_PARSE_CACHE"  # the build's ParseCache (kept between builds)
HISTORY_SETTING = "PRESSROOM_HISTORY"  # {path under content/: last commit}, read once by the build
RENDERED = "PRESSROOM_RENDERED"  # the bodies validation rendered (renderpool.Rendered)


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
        relative = Path(
            os.path.relpath(os.path.abspath(source_path), os.path.abspath(self.content_dir))
        ).as_posix()
        shown = display_path(self.content_dir, relative)
        if relative.startswith("../") or not inside(self.content_dir, relative):  # validation refused it
            raise ContentError([Problem(shown, 1, "el archivo no está dentro de content/; cópialo aquí")])
        known = (self.settings.get(PARSED_SETTING) or {}).get(shown)
        if relative.split("/", 1)[0] == PAGES_DIR:
            page, problems = (
                (known, []) if isinstance(known, Page) else parse_page(shown, Path(source_path).read_bytes())
            )
            if page is None:
                raise ContentError(problems)
            return self._html(page), self._page_metadata(page)
        if isinstance(known, Item):  # validated by this build: not parsed twice
            item: Item | None = known
        else:
            item, problems = parse_item(shown, Path(source_path).read_bytes(), self._reference(), self._files)
            if item is None:
                raise ContentError(problems)
        assert item is not None
        now: dt.datetime = self.settings["PRESSROOM_NOW"]
        vedas, _ = parse_vedas(self.settings.get("VEDAS"))  # problems were reported by the build
        veda = holding(vedas, item, now)
        held = None
        if not item.is_public(now) or veda:
            held = preview.mark(item, now, veda) if preview.enabled(self.settings) else None
            if held is None:  # fail closed: not public and not previewed means not written
                return "", {"status": "skip", "title": "", "date": item.fecha}
        if self._history is None:
            self._history = self.settings.get(HISTORY_SETTING)
        if self._history is None:
            self._history = last_commits(self.content_dir)
        metadata = self._item_metadata(item)
        if held is not None:  # only in `make serve`: built, and marked on every page that shows it
            metadata["vista_previa"] = held
        changed = self._history.get(relative)
        metadata["modified"] = max(item.fecha, changed) if changed else item.fecha
        return self._html(item), metadata

    def _html(self, text: Item | Page) -> str:
        rendered: Rendered | None = self.settings.get(RENDERED)
        if rendered is None:  # Pelican run on its own, without the build command's validation
            rendered = self.settings[RENDERED] = Rendered()
        outcome = rendered.get(text.body)
        if not isinstance(outcome, str):
            message = failure_message(outcome, rendered.limits)
            raise ContentError([Problem(text.path, text.body_line, message)])
        return outcome

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
