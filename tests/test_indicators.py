"""Indicators computed on fixture content with answers known by construction (see reportkit)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reportkit import AFTER_EMBARGO, COVERAGE, NOW, fixture_site

from pressroom.content import Site
from pressroom.indicators import agenda
from pressroom.indicators.goals import parse_goals, progress_table
from pressroom.indicators.measures import (
    coverage,
    most_active_people,
    per_type_per_month,
    published,
    type_totals,
)
from pressroom.indicators.periods import MONTH, QUARTER, YEAR, Period, PeriodError, parse_period, quarter_of
from pressroom.model.item import MEXICO_CITY, Item


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return fixture_site(tmp_path_factory.mktemp("indicadores"))[1]


def ids(items: list[Item]) -> list[str]:
    return sorted(i.id for i in items)


# --- periods ------------------------------------------------------------------------------------


def test_periods_are_read_as_written_and_bounded_in_mexico_city_time() -> None:
    q4 = parse_period("2026-T4")
    assert (q4.kind, q4.key, q4.label) == (QUARTER, "2026-T4", "cuarto trimestre de 2026")
    assert q4.start == dt.datetime(2026, 10, 1, tzinfo=MEXICO_CITY)
    assert q4.end == dt.datetime(2027, 1, 1, tzinfo=MEXICO_CITY)
    assert parse_period("2026-t1") == parse_period("2026-Q1") == Period(2026, QUARTER, 1)
    assert parse_period("2026") == Period(2026, YEAR, 0)
    assert parse_period("2026-11").key == "2026-11"
    assert parse_period("2026-11").label == "noviembre de 2026"
    assert [m.key for m in parse_period("2026-T2").months()] == ["2026-04", "2026-05", "2026-06"]
    assert parse_period("2026-02").quarters() == [Period(2026, QUARTER, 1)]
    assert parse_period("2026-T4").span == "1 de octubre al 31 de diciembre de 2026"
    # 23:30 on 31 March in Mexico City is already 1 April in UTC: still the first quarter
    late = dt.datetime(2026, 3, 31, 23, 30, tzinfo=MEXICO_CITY)
    assert late.astimezone(dt.UTC).month == 4
    assert quarter_of(late) == Period(2026, QUARTER, 1)
    assert quarter_of(late.astimezone(dt.UTC)) == Period(2026, QUARTER, 1)
    assert parse_period("2026-T1").contains(late.astimezone(dt.UTC))
    assert not parse_period("2026-T2").contains(late)
    assert Period(2026, MONTH, 12).end == dt.datetime(2027, 1, 1, tzinfo=MEXICO_CITY)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "falta el periodo; usa un año (2026), un trimestre (2026-T4) o un mes (2026-11)"),
        (
            "2026-T5",
            "periodo '2026-T5': el trimestre va de T1 a T4; usa un año (2026), un trimestre (2026-T4) o un mes (2026-11)",
        ),
        (
            "2026-13",
            "periodo '2026-13': el mes va de 01 a 12; usa un año (2026), un trimestre (2026-T4) o un mes (2026-11)",
        ),
        (
            "cuarto",
            "periodo 'cuarto' no es válido; usa un año (2026), un trimestre (2026-T4) o un mes (2026-11)",
        ),
    ],
)
def test_a_wrong_period_says_what_to_write(text: str, message: str) -> None:
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert str(error.value) == message


# --- what counts --------------------------------------------------------------------------------


def test_withdrawn_drafts_and_embargoed_items_do_not_count_until_their_time(site: Site) -> None:
    counted = ids(published(site.items, NOW))
    assert "2026-02-01-conf4" not in counted  # withdrawn
    assert "2026-11-10-bol03" not in counted  # withdrawn
    assert "2026-03-01-conf5" not in counted  # draft
    assert "2026-11-20-bol04" not in counted  # embargoed until 27 Nov 08:00
    assert "2026-11-25-conf8" not in counted  # embargoed until 1 Dec 08:00
    just_before = dt.datetime(2026, 11, 27, 7, 59, tzinfo=MEXICO_CITY)
    assert "2026-11-20-bol04" not in ids(published(site.items, just_before))
    assert "2026-11-20-bol04" in ids(published(site.items, just_before + dt.timedelta(minutes=1)))

    november = parse_period("2026-11")
    before = per_type_per_month(published(site.items, NOW), november, NOW)[0]
    assert (before.counts["boletin"], before.counts["actividad"]) == (0, 1)  # the statewide activity
    after_now = dt.datetime(2026, 11, 27, 8, 0, tzinfo=MEXICO_CITY)
    after = per_type_per_month(published(site.items, after_now), november, after_now)[0]
    assert after.counts["boletin"] == 1  # counted in November, its date, once the embargo is over


def test_items_per_type_per_month_of_the_first_quarter(site: Site) -> None:
    rows = per_type_per_month(published(site.items, NOW), parse_period("2026-T1"), NOW)
    assert [row.month.key for row in rows] == ["2026-01", "2026-02", "2026-03"]
    assert [row.total for row in rows] == [1, 0, 2]
    march = rows[2].counts
    # the bulletin dated 31 March 23:30 and the conference held then are March, not April
    assert (march["boletin"], march["conferencia"]) == (1, 1)
    assert rows[0].counts["conferencia"] == 1  # held 15 January
    assert rows[1].counts["conferencia"] == 0  # the withdrawn conference of 10 February
    assert type_totals(rows)["conferencia"] == 2
    april = per_type_per_month(published(site.items, NOW), parse_period("2026-04"), NOW)[0]
    assert (april.counts["boletin"], april.counts["conferencia"]) == (1, 1)


def test_conferences_against_the_goal_per_quarter_and_year(site: Site) -> None:
    goals, problems = parse_goals({"conferencia": {"trimestre": 4, "año": 12}})
    assert problems == []
    counted = published(site.items, NOW)
    table = progress_table(goals, parse_period("2026"), counted, NOW)
    assert [(r.period.key, r.done, r.scheduled, r.target, r.percent) for r in table] == [
        ("2026-T1", 2, 0, 4, 50),
        ("2026-T2", 1, 0, 4, 25),
        ("2026-T3", 0, 0, 4, 0),
        ("2026-T4", 1, 1, 4, 25),  # held 5 Oct; 10 Dec announced
        ("2026", 4, 1, 12, 33),
    ]
    q1, q4 = table[0], table[3]
    assert (q1.state, q1.needed, q1.advice) == (
        "no cumplida",
        2,
        "Faltaron 2 conferencias de prensa para la meta.",
    )
    assert (q4.state, q4.needed, q4.unplanned, q4.days_left) == ("en curso", 3, 2, 36)
    assert q4.advice == (
        "Faltan 3 conferencias de prensa en los 36 días que quedan (hay 1 programadas); "
        "hace falta programar 2 más."
    )
    # the internal report also counts the embargoed conference of 3 December as scheduled
    internal = progress_table(goals, parse_period("2026-T4"), counted, NOW, agenda.scheduled(site.items, NOW))
    assert [(r.period.key, r.done, r.scheduled) for r in internal] == [("2026-T4", 1, 2), ("2026", 4, 2)]
    # after it is held, it counts as done
    later = dt.datetime(2026, 12, 4, 9, 0, tzinfo=MEXICO_CITY)
    q4_later = progress_table(goals, parse_period("2026-T4"), published(site.items, later), later)[0]
    assert (q4_later.done, q4_later.scheduled) == (2, 1)


def test_goals_are_validated_with_every_problem_at_once() -> None:
    goals, problems = parse_goals(None)
    assert [(g.tipo.key, g.per_quarter, g.per_year) for g in goals] == [("conferencia", 4, 12)]
    goals, problems = parse_goals(
        {"conferencias": {"trimestre": 4}, "boletin": {"mes": 3}, "spot": {"trimestre": 0, "año": "12"}}
    )
    assert goals == []
    assert problems == [
        "pelican.conf.py: METAS['conferencias']: 'conferencias' no es un tipo; los tipos son: boletin, "
        "actividad, conferencia, reportaje, capsula, spot, galeria",
        "pelican.conf.py: METAS['boletin']: debe tener 'trimestre' y/o 'año' con números enteros, por "
        'ejemplo METAS = {"conferencia": {"trimestre": 4, "año": 12}}',
        "pelican.conf.py: METAS['spot']: 'trimestre' debe ser un número entero mayor que cero, no 0",
        "pelican.conf.py: METAS['spot']: 'año' debe ser un número entero mayor que cero, no '12'",
    ]


def test_coverage_of_the_125_municipalities_and_the_most_active_people(site: Site) -> None:
    q4 = parse_period("2026-T4")
    found = coverage(published(site.items, NOW), site.ref.municipalities, q4, NOW)
    assert len(found.counts) == 125
    assert {slug: n for slug, n in found.counts.items() if n} == COVERAGE
    assert len(found.missing) == 121
    assert "zumpango" in {m.slug for m in found.missing}  # only embargoed items there
    assert "ecatepec-de-morelos" in {m.slug for m in found.missing}  # only a withdrawn one
    assert found.statewide == 1
    assert [(m.slug, n) for m, n in found.ranked()] == [
        ("toluca", 8),
        ("texcoco", 4),
        ("chalco", 2),
        ("metepec", 1),
    ]
    people = most_active_people(published(site.items, NOW), q4, NOW)
    assert [(p.id, n) for p, n in people] == [("ana-perez", 14), ("luis-mora", 2)]


def test_agenda_public_and_internal(site: Site) -> None:
    # the public site: announced conferences still to come, never an embargoed one
    assert [i.id for i in agenda.upcoming_conferences(site.items, NOW)] == ["2026-11-20-conf7"]
    assert [i.id for i in agenda.upcoming_conferences(site.items, AFTER_EMBARGO)] == [
        "2026-11-25-conf8",
        "2026-11-20-conf7",
    ]
    # the coordinator's week from 26 Nov: the bulletin released on the 27th and the conference
    # announcement released on 1 Dec (both embargoed now), and the conference of 3 Dec
    start, end = agenda.window(NOW, days=8)
    assert (start, end) == (
        dt.datetime(2026, 11, 26, tzinfo=MEXICO_CITY),
        dt.datetime(2026, 12, 4, tzinfo=MEXICO_CITY),
    )
    entries = agenda.week(site.items, start, end, NOW)
    assert [(e.when.strftime("%m-%d %H:%M"), e.kind, e.item.id, e.public) for e in entries] == [
        ("11-27 08:00", "programada", "2026-11-20-bol04", False),
        ("12-01 08:00", "programada", "2026-11-25-conf8", False),
        ("12-03 11:00", "conferencia", "2026-11-25-conf8", False),
    ]
    start, end = agenda.window(NOW, dt.date(2026, 12, 7))
    assert [(e.item.id, e.public) for e in agenda.week(site.items, start, end, NOW)] == [
        ("2026-11-20-conf7", True)
    ]


def test_the_fixture_parses_whole(tmp_path: Path) -> None:
    """Every fixture file parses (a typo in reportkit would silently change the answers above)."""
    _, site = fixture_site(tmp_path)
    assert len(site.items) == 13 + sum(COVERAGE.values()) - 1
