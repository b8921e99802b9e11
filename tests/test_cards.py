"""Social cards: 1200×630, the title in a font that has every Spanish letter, a card for every item."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PIL import ImageChops, ImageDraw, ImageFont

from pressroom import cards
from pressroom.model.item import TYPES, Item, Municipality
from sitekit import build_project, item, make_project

SPANISH = "áéíóúüñÁÉÍÓÚÜÑ¿¡«»—“”€"
TEXT = cards.CardText(
    "¿Habrá agua? ¡Sí! Alcaldesa de Ñuñoa… perdón, de Texcoco, inaugura clínica",
    "Boletín",
    "Texcoco",
    "PT Estado de México",
)


def photo(size: tuple[int, int] = (1600, 1200)) -> PILImage.Image:
    image = PILImage.new("RGB", size, (40, 120, 200))
    image.paste((250, 240, 230), (0, 0, size[0], size[1] // 3))  # a bright sky: text must still read
    return image


def decode(data: bytes) -> PILImage.Image:
    image = PILImage.open(io.BytesIO(data))
    image.load()
    return image


def glyph(font: ImageFont.FreeTypeFont, char: str) -> bytes:
    canvas = PILImage.new("L", (80, 80))
    ImageDraw.Draw(canvas).text((10, 10), char, font=font, fill=255)
    return canvas.tobytes()


@pytest.mark.parametrize("path", [cards.TITLE_FONT, cards.LABEL_FONT], ids=lambda p: p.name)
def test_bundled_fonts_draw_every_spanish_character(path: Path) -> None:
    font = ImageFont.truetype(str(path), 40)
    missing = glyph(font, "\ue000")  # private use: the font's 'missing' box
    assert [c for c in SPANISH if glyph(font, c) == missing] == []
    assert (cards.FONTS / "LICENSE").read_text(encoding="utf-8").count("Permission is hereby granted") == 2


def test_card_is_1200_by_630_jpeg_without_metadata() -> None:
    card = decode(cards.render(TEXT, photo()))
    assert (card.format, card.size, card.mode) == ("JPEG", (1200, 630), "RGB")
    assert len(card.getexif()) == 0 and "icc_profile" not in card.info


def test_card_shows_the_title() -> None:
    base = decode(cards.render(TEXT, photo()))
    other = decode(cards.render(cards.CardText("Otro título", "Boletín", "Texcoco", TEXT.marca), photo()))
    difference = ImageChops.difference(base, other).convert("L").point(lambda v: 255 if v > 60 else 0)
    box = difference.getbbox()
    assert box is not None
    left, top, _, bottom = box
    assert top > 140 and bottom < 630 and left < 120  # below the logo, where label and title go
    fallback = decode(cards.render(TEXT, None))
    assert ImageChops.difference(base, fallback).getbbox() is not None
    # the title is white on a dark band over any photo: most title pixels are near white
    title_row = base.crop((60, 480, 1140, 560)).convert("L")
    low, high = title_row.getextrema()
    assert high > 240 and low < 80


def test_card_without_photo_is_drawn_on_the_party_red() -> None:
    card = decode(cards.render(TEXT, None)).convert("RGB")
    red, green, blue = card.getpixel((600, 200))
    assert red > 140 and green < 40 and blue < 60


@pytest.mark.parametrize(
    "titulo",
    [
        "Alcaldesa " * 40,
        "Supercalifragilísticoespialidosoyotraspalabrasmuylargassinespacios en Texcoco",
    ],
    ids=["muy-largo", "palabra-enorme"],
)
def test_long_titles_fit_in_three_lines(titulo: str) -> None:
    font, lines = cards._fit_title(titulo, 1080)
    assert len(lines) <= cards.MAX_LINES
    assert all(font.getlength(line) <= 1080 for line in lines)
    decode(cards.render(cards.CardText(titulo, "Boletín", "Texcoco", "PT"), photo((300, 200))))


def test_label_names_the_type_and_the_places() -> None:
    def municipality(name: str) -> Municipality:
        return Municipality("15000", name, name.lower())

    def make(estatal: bool, municipios: tuple[Municipality, ...]) -> Item:
        return Item(
            "x.md", "2026-11-25-abcde", "T", "t", dt.datetime(2026, 11, 25), TYPES["actividad"],
            estatal, municipios, "R", "publicado", "",
        )  # fmt: skip

    statewide = make(True, ())
    three = make(False, tuple(municipality(n) for n in ("Texcoco", "Chalco", "Toluca")))
    assert cards.item_text(statewide, "PT").lugar == "Todo el estado"
    assert cards.item_text(three, "PT") == cards.CardText(
        "T", "Actividad municipal", "Texcoco, Chalco y 1 más", "PT"
    )


def test_fingerprint_follows_title_and_photo() -> None:
    first = cards.fingerprint(TEXT, "abc")
    assert first == cards.fingerprint(TEXT, "abc")
    assert first != cards.fingerprint(TEXT, "abd")
    assert first != cards.fingerprint(cards.CardText("Otro", TEXT.etiqueta, TEXT.lugar, TEXT.marca), "abc")


def test_every_item_has_a_card_and_every_page_an_og_image(tmp_path: Path) -> None:
    files = {
        "boletines/2026/a.md": item(),
        "actividades/2026/b.md": item(id="2026-11-24-bbbbb", tipo="actividad", slug="sin-foto"),
    }
    build_project(make_project(tmp_path, files))
    output = tmp_path / "output"
    with_photo = output / "boletines/2026/11/alcaldesa-inaugura-clinica/tarjeta.jpg"
    without = output / "actividades/2026/11/sin-foto/tarjeta.jpg"
    site_card = output / "tema/img/tarjeta.jpg"
    for card in (with_photo, without, site_card):
        assert decode(card.read_bytes()).size == (1200, 630), card
    assert ImageChops.difference(decode(with_photo.read_bytes()), decode(without.read_bytes())).getbbox()
    page = (output / "actividades/2026/11/sin-foto/index.html").read_text(encoding="utf-8")
    assert (
        '<meta property="og:image" content="https://ptedomex.example.org/actividades/2026/11/sin-foto/tarjeta.jpg">'
        in page
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    home = (output / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://ptedomex.example.org/tema/img/tarjeta.jpg">' in home


@pytest.mark.parametrize(
    ("tipo", "titulo", "alt"),
    [
        ("boletin", "Alcaldesa inaugura clínica", "Boletín: Alcaldesa inaugura clínica"),
        ("galeria", "Galería: festival cultural", "Galería: festival cultural"),
        ("galeria", "Galería del festival cultural", "Galería del festival cultural"),
        ("spot", "Spot: jornada de vacunación", "Spot: jornada de vacunación"),
        ("capsula", "CÁPSULA: el comedor", "CÁPSULA: el comedor"),
        (
            "conferencia",
            "Conferencia de prensa sobre el presupuesto",
            "Conferencia de prensa sobre el presupuesto",
        ),
        ("actividad", "Actividades del fin de semana", "Actividades del fin de semana"),
        ("actividad", "Regidores entregan útiles", "Actividad municipal: Regidores entregan útiles"),
    ],
)
def test_card_alt_text_never_repeats_the_type(tipo: str, titulo: str, alt: str) -> None:
    card_item = Item(
        "x.md", "2026-11-25-abcde", titulo, "t", dt.datetime(2026, 11, 25), TYPES[tipo],
        True, (), "R", "publicado", "",
    )  # fmt: skip
    assert cards.alt_text(card_item) == alt


def test_og_image_alt_of_a_gallery_names_it_once(tmp_path: Path) -> None:
    gallery = item(
        tipo="galeria",
        titulo='"Galería: festival cultural de Tepotzotlán"',
        imagen=None,
        galeria="[{archivo: imagenes/2026/11/clinica.jpg, pie: Danzantes en la plaza}]",
    )
    build_project(make_project(tmp_path, {"galerias/2026/a.md": gallery}))
    page = (tmp_path / "output/galerias/2026/11/alcaldesa-inaugura-clinica/index.html").read_text(
        encoding="utf-8"
    )
    assert '<meta property="og:image:alt" content="Galería: festival cultural de Tepotzotlán">' in page
    assert '<meta name="twitter:image:alt" content="Galería: festival cultural de Tepotzotlán">' in page
    assert "Galería: Galería" not in page
