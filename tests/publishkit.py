"""Throwaway publishing projects for tests: a built output/, a config, a contact directory, and
the real `python -m publish` command run as a subprocess from the project folder.

A project is laid out as the CLI expects, every path relative to the project folder:

    output/        the build (copied from a site built once with sitekit)
    estado/        ledger and lock (never deployed)
    publicado/     the local deploy target; `publicado/actual` is what a web server serves
    bandeja/       the outbox: bandeja/<canal>/<item>__<recipient>__<stamp>.json|.eml
    contactos.yml  the contact directory
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from deploykit import files_containing as files_containing  # re-exported: tests import them from here
from deploykit import http_server as http_server
from deploykit import serving as serving
from deploykit import tree as tree
from deploykit import unwritable as unwritable

from pressroom.outputlock import lock_path
from publish.channels.outbox import file_prefix
from publish.ledger import Key, Row, open_ledger

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

SOCIAL = {
    "x": "@PTEdomex",
    "facebook": "PTEdomex",
    "mastodon": "@ptedomex@mastodon.example.org",
    "bluesky": "ptedomex.example.org",
}
CHANNELS = (*SOCIAL, "correo")
SENDER = "Comunicación Social PT Edomex <prensa@ptedomex.example.org>"
TYPES = ("boletin", "actividad", "conferencia", "reportaje", "capsula", "spot", "galeria")
KILLED = -9  # returncode of a process that died by SIGKILL

# variables the publish command reads: never inherited from the developer's shell
_OWN_VARIABLES = ("PUBLISH_CRASH_AT", "PUBLICACION_CONFIG", "PUBLICACION_CONTACTOS")


def item_id(number: int) -> str:
    return f"2026-11-25-bol{number:02d}"


def build_site(root: Path, count: int) -> Path:
    """A site of `count` bulletins (ids item_id(0..), titles 'Nota número N'), built; its output."""
    from sitekit import build_project, item, make_project

    files: dict[str, str | bytes] = {
        f"boletines/2026/b{n:02d}.md": item(id=item_id(n), slug=f"nota-{n}", titulo=f"Nota número {n}")
        for n in range(count)
    }
    build_project(make_project(root, files))
    return root / "output"


def contact_address(number: int) -> str:
    return f"enlace{number:03d}@example.org"


def contacts_yaml(count: int, *, extra: str = "") -> str:
    """`count` fictitious contacts in distrito-01 (the district of every sitekit municipality)."""
    entries = [
        f"- nombre: Enlace {n} (ficticio)\n  correo: {contact_address(n)}\n  distritos: [distrito-01]\n"
        for n in range(1, count + 1)
    ]
    return "".join(entries) + extra


def default_config() -> dict[str, Any]:
    """The four social channels of SOCIAL plus email, for every type and to every contact; quick
    verification on the temporary local server."""
    channels: dict[str, Any] = {
        name: {"tipo": "bandeja", "cuenta": account} for name, account in SOCIAL.items()
    }
    channels["correo"] = {"tipo": "bandeja", "remitente": SENDER}
    return {
        "sitio": {"salida": "output", "estado": "estado", "contactos": "contactos.yml"},
        "despliegue": {
            "destino": "local",
            "carpeta": "publicado",
            "conservar": 3,
            "remoto": "",
            "ssh": "ssh",
            "verificar_en": "",
        },
        "verificacion": {"intentos": 2, "espera_segundos": 0.05},
        "envio": {"maximo_por_corrida": 50, "intentos_maximos": 5},
        "bandeja": {"carpeta": "bandeja"},
        "canales": channels,
        "por_tipo": {tipo: list(CHANNELS) for tipo in TYPES},
        "correo": {"a_todos": list(TYPES)},
    }


def merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` over `base`, recursively for tables."""
    result = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def toml_text(data: dict[str, Any]) -> str:
    """Just enough TOML for the publishing config: tables of scalars and lists of strings."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return repr(v)
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        raise TypeError(v)

    lines: list[str] = []

    def table(name: str, node: dict[str, Any]) -> None:
        if name:
            lines.append(f"[{name}]")
        lines.extend(f"{k} = {value(v)}" for k, v in node.items() if not isinstance(v, dict))
        lines.append("")
        for k, v in node.items():
            if isinstance(v, dict):
                table(f"{name}.{k}" if name else k, v)

    table("", data)
    return "\n".join(lines)


@dataclass
class Project:
    root: Path
    # settings every configure() starts from, over default_config()
    base: dict[str, Any] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        return self.root / "publicacion.toml"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def state(self) -> Path:
        return self.root / "estado"

    @property
    def ledger(self) -> Path:
        return self.state / "registro.sqlite3"

    @property
    def deployed(self) -> Path:
        return self.root / "publicado"

    @property
    def current(self) -> Path:
        return self.deployed / "actual"

    @property
    def outbox(self) -> Path:
        return self.root / "bandeja"

    def configure(self, **changes: Any) -> None:
        settings = merge(merge(default_config(), self.base), changes)
        self.config.write_text(toml_text(settings), encoding="utf-8")

    def manifest(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(
            (self.output / ".publicacion/manifiesto.json").read_text(encoding="utf-8")
        )
        return data

    def rewrite_manifest(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Edit the built manifest in place, as a build of different content would have written it."""
        data = self.manifest()
        change(data)
        path = self.output / ".publicacion/manifiesto.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

    def entry(self, data: dict[str, Any], item: str) -> dict[str, Any]:
        """One item of a manifest document, by id."""
        found: dict[str, Any] = next(e for e in data["elementos"] if e["id"] == item)
        return found

    def hide_items(self, *ids: str) -> None:
        """The build as it was before these items existed: no page, no manifest entry."""
        for raw in self.manifest()["elementos"]:
            if raw["id"] in ids:
                shutil.rmtree(self.output / raw["ruta"].strip("/"))
        self.rewrite_manifest(
            lambda data: data.update(elementos=[e for e in data["elementos"] if e["id"] not in ids])
        )

    def rebuild_from(self, built: Path) -> None:
        """Replace the build with another one (as `make html` would after content changed)."""
        shutil.rmtree(self.output)
        shutil.copytree(built, self.output, symlinks=True)

    def item_ids(self) -> list[str]:
        return [raw["id"] for raw in self.manifest()["elementos"]]

    # -- the command --
    def command(self, *args: str) -> list[str]:
        return [PYTHON, "-m", "publish", "--config", self.config.name, *args]

    def publish(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args),
            cwd=self.root,
            env=environment(env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def start(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.command(*args),
            cwd=self.root,
            env=environment(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    # -- what happened --
    def rows(self) -> dict[Key, Row]:
        ledger = open_ledger(self.ledger, create=False)
        try:
            return {row.key: row for row in ledger.rows()}
        finally:
            ledger.close()

    def events(self) -> list[tuple[str, str, str, str, str | None]]:
        ledger = open_ledger(self.ledger, create=False)
        try:
            return [
                (r["item_id"], r["channel"], r["recipient"], r["state"], r["detail"])
                for r in ledger.db.execute("SELECT * FROM events ORDER BY id")
            ]
        finally:
            ledger.close()

    def sent_files(self) -> list[Path]:
        return sorted(p for p in self.outbox.rglob("*") if p.is_file())

    def copies(self) -> Counter[tuple[str, str, str]]:
        """(item id, channel, recipient as written in file names) → messages that went out."""
        found: Counter[tuple[str, str, str]] = Counter()
        for path in self.sent_files():
            assert not path.name.startswith("."), f"half-written outbox file left behind: {path}"
            item, recipient, _ = path.name.split("__")
            found[(item, path.parent.name, recipient)] += 1
        return found

    def files_of(self, key: Key) -> list[Path]:
        return sorted((self.outbox / key.channel).glob(file_prefix(key.item_id, key.recipient) + "*"))

    def copies_of(self, key: Key) -> int:
        return len(self.files_of(key))

    def live_release(self) -> Path:
        return self.current.resolve(strict=True)


def copy_key(key: Key) -> tuple[str, str, str]:
    """A ledger key as Project.copies() names it."""
    return (key.item_id, key.channel, file_prefix(key.item_id, key.recipient).split("__")[1])


def expected_keys(
    project: Project,
    contacts: list[str],
    channels: tuple[str, ...] = CHANNELS,
    items: list[str] | None = None,
) -> set[Key]:
    keys = set()
    for item in project.item_ids() if items is None else items:
        for channel in channels:
            recipients = contacts if channel == "correo" else [SOCIAL[channel]]
            keys |= {Key(item, channel, r) for r in recipients}
    return keys


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _OWN_VARIABLES}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "plugins")])
    env.update(extra or {})
    return env


@contextmanager
def served(project: Project) -> Iterator[Project]:
    """The project verified through a loopback web server serving its deployed site, as a real
    server would (`despliegue.verificar_en`), rather than the temporary server publish starts itself."""
    with http_server(serving(project.current)) as base:
        project.base = merge(project.base, {"despliegue": {"verificar_en": base}})
        project.configure()
        yield project


def new_project(root: Path, output: Path, *, contacts: str, **config: Any) -> Project:
    """A project publishing a copy of an already built `output`."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(output, root / "output", symlinks=True)
    # the districts and municipalities the contact directory is checked against: the built site's,
    # or the repository's when the site was built elsewhere
    data = output.parent / "content/datos"
    shutil.copytree(data if data.is_dir() else ROOT / "content/datos", root / "content/datos")
    lock_path(root / "output").touch()  # as the build that made it leaves it
    (root / "contactos.yml").write_text(contacts, encoding="utf-8")
    project = Project(root)
    project.configure(**config)
    return project


def delivery_order(contacts: list[str]) -> list[tuple[str, str]]:
    """(channel, recipient) of one item, in the order a plan lists them with the default config."""
    return [*SOCIAL.items(), *(("correo", r) for r in sorted(contacts))]


def plan_deliveries(stdout: str) -> list[str]:
    """The plan's list of deliveries, from its 'Envíos:' line on."""
    lines = stdout.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Envíos: "))
    return lines[start:]


def plan_line(reason: str, item: str, channel: str, recipient: str) -> str:
    """One delivery as the plan lists it, for a site made by build_site()."""
    return f"  {reason:<10} {item}  {channel:<9} {recipient}  «Nota número {int(item[-2:])}»"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built three-item site, shared by a module's tests."""
    return build_site(tmp_path_factory.mktemp("sitio"), 3)


@pytest.fixture
def project(tmp_path: Path, built: Path) -> Iterator[Project]:
    """A publishing project over that site, with two district contacts, its web server running."""
    with served(new_project(tmp_path / "proyecto", built, contacts=contacts_yaml(2))) as project:
        yield project
