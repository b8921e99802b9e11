"""The three systems measured, each as: where it lives, how to empty its caches, how to build, how
to add one item. Commands are the ones a person would type, run from the system's folder."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import peers, project
from benchmarks.corpus import Record
from benchmarks.measure import Sample, run

NOW = "2026-11-26T08:00:00-06:00"  # the pinned build clock: after every item, added ones included
PUBLISH_STEP = ".venv/bin/python -m publish run"  # the line make echoes before the publish step


@dataclass
class System:
    name: str  # 'pressroom', 'pelican', 'hugo'
    label: str  # as shown in BENCHMARKS.md
    folder: Path
    logs: Path
    env: dict[str, str] = field(default_factory=dict)
    runs: int = 0

    def command(self) -> list[str]:
        raise NotImplementedError

    def clean(self) -> None:
        raise NotImplementedError

    def add(self, record: Record) -> None:
        raise NotImplementedError

    def output(self) -> Path:
        raise NotImplementedError

    def build(self, scenario: str) -> Sample:
        self.runs += 1
        return run(
            self.command(), self.folder, self.env, self.logs / f"{self.name}-{self.runs:02d}-{scenario}.log"
        )


def _remove(*paths: Path) -> None:
    for path in paths:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)


def base_env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PUBLICACION_", "PRESSROOM_", "PUBLISH_"))
    }
    return env | {"LC_ALL": "C.UTF-8", "TZ": "UTC"}


class Pressroom(System):
    """This project: `make html` / `make publish` in a copy that links to this checkout's code."""

    def __init__(self, folder: Path, logs: Path) -> None:
        env = base_env() | {
            "PRESSROOM_NOW": NOW,
            "PUBLICACION_CONFIG": str(folder / "bench/publicacion.toml"),
            "PUBLICACION_CONTACTOS": str(folder / "bench/contactos.yml"),
        }
        super().__init__("pressroom", "este proyecto", folder, logs, env)

    def command(self) -> list[str]:
        return ["make", "--no-print-directory", "html"]

    def output(self) -> Path:
        return self.folder / "output"

    def clean(self) -> None:
        _remove(self.folder / "output", self.folder / ".cache")
        for leftover in self.folder.glob(".output*"):
            _remove(leftover)

    def add(self, record: Record) -> None:
        project.write_item(self.folder / "content", record)
        project.commit(self.folder, f"Nota nueva {record.id}")

    def configure_publishing(self, smtp_port: int | None) -> None:
        (self.folder / "bench/publicacion.toml").write_text(
            project.publish_config(smtp_port), encoding="utf-8"
        )

    def python(self, *args: str, scenario: str) -> Sample:
        self.runs += 1
        log = self.logs / f"{self.name}-{self.runs:02d}-{scenario}.log"
        return run([".venv/bin/python", *args], self.folder, self.env | _pythonpath(self.folder), log)

    def publish(self) -> Sample:
        """`make publish`; the moment make starts the publish step is kept in Sample.marks."""
        self.runs += 1
        log = self.logs / f"{self.name}-{self.runs:02d}-publicar.log"
        return run(
            ["make", "--no-print-directory", "publish"], self.folder, self.env, log, watch=(PUBLISH_STEP,)
        )


def _pythonpath(folder: Path) -> dict[str, str]:
    return {"PYTHONPATH": f"{folder}:{folder / 'plugins'}"}


class Pelican(System):
    """Plain Pelican, default theme (notmyidea), no plugins."""

    def __init__(self, folder: Path, logs: Path) -> None:
        super().__init__("pelican", "Pelican (tema por omisión)", folder, logs, base_env())

    def command(self) -> list[str]:
        return [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output", "-q"]

    def output(self) -> Path:
        return self.folder / "output"

    def clean(self) -> None:
        _remove(self.folder / "output", self.folder / "cache", self.folder / "__pycache__")

    def add(self, record: Record) -> None:
        peers.write_pelican_item(self.folder, record)


class Hugo(System):
    """Hugo with a minimal theme (menu rendered once per build)."""

    def __init__(self, folder: Path, logs: Path) -> None:
        super().__init__("hugo", "Hugo (tema mínimo)", folder, logs, base_env())

    def command(self) -> list[str]:
        return [peers.hugo_binary(), "--quiet", "--cacheDir", str(self.folder / ".hugo_cache")]

    def output(self) -> Path:
        return self.folder / "public"

    def clean(self) -> None:
        _remove(self.folder / "public", self.folder / "resources", self.folder / ".hugo_cache")

    def add(self, record: Record) -> None:
        peers.write_hugo_item(self.folder, record)
