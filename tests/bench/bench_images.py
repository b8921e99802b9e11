"""Benchmark: a warm rebuild of the sample site with image processing on vs. off.

Not a test (nothing here is collected by pytest): run it by hand and read the figures.

    .venv/bin/python tests/bench/bench_images.py            # 7 rounds
    .venv/bin/python tests/bench/bench_images.py --rondas 15

Both configurations build the same sample content in this process, alternating on/off so that
drift (disk cache, CPU frequency) hits both alike. The first build of each is not counted: it
fills the image cache (`.cache/imagenes/`) and warms Python. The goal in the issue: a warm
rebuild with images ≤ 1.1 × the same rebuild with IMAGE_PROCESSING = False.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))

from pressroom.build import build  # noqa: E402
from sitekit import NOW  # noqa: E402

GOAL = 1.10


def project(folder: Path, processing: bool) -> Path:
    """A project folder sharing the sample content, theme and plugins; returns its config."""
    folder.mkdir(parents=True)
    for shared in ("content", "theme", "plugins"):
        (folder / shared).symlink_to(ROOT / shared)
    conf = folder / "pelican.conf.py"
    settings = (ROOT / "pelican.conf.py").read_text(encoding="utf-8")
    conf.write_text(settings + f"\nIMAGE_PROCESSING = {processing}\n", encoding="utf-8")
    return conf


def timed(conf: Path, output: Path) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process): CPU time shrugs off other programs."""
    start, cpu = time.perf_counter(), time.process_time()
    build(conf, NOW, output)
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondas", type=int, default=7, help="reconstrucciones medidas por configuración")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-imagenes-"))
    try:
        confs = {True: project(work / "con", True), False: project(work / "sin", False)}
        times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for processing, conf in confs.items():  # warm-up: fills the cache, not counted
            timed(conf, work / f"salida-{processing}")
        for _ in range(args.rondas):
            for processing, conf in confs.items():
                times[processing].append(timed(conf, work / f"salida-{processing}"))
        on, off = (statistics.median(t[0] for t in times[p]) for p in (True, False))
        cpu_on, cpu_off = (statistics.median(t[1] for t in times[p]) for p in (True, False))
        files = sum(1 for p in (work / "salida-True").rglob("*") if p.suffix in (".jpg", ".webp", ".png"))
        print(f"Sitio de muestra, {args.rondas} reconstrucciones en caliente por configuración (medianas)")
        print(
            f"  con procesamiento de imágenes ({files} imágenes publicadas): {on:.3f} s reloj, {cpu_on:.3f} s CPU"
        )
        print(
            f"  sin procesamiento (IMAGE_PROCESSING = False):          {off:.3f} s reloj, {cpu_off:.3f} s CPU"
        )
        verdict = "CUMPLE" if on / off <= GOAL else "NO CUMPLE"
        print(
            f"  proporción: {on / off:.3f} en reloj, {cpu_on / cpu_off:.3f} en CPU (meta ≤ {GOAL:.2f}) → {verdict}"
        )
        print("  reloj (s): con " + ", ".join(f"{t[0]:.3f}" for t in times[True]))
        print("             sin " + ", ".join(f"{t[0]:.3f}" for t in times[False]))
        return 0 if on / off <= GOAL else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
