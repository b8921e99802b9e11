"""Fixture content for the indicator, agenda and report tests, with answers known by construction.

Clock: sitekit.NOW (Thursday 26 November 2026, 08:00 in Mexico City), inside the fourth quarter.

Press conferences of 2026 (they count when held, `evento.inicio`):
  Q1: ene-15 and mar-31 23:30 local (= 1 April 05:30 UTC: still Q1)  → 2
  Q2: abr-01 00:00                                                    → 1
  Q4: oct-05 held; dic-10 announced (upcoming); dic-03 embargoed until dic-01 08:00 (not public)
  also: a withdrawn one (feb-10) and a draft (mar-05) that never count
Bulletins: mar-31 23:30 (Q1, March), abr-01 00:00 (Q2, April), one withdrawn and one embargoed
  until nov-27 in November, and in Q4 the coverage pattern of COVERAGE (one item per count).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from publishkit import Project

import sitekit
from pressroom.content import Site, load_site
from pressroom.model.item import MEXICO_CITY
from publish.ledger import Key, open_ledger
from sitekit import NOW, ROOT, item, make_project

# Q4 2026 items per municipality, built to land in each class of the map's legend
COVERAGE = {"toluca": 8, "texcoco": 4, "chalco": 2, "metepec": 1}
LEVELS = {"toluca": "nivel-4", "texcoco": "nivel-3", "chalco": "nivel-2", "metepec": "nivel-1"}
OUTLINES = "datos/edomex_municipios.geojson"
AFTER_EMBARGO = dt.datetime(2026, 12, 1, 8, 0, tzinfo=MEXICO_CITY)


def conferencia(item_id: str, fecha: str, inicio: str, municipio: str = "toluca", **fields: str) -> str:
    place = f"{{inicio: {inicio}, lugar: Sede estatal del PT, municipio: {municipio}}}"
    return sitekit.conferencia(item_id, fecha, place, municipio, **fields)


def boletin(item_id: str, fecha: str, municipio: str = "texcoco", **fields: str) -> str:
    return item(
        id=item_id,
        slug=fields.pop("slug", f"boletin-{item_id}"),
        fecha=fecha,
        municipios=f"[{municipio}]",
        **fields,
    )


def files() -> dict[str, str | bytes]:
    found: dict[str, str | bytes] = {
        "conferencias/2026/c1.md": conferencia("2026-01-10-conf1", "2026-01-10 09:00", "2026-01-15 11:00"),
        "conferencias/2026/c2.md": conferencia("2026-03-20-conf2", "2026-03-20 09:00", "2026-03-31 23:30"),
        "conferencias/2026/c3.md": conferencia("2026-03-25-conf3", "2026-03-25 09:00", "2026-04-01 00:00"),
        "conferencias/2026/c4.md": conferencia(
            "2026-02-01-conf4",
            "2026-02-01 09:00",
            "2026-02-10 11:00",
            estado="retirado",
            motivo_retiro="Se canceló por lluvia.",
        ),
        "conferencias/2026/c5.md": conferencia(
            "2026-03-01-conf5", "2026-03-01 09:00", "2026-03-05 11:00", estado="borrador"
        ),
        "conferencias/2026/c6.md": conferencia(
            "2026-09-30-conf6", "2026-09-30 09:00", "2026-10-05 11:00", municipio="texcoco"
        ),
        "conferencias/2026/c7.md": conferencia(
            "2026-11-20-conf7", "2026-11-20 09:00", "2026-12-10 11:00", municipio="chalco"
        ),
        "conferencias/2026/c8.md": conferencia(
            "2026-11-25-conf8",
            "2026-11-25 09:00",
            "2026-12-03 11:00",
            municipio="zumpango",
            estado="programado",
            embargo="2026-12-01 08:00",
        ),
        "boletines/2026/b1.md": boletin("2026-03-31-bol01", "2026-03-31 23:30"),
        "boletines/2026/b2.md": boletin("2026-04-01-bol02", "2026-04-01 00:00"),
        "boletines/2026/b3.md": boletin(
            "2026-11-10-bol03",
            "2026-11-10 10:00",
            municipio="ecatepec-de-morelos",
            estado="retirado",
            motivo_retiro="Cifras equivocadas.",
        ),
        "boletines/2026/b4.md": boletin(
            "2026-11-20-bol04",
            "2026-11-20 10:00",
            municipio="zumpango",
            estado="programado",
            embargo="2026-11-27 08:00",
        ),
        "actividades/2026/estatal.md": item(
            id="2026-11-02-est01",
            tipo="actividad",
            slug="actividad-estatal",
            fecha="2026-11-02 10:00",
            municipios="[estatal]",
            personas="[luis-mora]",
        ),
    }
    # Q4 coverage: texcoco and chalco already have conferences c6 and c7 (c7 is still to come)
    remaining = {**COVERAGE, "texcoco": COVERAGE["texcoco"] - 1}
    for municipio, count in remaining.items():
        for n in range(count):
            item_id = f"2026-10-{n + 1:02d}-{municipio[:3]}{n:02d}"
            found[f"actividades/2026/{municipio}-{n}.md"] = item(
                id=item_id,
                tipo="actividad",
                slug=f"actividad-{municipio}-{n}",
                fecha=f"2026-10-{n + 1:02d} 10:00",
                municipios=f"[{municipio}]",
            )
    return found


def report_project(root: Path, content: dict[str, str | bytes]) -> Path:
    """sitekit.make_project plus the municipal outlines the map is drawn from; the conf path."""
    conf = make_project(root, content)
    shutil.copy(ROOT / "content" / OUTLINES, root / "content" / OUTLINES)
    return conf


def fixture_site(root: Path) -> tuple[Path, Site]:
    """The project (its pelican.conf.py) and its content, parsed with the content model."""
    conf = report_project(root, files())
    site = load_site(root / "content")
    assert not site.problems, site.problems
    return conf, site


# --- a publishing project around the fixture content, with a ledger and a directory ------------

DISTRICTS = """\
- id: distrito-01
  nombre: Distrito 1 (ejemplo)
  municipios: [texcoco, toluca]
- id: distrito-02
  nombre: Distrito 2 (ejemplo)
  municipios: [chalco, metepec]
- id: distrito-03
  nombre: Distrito 3 (ejemplo)
  municipios: [zumpango]
"""
PRIVATE = "MARCADOR-PRIVADO-7319"  # planted in every contact: must never reach a report
CONTACTS = f"""\
- nombre: Enlace uno {PRIVATE}
  correo: enlace001@example.org
  distritos: [distrito-01]
  verificado: 2026-09-01
- nombre: Enlace dos {PRIVATE}
  correo: Enlace002@Example.org
  distritos: [distrito-01, distrito-02]
  verificado: 2025-12-01
- nombre: Redacción estatal {PRIVATE}
  correo: redaccion@example.org
  distritos: [estatal]
- nombre: Enlace de Zumpango {PRIVATE}
  correo: zumpango@example.org
  municipios: [zumpango]
  activo: no
  verificado: 2026-10-01
"""
# (item, channel, recipient, outcome, when the outcome was recorded, UTC)
DELIVERIES = [
    ("2026-10-01-tol00", "x", "@PTEdomex", "sent", "2026-10-02T16:00:00+00:00"),
    ("2026-09-30-conf6", "x", "@PTEdomex", "failed", "2026-10-01T16:00:00+00:00"),
    ("2026-10-02-tol01", "x", "@PTEdomex", "unknown", "2026-10-03T16:00:00+00:00"),
    ("2026-10-01-tol00", "facebook", "PTEdomex", "sent", "2026-10-02T16:00:00+00:00"),
    ("2026-10-01-tol00", "correo", "enlace001@example.org", "sent", "2026-10-02T16:01:00+00:00"),
    ("2026-10-01-tol00", "correo", "enlace002@example.org", "sent", "2026-10-02T16:01:00+00:00"),
    ("2026-09-30-conf6", "correo", "enlace001@example.org", "failed", "2026-10-01T16:01:00+00:00"),
    ("2026-09-30-conf6", "correo", "enlace002@example.org", "unknown", "2026-10-01T16:01:00+00:00"),
    ("2026-10-02-tol01", "correo", "enlace002@example.org", "pending", "2026-10-03T16:01:00+00:00"),
    ("2026-10-01-tol00", "correo", "antiguo@example.org", "sent", "2026-10-02T16:01:00+00:00"),
    ("2026-10-01-tol00", "correo", "redaccion@example.org", "sent", "2026-10-02T16:01:00+00:00"),
    # 1 October 05:30 UTC is still 30 September in Mexico City: third quarter
    ("2026-09-30-conf6", "facebook", "PTEdomex", "sent", "2026-10-01T05:30:00+00:00"),
]
INITIAL = ("2026-03-31-bol01", "x", "@PTEdomex", "2026-10-05T16:00:00+00:00")  # marked by `init`
WITHDRAWN = ("2026-09-30-conf6", "facebook", "PTEdomex", "2026-11-02T18:00:00+00:00")


def write_ledger(path: Path) -> None:
    """The DELIVERIES through the real ledger API, then each attempt and outcome dated as listed
    (the ledger stamps the real clock; a report is about when things happened)."""
    ledger = open_ledger(path, create=True)
    try:
        for item_id, channel, recipient, state, _ in DELIVERIES:
            key = Key(item_id, channel, recipient)
            ledger.add([key], "hash", "nuevo")
            if state == "pending":
                continue
            assert ledger.begin(key)
            if state == "sent":
                ledger.sent(key, "remoto-1", None)
            elif state == "failed":
                ledger.failed(key, "rechazado", retryable=False)
            else:
                ledger.unknown(key, "tiempo agotado")
        item_id, channel, recipient, _ = INITIAL
        ledger.mark_announced([Key(item_id, channel, recipient)], "hash")
        with ledger.db:
            for item_id, channel, recipient, _, stamp in [*DELIVERIES, (*INITIAL[:3], "", INITIAL[3])]:
                ledger.db.execute(
                    "UPDATE deliveries SET updated_at = ?, attempted_at = CASE WHEN attempted_at IS NULL"
                    " THEN NULL ELSE ? END WHERE item_id = ? AND channel = ? AND recipient = ?",
                    (stamp, stamp, item_id, channel, recipient),
                )
        # the Facebook post of 30 September is deleted on 2 November (its note was withdrawn): the
        # delivery stays in the third quarter; the deletion counts in the fourth
        removed = Key(*WITHDRAWN[:3])
        ledger.withdrawn(removed, deleted=True, detail="nota retirada: borrada en la red")
        with ledger.db:
            ledger.db.execute(
                "UPDATE deliveries SET withdrawn_at = ?, updated_at = ? WHERE item_id = ? AND channel = ?"
                " AND recipient = ?",
                (WITHDRAWN[3], WITHDRAWN[3], *WITHDRAWN[:3]),
            )
    finally:
        ledger.close()


def report_publishing_project(root: Path, *, ledger: bool = True) -> Project:
    """The fixture content with its settings, a publishing configuration, the directory and a ledger."""
    report_project(root, {**files(), "datos/distritos.yml": DISTRICTS})
    (root / "contactos.yml").write_text(CONTACTS, encoding="utf-8")
    project = Project(root)
    project.configure()
    if ledger:
        write_ledger(project.ledger)
    return project


def run_report(project: Project, *args: str, now: dt.datetime = NOW) -> subprocess.CompletedProcess[str]:
    """`python -m publish … informe|agenda` in the project folder, the clock pinned."""
    return project.publish(*args, env={"PRESSROOM_NOW": now.isoformat()})
