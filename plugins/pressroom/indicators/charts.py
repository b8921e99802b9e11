"""Charts as inline SVG, made here (no JavaScript, no library): items per type per month, and
progress towards a goal. Each chart carries its own styles and a title, so it reads the same in a
page, a printed report or a file of its own; the same figures are always given in a table too."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..dates import MONTHS
from ..model.item import TYPES
from .goals import Progress
from .measures import MonthRow

TYPE_COLOURS = {  # Okabe–Ito: told apart by readers with colour blindness
    "boletin": "#0072B2",
    "actividad": "#E69F00",
    "conferencia": "#D55E00",
    "reportaje": "#009E73",
    "capsula": "#CC79A7",
    "spot": "#56B4E9",
    "galeria": "#555555",
}
FONT = "font:11px sans-serif;fill:#222"


def nice_top(value: int) -> int:
    """A round upper bound for an axis: 1, 2, 5, 10, 20, 50, 100…"""
    top = 1
    while top < value:
        top = top * 5 // 2 if str(top).startswith("2") else top * 2
    return top


def monthly_chart(rows: Sequence[MonthRow], title: str, *, ident: str = "grafica-meses") -> str:
    """Stacked bars: one per month, one colour per type, with the axis and a legend."""
    width, left, top, plot_height = 640, 34, 18, 170
    plot_width = width - left - 8
    highest = nice_top(max([row.total for row in rows] + [1]))
    slot = plot_width / max(len(rows), 1)
    bar = min(44.0, slot * 0.7)
    legend_y = top + plot_height + 34
    legend, legend_rows = _legend(left, legend_y, width - 8)
    height = legend_y + 22 * legend_rows
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafica" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-titulo">',
        f'<title id="{ident}-titulo">{escape(title)}</title>',
        f"<style>text{{{FONT}}}.eje{{stroke:#bbb;stroke-width:1}}</style>",
    ]
    ticks = [0, highest // 2, highest] if highest % 2 == 0 else [0, highest]
    for tick in ticks:
        y = top + plot_height - tick * plot_height / highest
        out.append(f'<line class="eje" x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for index, row in enumerate(rows):
        x = left + index * slot + (slot - bar) / 2
        base = float(top + plot_height)
        for key in TYPES:
            count = row.counts.get(key, 0)
            if not count:
                continue
            size = count * plot_height / highest
            base -= size
            label = f"{MONTHS[row.month.number - 1]}: {count} {TYPES[key].plural.lower() if count != 1 else TYPES[key].label.lower()}"
            out.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{size:.1f}" '
                f'fill="{TYPE_COLOURS[key]}"><title>{escape(label)}</title></rect>'
            )
        if row.total:
            out.append(
                f'<text x="{x + bar / 2:.1f}" y="{base - 4:.1f}" text-anchor="middle">{row.total}</text>'
            )
        name = MONTHS[row.month.number - 1][:3]
        out.append(
            f'<text x="{x + bar / 2:.1f}" y="{top + plot_height + 16}" text-anchor="middle">{name}</text>'
        )
    out += legend
    out.append("</svg>")
    return "\n".join(out)


def _legend(left: int, top: int, right: int) -> tuple[list[str], int]:
    """One swatch per type, wrapped onto as many rows as the width needs; (elements, rows)."""
    out, x, y, rows = [], float(left), top, 1
    for key, tipo in TYPES.items():
        width = 22 + 6.2 * len(tipo.plural)
        if x + width > right and x > left:
            x, y, rows = float(left), y + 20, rows + 1
        out.append(f'<rect x="{x:.1f}" y="{y}" width="11" height="11" fill="{TYPE_COLOURS[key]}"/>')
        out.append(f'<text x="{x + 15:.1f}" y="{y + 10}">{escape(tipo.plural)}</text>')
        x += width
    return out, rows


def goal_chart(rows: Sequence[Progress], title: str, *, ident: str = "grafica-metas") -> str:
    """One horizontal bar per period: done (solid), scheduled (pale), the target as a line."""
    width, left, row_height = 640, 120, 30
    plot_width = width - left - 150
    highest = max([max(r.target, r.done + r.scheduled) for r in rows] + [1])
    height = 14 + row_height * len(rows) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafica" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-titulo">',
        f'<title id="{ident}-titulo">{escape(title)}</title>',
        f"<style>text{{{FONT}}}.hecho{{fill:#C8102E}}.programado{{fill:#f3b8b3}}"
        ".fondo{fill:#f1efec}.meta{stroke:#222;stroke-width:2}</style>",
    ]
    unit = plot_width / highest
    for index, row in enumerate(rows):
        y = 10 + index * row_height
        name = row.period.short_label if row.period.kind != "año" else f"Año {row.period.year}"
        out.append(f'<text x="0" y="{y + 15}">{escape(name)}</text>')
        out.append(f'<rect class="fondo" x="{left}" y="{y + 3}" width="{plot_width}" height="16"/>')
        done = row.done * unit
        out.append(f'<rect class="hecho" x="{left}" y="{y + 3}" width="{done:.1f}" height="16"/>')
        if row.scheduled:
            out.append(
                f'<rect class="programado" x="{left + done:.1f}" y="{y + 3}" '
                f'width="{row.scheduled * unit:.1f}" height="16"/>'
            )
        target = left + row.target * unit
        out.append(f'<line class="meta" x1="{target:.1f}" x2="{target:.1f}" y1="{y}" y2="{y + 22}"/>')
        text = f"{row.done} de {row.target} ({row.percent} %)"
        if row.scheduled:
            text += f" + {row.scheduled} prog."
        out.append(f'<text x="{left + plot_width + 8}" y="{y + 15}">{escape(text)}</text>')
    out.append("</svg>")
    return "\n".join(out)
