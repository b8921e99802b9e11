"""Social cards (og:image): 1200×630 JPEGs drawn with Pillow, legible as a phone thumbnail.

The item's photo fills the card under a dark gradient; the title goes in white in a bundled font
that has every Spanish letter (á é í ó ú ü ñ ¿ ¡), over a yellow label with the type and the
municipality, beside the party's logo. Items without a photo get the same layout on the party's
red. Pure apart from reading the bundled fonts: bytes in, bytes out.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, ImageOps

from .images import CARD_SIZE
from .model.item import Item
from .model.problems import fold

FONTS = Path(__file__).resolve().parent / "fonts"
TITLE_FONT = FONTS / "DejaVuSansCondensed-Bold.ttf"
LABEL_FONT = FONTS / "DejaVuSans-Bold.ttf"
VERSION = 2  # bump when the design or the encoding changes: every card is drawn again

RED = (200, 16, 46)  # #C8102E
DEEP_RED = (122, 10, 28)  # #7A0A1C
YELLOW = (255, 209, 0)  # #FFD100
INK = (28, 24, 28)
WHITE = (255, 255, 255)

MARGIN = 60
TITLE_SIZES = (66, 60, 54, 48, 44)  # largest that fits in MAX_LINES wins
MAX_LINES = 3
LABEL_SIZE = 26
MIN_CROP_WIDTH = 600  # below this the photo is enlarged more than 2×: warn the editor


@dataclass(frozen=True)
class CardText:
    titulo: str
    etiqueta: str  # "Boletín"
    lugar: str  # "Texcoco", "Todo el estado", "Texcoco, Chalco y 2 más"
    marca: str  # "PT Estado de México"


def item_text(item: Item, marca: str) -> CardText:
    if item.estatal or not item.municipios:
        lugar = "Todo el estado"
    elif len(item.municipios) <= 2:
        lugar = " y ".join(m.nombre for m in item.municipios)
    else:
        lugar = f"{item.municipios[0].nombre}, {item.municipios[1].nombre} y {len(item.municipios) - 2} más"
    return CardText(item.titulo, item.tipo.label, lugar, marca)


def alt_text(item: Item) -> str:
    """What the card shows, for og:image:alt: 'Boletín: <title>', or the title alone when it
    already starts with the type ('Galería del festival…', 'Spot: jornada…')."""
    title_word = fold(item.titulo).split(" ", 1)[0].strip(":.,;")
    label_word = fold(item.tipo.label).split(" ", 1)[0]
    if title_word.startswith(label_word):
        return item.titulo
    return f"{item.tipo.label}: {item.titulo}"


FILTERS = {"alt_tarjeta": alt_text}


def fingerprint(text: CardText, photo_key: str | None) -> str:
    """Cache key: the text, the photo's own key, the design version and the fonts."""
    parts = [str(VERSION), text.titulo, text.etiqueta, text.lugar, text.marca, photo_key or "-"]
    parts += [_font_digest(TITLE_FONT), _font_digest(LABEL_FONT)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def crop_width(width: int, height: int) -> int:
    """How many of the photo's pixels end up across the card's width."""
    return min(width, round(height * CARD_SIZE[0] / CARD_SIZE[1]))


def too_small(width: int, height: int) -> bool:
    return crop_width(width, height) < MIN_CROP_WIDTH


@dataclass(frozen=True)
class Background:
    """A card without its text. The same for every card of a photo: prepared once per photo."""

    image: PILImage.Image
    photo: bool


def render(text: CardText, photo: PILImage.Image | None) -> bytes:
    """The card as a JPEG with no metadata."""
    return render_on(text, background(photo))


def background(photo: PILImage.Image | None) -> Background:
    """The photo cropped and darkened, or the party's red."""
    if photo is None:
        return Background(_plain_background(), photo=False)
    canvas = ImageOps.fit(photo.convert("RGB"), CARD_SIZE, PILImage.Resampling.LANCZOS, centering=(0.5, 0.4))
    return Background(_darken_bottom(canvas), photo=True)


def render_on(text: CardText, prepared: Background) -> bytes:
    """The card drawn over a background made by `background` (which is left as it was)."""
    canvas = prepared.image.copy()
    badge = RED if prepared.photo else DEEP_RED
    draw = ImageDraw.Draw(canvas)
    _logo(draw, badge, text.marca)
    _bottom_text(draw, text)
    draw.rectangle((0, CARD_SIZE[1] - 12, CARD_SIZE[0], CARD_SIZE[1]), fill=YELLOW)
    buffer = io.BytesIO()
    # baseline with optimised Huffman tables: a third of the time of a progressive JPEG and no larger
    # (a card is a thumbnail fetched whole; progressive decoding buys it nothing)
    canvas.save(buffer, "JPEG", quality=88, optimize=True)
    return buffer.getvalue()


def _darken_bottom(canvas: PILImage.Image) -> PILImage.Image:
    """A gradient from clear (upper third) to almost opaque ink, so white text reads on any photo."""
    height = canvas.size[1]
    start = height // 4
    mask = PILImage.new("L", (1, height), 0)
    for y in range(start, height):
        mask.putpixel((0, y), round(230 * ((y - start) / (height - start)) ** 0.9))
    shade = PILImage.new("RGB", canvas.size, INK)
    return PILImage.composite(shade, canvas, mask.resize(canvas.size))


def _plain_background() -> PILImage.Image:
    canvas = PILImage.new("RGB", CARD_SIZE, RED)
    draw = ImageDraw.Draw(canvas)
    width, height = CARD_SIZE
    draw.polygon([(width * 0.58, 0), (width, 0), (width, height), (width * 0.36, height)], fill=(178, 13, 40))
    draw.polygon([(width * 0.80, 0), (width, 0), (width, height), (width * 0.64, height)], fill=(155, 11, 34))
    return canvas


def _logo(draw: ImageDraw.ImageDraw, badge: tuple[int, int, int], marca: str) -> None:
    """The party's mark (as in theme/static/img/logo.svg), then the office's name."""
    x, y, size = MARGIN, 44, 84
    label = _font(LABEL_FONT, 30)
    name_width = round(label.getlength(marca))
    draw.rounded_rectangle((x - 8, y - 8, x + size + 28 + name_width + 20, y + size + 8), 10, fill=badge)
    draw.rounded_rectangle((x, y, x + size, y + size), 6, fill=RED if badge != RED else DEEP_RED)
    draw.rectangle((x + 14, y + 66, x + size - 14, y + 73), fill=YELLOW)
    draw.text((x + size / 2, y + 56), "PT", font=_font(LABEL_FONT, 40), fill=WHITE, anchor="ms")
    draw.text((x + size + 24, y + size / 2), marca, font=label, fill=WHITE, anchor="lm")


def _bottom_text(draw: ImageDraw.ImageDraw, text: CardText) -> None:
    width, height = CARD_SIZE
    available = width - 2 * MARGIN
    font, lines = _fit_title(text.titulo, available)
    line_height = round(font.size * 1.16)
    bottom = height - 12 - 44
    top = bottom - line_height * len(lines)
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=WHITE, anchor="la")
    label = " · ".join(part for part in (text.etiqueta, text.lugar) if part).upper()
    if not label:
        return
    small = _font(LABEL_FONT, LABEL_SIZE)
    label = _ellipsize(label, small, available - 32)
    label_top = top - 24 - 48
    draw.rounded_rectangle(
        (MARGIN, label_top, MARGIN + small.getlength(label) + 32, label_top + 48), 6, fill=YELLOW
    )
    draw.text((MARGIN + 16, label_top + 24), label, font=small, fill=INK, anchor="lm")


def _fit_title(titulo: str, available: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    for size in TITLE_SIZES:
        font = _font(TITLE_FONT, size)
        lines = _wrap(titulo, font, available)
        if len(lines) <= MAX_LINES:
            return font, lines
    lines = _wrap(titulo, font, available)
    kept = lines[:MAX_LINES]
    kept[-1] = _ellipsize(" ".join(lines[MAX_LINES - 1 :]), font, available)
    return font, kept


def _wrap(text: str, font: ImageFont.FreeTypeFont, available: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= available:
            current = candidate
            continue
        if current:
            lines.append(current)
        while font.getlength(word) > available:  # a word longer than the line: break it
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut] + "-") > available:
                cut -= 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def _ellipsize(text: str, font: ImageFont.FreeTypeFont, available: float) -> str:
    if font.getlength(text) <= available:
        return text
    while text and font.getlength(text + "…") > available:
        text = text[:-1]
    return text.rstrip(" ,·") + "…"


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: the same pixels on every machine, with or without libraqm
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


@cache
def _font_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
