"""Accessibility: axe-core (npm, injected by Playwright) on every template, WCAG 2.2 AA, 0 violations.

Besides one page per template, the states a reader reaches with a click are checked too: search
results, the mobile menu opened, the gallery viewer opened, the search page without results.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from browserkit import AXE, MOBILE, Visit, missing

pytestmark = pytest.mark.usefixtures("browser")

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

TEMPLATES = [
    "portada",
    "archivo",
    "archivo-mes",
    "seccion",
    "etiqueta",
    "nota-boletin",
    "nota-actividad",
    "nota-conferencia",
    "nota-reportaje",
    "nota-capsula",
    "nota-spot",
    "nota-galeria",
    "nota-retirada",
    "pagina",
    "municipios",
    "municipio",
    "municipio-sin-notas",
    "personas",
    "persona",
    "sala-de-prensa",
    "suscripciones",
    "agenda",
    "buscar",
    "404",
]


def axe(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; returns the violations."""
    if not AXE.is_file():
        missing(f"axe-core ({AXE.relative_to(AXE.parents[2])})")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_22_AA,
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(
                f"    {json.dumps(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}"
            )
    return "\n".join(lines)


def check(page: Any) -> None:
    violations = axe(page)
    assert not violations, "\n" + report(violations)


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_has_no_wcag_violations(page: Any, visit: Visit, pages: dict[str, str], name: str) -> None:
    page.goto(visit.base + pages[name], wait_until="networkidle")
    check(page)


def test_search_results_have_no_violations(page: Any, visit: Visit) -> None:
    page.goto(visit.base + "/buscar/?q=agua", wait_until="networkidle")
    page.locator(".resultado").first.wait_for()
    check(page)
    page.goto(visit.base + "/buscar/?q=zzzqqqxxx", wait_until="networkidle")
    page.wait_for_function("document.querySelector('[data-estado]').textContent.includes('No encontramos')")
    check(page)


def test_mobile_menu_open_has_no_violations(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/", wait_until="networkidle")
        check(page)
        page.locator(".menu__boton").click()
        check(page)
    finally:
        context.close()


def test_gallery_viewer_open_has_no_violations(page: Any, visit: Visit, pages: dict[str, str]) -> None:
    page.goto(visit.base + pages["nota-galeria"], wait_until="networkidle")
    page.locator("a.galeria__enlace").first.click()
    page.locator("dialog.visor").wait_for(state="visible")
    check(page)
