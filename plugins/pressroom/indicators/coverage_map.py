"""The coverage map: an SVG choropleth of the 125 municipalities from INEGI's outlines.

The outlines (content/datos/edomex_municipios.geojson, WGS84) are projected with an equirectangular
projection true to scale at the state's mean latitude (the state spans two degrees, so shapes and
areas stay faithful), simplified with Douglas–Peucker to one pixel and written as relative path commands in whole
pixels, which keeps the whole map under 40 KB.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from ..model.item import Municipality

OUTLINES_FILE = "datos/edomex_municipios.geojson"  # under content/
WIDTH = 640.0  # SVG user units (pixels at 100 %)
MARGIN = 6.0
TOLERANCE = 1.0  # Douglas–Peucker tolerance in SVG units
DECIMALS = 0  # coordinates are rounded to this many decimals
SOURCE_CREDIT = "Fuente: INEGI, Marco Geoestadístico 2019"
# (lowest count, highest count or None, class, legend label)
LEVELS: tuple[tuple[int, int | None, str, str], ...] = (
    (0, 0, "nivel-0", "Sin actividad"),
    (1, 1, "nivel-1", "1"),
    (2, 3, "nivel-2", "2 a 3"),
    (4, 7, "nivel-3", "4 a 7"),
    (8, None, "nivel-4", "8 o más"),
)
COLOURS = {
    "nivel-0": "#f1efec",
    "nivel-1": "#f8c9c4",
    "nivel-2": "#ee8a80",
    "nivel-3": "#d7443a",
    "nivel-4": "#8e1214",
}

Point = tuple[float, float]
Ring = list[Point]


class MapDataError(ValueError):
    """The outlines file is missing a municipality or is not the expected GeoJSON."""


@dataclass(frozen=True)
class Shape:
    municipality: Municipality
    path: str  # SVG path data, already projected and simplified


@dataclass(frozen=True)
class BaseMap:
    shapes: tuple[Shape, ...]  # one per municipality, in the reference data's order
    width: float
    height: float


def level(count: int) -> str:
    for low, high, name, _ in LEVELS:
        if count >= low and (high is None or count <= high):
            return name
    return LEVELS[-1][2]


def _rings(geometry: Mapping[str, Any]) -> list[Ring]:
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else None
    if not isinstance(polygons, list):
        raise MapDataError(f"geometría '{kind}' no es Polygon ni MultiPolygon")
    return [[(float(x), float(y)) for x, y, *_ in ring] for polygon in polygons for ring in polygon]


def _simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker on a closed ring (iterative, so a long ring cannot exhaust the stack)."""
    if len(ring) < 5:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = ring[first], ring[last]
        length = math.hypot(bx - ax, by - ay)
        best, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = ring[i]
            if length:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > best:
                best, index = distance, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(ring, keep, strict=True) if kept]


def _area(ring: Ring) -> float:
    return (
        abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2
    )


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _path(rings: Sequence[Ring]) -> str:
    parts = []
    for ring in rings:
        points = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in ring]
        if points[0] == points[-1]:
            points = points[:-1]
        x0, y0 = points[0]
        steps = []
        for (xa, ya), (xb, yb) in itertools.pairwise(points):
            dx, dy = round(xb - xa, DECIMALS), round(yb - ya, DECIMALS)
            if dx or dy:
                steps.append(f"{_number(dx)} {_number(dy)}".replace(" -", "-"))
        parts.append(f"M{_number(x0)} {_number(y0)}l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(parts)


def base_map(geojson: str, municipalities: Sequence[Municipality]) -> BaseMap:
    """Project and simplify the outlines; every municipality must have exactly one feature."""
    try:
        data = json.loads(geojson)
        features = {str(f["properties"]["clave_inegi"]): f["geometry"] for f in data["features"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise MapDataError(f"no es el GeoJSON esperado ({exc})") from exc
    missing = [m.nombre for m in municipalities if m.clave not in features]
    if missing:
        raise MapDataError(f"faltan los contornos de: {', '.join(missing)}")
    rings = {m.clave: _rings(features[m.clave]) for m in municipalities}
    lons = [x for found in rings.values() for ring in found for x, _ in ring]
    lats = [y for found in rings.values() for ring in found for _, y in ring]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * squeeze)
    height = (north - south) * scale + 2 * MARGIN

    def project(point: Point) -> Point:
        return (MARGIN + (point[0] - west) * squeeze * scale, MARGIN + (north - point[1]) * scale)

    shapes = []
    for municipality in municipalities:
        projected = [[project(p) for p in ring] for ring in rings[municipality.clave]]
        simplified = [_simplify(ring, TOLERANCE) for ring in projected]
        largest = max(_area(ring) for ring in simplified)
        kept = [
            ring for ring in simplified if len(ring) >= 4 and (_area(ring) >= 1.0 or _area(ring) == largest)
        ]
        shapes.append(Shape(municipality, _path(kept)))
    return BaseMap(tuple(shapes), WIDTH, round(height, 1))


def choropleth(base: BaseMap, counts: Mapping[str, int], title: str, *, ident: str = "mapa") -> str:
    """The map as inline SVG: one <path> per municipality with its level class and a tooltip, a
    legend, and the source credit. `counts`: municipality slug → items."""
    legend_top = base.height + 8
    height = legend_top + 50
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="mapa-cobertura" viewBox="0 0 {_number(base.width)} '
        f'{_number(height)}" role="img" aria-labelledby="{ident}-titulo">',
        f'<title id="{ident}-titulo">{escape(title)}</title>',
        "<style>"
        + ".municipio{stroke:#fff;stroke-width:.5;stroke-linejoin:round}"
        + "".join(f".{name}{{fill:{colour}}}" for name, colour in COLOURS.items())
        + ".leyenda{font:13px sans-serif;fill:#222}</style>",
        '<g class="municipios">',
    ]
    for shape in base.shapes:
        count = counts.get(shape.municipality.slug, 0)
        notes = "sin actividad" if count == 0 else "1 nota" if count == 1 else f"{count} notas"
        out.append(
            f'<path class="municipio {level(count)}" data-clave="{shape.municipality.clave}" '
            f'd="{shape.path}"><title>{escape(shape.municipality.nombre)}: {notes}</title></path>'
        )
    out.append("</g>")
    out.append(f'<g class="leyenda" transform="translate({_number(MARGIN)} {_number(legend_top)})">')
    x = 0.0
    for _, _, name, label in LEVELS:
        out.append(
            f'<rect class="{name}" x="{_number(x)}" y="0" width="14" height="14" stroke="#999" stroke-width=".5"/>'
        )
        out.append(f'<text x="{_number(x + 18)}" y="11">{escape(label)}</text>')
        x += 26 + 6.5 * len(label)
    out.append(f'<text x="0" y="34">Notas por municipio. {escape(SOURCE_CREDIT)}.</text>')
    out.append("</g></svg>")
    return "\n".join(out)
