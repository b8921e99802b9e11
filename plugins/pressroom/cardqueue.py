"""The social cards a build publishes: found in the image cache, or drawn on every core.

Cards are drawn grouped by photo: each photo is decoded, cropped and darkened once, however many
items share it, and every card of the group is drawn on that background. Groups are drawn in
parallel threads (Pillow releases the interpreter lock while it resizes, draws and encodes). A card
is content-addressed (cards.fingerprint), so the order in which they are drawn changes no byte.
"""

from __future__ import annotations

import os
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image as PILImage

from . import cards
from .imagecache import ImageCache, PhotoEntry


class CardQueue:
    def __init__(self, cache: ImageCache, workers: int | None = None) -> None:
        self.cache = cache
        self.workers = workers or os.cpu_count() or 1
        self.wanted: dict[str, str] = {}  # output path → card key
        self.found: dict[str, Path] = {}  # card key → cached file
        self.missing: dict[str | None, dict[str, cards.CardText]] = defaultdict(dict)  # photo → key → text
        self.photos: dict[str | None, PhotoEntry | None] = {}

    def add(self, path: str, text: cards.CardText, entry: PhotoEntry | None) -> None:
        key = cards.fingerprint(text, entry.key if entry else None)
        self.wanted[path] = key
        if key in self.found:
            return
        cached = self.cache.card(key)
        if cached is not None:
            self.found[key] = cached
            return
        photo = entry.key if entry else None
        self.photos[photo] = entry
        self.missing[photo][key] = text

    def files(self) -> dict[str, Path]:
        """{output path: cached card file}, drawing every card not cached yet."""
        groups = sorted(self.missing.items(), key=lambda group: group[0] or "")
        if groups:
            with ThreadPoolExecutor(max_workers=min(self.workers, len(groups))) as pool:
                for drawn in pool.map(self._draw_group, groups):
                    self.found.update(drawn)
            self.missing.clear()
        return {path: self.found[key] for path, key in self.wanted.items()}

    def _draw_group(self, group: tuple[str | None, dict[str, cards.CardText]]) -> dict[str, Path]:
        photo_key, texts = group
        entry = self.photos[photo_key]
        photo = None
        if entry is not None:
            with PILImage.open(entry.largest_jpeg.path) as opened:
                photo = opened.convert("RGB")
        prepared = cards.background(photo)
        return {
            key: self.cache.store_card(key, cards.render_on(text, prepared)) for key, text in texts.items()
        }
