"""The period of a media balance: the report's own periods (pressroom.indicators.periods), so that
`make balance` and `make informe` mean the same days by the same name — a month (2026-11), a
quarter (2026-T4) or a year (2026), bounded in Mexico City time."""

from __future__ import annotations

from pressroom.indicators.periods import MONTH, QUARTER, Period, PeriodError
from pressroom.indicators.periods import parse_period as parse

from ..errors import SynthesisError

TITLES = {
    MONTH: "Balance mensual de medios",
    QUARTER: "Informe trimestral de notas publicadas",
}
YEAR_TITLE = "Informe anual de notas publicadas"


def title(period: Period) -> str:
    return TITLES.get(period.kind, YEAR_TITLE)


def parse_period(text: str) -> Period:
    """A period as `make informe` reads it; an empty or wrong one is a SynthesisError in Spanish."""
    if not (text or "").strip():
        raise SynthesisError(
            "falta el periodo; usa un mes (2026-11), un trimestre (2026-T4) o un año (2026): "
            "make balance PERIODO=2026-11"
        )
    try:
        return parse(text)
    except PeriodError as exc:
        raise SynthesisError(f"el {exc}") from None
