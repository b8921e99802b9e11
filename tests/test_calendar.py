"""The press-conference calendars (RFC 5545), read back with icalendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from feedschema import SITEURL, check_ics, event_utc

from sitekit import build_project, conferencia, git, item, make_project

UTC = dt.UTC
HOST = "ptedomex.example.org"


FILES = {
    "conferencias/2026/presupuesto.md": conferencia(
        "2026-11-24-conf1",
        "2026-11-24 09:00",
        "{inicio: 2026-11-27 11:00, fin: 2026-11-27 12:30, lugar: Sede estatal del PT, municipio: toluca}",
        titulo="Conferencia de prensa sobre el presupuesto estatal 2027",
        slug="conferencia-presupuesto-2027",
        resumen="La dirigencia presentará su postura sobre el paquete económico 2027.",
    ),
    # no `fin`: one hour long
    "conferencias/2026/informe.md": conferencia(
        "2026-11-20-conf2",
        "2026-11-20 09:00",
        "{inicio: 2026-12-04 10:00, lugar: Casa de cultura, municipio: texcoco}",
        municipio="texcoco",
    ),
    # the 90-day window: NOW − 90 days is 2026-08-28 08:00 (no DST in Mexico since 2022)
    "conferencias/2026/justo.md": conferencia(
        "2026-08-20-limit",
        "2026-08-20 09:00",
        "{inicio: 2026-08-28 08:00, lugar: Palacio municipal, municipio: chalco}",
        municipio="chalco",
    ),
    "conferencias/2026/vieja.md": conferencia(
        "2026-08-20-viejo",
        "2026-08-20 09:30",
        "{inicio: 2026-08-28 07:59, lugar: Palacio municipal, municipio: chalco}",
        municipio="chalco",
    ),
    "conferencias/2026/cancelada.md": conferencia(
        "2026-11-22-cance",
        "2026-11-22 10:00",
        "{inicio: 2026-11-30 10:00, lugar: Sede estatal del PT, municipio: toluca}",
        estado="retirado",
        motivo_retiro="Se canceló la conferencia.",
    ),
    "conferencias/2026/borrador.md": conferencia(
        "2026-11-25-borr1",
        "2026-11-25 09:00",
        "{inicio: 2026-11-29 10:00, lugar: Sede estatal del PT, municipio: toluca}",
        estado="borrador",
    ),
    "conferencias/2026/programada.md": conferencia(
        "2026-11-25-progr",
        "2026-11-25 09:00",
        "{inicio: 2026-11-29 12:00, lugar: Sede estatal del PT, municipio: toluca}",
        estado="programado",
        embargo="2026-11-27 08:00",
    ),
    "boletines/2026/boletin.md": item(),
}
ALL = "calendario/conferencias.ics"


@pytest.fixture(scope="module")
def sitio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("calendario")
    build_project(make_project(root, FILES))
    return root / "output"


def read(output: Path, relative: str = ALL) -> tuple[icalendar.Calendar, dict[str, icalendar.Event]]:
    calendar = check_ics((output / relative).read_bytes(), f"{SITEURL}/{relative}", output)
    return calendar, {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def uid(item_id: str) -> str:
    return f"{item_id}@{HOST}"


def test_calendar_is_rfc5545_with_timezone(sitio: Path) -> None:
    calendar, _ = read(sitio)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).strip()
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["America/Mexico_City"]


def test_calendar_holds_recent_public_conferences_only(sitio: Path) -> None:
    _, events = read(sitio)
    assert set(events) == {
        uid("2026-11-24-conf1"),
        uid("2026-11-20-conf2"),
        uid("2026-08-20-limit"),  # starts exactly NOW − 90 days: kept
        uid("2026-11-22-cance"),  # withdrawn: kept, cancelled
    }
    # too old (one minute before the window), draft, embargoed and the bulletin are not there
    data = (sitio / ALL).read_bytes()
    for absent in (b"2026-08-20-viejo", b"2026-11-25-borr1", b"2026-11-25-progr", b"2026-11-25-abcde"):
        assert absent not in data


def test_event_properties_and_utc_instants(sitio: Path) -> None:
    calendar, events = read(sitio)
    event = events[uid("2026-11-24-conf1")]
    # 11:00 in Mexico City is 17:00 UTC
    assert event_utc(calendar, event, "DTSTART") == dt.datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    assert event_utc(calendar, event, "DTEND") == dt.datetime(2026, 11, 27, 18, 30, tzinfo=UTC)
    assert event["DTSTART"].dt.astimezone(UTC) == dt.datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "Conferencia de prensa sobre el presupuesto estatal 2027"
    location = str(event["LOCATION"])
    for part in ("Sede estatal del PT", "Toluca", "Estado de México"):
        assert part in location, location
    assert str(event["URL"]) == f"{SITEURL}/conferencias/2026/11/conferencia-presupuesto-2027/"
    assert str(event["DESCRIPTION"]).strip()
    assert str(event["STATUS"]) == "CONFIRMED"
    assert isinstance(event["DTSTAMP"].dt, dt.datetime) and event["DTSTAMP"].dt.utcoffset() == dt.timedelta(0)


def test_dtend_defaults_to_one_hour(sitio: Path) -> None:
    calendar, events = read(sitio)
    event = events[uid("2026-11-20-conf2")]
    assert event_utc(calendar, event, "DTSTART") == dt.datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
    assert event_utc(calendar, event, "DTEND") == dt.datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    assert "Texcoco" in str(event["LOCATION"])


def test_withdrawn_conference_is_cancelled(sitio: Path) -> None:
    calendar, events = read(sitio)
    event = events[uid("2026-11-22-cance")]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event_utc(calendar, event, "DTSTART") == dt.datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    # the notice and the reason, not the retracted summary
    assert str(event["DESCRIPTION"]) == (
        "CANCELADA: Se canceló la conferencia.\n\n"
        "https://ptedomex.example.org/conferencias/2026/11/conferencia-2026-11-22-cance/"
    )


def test_municipality_calendars(sitio: Path) -> None:
    _, toluca = read(sitio, "calendario/municipios/toluca.ics")
    assert set(toluca) == {uid("2026-11-24-conf1"), uid("2026-11-22-cance")}
    assert str(toluca[uid("2026-11-22-cance")]["STATUS"]) == "CANCELLED"
    _, texcoco = read(sitio, "calendario/municipios/texcoco.ics")
    assert set(texcoco) == {uid("2026-11-20-conf2")}
    assert not (sitio / "calendario/municipios/acolman.ics").exists()  # no conferences there


def test_uid_and_sequence_are_stable_across_rebuilds_without_git(tmp_path: Path) -> None:
    conf = make_project(tmp_path, {"conferencias/2026/a.md": FILES["conferencias/2026/presupuesto.md"]})
    build_project(conf)
    _, first = read(tmp_path / "output")
    build_project(conf)
    _, second = read(tmp_path / "output")
    assert set(first) == set(second) == {uid("2026-11-24-conf1")}
    event_first, event_second = first[uid("2026-11-24-conf1")], second[uid("2026-11-24-conf1")]
    assert int(event_first["SEQUENCE"]) == int(event_second["SEQUENCE"])
    assert event_first["DTSTAMP"].dt == event_second["DTSTAMP"].dt


def test_sequence_increases_when_the_event_changes(tmp_path: Path) -> None:
    source = FILES["conferencias/2026/presupuesto.md"]
    conf = make_project(tmp_path, {"conferencias/2026/a.md": source})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "content")
    git(tmp_path, "commit", "-q", "-m", "convocatoria", when="2026-11-24T09:05:00-06:00")
    build_project(conf)
    _, before = read(tmp_path / "output")
    moved = source.replace(
        "inicio: 2026-11-27 11:00, fin: 2026-11-27 12:30", "inicio: 2026-11-27 13:00, fin: 2026-11-27 14:00"
    )
    assert moved != source
    (tmp_path / "content/conferencias/2026/a.md").write_text(moved, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "cambia la hora", when="2026-11-25T18:00:00-06:00")
    build_project(conf)
    calendar_after, after = read(tmp_path / "output")
    old, new = before[uid("2026-11-24-conf1")], after[uid("2026-11-24-conf1")]
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert event_utc(calendar_after, new, "DTSTART") == dt.datetime(2026, 11, 27, 19, 0, tzinfo=UTC)
    assert new["DTSTAMP"].dt >= old["DTSTAMP"].dt
