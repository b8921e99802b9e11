"""Weight budget: each page's HTML + CSS + JS under 100 KB uncompressed (images, audio, fonts and
the search index excluded), and no render-blocking resource from another host.

Two views of the same budget: a static one over every page of the built sample site (what each
page links to), and a measured one in Chromium over one page per template (what it really loads,
the search page after a search included).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import pytest
from browserkit import Visit

BUDGET = 100_000  # bytes, uncompressed
CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)|url\(\s*["']?([^"')]+)""")
SEARCH_BUNDLE = "/pagefind/pagefind.js"  # imported by js/buscar.js when the search page starts


def is_foreign(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def linked(page: Path) -> tuple[list[str], list[str], list[str]]:
    """(stylesheets, scripts, render-blocking resources) linked from an HTML page."""
    tree = lxml.html.fromstring(page.read_bytes())
    sheets = [
        el.get("href", "")
        for el in tree.iter("link")
        if "stylesheet" in el.get("rel", "").split() or el.get("rel") == "modulepreload"
    ]
    scripts = [el.get("src", "") for el in tree.iter("script") if el.get("src")]
    blocking = [
        el.get("href", "")
        for el in tree.iter("link")
        if "stylesheet" in el.get("rel", "").split() and el.get("media", "all") in ("all", "screen")
    ]
    head = tree.find("head")
    if head is not None:
        blocking += [
            el.get("src", "")
            for el in head.iter("script")
            if el.get("src")
            and el.get("defer") is None
            and el.get("async") is None
            and el.get("type") != "module"
        ]
    return sheets, scripts, blocking


def css_imports(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css) if (a or b).endswith(".css") or a]


def static_weight(output: Path, page: Path) -> tuple[int, list[str]]:
    sheets, scripts, _ = linked(page)
    files = set(sheets) | set(scripts)
    if "/tema/js/buscar.js" in files:
        files.add(SEARCH_BUNDLE)
    total = len(page.read_bytes())
    missing = []
    for url in sorted(files):
        if is_foreign(url):
            continue
        target = output / urlsplit(url).path.lstrip("/")
        if not target.is_file():
            missing.append(url)
            continue
        total += target.stat().st_size
    return total, missing


def test_every_page_is_within_budget(sample_output: Path) -> None:
    found = sorted(sample_output.rglob("*.html"))
    assert len(found) > 200
    over = []
    heaviest = (0, "")
    for page in found:
        weight, missing = static_weight(sample_output, page)
        assert missing == [], (page, missing)
        heaviest = max(heaviest, (weight, str(page.relative_to(sample_output))))
        if weight >= BUDGET:
            over.append(f"{page.relative_to(sample_output)}: {weight:,} bytes")
    assert over == [], "\n".join(over)
    assert heaviest[0] > 10_000  # the measure measured something


def test_nothing_render_blocking_comes_from_another_host(sample_output: Path) -> None:
    problems = []
    for page in sorted(sample_output.rglob("*.html")):
        sheets, scripts, blocking = linked(page)
        foreign = [u for u in (*sheets, *scripts) if is_foreign(u)]
        if foreign:
            problems.append(f"{page.relative_to(sample_output)}: {foreign}")
        problems += [f"{page.relative_to(sample_output)}: {u}" for u in blocking if is_foreign(u)]
    for css in sorted(sample_output.rglob("*.css")):
        if "pagefind" in css.parts:
            continue  # Pagefind's own UI styles, never linked by the site
        foreign = [u for u in css_imports(css.read_text(encoding="utf-8")) if is_foreign(u)]
        if foreign:
            problems.append(f"{css.relative_to(sample_output)}: {foreign}")
    assert problems == []


def test_scripts_never_block_rendering(sample_output: Path) -> None:
    """Every script in <head> is deferred, async or a module (inline JSON-LD is data, not code)."""
    problems = []
    for page in sorted(sample_output.rglob("*.html")):
        _, _, blocking = linked(page)
        scripts = [u for u in blocking if u.endswith(".js")]
        if scripts:
            problems.append(f"{page.relative_to(sample_output)}: {scripts}")
    assert problems == []


MEASURED = [
    "portada",
    "archivo",
    "seccion",
    "nota-boletin",
    "nota-reportaje",
    "nota-capsula",
    "nota-spot",
    "nota-galeria",
    "municipios",
    "municipio",
    "sala-de-prensa",
    "agenda",
    "buscar",
]


@pytest.mark.usefixtures("browser")
@pytest.mark.parametrize("name", MEASURED)
def test_measured_weight_in_the_browser(page: Any, visit: Visit, pages: dict[str, str], name: str) -> None:
    page.goto(visit.base + pages[name], wait_until="networkidle")
    assert visit.weight > 5_000
    assert visit.weight < BUDGET, visit.responses
    assert visit.foreign == []


@pytest.mark.usefixtures("browser")
def test_search_page_after_a_search_is_within_budget(page: Any, visit: Visit) -> None:
    page.goto(visit.base + "/buscar/?q=agua", wait_until="networkidle")
    page.locator(".resultado").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert any(url.endswith(SEARCH_BUNDLE) for url, _, _ in visit.responses)
    assert visit.weight < BUDGET, visit.responses
    assert visit.foreign == []
