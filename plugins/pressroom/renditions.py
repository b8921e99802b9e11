"""Pillow work on one uploaded photo: decode it safely, then make the files the site publishes.

Every published file is re-encoded from pixels alone: EXIF (GPS, camera, dates), XMP, IPTC, ICC
and comments never reach the output. The EXIF orientation is applied first and colours are
converted to sRGB, so what readers see is what the phone showed.

Errors are `PhotoError` with a Spanish message that media.py turns into `path:line: mensaje`.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

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
SETTINGS_VERSION = 3  # bump when the pipeline changes what it writes

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


def decode(data: bytes, archivo: str) -> PILImage.Image:
    """The photo's pixels, upright, in sRGB, with no metadata left on the image object."""
    suffix = PurePosixPath(archivo).suffix.lower()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(io.BytesIO(data))
            image.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        limit = PILImage.MAX_IMAGE_PIXELS or 0
        raise PhotoError(
            f"la foto '{archivo}' es demasiado grande para procesarla con seguridad (más de "
            f"{limit // 1_000_000} millones de píxeles); redúcela a menos de 8000 px por lado "
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
    return _clean(image)


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
