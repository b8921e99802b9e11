"""Fixtures shared by the browser, accessibility, HTML and weight tests (see browserkit.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    INSTALL,
    SKIP_PREFIX,
    Visit,
    in_ci,
    missing,
    serve,
    template_pages,
)

from pressroom.build import build
from sitekit import NOW, ROOT


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once (clock pinned) with its search index."""
    output = tmp_path_factory.mktemp("navegador") / "output"
    build(ROOT / "pelican.conf.py", NOW, output)
    return output


@pytest.fixture(scope="session")
def pages(sample_output: Path) -> dict[str, str]:
    return template_pages(sample_output)


@pytest.fixture(scope="session")
def base_url(sample_output: Path) -> Iterator[str]:
    with serve(sample_output) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        missing(f"Chromium ({CHROMIUM})")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("el paquete de Python playwright (requirements-dev.txt)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport=DESKTOP, locale="es-MX", service_workers="block")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture
def visit(page: Any, base_url: str) -> Visit:
    """Watches `page` from its first request: console, errors, requests, weights."""
    return Visit(base_url).watch(page)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say it loudly when the browser tests did not run because a tool is missing."""
    skipped = terminalreporter.stats.get("skipped", [])
    reasons = sorted(
        {str(r.longrepr[2]).removeprefix("Skipped: ") for r in skipped if isinstance(r.longrepr, tuple)}
    )
    reasons = [r for r in reasons if r.startswith(SKIP_PREFIX)]
    if not reasons or in_ci():
        return
    line = "=" * 78
    terminalreporter.write_line(line, yellow=True, bold=True)
    terminalreporter.write_line(
        "ATENCIÓN: NO SE CORRIERON LAS PRUEBAS DE NAVEGADOR / ACCESIBILIDAD / HTML", yellow=True, bold=True
    )
    for reason in reasons:
        terminalreporter.write_line(f"  {reason}", yellow=True)
    terminalreporter.write_line(f"  Para instalar lo que falta: {INSTALL}  (o: make navegador)", yellow=True)
    terminalreporter.write_line(line, yellow=True, bold=True)
