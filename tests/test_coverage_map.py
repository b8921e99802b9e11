"""The coverage map (an SVG choropleth of the 125 municipalities) and the charts, parsed back as XML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from reportkit import LEVELS, NOW, fixture_site

from pressroom.content import Site
from pressroom.indicators.charts import goal_chart, monthly_chart
from pressroom.indicators.coverage_map import BaseMap, MapDataError, base_map, choropleth, level
from pressroom.indicators.goals import parse_goals, progress_table
from pressroom.indicators.measures import coverage, per_type_per_month, published
from pressroom.indicators.periods import parse_period
from sitekit import ROOT

SVG = "{http://www.w3.org/2000/svg}"
GEOJSON = ROOT / "content/datos/edomex_municipios.geojson"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return fixture_site(tmp_path_factory.mktemp("mapa"))[1]


@pytest.fixture(scope="module")
def base(site: Site) -> BaseMap:
    return base_map(GEOJSON.read_text(encoding="utf-8"), site.ref.municipalities)


def test_levels_of_the_legend() -> None:
    assert [level(n) for n in (0, 1, 2, 3, 4, 7, 8, 250)] == [
        "nivel-0",
        "nivel-1",
        "nivel-2",
        "nivel-2",
        "nivel-3",
        "nivel-3",
        "nivel-4",
        "nivel-4",
    ]


def test_the_map_has_125_municipalities_with_the_fill_class_of_their_activity(
    site: Site, base: BaseMap
) -> None:
    found = coverage(published(site.items, NOW), site.ref.municipalities, parse_period("2026-T4"), NOW)
    svg = choropleth(base, found.counts, "Cobertura del cuarto trimestre de 2026")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    shapes = [p for p in root.iter(f"{SVG}path") if "municipio" in (p.get("class") or "").split()]
    assert len(shapes) == 125
    by_key = {p.get("data-clave"): p for p in shapes}
    assert sorted(by_key) == sorted(m.clave for m in site.ref.municipalities)
    by_slug = {m.slug: by_key[m.clave] for m in site.ref.municipalities}
    classes = {slug: (p.get("class") or "").split()[1] for slug, p in by_slug.items()}
    assert {slug: c for slug, c in classes.items() if c != "nivel-0"} == LEVELS
    assert sum(c == "nivel-0" for c in classes.values()) == 121
    titles = {slug: p.find(f"{SVG}title").text for slug, p in by_slug.items()}  # type: ignore[union-attr]
    assert titles["toluca"] == "Toluca: 8 notas"
    assert titles["metepec"] == "Metepec: 1 nota"
    assert titles["zumpango"] == "Zumpango: sin actividad"
    for path in shapes:  # each outline is closed path data: M x y l dx dy … z (one or more rings)
        assert re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", path.get("d") or ""), path.get("data-clave")
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Fuente: INEGI" in text
    for label in ("Sin actividad", "1", "2 a 3", "4 a 7", "8 o más"):
        assert label in [t.text for t in root.iter(f"{SVG}text")]
    legend = [r.get("class") for r in root.iter(f"{SVG}rect")]
    assert legend == ["nivel-0", "nivel-1", "nivel-2", "nivel-3", "nivel-4"]
    assert len(svg.encode()) < 45_000  # small enough to inline in a page (measured: ~36 KB)


def test_the_projection_keeps_the_state_upright_and_in_proportion(base: BaseMap) -> None:
    """Toluca lies west of Texcoco and Zumpango north of Tenancingo; the state is about as tall as wide."""

    def centre(slug: str) -> tuple[float, float]:
        shape = next(s for s in base.shapes if s.municipality.slug == slug)
        x, y = (float(v) for v in re.match(r"M(-?\d+) (-?\d+)", shape.path).groups())  # type: ignore[union-attr]
        return x, y

    assert centre("toluca")[0] < centre("texcoco")[0]
    assert centre("zumpango")[1] < centre("tenancingo")[1]
    assert 0.9 < base.height / base.width < 1.15


def test_outlines_that_miss_a_municipality_are_a_clear_error(site: Site) -> None:
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["properties"]["clave_inegi"] != "15099"]
    with pytest.raises(MapDataError) as error:
        base_map(json.dumps(data), site.ref.municipalities)
    assert str(error.value) == "faltan los contornos de: Texcoco"
    with pytest.raises(MapDataError):
        base_map("{}", site.ref.municipalities)


def test_charts_are_svg_with_the_figures_as_labels(site: Site) -> None:
    counted = published(site.items, NOW)
    rows = per_type_per_month(counted, parse_period("2026-T1"), NOW)
    root = ET.fromstring(monthly_chart(rows, "Publicaciones por mes"))
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    labels = sorted(r.find(f"{SVG}title").text for r in bars)  # type: ignore[union-attr, type-var]
    assert labels == ["enero: 1 conferencia de prensa", "marzo: 1 boletín", "marzo: 1 conferencia de prensa"]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert [t for t in texts if t in ("ene", "feb", "mar")] == ["ene", "feb", "mar"]
    goals, _ = parse_goals(None)
    table = progress_table(goals, parse_period("2026-T4"), counted, NOW)
    root = ET.fromstring(goal_chart(table, "Conferencias contra la meta"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["T4 2026", "1 de 4 (25 %) + 1 prog.", "Año 2026", "4 de 12 (33 %) + 1 prog."]
