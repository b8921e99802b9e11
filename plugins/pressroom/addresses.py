"""Each item's and page's address worked out once per build.

Pelican formats `url` and `save_as` from the URL settings every time they are read (about ten
times per item in a build: listings, feeds, page keys, the manifest, the sitemap); once the
generator has settled its content, the address cannot change, so it is kept on the object as
Pelican's own override (the same attribute a `url:` in the metadata would set).
"""

from __future__ import annotations

from typing import Any


def settle(contents: list[Any]) -> None:
    for content in contents:
        content.override_url = content.url
        content.override_save_as = content.save_as


def settle_articles(generator: Any) -> None:
    settle([*generator.articles, *generator.drafts, *generator.hidden_articles])


def settle_pages(generator: Any) -> None:
    settle([*generator.pages, *generator.hidden_pages, *generator.draft_pages])
