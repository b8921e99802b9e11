"""Veda windows: date ranges in which items of some types are held back (e.g. municipal
government activities during electoral campaigns) and released when the window closes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .item import TYPES, Item
from .validate import parse_date

SOURCE = "pelican.conf.py"


@dataclass(frozen=True)
class Veda:
    desde: dt.datetime
    hasta: dt.datetime
    tipos: tuple[str, ...]
    motivo: str

    def holds(self, item: Item, now: dt.datetime) -> bool:
        """An item dated inside the window waits until the window has closed."""
        return item.tipo.key in self.tipos and self.desde <= item.fecha < self.hasta and now < self.hasta


def parse_vedas(raw: Any) -> tuple[list[Veda], list[str]]:
    """VEDAS from the settings; problems name the entry and say what is expected."""
    if raw in (None, []):
        return [], []
    if not isinstance(raw, list | tuple):
        return [], [f"{SOURCE}: VEDAS debe ser una lista de vedas"]
    vedas, problems = [], []
    for number, entry in enumerate(raw, start=1):
        where = f"{SOURCE}: veda {number}"
        if not isinstance(entry, dict) or set(entry) - {"desde", "hasta", "tipos", "motivo"}:
            problems.append(f"{where}: debe tener solo 'desde', 'hasta', 'tipos' y 'motivo'")
            continue
        found: list[str] = []
        desde = _date(entry, "desde", where, found)
        hasta = _date(entry, "hasta", where, found)
        tipos = entry.get("tipos")
        if not isinstance(tipos, list | tuple) or not tipos or any(t not in TYPES for t in tipos):
            found.append(f"{where}: 'tipos' debe ser una lista de tipos ({', '.join(TYPES)})")
        motivo = entry.get("motivo")
        if not isinstance(motivo, str) or not motivo.strip():
            found.append(f"{where}: falta 'motivo' (se muestra al construir)")
        if desde and hasta and hasta <= desde:
            found.append(f"{where}: 'hasta' debe ser después de 'desde'")
        problems += found
        if not found and desde and hasta and isinstance(tipos, list | tuple) and isinstance(motivo, str):
            vedas.append(Veda(desde, hasta, tuple(tipos), motivo.strip()))
    return vedas, problems


def _date(entry: dict[str, Any], key: str, where: str, found: list[str]) -> dt.datetime | None:
    return parse_date(str(entry.get(key, "")), lambda message: found.append(f"{where}: '{key}' {message}"))


def holding(vedas: Iterable[Veda], item: Item, now: dt.datetime) -> Veda | None:
    return next((v for v in vedas if v.holds(item, now)), None)
