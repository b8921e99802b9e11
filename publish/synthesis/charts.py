"""Horizontal bar charts as inline SVG (no JavaScript, no library) for the media balance. Each chart
has a title for screen readers, and its figures are always in a table next to it too."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

FONT = "font:11px sans-serif;fill:#222"
BAR = "#C8102E"
TONE_COLOURS = {
    "positivo": "#009E73",
    "neutral": "#999999",
    "negativo": "#D55E00",
    "sin clasificar": "#dddddd",
}


def bar_chart(
    rows: Sequence[tuple[str, int]], title: str, *, ident: str, colours: Sequence[str] | None = None
) -> str:
    """One bar per row, longest first as given; the count at the end of each bar."""
    width, left, row_height = 640, 200, 22
    plot_width = width - left - 60
    highest = max([count for _, count in rows] + [1])
    height = 8 + row_height * max(len(rows), 1)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafica" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-titulo">',
        f'<title id="{ident}-titulo">{escape(title)}</title>',
        f"<style>text{{{FONT}}}</style>",
    ]
    if not rows:
        out.append('<text x="0" y="18">Sin notas en el periodo</text>')
    for index, (label, count) in enumerate(rows):
        y = 4 + index * row_height
        name = label if len(label) <= 32 else label[:31] + "…"
        colour = colours[index] if colours else BAR
        bar = count / highest * plot_width
        out.append(f'<text x="0" y="{y + 14}">{escape(name)}</text>')
        out.append(f'<rect x="{left}" y="{y + 3}" width="{bar:.1f}" height="15" fill="{colour}"/>')
        out.append(f'<text x="{left + bar + 6:.1f}" y="{y + 14}">{count}</text>')
    out.append("</svg>")
    return "\n".join(out)
