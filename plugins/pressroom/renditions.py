"""Pillow work on one uploaded photo: decode it safely, then make the files the site publishes.

Every published file is re-encoded from pixels alone: EXIF (GPS, camera, dates), XMP, IPTC, ICC
and comments never reach the output. The EXIF orientation is applied first and colours are
converted to sRGB, so what readers see is what the phone showed.

Errors are `PhotoError` with a Spanish message that media.py turns into `path:line: mensaje`.
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError

from .images import widths_for

try:  # HEIC/HEIF from iPhones: pillow-heif (requirements.txt) registers a Pillow opener
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF_SUPPORTED = True
except ImportError:  # pragma: no cover - the pinned requirements install it
    HEIF_SUPPORTED = False

# Encoder settings: part of the cache key (media.py), so changing one re-renders every photo.
JPEG = {"quality": 82, "optimize": True, "progressive": True}
WEBP = {"quality": 80, "method": 4}
ORIGINAL_JPEG = {"quality": 92, "optimize": False, "progressive": True}
ORIGINAL_PNG = {"compress_level": 6}
SETTINGS_VERSION = 4  # bump when the pipeline changes what it writes
MAX_SIDE = 8000  # px per side of an upload; a 64-megapixel photo at most
MAX_DOWNLOAD_SIDE = 4000  # px per side of the published full-size copy (16 MP: a newspaper page)
DRAFT_TOLERANCE = 0.9  # a JPEG is read at half size when that still gives 90 % of the full-size copy
# modes brought within size before anything else (as read: orientation and colours come after)
_RESIZABLE = ("RGB", "RGBA", "L", "LA", "CMYK", "I;16", "I;16L", "I;16B", "I")
_BAND = 256  # rows of the result resized at a time

_SRGB = ImageCms.createProfile("sRGB")


class PhotoError(Exception):
    """An uploaded photo the site cannot publish; the message is for editors."""


@dataclass(frozen=True)
class Encoded:
    """One file to publish: `name` is '480.webp', '960.jpg' or 'original.jpg'."""

    name: str
    data: bytes
    width: int
    height: int


def settings_fingerprint() -> str:
    """Everything besides the source bytes that decides the published files."""
    return repr((SETTINGS_VERSION, sorted(JPEG.items()), sorted(WEBP.items()), sorted(ORIGINAL_JPEG.items())))


def decode(source: bytes | Path, archivo: str) -> PILImage.Image:
    """The photo's pixels, upright, in sRGB, at most MAX_DOWNLOAD_SIDE px, with no metadata left.

    A JPEG is decoded already reduced where libjpeg can (draft mode: 1/2, 1/4, 1/8 of each side),
    and every photo is brought within MAX_DOWNLOAD_SIDE before it is turned upright and converted
    to sRGB, so those copies are made of the smaller image. A path is read as it decodes, so a
    large file is never held whole in memory besides its pixels.
    """
    stream = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
    with _reading(archivo), stream:
        opened = PILImage.open(stream)
        _check_size(opened, archivo)
        if opened.format == "JPEG":  # libjpeg scales by 1/2, 1/4, 1/8 while it decodes
            opened.draft(opened.mode, _fit_size(opened.size, round(MAX_DOWNLOAD_SIDE * DRAFT_TOLERANCE)))
        opened.load()
        image: PILImage.Image = opened
        if image.mode == "P":  # a palette resizes badly: colours first (the transparency kept)
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        if image.mode in _RESIZABLE:
            image = _fit(image)
        return _fit(_clean(image))


def inspect(path: Path, archivo: str) -> PhotoError | None:
    """What is wrong with a photo that its header already shows (format, size), or None.

    Reads only the header, so validation can say it for every photo in milliseconds.
    """
    try:
        with _reading(archivo), PILImage.open(path) as image:
            _check_size(image, archivo)
    except PhotoError as error:
        return error
    return None


@contextlib.contextmanager
def _reading(archivo: str) -> Iterator[None]:
    """Pillow's errors while opening or decoding `archivo`, as PhotoErrors for editors."""
    suffix = PurePosixPath(archivo).suffix.lower()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            yield
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        limit = PILImage.MAX_IMAGE_PIXELS or 0
        raise PhotoError(
            f"la foto '{archivo}' es demasiado grande para procesarla con seguridad (más de "
            f"{limit // 1_000_000} millones de píxeles); redúcela a menos de {MAX_SIDE} px por lado "
            "y vuelve a subirla"
        ) from exc
    except UnidentifiedImageError as exc:
        if suffix in (".heic", ".heif") and not HEIF_SUPPORTED:
            raise PhotoError(
                f"no se pueden leer fotos HEIC en esta computadora ('{archivo}'); expórtala como JPEG "
                "desde el teléfono o la computadora y cambia 'archivo' a .jpg"
            ) from exc
        raise PhotoError(
            f"el archivo '{archivo}' no es una foto que se pueda leer (¿es otro tipo de archivo con "
            "extensión de imagen?); ábrelo en tu computadora y expórtalo como JPEG"
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise PhotoError(
            f"la foto '{archivo}' está dañada o incompleta (¿se cortó al copiarla?); vuelve a "
            "copiarla desde el original o expórtala otra vez como JPEG"
        ) from exc


def _check_size(image: PILImage.Image, archivo: str) -> None:
    width, height = image.size
    if max(width, height) > MAX_SIDE:
        raise PhotoError(
            f"la foto '{archivo}' mide {width} × {height} px y el máximo es {MAX_SIDE} px por lado; "
            f"redúcela (con {MAX_DOWNLOAD_SIDE} px de ancho basta también para la prensa) y vuelve "
            "a subirla"
        )


def _fit_size(size: tuple[int, int], side: int) -> tuple[int, int]:
    """`size` scaled down to fit a `side` × `side` box (unchanged when it already fits)."""
    width, height = size
    if max(width, height) <= side:
        return size
    scale = side / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _fit(image: PILImage.Image) -> PILImage.Image:
    """Within MAX_DOWNLOAD_SIDE (Lanczos), band by band: no second full-size copy is ever made.

    Pillow resizes an RGBA photo by first copying it whole, premultiplied, and keeps a
    half-resized copy between its two passes; for an 8000 px photo that is 400 MB more than the
    photo itself. Each band of the result is resized from its own strip of the photo (with the
    rows the filter reads around it), which gives the same pixels.
    """
    size = _fit_size(image.size, MAX_DOWNLOAD_SIDE)
    if size == image.size:
        return image
    result = PILImage.new(image.mode, size)
    scale = image.height / size[1]
    margin = math.ceil(3 * scale) + 2  # Lanczos reads 3 output pixels' worth of rows each side
    for top in range(0, size[1], _BAND):
        bottom = min(size[1], top + _BAND)
        start, end = top * scale, bottom * scale
        first, last = max(0, math.floor(start) - margin), min(image.height, math.ceil(end) + margin)
        strip = image.crop((0, first, image.width, last))
        box = (0.0, start - first, float(image.width), end - first)
        result.paste(strip.resize((size[0], bottom - top), PILImage.Resampling.LANCZOS, box=box), (0, top))
    result.info = image.info  # the orientation and the colour profile are still to be applied
    return result


def _clean(image: PILImage.Image) -> PILImage.Image:
    try:
        upright = ImageOps.exif_transpose(image) or image
    except Exception:  # a broken EXIF block: publish the pixels as stored
        upright = image
    if upright.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit greyscale: scale, don't clip
        upright = upright.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    alpha = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
    mode = "RGBA" if alpha else "RGB"
    icc = upright.info.get("icc_profile")
    converted = None
    if icc and upright.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(upright, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            converted = None  # an unusable profile: treat the pixels as sRGB
    result = converted or (upright if upright.mode == mode else upright.convert(mode))
    result.info = {}
    return result


def _flatten(image: PILImage.Image) -> PILImage.Image:
    if image.mode != "RGBA":
        return image
    background = PILImage.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _encode(image: PILImage.Image, kind: str, options: Mapping[str, object]) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def render(image: PILImage.Image, archivo: str) -> list[Encoded]:
    """Derivatives at every width (WebP and JPEG) and the full-size download copy.

    Widest first, each resized from the one before it: a third of the work of resizing the
    full photo three times, with no visible difference at these ratios.
    """
    width, height = image.size
    files: list[Encoded] = []
    if archivo.lower().endswith(".png"):
        files.append(Encoded("original.png", _encode(image, "PNG", ORIGINAL_PNG), width, height))
    else:
        files.append(Encoded("original.jpg", _encode(_flatten(image), "JPEG", ORIGINAL_JPEG), width, height))
    current = image
    for target in sorted(widths_for(width), reverse=True):
        size = (target, max(1, round(height * target / width)))
        if size != current.size:
            current = current.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        files.append(Encoded(f"{target}.webp", _encode(current, "WEBP", WEBP), *size))
        files.append(Encoded(f"{target}.jpg", _encode(_flatten(current), "JPEG", JPEG), *size))
    return files
