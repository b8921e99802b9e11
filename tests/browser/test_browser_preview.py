"""The editors' preview in Chromium: drafts and scheduled items visibly marked, accessibly; the
`make html` site shows none of it and has no page for them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import Visit, screenshot, serve
from test_a11y import check

from pressroom.build import build
from pressroom.content import load_site
from sitekit import NOW, ROOT

pytestmark = pytest.mark.usefixtures("browser")

HELD = [i for i in load_site(ROOT / "content").items if not i.is_public(NOW)]
DRAFT = next(i for i in HELD if i.estado == "borrador")
SCHEDULED = next(i for i in HELD if i.estado == "programado")


@pytest.fixture(scope="module")
def preview_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site as `make serve` builds it, served on loopback."""
    output = tmp_path_factory.mktemp("vista-previa") / "sitio"
    build(ROOT / "pelican.conf.py", NOW, output, preview=True)
    with serve(output) as base:
        yield base


def test_a_draft_is_marked_at_the_top_of_its_page(page: Any, preview_url: str) -> None:
    visit = Visit(preview_url).watch(page)
    response = page.goto(preview_url + DRAFT.url, wait_until="networkidle")
    assert response.status == 200
    notice = page.locator(".aviso--vista-previa")
    assert notice.is_visible()
    assert notice.locator(".aviso__titulo").inner_text() == "Borrador — no publicado"
    strip = page.locator(".franja-vista-previa")
    assert strip.is_visible() and strip.bounding_box()["y"] < 60  # the first thing on the page
    assert strip.inner_text().startswith("Vista previa local")
    # the notice comes before the title, above the fold
    assert notice.bounding_box()["y"] < page.locator("h1").bounding_box()["y"] < 900
    screenshot(page, "vista-previa-borrador", full_page=False)
    check(page)  # WCAG 2.2 AA, the marks included
    assert visit.problems() == []


def test_a_scheduled_item_says_when_it_goes_out(page: Any, preview_url: str) -> None:
    page.goto(preview_url + SCHEDULED.url, wait_until="networkidle")
    heading = page.locator(".aviso--vista-previa .aviso__titulo").inner_text()
    assert heading.startswith("Programado para el ") and heading.endswith(f"{SCHEDULED.embargo:%H:%M}")
    screenshot(page, "vista-previa-programado", full_page=False)


def test_listings_mark_what_is_not_public(page: Any, preview_url: str) -> None:
    page.goto(preview_url + "/boletines/", wait_until="networkidle")
    draft_card = page.locator(".tarjeta", has_text=DRAFT.titulo)
    assert draft_card.locator(".marca-vista-previa").inner_text().lower() == "borrador"
    assert draft_card.locator(".marca-vista-previa").is_visible()
    scheduled_card = page.locator(".tarjeta", has_text=SCHEDULED.titulo)
    assert scheduled_card.locator(".marca-vista-previa").inner_text().lower() == "programado"
    public = page.locator(".tarjeta").filter(has_not=page.locator(".marca-vista-previa"))
    assert public.count() >= 5
    check(page)


def test_the_published_site_shows_no_mark_and_no_draft(page: Any, visit: Visit, sample_output: Path) -> None:
    page.goto(visit.base + "/boletines/", wait_until="networkidle")
    assert page.locator(".marca-vista-previa, .franja-vista-previa, .aviso--vista-previa").count() == 0
    assert page.locator(".tarjeta", has_text=DRAFT.titulo).count() == 0
    response = page.goto(visit.base + DRAFT.url, wait_until="load")
    assert response.status == 404
    assert not (sample_output / DRAFT.url.strip("/")).exists()
