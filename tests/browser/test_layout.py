"""Rendered box sizes in Chromium: the home page's featured photo at its intended size in the wide
card (it once rendered at 78×52 px), and the footer's last line aligned with the rows above it."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import MOBILE, Visit, screenshot

pytestmark = pytest.mark.usefixtures("browser")

BOX = (
    "e => { const b = e.getBoundingClientRect(); return {x: b.x, y: b.y, width: b.width, height: b.height}; }"
)


def box(page: Any, selector: str) -> dict[str, float]:
    found: dict[str, float] = page.locator(selector).first.evaluate(BOX)
    return found


def test_featured_photo_fills_its_side_of_the_wide_card(page: Any, visit: Visit) -> None:
    page.goto(visit.base + "/", wait_until="networkidle")
    card = box(page, ".destacados__lista > .tarjeta:first-child")
    photo = box(page, ".destacados__lista > .tarjeta:first-child .tarjeta__img")
    text = box(page, ".destacados__lista > .tarjeta:first-child .tarjeta__cuerpo")
    assert card["width"] > 1000  # the wide card runs across the row on a desktop screen
    assert photo["width"] == pytest.approx(card["width"] * 0.58, abs=4)
    assert photo["height"] == pytest.approx(photo["width"] * 2 / 3, abs=4)  # 3:2, not squashed
    assert photo["x"] + photo["width"] <= text["x"] + 1  # beside the text, not over it
    # the file the browser chose is sharp enough for the box it fills
    natural = page.locator(".destacados__lista > .tarjeta:first-child .tarjeta__img").evaluate(
        "img => img.naturalWidth"
    )
    assert natural >= photo["width"] * 0.95, (natural, photo["width"])
    screenshot(page, "portada-destacado", full_page=False)


def test_featured_photo_on_a_phone_is_as_wide_as_its_card(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport=MOBILE, device_scale_factor=2, is_mobile=True, locale="es-MX")
    try:
        page = context.new_page()
        page.goto(base_url + "/", wait_until="networkidle")
        card = box(page, ".destacados__lista > .tarjeta:first-child")
        photo = box(page, ".destacados__lista > .tarjeta:first-child .tarjeta__img")
        assert photo["width"] == pytest.approx(card["width"] - 2, abs=2)  # inside the 1px borders
        assert photo["height"] == pytest.approx(photo["width"] * 2 / 3, abs=2)
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 1600, 800])
def test_footer_last_line_is_aligned_with_the_footer_columns(browser: Any, base_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="es-MX")
    try:
        page = context.new_page()
        page.goto(base_url + "/", wait_until="networkidle")
        columns = box(page, ".pie__rejilla")
        first_column = box(page, ".pie__rejilla > :first-child")
        last_line = box(page, ".pie__aviso")
        text_start = page.locator(".pie__aviso").evaluate(
            "e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect().x; }"
        )
        assert last_line["x"] == pytest.approx(columns["x"], abs=1)
        assert last_line["width"] == pytest.approx(columns["width"], abs=1)
        assert text_start == pytest.approx(first_column["x"], abs=1)
        if width == 1600:
            screenshot(page, "pie-escritorio-ancho", full_page=False)
    finally:
        context.close()
