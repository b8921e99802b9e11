"""Benchmark: what the quarterly report costs, over the sample site (medians of several rounds).

Not a test (nothing here is collected by pytest): run it by hand from the project folder and read
the figures.

    .venv/bin/python tests/bench/bench_reports.py

Stages: drawing the coverage map (projecting and simplifying the 125 INEGI outlines, then the
SVG), gathering the sources (site settings, every content file, ledger, directory), computing the
figures of a year, and rendering the HTML and CSV tables.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))

from pressroom.content import load_ref  # noqa: E402
from pressroom.indicators.coverage_map import OUTLINES_FILE, base_map, choropleth  # noqa: E402
from pressroom.indicators.periods import parse_period  # noqa: E402
from pressroom.model.item import MEXICO_CITY  # noqa: E402
from publish import config as publish_config  # noqa: E402
from publish.reports.render import report_html, tables  # noqa: E402
from publish.reports.report import make_report  # noqa: E402
from publish.reports.sources import gather  # noqa: E402

NOW = dt.datetime(2026, 11, 26, 8, tzinfo=MEXICO_CITY)


def median_ms(step: Callable[[], object], rounds: int = 7) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    ref, _ = load_ref(ROOT / "content")
    outlines = (ROOT / "content" / OUTLINES_FILE).read_text(encoding="utf-8")
    base = base_map(outlines, ref.municipalities)
    svg = choropleth(base, {"toluca": 3}, "mapa")
    print(
        f"mapa: contornos proyectados y simplificados {median_ms(lambda: base_map(outlines, ref.municipalities)):.1f} ms"
    )
    print(
        f"mapa: SVG {median_ms(lambda: choropleth(base, {'toluca': 3}, 'mapa')):.2f} ms, {len(svg.encode())} bytes"
    )
    config = publish_config.load(root=ROOT)
    print(
        f"fuentes (ajustes, contenido, registro, directorio) {median_ms(lambda: gather(config, None, NOW), 5):.1f} ms"
    )
    sources = gather(config, None, NOW)
    year = parse_period("2026")
    print(f"cifras del año {median_ms(lambda: make_report(sources, year)):.2f} ms")
    report = make_report(sources, year)
    html = report_html(report, sources.outlines)
    print(
        f"HTML y CSV {median_ms(lambda: (report_html(report, sources.outlines), tables(report))):.1f} ms, "
        f"HTML {len(html.encode())} bytes"
    )


if __name__ == "__main__":
    main()
