"""Helpers for the social network tests: sample items for pure renderings, and publishing runs of
a project (publishkit) whose one social channel talks to a loopback fake of its API."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import responses
from fake_bluesky import HANDLE, BlueskyFake
from fake_graph import IG_USER, PAGE, GraphFake
from fake_mastodon import MastodonFake
from fake_telegram import TelegramFake
from fake_x import XFake
from publishkit import Project
from rich.console import Console

from publish import run as run_module
from publish.config import load
from publish.ledger import Key, Row
from publish.manifest import ManifestEvent, ManifestImage, ManifestItem

MEXICO = ZoneInfo("America/Mexico_City")
TYPES = ("boletin", "actividad", "conferencia", "reportaje", "capsula", "spot", "galeria")
ACCOUNTS = {
    "x": "@PTEdomex",
    "facebook": "PTEdomex",
    "instagram": "@ptedomex",
    "telegram": "@ptedomex",
    "mastodon": "@ptedomex@mastodon.example.org",
    "bluesky": "ptedomex.example.org",
}
QUICK = {"intentos": 2, "espera_maxima": 0.2, "tiempo_limite": 1.0}  # no test waits long

ITEM = ManifestItem(
    id="2026-11-25-k3f9q",
    url="https://ptedomex.example.org/boletines/2026/11/alcaldesa-de-texcoco-inaugura-clinica/",
    ruta="/boletines/2026/11/alcaldesa-de-texcoco-inaugura-clinica/",
    titulo="Alcaldesa de Texcoco inaugura clínica comunitaria",
    resumen="La clínica atenderá a tres mil familias de la zona oriente.",
    tipo="boletin",
    tipo_nombre="Boletín",
    estatal=False,
    municipios=("Texcoco", "Valle de Chalco Solidaridad"),
    distritos=("distrito-03",),
    etiquetas=("salud",),
    imagen=ManifestImage(
        "https://ptedomex.example.org/imagenes/2026/11/clinica.jpg",
        "/imagenes/2026/11/clinica.jpg",
        "La alcaldesa corta el listón",
        credito="Comunicación PT",
        web="/imagenes/2026/11/clinica-960.jpg",
        ancho=1600,
        alto=1067,
    ),
    fecha=dt.datetime(2026, 11, 25, 10, 30, tzinfo=MEXICO),
    hash="sha256:0",
    canales=None,
    tarjeta="https://ptedomex.example.org/tarjetas/2026-11-25-k3f9q.jpg",
)

CONFERENCE = ManifestItem(
    **{
        **ITEM.__dict__,
        "id": "2026-11-24-c7p1z",
        "url": "https://ptedomex.example.org/conferencias/2026/11/conferencia-presupuesto-estatal-2027/",
        "titulo": "Conferencia de prensa sobre el presupuesto estatal 2027",
        "resumen": "La dirigencia estatal presentará su postura sobre el paquete económico 2027.",
        "tipo": "conferencia",
        "tipo_nombre": "Conferencia de prensa",
        "municipios": ("Toluca",),
        "imagen": None,
        "evento": ManifestEvent(
            dt.datetime(2026, 11, 27, 11, 0, tzinfo=MEXICO),
            dt.datetime(2026, 11, 27, 12, 0, tzinfo=MEXICO),
            "Salón Gobernadores",
            "Toluca",
            "toluca",
        ),
    }
)


def sample(base: ManifestItem = ITEM, **changes: Any) -> ManifestItem:
    return ManifestItem(**{**base.__dict__, **changes})


def use_network(project: Project, network: str, **settings: Any) -> None:
    """Every type goes to this one social channel, of its real kind, with quick limits."""
    channel = {"tipo": network, "cuenta": ACCOUNTS[network], **QUICK, **settings}
    project.base = {
        **project.base,
        "canales": {**project.base.get("canales", {}), network: channel},
        "por_tipo": {tipo: [network] for tipo in TYPES},
    }
    project.configure()


def publish_in_process(project: Project, **options: Any) -> run_module.Outcome:
    """One `publish run` in this process (the fakes answer from threads of the same process)."""
    config = load(project.config, root=project.root)
    return run_module.run(config, console=Console(file=io.StringIO()), **options)


def rows_of(project: Project, channel: str) -> dict[Key, Row]:
    return {key: row for key, row in project.rows().items() if key.channel == channel}


def states(project: Project, channel: str) -> dict[str, str]:
    """item id → ledger state of its delivery on `channel`."""
    return {key.item_id: row.state for key, row in rows_of(project, channel).items()}


@dataclass(frozen=True)
class SixNetworks:
    """The running fakes of the six networks (Facebook and Instagram share the Graph API's)."""

    x: XFake
    telegram: TelegramFake
    graph: GraphFake
    mastodon: MastodonFake
    bluesky: BlueskyFake


@contextmanager
def six_networks(project: Project, *also: str) -> Iterator[SixNetworks]:
    """Every network's fake running (X's through `responses`, on its fixed hosts) and the project's
    channels pointed at them, for every type; `also`: other channels every type goes to ("correo")."""
    x = XFake()
    with (
        responses.RequestsMock(assert_all_requests_are_fired=False) as mock,
        TelegramFake().running() as telegram,
        GraphFake().running() as graph,
        MastodonFake().running() as mastodon,
        BlueskyFake().running() as bluesky,
    ):
        x.intercept(mock)
        channels = {
            "x": {"tipo": "x"},
            "telegram": {"tipo": "telegram", "chat": "@ptedomex", "api": telegram.base},
            "facebook": {"tipo": "facebook", "pagina": PAGE, "api": graph.base},
            "instagram": {"tipo": "instagram", "usuario": IG_USER, "api": graph.base},
            "mastodon": {"tipo": "mastodon", "instancia": mastodon.base},
            "bluesky": {"tipo": "bluesky", "servidor": bluesky.base, "cuenta": HANDLE},
        }
        for name, channel in channels.items():
            channel.update({"cuenta": channel.get("cuenta", ACCOUNTS[name]), **QUICK})
        project.base = {
            **project.base,
            "canales": channels,
            "por_tipo": {t: [*channels, *also] for t in TYPES},
        }
        project.configure()
        yield SixNetworks(x, telegram, graph, mastodon, bluesky)
