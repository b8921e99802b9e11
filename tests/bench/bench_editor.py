"""Benchmark: the web editor (`make editor`) on a copy of the sample project.

Not a test (nothing here is collected by pytest): run it by hand and read the figures.

    .venv/bin/python tests/bench/bench_editor.py            # 5 rounds
    .venv/bin/python tests/bench/bench_editor.py --rondas 9

Per round: both local servers started (decap-server through proxy.js, and the static server),
then Debian's Chromium opens /admin/, logs in to the local backend and waits for the list of
boletines. Prints medians: servers ready, admin to list, bytes the page loaded (document,
scripts, styles, API answers), and the generated config.yml (size, time to generate).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests"), str(ROOT / "tests/browser")]

from browserkit import CHROMIUM, CHROMIUM_ARGS, copy_project  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from pressroom.content import load_ref  # noqa: E402
from pressroom.editor import admin  # noqa: E402
from pressroom.editor.server import running  # noqa: E402

COUNTED = ("document", "script", "stylesheet", "xhr", "fetch")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondas", type=int, default=5)
    rounds = parser.parse_args().rondas
    conf = copy_project(Path(tempfile.mkdtemp(prefix="bench-editor-")) / "proyecto")
    ref, _ = load_ref(conf.parent / "content")
    generated: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        config = admin.render_config(
            admin.config(ref, admin.local_backend("http://127.0.0.1:1/api/v1"), False, "/tema/")
        )
        generated.append(time.perf_counter() - start)
    ready: list[float] = []
    listed: list[float] = []
    weights: list[int] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(rounds):
            start = time.perf_counter()
            with running(conf) as editor:
                ready.append(time.perf_counter() - start)
                context = browser.new_context()
                page = context.new_page()
                loaded = [0]

                def count(response: Any, loaded: list[int] = loaded) -> None:
                    if response.request.resource_type in COUNTED:
                        loaded[0] += len(response.body() or b"")

                page.on("response", count)
                start = time.perf_counter()
                page.goto(editor.url)
                page.get_by_role("button", name="Iniciar sesión").click()
                page.get_by_text("La Paz presenta el calendario").wait_for()
                listed.append(time.perf_counter() - start)
                weights.append(loaded[0])
                context.close()
        browser.close()
    print(
        f"config.yml: {len(config) / 1024:.0f} KiB, generada en {statistics.median(generated) * 1000:.0f} ms"
    )
    print(f"servidores listos: mediana {statistics.median(ready):.2f} s ({rounds} rondas)")
    print(f"de /admin/ a la lista de boletines: mediana {statistics.median(listed):.2f} s")
    print(
        f"bytes cargados (documento, scripts, estilos, API): mediana {statistics.median(weights) / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
