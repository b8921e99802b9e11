"""The editors' preview (`make serve`): drafts and scheduled items built too, each clearly marked.

`make html` and `make publish` never see an item that is not public yet (the reader skips it).
The preview builds the same site with those items included, into its own folder
(`.cache/vista-previa/`, never `output/`, never deployed, no manifest), and marks every one of
them on its page and in listings: "Borrador — no publicado", "Programado para …", "Retenido por
veda hasta …". Every page of the preview carries a strip saying it is the local preview.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .dates import long_datetime
from .model.item import Item
from .model.veda import Veda

SETTING = "PRESSROOM_PREVIEW"  # True while building the preview; templates read it too
FOLDER = ".cache/vista-previa"  # relative to the project folder (the one holding content/)


@dataclass(frozen=True)
class Mark:
    """How a not-yet-public item is labelled in the preview."""

    clase: str  # "borrador", "programado", "veda": CSS modifier
    etiqueta: str  # short, for cards: "Borrador", "Programado"
    titulo: str  # the notice's heading: "Borrador — no publicado"
    detalle: str  # what makes it public


def mark(item: Item, now: dt.datetime, veda: Veda | None) -> Mark | None:
    """The label of an item in the preview, or None when it is public (nothing to mark)."""
    if item.estado == "borrador":
        return Mark(
            "borrador",
            "Borrador",
            "Borrador — no publicado",
            "Solo se ve en esta vista previa. Para publicarla, cambia «estado: borrador» por "
            "«estado: publicado» (o «programado» con «embargo:»).",
        )
    embargo = item.embargo if item.embargo is not None and now < item.embargo else None
    release = max(filter(None, (embargo, item.fecha if item.fecha > now else None)), default=None)
    if release is not None:
        return Mark(
            "programado",
            "Programado",
            f"Programado para el {long_datetime(release)}",
            "No aparece en el sitio ni se anuncia antes de esa hora; la primera publicación "
            "después la pone en línea.",
        )
    if veda is not None:
        return Mark(
            "veda",
            "En veda",
            f"Retenido por veda hasta el {long_datetime(veda.hasta)}",
            f"{veda.motivo}. Sale sola al terminar la veda.",
        )
    return None


def enabled(settings: dict[str, Any]) -> bool:
    return bool(settings.get(SETTING))


def folder(settings: dict[str, Any]) -> Path:
    """Where the preview is built: beside content/, inside the never-deployed cache."""
    return Path(settings["PATH"]).resolve().parent / FOLDER


class _QuietHandler(SimpleHTTPRequestHandler):
    """No log line per request in the editor's terminal."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    """A folder on 127.0.0.1 (`port` 0: a free one). A browser that cancels a request (leaving a
    page while a photo loads) is normal: no traceback for it in the terminal."""

    daemon_threads = True

    def __init__(self, folder: Path, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), partial(_QuietHandler, directory=str(folder)))

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # broken pipe, reset by the browser
            return
        super().handle_error(request, client_address)
