"""The media of every written item: photos processed through the cache, social cards, audio.

`prepare` runs before any page is rendered: it makes (or finds in the cache) every file, measures
it, and returns what templates and feeds need plus the list of files to publish. `publish` puts
those files into the output folder through output.py. Items Pelican never saw (drafts, embargoed,
future-dated) are never passed in, so nothing of theirs is published.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mutagen import File as AudioFile
from mutagen import MutagenError

from . import audio as spots
from . import cards, renditions
from .cardqueue import CardQueue
from .content import inside
from .exceptions import BuildError, ContentError
from .imagecache import ImageCache, PhotoEntry
from .images import (
    SITE_CARD_PATH,
    Audio,
    ItemMedia,
    Photo,
    Rendition,
    card_path,
    card_url,
    cover,
    derivative_path,
    download_path,
)
from .model.item import Image, Item
from .model.problems import Problem
from .output import link_files

DEFAULT_CACHE = ".cache/imagenes"  # relative to the folder that holds content/
_OUTSIDE = (
    "el archivo '{archivo}' no está dentro de content/ (es un enlace que sale de la carpeta); "
    "copia aquí el archivo real en lugar del enlace"
)


@dataclass(frozen=True)
class MediaOptions:
    processing: bool  # IMAGE_PROCESSING; False publishes no photo and emits plain tags
    cache_dir: Path
    marca: str  # the office's short name on every card
    site_title: str
    autor: str = ""  # the artist written into every published audio file


@dataclass
class MediaPlan:
    media: dict[str, ItemMedia] = field(default_factory=dict)  # item id → media
    files: dict[str, Path] = field(default_factory=dict)  # output path → cached file (hard-linked)
    # nothing is published straight from content/: photos and audio go out as cleaned copies
    advisories: list[Problem] = field(default_factory=list)
    owners: dict[str, str] = field(default_factory=dict)  # output path → archivo, for clashes


def options(settings: dict[str, Any]) -> MediaOptions:
    processing = settings.get("IMAGE_PROCESSING", True)
    if not isinstance(processing, bool):
        raise BuildError(f"IMAGE_PROCESSING debe ser True o False en pelican.conf.py, no {processing!r}")
    cache = Path(settings.get("IMAGE_CACHE_PATH", DEFAULT_CACHE))
    project = Path(settings["PATH"]).resolve().parent
    site = str(settings["SITENAME"])
    return MediaOptions(
        processing,
        cache if cache.is_absolute() else project / cache,
        _brand(site),
        site,
        str(settings.get("AUTHOR", site)),
    )


def _brand(sitename: str) -> str:
    """'Comunicación Social — PT Estado de México' → 'PT Estado de México'."""
    return sitename.rsplit("—", 1)[-1].strip() or sitename


def prepare(items: list[Item], content_dir: Path, opts: MediaOptions) -> MediaPlan:
    """Media of `items`; raises ContentError listing every unusable photo or audio at once."""
    plan = MediaPlan()
    problems: list[Problem] = []
    cache = ImageCache(opts.cache_dir)
    queue = CardQueue(cache)
    entries: dict[str, PhotoEntry | renditions.PhotoError] = {}
    if opts.processing:
        wanted = [i.archivo for item in items for i in ((item.imagen,) if item.imagen else ()) + item.galeria]
        entries = _entries(cache, content_dir, list(dict.fromkeys(wanted)))
    for item in items:
        photos = []
        for image in ((item.imagen,) if item.imagen else ()) + item.galeria:
            if not opts.processing:
                photos.append(Photo(image))
                continue
            found = entries[image.archivo]
            if isinstance(found, renditions.PhotoError):
                problems.append(Problem(item.path, image.line, str(found)))
                continue
            photos.append(_publish_photo(plan, problems, item, image, found))
        audio = _audio(plan, problems, item, content_dir, cache, opts) if item.audio else None
        by_file = {p.archivo: p for p in photos}
        plan.media[item.id] = ItemMedia(
            imagen=by_file.get(item.imagen.archivo) if item.imagen else None,
            galeria=tuple(by_file[i.archivo] for i in item.galeria if i.archivo in by_file),
            tarjeta_social=card_url(item),
            audio=audio,
        )
        if opts.processing:
            _card(plan, queue, item, entries, opts)
    if opts.processing:
        site = cards.CardText(
            opts.site_title, "Noticias y materiales de prensa", "Estado de México", opts.marca
        )
        queue.add(SITE_CARD_PATH, site, None)
        plan.files.update(queue.files())
    cache.save()
    if problems:
        raise ContentError(sorted(set(problems)))
    return plan


def publish(plan: MediaPlan, output_dir: Path) -> None:
    link_files(output_dir, dict(sorted(plan.files.items())))


def _entries(
    cache: ImageCache, content_dir: Path, archivos: list[str]
) -> dict[str, PhotoEntry | renditions.PhotoError]:
    """Each photo's cache entry, processing the ones not cached yet."""
    found: dict[str, PhotoEntry | renditions.PhotoError] = {}
    for archivo in archivos:
        if not inside(content_dir, archivo):  # validation refuses it; a link made since is refused here
            found[archivo] = renditions.PhotoError(_OUTSIDE.format(archivo=archivo))
            continue
        try:
            digest = cache.digest(archivo, content_dir / archivo)
        except OSError:
            found[archivo] = renditions.PhotoError(
                f"no se puede leer el archivo '{archivo}' en content/; revisa que exista"
            )
            continue
        key = hashlib.sha256(f"{digest}\x1f{renditions.settings_fingerprint()}".encode()).hexdigest()
        found[archivo] = cache.photo(key) or _develop(content_dir / archivo, archivo, key, cache)
    return found


def _develop(source: Path, archivo: str, key: str, cache: ImageCache) -> PhotoEntry | renditions.PhotoError:
    """Decode one upload and store its published files in the cache."""
    try:
        image = renditions.decode(source, archivo)
    except renditions.PhotoError as error:
        return error
    except OSError:
        return renditions.PhotoError(
            f"no se puede leer el archivo '{archivo}' en content/; revisa que exista"
        )
    return cache.store_photo(key, image.width, image.height, renditions.render(image, archivo))


def _publish_photo(
    plan: MediaPlan, problems: list[Problem], item: Item, image: Image, entry: PhotoEntry
) -> Photo:
    webp: list[Rendition] = []
    jpeg: list[Rendition] = []
    original = None
    clash = None
    for name, cached in sorted(entry.files.items(), key=lambda pair: pair[1].width):
        stem, ext = name.split(".")
        path = (
            download_path(image.archivo)
            if stem == "original"
            else derivative_path(image.archivo, int(stem), f".{ext}")
        )
        rendition = Rendition(path, cached.width, cached.height, cached.size)
        claimed = plan.owners.setdefault(path, image.archivo)
        if claimed != image.archivo and not clash:
            clash = Problem(
                item.path,
                image.line,
                f"las fotos '{claimed}' y '{image.archivo}' se publicarían con el mismo nombre "
                f"(/{path}); cambia el nombre de una de las dos",
            )
            problems.append(clash)
        plan.files[path] = cached.path
        if stem == "original":
            original = rendition
        else:
            (webp if ext == "webp" else jpeg).append(rendition)
    return Photo(image, entry.width, entry.height, tuple(webp), tuple(jpeg), original).with_srcsets()


def _card(
    plan: MediaPlan,
    queue: CardQueue,
    item: Item,
    entries: dict[str, PhotoEntry | renditions.PhotoError],
    opts: MediaOptions,
) -> None:
    photo = cover(item)
    entry = entries.get(photo.archivo) if photo else None
    if isinstance(entry, renditions.PhotoError):
        return  # the build stops on that photo's error
    if photo and entry and cards.too_small(entry.width, entry.height):
        plan.advisories.append(
            Problem(
                item.path,
                photo.line,
                f"advertencia: la foto '{photo.archivo}' mide {entry.width}×{entry.height} px; en la "
                "tarjeta para redes sociales (1200×630) se verá borrosa. Si tienes una versión de al "
                "menos 1200 px de ancho, úsala",
            )
        )
    queue.add(card_path(item), cards.item_text(item, opts.marca), entry)


def _audio(
    plan: MediaPlan,
    problems: list[Problem],
    item: Item,
    content_dir: Path,
    cache: ImageCache,
    opts: MediaOptions,
) -> Audio | None:
    """The spot's published copy: the editor's file without its tags, with ours (audio.py)."""
    assert item.audio is not None
    source = content_dir / item.audio
    line = item.lines.get("audio", 1)
    if not inside(content_dir, item.audio):
        problems.append(Problem(item.path, line, _OUTSIDE.format(archivo=item.audio)))
        return None
    unreadable = (
        f"el archivo '{item.audio}' no se puede leer como audio (mp3, m4a u ogg); vuelve a "
        "exportarlo desde tu programa de audio"
    )
    try:
        info = AudioFile(source)
        digest = cache.digest(item.audio, source)
    except (MutagenError, OSError):
        info = None
    if info is None or info.info is None or not info.info.length:
        problems.append(Problem(item.path, line, unreadable))
        return None
    tags = spots.AudioTags(item.titulo, opts.autor, f"{TYPES_SPOT_ALBUM} — {opts.marca}")
    key = spots.fingerprint(digest, tags)
    suffix = source.suffix
    copy = cache.audio_path(key, suffix)
    seconds = cache.audio_seconds(key, suffix)
    if seconds is None:
        try:
            cleaned = spots.clean_copy(source, copy, tags)
        except spots.AudioError as error:
            problems.append(Problem(item.path, line, f"el archivo '{item.audio}' {error}; {_REEXPORT}"))
            return None
        seconds = cleaned.seconds
        cache.note_audio(key, cleaned.size, seconds)
    plan.files[item.audio] = copy
    return Audio(item.audio, copy.stat().st_size, seconds)


TYPES_SPOT_ALBUM = "Spots de radio"
_REEXPORT = "vuelve a exportarlo desde tu programa de audio"
