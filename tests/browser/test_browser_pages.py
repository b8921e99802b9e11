"""The sample site in Debian's Chromium: what a reader sees and does, with nothing going wrong.

Every visit is watched: no console error, no uncaught JavaScript error, no failed request and no
request to any host but the site's own. Screenshots go to test-artifacts/navegador/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browserkit import MOBILE, Visit, screenshot

from pressroom.content import load_site
from pressroom.model.item import TYPES
from sitekit import NOW, ROOT

pytestmark = pytest.mark.usefixtures("browser")


def open_page(page: Any, visit: Visit, path: str) -> Any:
    response = page.goto(visit.base + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    return response


def assert_clean(visit: Visit) -> None:
    assert visit.problems() == []


def test_home_desktop(page: Any, visit: Visit) -> None:
    response = open_page(page, visit, "/")
    assert response.status == 200
    assert page.locator("h1").first.inner_text() == "Comunicación Social — PT Estado de México"
    assert page.locator(".tarjeta").count() >= 10
    assert page.locator("form.buscador[role=search] input[name=q]").is_visible()
    path = screenshot(page, "portada-escritorio", full_page=False)
    screenshot(page, "portada-escritorio-completa")
    assert path.stat().st_size > 10_000
    assert_clean(visit)


def test_home_mobile(browser: Any, base_url: str) -> None:
    context = browser.new_context(
        viewport=MOBILE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="es-MX"
    )
    try:
        page = context.new_page()
        visit = Visit(base_url).watch(page)
        open_page(page, visit, "/")
        # nothing wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
        menu = page.locator(".menu__lista")
        assert not menu.is_visible()
        assert screenshot(page, "portada-movil", full_page=False).stat().st_size > 10_000
        page.locator(".menu__boton").click()
        assert menu.is_visible()
        assert page.locator(".menu__lista a", has_text="Boletines").is_visible()
        screenshot(page, "portada-movil-menu", full_page=False)
        assert page.locator("#buscador-q").is_visible()
        assert_clean(visit)
    finally:
        context.close()


@pytest.mark.parametrize("tipo", list(TYPES))
def test_an_item_of_each_type(page: Any, visit: Visit, pages: dict[str, str], tipo: str) -> None:
    path = pages[f"nota-{tipo}"]
    response = open_page(page, visit, path)
    assert response.status == 200
    item = next(i for i in load_site(ROOT / "content").public_items(NOW) if i.url == path)
    assert page.locator("h1").inner_text() == item.titulo
    assert page.locator(".nota__entrada").inner_text() == item.resumen
    # every image on the page has loaded (no broken photo)
    broken = page.evaluate(
        "[...document.images].filter(i => i.getAttribute('src') && i.complete && i.naturalWidth === 0 && i.loading !== 'lazy')"
        ".map(i => i.currentSrc || i.src)"
    )
    assert broken == []
    screenshot(page, f"nota-{tipo}")
    assert_clean(visit)


def test_video_is_not_loaded_until_asked(page: Any, visit: Visit, pages: dict[str, str]) -> None:
    open_page(page, visit, pages["nota-capsula"])
    assert page.locator("iframe").count() == 0
    assert_clean(visit)  # in particular: no request to the video provider


def test_a_municipality_page(page: Any, visit: Visit, pages: dict[str, str]) -> None:
    open_page(page, visit, pages["municipio"])
    cards = page.locator(".tarjeta__titulo a")
    assert cards.count() >= 2
    screenshot(page, "municipio")
    first = cards.first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == title
    assert_clean(visit)


def test_search_from_the_header_box(page: Any, visit: Visit) -> None:
    open_page(page, visit, "/")
    box = page.locator("#buscador-q")
    box.fill("vacunacion")  # no accent: must find "vacunación"
    box.press("Enter")
    page.wait_for_url(re.compile(r"/buscar/\?q=vacunacion$"))
    results = page.locator(".resultado")
    results.first.wait_for()
    status = page.locator("[data-estado]")
    assert re.fullmatch(r"\d+ resultados? para «vacunacion»\.", status.inner_text())
    titles = page.locator(".resultado__titulo a").all_inner_texts()
    assert "Spot: jornada de vacunación invernal 2026" in titles
    assert page.locator(".resultado mark").count() >= 1  # the matches are highlighted
    screenshot(page, "buscar-resultados")
    link = page.locator(".resultado__titulo a", has_text="jornada de vacunación")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert page.locator("h1").inner_text() == "Spot: jornada de vacunación invernal 2026"
    assert_clean(visit)


def test_search_typing_stemming_and_filters(page: Any, visit: Visit) -> None:
    open_page(page, visit, "/buscar/")
    page.locator("#busqueda-q").press_sequentially("VACUNAS", delay=20)  # case, plural: same stem
    page.locator(".resultado").first.wait_for()
    found = page.locator(".resultado__titulo a").all_inner_texts()
    assert any("vacunación" in t for t in found)
    # the tipo filter lists the types that exist, with counts
    tipo = page.locator("#busqueda-tipo")
    options = tipo.locator("option").all_inner_texts()
    assert options[0] == "Todos los tipos"
    assert any(re.fullmatch(r"Spot de radio \(\d+\)", o) for o in options), options
    tipo.select_option("Spot de radio")
    page.wait_for_url(re.compile(r"tipo=Spot"))
    page.wait_for_function(
        "[...document.querySelectorAll('.resultado .meta')].every(m => m.textContent.startsWith('Spot de radio'))"
    )
    assert page.locator(".resultado").count() >= 1
    # a municipality alone, no words: every item of that municipality, newest first
    tipo.select_option("")
    page.locator("#busqueda-q").fill("")
    municipio = page.locator("#busqueda-municipio")
    municipio.select_option("Amecameca")
    page.wait_for_url(re.compile(r"\?municipio=Amecameca$"))
    page.wait_for_function("document.querySelector('[data-estado]').textContent.includes('Amecameca')")
    metas = page.locator(".resultado .meta").all_inner_texts()
    assert metas and all("Amecameca" in m for m in metas)
    assert_clean(visit)


def test_search_address_is_shareable(page: Any, visit: Visit) -> None:
    open_page(page, visit, "/buscar/?q=agua&orden=recientes")
    page.locator(".resultado").first.wait_for()
    assert page.locator("#busqueda-q").input_value() == "agua"
    assert page.locator("#busqueda-orden").input_value() == "recientes"
    dates = page.locator(".resultado time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True)
    assert_clean(visit)


def test_search_merges_every_part_of_the_index_newest_first(
    page: Any, visit: Visit, sample_output: Path
) -> None:
    """The sample spans 18 months: its closed months are indexed in bundles of their own
    (searchparts.py), and the search page finds, counts and orders across all of them."""
    parts = json.loads((sample_output / "pagefind/partes.json").read_text(encoding="utf-8"))
    keys = [part["clave"] for part in parts]
    assert len(keys) >= 2 and keys == sorted(keys, reverse=True), keys
    open_page(page, visit, "/buscar/?tipo=Bolet%C3%ADn")  # every boletín, no words: newest first
    page.wait_for_function("document.querySelector('[data-estado]').textContent.includes('resultado')")
    label = page.locator("#busqueda-tipo option:checked").inner_text()
    counted = re.fullmatch(r"Boletín \((\d+)\)", label)
    assert counted, label  # the filter's count: every bundle's boletines together
    more = page.locator("[data-mas]")
    while more.is_visible():
        shown = page.locator(".resultado").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.resultado').length > {shown}")
    dates = page.locator(".resultado time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert len(dates) == int(counted.group(1))
    assert dates == sorted(dates, reverse=True)
    years = {date[:4] for date in dates}
    assert set(keys) <= years  # items of every closed year came back, in their place
    status = page.locator("[data-estado]").inner_text()
    assert status.startswith(f"{len(dates)} resultados"), status
    # words: the best matches of every bundle, merged by score (a 2025 bulletin found by its title)
    oldest = page.locator(".resultado__titulo a").last.inner_text()
    page.locator("#busqueda-q").fill(oldest)
    page.locator("#busqueda-q").press("Enter")
    page.wait_for_function(
        "t => [...document.querySelectorAll('.resultado__titulo a')].some(a => a.textContent === t)",
        arg=oldest,
    )
    assert_clean(visit)


def test_search_nothing_found_says_so(page: Any, visit: Visit) -> None:
    open_page(page, visit, "/buscar/?q=zzzqqqxxx")
    status = page.locator("[data-estado]")
    page.wait_for_function("document.querySelector('[data-estado]').textContent.includes('No encontramos')")
    assert "«zzzqqqxxx»" in status.inner_text()
    assert page.locator(".resultado").count() == 0
    assert_clean(visit)


def test_search_without_javascript_points_to_the_archive(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        page.locator("#buscador-q").fill("agua")
        page.locator("#buscador-q").press("Enter")
        page.wait_for_url(re.compile(r"/buscar/\?q=agua$"))
        fallback = page.locator(".busqueda__sin-js")
        assert fallback.is_visible()
        assert "necesita JavaScript" in fallback.inner_text()
        assert not page.locator("form.busqueda").is_visible()
        screenshot(page, "buscar-sin-javascript", full_page=False)
        fallback.locator("a", has_text="archivo").click()
        page.wait_for_url(re.compile(r"/archivo/$"))
        assert page.locator("h1").inner_text() == "Archivo"
    finally:
        context.close()


def test_gallery_viewer(page: Any, visit: Visit, pages: dict[str, str]) -> None:
    open_page(page, visit, pages["nota-galeria"])
    thumbs = page.locator("a.galeria__enlace")
    assert thumbs.count() >= 2
    thumbs.first.click()
    viewer = page.locator("dialog.visor")
    viewer.wait_for(state="visible")
    page.wait_for_function("document.querySelector('.visor__img').complete")
    assert page.locator(".visor__cuenta").inner_text() == f"Foto 1 de {thumbs.count()}."
    screenshot(page, "galeria-visor", full_page=False)
    page.keyboard.press("ArrowRight")
    assert page.locator(".visor__cuenta").inner_text().startswith("Foto 2 de")
    page.keyboard.press("Escape")
    viewer.wait_for(state="hidden")
    focused = page.evaluate("document.activeElement.classList.contains('galeria__enlace')")
    assert focused
    assert_clean(visit)
