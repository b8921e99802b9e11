"""The coordinator's report and agenda, and the public transparency page, in Debian's Chromium:
no console error, no request anywhere, valid HTML, no WCAG violation; screenshots and a PDF of
the printed report go to test-artifacts/navegador/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import SCREENSHOTS, Visit, screenshot, serve
from publishkit import Project
from reportkit import files, report_project, report_publishing_project, run_report
from test_a11y import check
from test_html_valid import html_errors

from sitekit import NOW, build_project

pytestmark = pytest.mark.usefixtures("browser")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = report_publishing_project(tmp_path_factory.mktemp("informe-navegador"))
    for args in (("informe", "2026-T4"), ("agenda", "--desde", "2026-11-26", "--dias", "14")):
        run = run_report(project, *args)
        assert run.returncode == 0, run.stderr
    return project


@pytest.fixture(scope="module")
def reports_url(reports: Project) -> Iterator[str]:
    with serve(reports.state / "informes") as base:
        yield base


@pytest.fixture(scope="module")
def transparency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("transparencia")
    conf = report_project(root, files())
    conf.write_text(conf.read_text(encoding="utf-8") + "\nTRANSPARENCIA = True\n", encoding="utf-8")
    build_project(conf, NOW)
    return root / "output"


def test_the_quarterly_report_renders_cleanly_and_prints(page: Any, reports_url: str) -> None:
    visit = Visit(reports_url).watch(page)
    page.goto(reports_url + "/2026-T4/informe-2026-T4.html", wait_until="networkidle")
    assert visit.problems() == []
    assert visit.requests == [reports_url + "/2026-T4/informe-2026-T4.html"]  # nothing else is fetched
    assert page.locator("h1").inner_text() == "Informe de Comunicación Social: cuarto trimestre de 2026"
    shapes = page.locator("figure.mapa svg path.municipio")
    assert shapes.count() == 125
    box = page.locator("figure.mapa svg").bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 400
    colours = page.evaluate(
        "[...document.querySelectorAll('figure.mapa path.nivel-4, figure.mapa path.nivel-0')]"
        ".map(p => getComputedStyle(p).fill)"
    )
    assert len(set(colours)) == 2  # the classes really paint different colours
    check(page)
    shot = screenshot(page, "informe-2026-T4")
    assert shot.stat().st_size > 50_000
    page.emulate_media(media="print")
    pdf = SCREENSHOTS / "informe-2026-T4.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert visit.problems() == []


def test_the_agenda_renders_cleanly(page: Any, reports_url: str) -> None:
    visit = Visit(reports_url).watch(page)
    page.goto(reports_url + "/agenda-2026-11-26.html", wait_until="networkidle")
    assert visit.problems() == []
    assert page.locator("section.dia").count() == 14
    assert page.locator(".etiqueta.embargo").count() == 1
    check(page)
    screenshot(page, "agenda-semanal")


def test_report_agenda_and_transparency_are_valid_html(reports: Project, transparency: Path) -> None:
    folder = reports.state / "informes"
    errors = html_errors(
        {
            "informe": folder / "2026-T4/informe-2026-T4.html",
            "agenda": folder / "agenda-2026-11-26.html",
            "transparencia": transparency / "transparencia/index.html",
        }
    )
    assert errors == [], "\n".join(errors)


def test_the_transparency_page_in_the_browser(page: Any, transparency: Path) -> None:
    with serve(transparency) as base:
        visit = Visit(base).watch(page)
        page.goto(base + "/transparencia/", wait_until="networkidle")
        assert visit.problems() == []
        assert page.locator(".mapa-figura svg path.municipio").count() == 125
        check(page)
        screenshot(page, "transparencia")
        assert visit.weight < 100_000  # the site's budget: HTML + CSS + JS
