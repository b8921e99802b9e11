"""One measuring session for one archive size: build the corpus for all three systems, then
measure every scenario in rounds, the three systems one after another inside each round (paired
runs: drift on a shared machine hits all of them alike).

Scenarios, in this order in every round:
  completa     full build with empty caches (output and caches removed first)
  sin_cambios  the same build again, nothing changed
  una_nota     one new item written (and committed), then the build
  publicar     this project only: one new item, then `make publish` on a site already published
               (local deploy, social channels to the outbox, email to 200 contacts)

Each added item is a press conference dated after the rest, so every round's archive grows by two.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks import peers, project
from benchmarks.corpus import ROOT, Corpus, extra, generate
from benchmarks.machine import describe
from benchmarks.measure import Sample, folder_size
from benchmarks.systems import PUBLISH_STEP, Hugo, Pelican, Pressroom, System

SCENARIOS = ("completa", "sin_cambios", "una_nota", "publicar")
RESULTS = ROOT / "benchmarks/results"

# puts the built site online at the local deploy target without announcing anything, as an office
# that already had its site online before adopting the pipeline (then `publish init` marks it)
DEPLOY_ONLY = (
    "from publish import config; from publish.run import target_for; "
    "c = config.load(); target_for(c).apply(c.output)"
)


class Session:
    def __init__(self, count: int, rounds: int, workdir: Path, seed: int = 13, log: Any = print) -> None:
        self.count = count
        self.rounds = rounds
        self.folder = workdir / f"n{count}"
        self.seed = seed
        self.log = log
        self.added = 0
        self.samples: dict[str, dict[str, list[Sample]]] = {}
        self.publish_step: list[float] = []
        self.sizes: dict[str, tuple[int, int]] = {}
        self.corpus: Corpus | None = None
        self.started: dt.datetime | None = None
        self.smtp = False

    def prepare(self) -> tuple[Pressroom, Pelican, Hugo]:
        self.log(f"[{self.count}] generando el archivo sintético en {self.folder}…")
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.corpus = generate(self.count, self.seed)
        logs = self.folder / "registros"
        ours = Pressroom(project.create(self.corpus, self.folder / "proyecto"), logs)
        photos = ours.folder / "content/imagenes/banco"
        pelican = Pelican(peers.create_pelican(self.corpus, self.folder / "pelican", photos), logs)
        hugo = Hugo(peers.create_hugo(self.corpus, self.folder / "hugo", photos), logs)
        return ours, pelican, hugo

    def _keep(self, system: System, scenario: str, sample: Sample) -> None:
        self.samples.setdefault(system.name, {}).setdefault(scenario, []).append(sample)
        if self.started is not None:  # saved as it goes: a long run stopped halfway keeps its figures
            save(self.result(self.started, smtp=self.smtp, partial=True))
        self.log(
            f"[{self.count}] {scenario:<12} {system.name:<10} {sample.wall:8.1f} s  "
            f"{sample.peak_tree / 2**20:7.0f} MiB"
        )

    def _add_everywhere(self, systems: tuple[System, ...]) -> None:
        assert self.corpus is not None
        record = extra(self.corpus, self.added)
        self.added += 1
        for system in systems:
            system.add(record)

    def run(self) -> dict[str, Any]:
        started = self.started = dt.datetime.now(dt.UTC)
        ours, pelican, hugo = self.prepare()
        systems: tuple[System, ...] = (ours, pelican, hugo)
        with smtp_relay() as port:
            self.smtp = port is not None
            ours.configure_publishing(port)
            for number in range(self.rounds):
                self.log(f"[{self.count}] ronda {number + 1} de {self.rounds}")
                for system in systems:
                    system.clean()
                    self._keep(system, "completa", system.build("completa"))
                    if number == 0:
                        self.sizes[system.name] = folder_size(system.output())
                for system in systems:
                    self._keep(system, "sin_cambios", system.build("sin_cambios"))
                self._add_everywhere(systems)
                for system in systems:
                    self._keep(system, "una_nota", system.build("una_nota"))
                if number == 0:  # a published site: everything so far deployed and marked announced
                    ours.python("-c", DEPLOY_ONLY, scenario="preparar")  # `init` adopts only what is live
                    ours.python("-m", "publish", "init", scenario="preparar")
                    ours.python("-m", "publish", "run", scenario="preparar")
                self._add_everywhere((ours,))
                sample = ours.publish()
                self._keep(ours, "publicar", sample)
                step = next((t for line, t in sample.marks if line.startswith(PUBLISH_STEP)), None)
                if step is not None:
                    self.publish_step.append(sample.wall - step)
        return self.result(started, smtp=port is not None)

    def result(self, started: dt.datetime, smtp: bool, partial: bool = False) -> dict[str, Any]:
        return {
            "n": self.count,
            "partial": partial,
            "rounds": self.rounds,
            "seed": self.seed,
            "added_per_round": 2,
            "started": started.isoformat(timespec="seconds"),
            "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "commit": commit(),
            "machine": describe(),
            "email": "smtp (127.0.0.1, aiosmtpd)" if smtp else "bandeja (.eml)",
            "samples": {
                system: {scenario: [_plain(s) for s in found] for scenario, found in by_scenario.items()}
                for system, by_scenario in self.samples.items()
            },
            "publish_step": self.publish_step,
            "output": {name: {"files": files, "bytes": size} for name, (files, size) in self.sizes.items()},
        }


def _plain(sample: Sample) -> dict[str, Any]:
    found = asdict(sample)
    found.pop("marks")
    return found


def save(result: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"n{result['n']}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    dirty = " (con cambios sin commit)" if git("status", "--porcelain", "--untracked-files=no") else ""
    return git("rev-parse", "--short", "HEAD") + dirty


@contextlib.contextmanager
def smtp_relay() -> Iterator[int | None]:
    """A loopback SMTP server that accepts and discards, when the project has an SMTP channel."""
    if not project.smtp_available():
        yield None
        return
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    class Ephemeral(Controller):
        """aiosmtpd's controller on port 0 (by itself it would connect to port 0 to wake the server)."""

        def _trigger_server(self) -> None:
            server: Any = self.server
            self.port = server.sockets[0].getsockname()[1]
            super()._trigger_server()  # type: ignore[no-untyped-call]

    controller = Ephemeral(Sink(), hostname="127.0.0.1", port=0)
    controller.start()
    try:
        yield int(controller.port)
    finally:
        controller.stop()
