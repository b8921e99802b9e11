"""The report's "Monitoreo de medios" (make informe): the press synthesis's notes of the period, counted
by the synthesis balance's own rules, on reportkit's fixture notes database with answers known by
construction (see reportkit's docstring). Read back from the HTML with lxml and from the CSV with the
csv module; the database must come out of a report exactly as it went in."""

from __future__ import annotations

import errno
import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from publishkit import Project
from reportkit import CARD, NOW, OLD_RULES, report_publishing_project, run_report, write_synthesis
from test_reports import read_csv

from pressroom.content import load_site
from pressroom.indicators.periods import parse_period
from publish.config import load as load_config
from publish.errors import describe_os_error
from publish.reports import media
from publish.synthesis.ingest import Ingestion, sync_cards


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    made = report_publishing_project(tmp_path_factory.mktemp("informe-medios"))
    write_synthesis(made)
    return made


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def media_section(folder: Path, key: str) -> lxml.html.HtmlElement:
    """The elements between <h2 id="medios"> and the next <h2>, in a <div>."""
    doc = lxml.html.fromstring((folder / f"informe-{key}.html").read_bytes())
    assert doc.xpath("//script") == []
    heading = doc.get_element_by_id("medios")
    assert heading.text_content() == "Monitoreo de medios"
    section = lxml.html.Element("div")
    for sibling in heading.itersiblings():
        if sibling.tag == "h2":
            break
        section.append(lxml.html.fromstring(lxml.html.tostring(sibling)))
    return section


def table_after(section: lxml.html.HtmlElement, heading: str) -> list[list[str]]:
    found = section.xpath(f"h3[.='{heading}']/following-sibling::table[1]")[0]
    return [[" ".join(c.text_content().split()) for c in row.xpath("th|td")] for row in found.xpath(".//tr")]


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_the_first_quarter_counts_the_notes_of_its_days_in_mexico_city(project: Project) -> None:
    database = project.state / "sintesis.sqlite3"
    before = digest(database)
    run = run_report(project, "informe", "2026-T1")
    assert (run.returncode, run.stderr) == (0, "")
    assert (
        "  Monitoreo de medios: 5 notas en 4 historias (positivo: 2, neutral: 1, negativo: 0, sin clasificar: 2)"
        in run.stdout.splitlines()
    )
    assert "monitoreo-de-medios.csv" in run.stdout
    folder = project.state / "informes/2026-T1"
    section = media_section(folder, "2026-T1")
    assert text(section).startswith(
        "5 notas publicadas en los medios sobre el partido, su gente y los municipios (4 historias distintas)"
    )
    assert table_after(section, "Notas por medio") == [
        ["Medio", "Notas", "Positivo", "Neutral", "Negativo", "Sin clasificar"],
        ["Prensa", "1", "1", "0", "0", "0"],  # 31 March 23:30: March, not April
        ["Radio", "1", "1", "0", "0", "0"],
        ["Televisión", "1", "0", "1", "0", "0"],  # the card; the TV note of 1 April 00:00 is Q2
        ["Medios digitales", "1", "0", "0", "0", "1"],  # suggested negativo: not an editor's tone
        ["Redes sociales", "1", "0", "0", "0", "1"],  # classified again under the current rules
        ["Total", "5", "2", "1", "0", "2"],
    ]
    assert table_after(section, "Notas por mes")[1:] == [
        ["Enero", "0", "0", "1", "0", "1", "2"],
        ["Febrero", "0", "0", "0", "1", "0", "1"],
        ["Marzo", "1", "1", "0", "0", "0", "2"],
    ]
    assert table_after(section, "Los 20 medios de comunicación con más notas")[1:] == [
        ["Canal Mexiquense (ejemplo)", "1"],
        ["El Sol de Toluca (ejemplo)", "1"],
        ["Portal Texcoco (ejemplo)", "1"],  # the balance's order: code points ("á" after "o")
        ["Página vecinal (ejemplo)", "1"],
        ["Radio Mexiquense (ejemplo)", "1"],
    ]
    assert table_after(section, "Personas mencionadas")[1:] == [
        ["Ana Pérez Ruiz", "2"],
        ["Luis Mora Díaz", "1"],
    ]
    assert table_after(section, "Los 20 municipios con más notas")[1:] == [
        ["Toluca", "2"],
        ["Chalco", "1"],
        ["Metepec", "1"],
        ["Texcoco", "1"],
    ]
    charts = section.xpath(".//*[local-name()='svg']")
    assert [c.xpath("string(*[local-name()='title'])") for c in charts] == [
        "Notas por medio",
        "Notas por tono",
        "Notas por medio de comunicación",
        "Notas por persona",
        "Notas por municipio",
    ]
    bars = charts[1].xpath("*[local-name()='rect']")  # tone: 2, 1, 0, 2 of at most 2
    assert [float(b.get("width")) for b in bars] == [380.0, 190.0, 0.0, 380.0]
    assert "make balance PERIODO=2026-T1" in text(section)

    assert read_csv(folder / "monitoreo-de-medios.csv") == [
        ["dimension", "clave", "nombre", "notas"],
        ["total", "notas", "Notas publicadas", "5"],
        ["total", "historias", "Historias distintas", "4"],
        ["medio", "prensa", "Prensa", "1"],
        ["medio", "radio", "Radio", "1"],
        ["medio", "tv", "Televisión", "1"],
        ["medio", "digital", "Medios digitales", "1"],
        ["medio", "redes", "Redes sociales", "1"],
        ["alcance", "nacional", "Nacional", "0"],
        ["alcance", "estatal", "Estatal", "3"],
        ["alcance", "local", "Local", "2"],
        ["tono", "positivo", "Positivo", "2"],
        ["tono", "neutral", "Neutral", "1"],
        ["tono", "negativo", "Negativo", "0"],
        ["tono", "sin clasificar", "Sin clasificar", "2"],
        ["medio_de_comunicacion", "Canal Mexiquense (ejemplo)", "Canal Mexiquense (ejemplo)", "1"],
        ["medio_de_comunicacion", "El Sol de Toluca (ejemplo)", "El Sol de Toluca (ejemplo)", "1"],
        ["medio_de_comunicacion", "Portal Texcoco (ejemplo)", "Portal Texcoco (ejemplo)", "1"],
        ["medio_de_comunicacion", "Página vecinal (ejemplo)", "Página vecinal (ejemplo)", "1"],
        ["medio_de_comunicacion", "Radio Mexiquense (ejemplo)", "Radio Mexiquense (ejemplo)", "1"],
        ["persona", "ana-perez", "Ana Pérez Ruiz", "2"],
        ["persona", "luis-mora", "Luis Mora Díaz", "1"],
        ["municipio", "toluca", "Toluca", "2"],
        ["municipio", "chalco", "Chalco", "1"],
        ["municipio", "metepec", "Metepec", "1"],
        ["municipio", "texcoco", "Texcoco", "1"],
        ["mes", "2026-01", "enero de 2026", "2"],
        ["mes", "2026-02", "febrero de 2026", "1"],
        ["mes", "2026-03", "marzo de 2026", "2"],
    ]
    # read-only: not a byte changed, the note under older rules still stored as it was
    assert digest(database) == before
    with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True) as db:
        assert db.execute("SELECT huella FROM stories WHERE titulo = 'El PT recorre Chalco'").fetchone() == (
            OLD_RULES,
        )


@pytest.mark.parametrize(
    ("period", "notes", "months"),
    [
        ("2026-03", "2", None),  # 31 March 23:30 local is 1 April in UTC: still March
        ("2026-04", "1", None),  # 1 April 00:00 local
        ("2026", "7", ["2", "1", "2", "1", "0", "0", "0", "0", "0", "0", "1", "0"]),
        ("2026-T3", "0", ["0", "0", "0"]),
    ],
)
def test_months_years_and_an_empty_quarter(
    project: Project, period: str, notes: str, months: list[str] | None
) -> None:
    run = run_report(project, "informe", period)
    assert (run.returncode, run.stderr) == (0, "")
    folder = project.state / "informes" / period
    rows = read_csv(folder / "monitoreo-de-medios.csv")
    assert rows[1] == ["total", "notas", "Notas publicadas", notes]
    assert [r[3] for r in rows if r[0] == "mes"] == (months or [])
    section = media_section(folder, period)
    if notes == "0":
        assert text(section).startswith(
            "La síntesis de prensa no registró notas sobre el partido, su gente o los municipios publicadas "
            "en el periodo."
        )
        assert section.xpath(".//*[local-name()='svg']") == []


def test_the_same_figures_as_make_balance(project: Project) -> None:
    """`make balance` over the same period says the same (it may save what it reclassifies: last)."""
    report = run_report(project, "informe", "2026-T1")
    line = next(x for x in report.stdout.splitlines() if x.startswith("  Monitoreo de medios:"))
    balance = project.publish("sintesis", "balance", "2026-T1", env={"SINTESIS_AHORA": "2026-11-26T08:00"})
    assert (balance.returncode, balance.stderr) == (0, "")
    figures = line.removeprefix("  Monitoreo de medios: ")
    assert balance.stdout.splitlines()[0] == f"Balance de primer trimestre de 2026: {figures}."
    page = project.state / "sintesis/balances/balance-2026-T1.csv"
    assert len(page.read_text(encoding="utf-8").splitlines()) == 1 + 5  # the same five notes


def test_without_a_notes_database_the_section_says_so(tmp_path: Path) -> None:
    project = report_publishing_project(tmp_path, ledger=False)
    run = run_report(project, "informe", "2026-T1")
    assert (run.returncode, run.stderr) == (0, "")
    assert not (project.state / "sintesis.sqlite3").exists()  # reading never creates one
    folder = project.state / "informes/2026-T1"
    assert not (folder / "monitoreo-de-medios.csv").exists()
    assert text(media_section(folder, "2026-T1")) == (
        "Todavía no hay notas de la síntesis de prensa: la base de notas se crea con la primera síntesis "
        "(make sintesis). El informe se hizo sin esta sección."
    )
    assert (
        "  Monitoreo de medios: Todavía no hay notas de la síntesis de prensa: la base de notas se crea con "
        "la primera síntesis (make sintesis). El informe se hizo sin esta sección." in run.stdout.splitlines()
    )


def test_a_damaged_notes_database_is_named_and_the_report_still_made(tmp_path: Path) -> None:
    project = report_publishing_project(tmp_path, ledger=False)
    database = project.state / "sintesis.sqlite3"
    database.parent.mkdir(parents=True, exist_ok=True)
    database.write_bytes(b"esto no es una base de datos " * 200)
    run = run_report(project, "informe", "2026-T1")
    assert (run.returncode, run.stderr) == (0, "")
    folder = project.state / "informes/2026-T1"
    said = text(media_section(folder, "2026-T1"))
    assert said.startswith("No se pudo leer la base de notas de la síntesis de prensa: la base de notas")
    assert "está dañada" in said and str(database) in said
    assert not (folder / "monitoreo-de-medios.csv").exists()
    assert database.read_bytes() == b"esto no es una base de datos " * 200


def test_a_wrong_synthesis_configuration_is_named_and_the_report_still_made(tmp_path: Path) -> None:
    project = report_publishing_project(tmp_path, ledger=False)
    project.configure(sintesis={"tiempo_limite": "mucho"})
    run = run_report(project, "informe", "2026-T1")
    assert (run.returncode, run.stderr) == (0, "")
    said = text(media_section(project.state / "informes/2026-T1", "2026-T1"))
    lines = project.config.read_text(encoding="utf-8").splitlines()
    line = lines.index('tiempo_limite = "mucho"') + 1  # the file and line that hold the mistake
    assert said == (
        f"No se pudo leer la configuración de la síntesis de prensa: publicacion.toml:{line}: "
        "'sintesis.tiempo_limite' debe ser un número, no 'mucho'"
    )


def media_line(run_stdout: str) -> list[str]:
    return [
        x.removeprefix("  Monitoreo de medios: ")
        for x in run_stdout.splitlines()
        if "Monitoreo de medios" in x
    ]


def test_cards_count_as_their_files_say_now_and_the_database_is_not_written(tmp_path: Path) -> None:
    """A card edited, added or deleted after the last synthesis counts as it is now (as `make balance`
    would store it); a card with mistakes counts as it was stored, and the report says so."""
    project = report_publishing_project(tmp_path)
    database = write_synthesis(project)
    before = digest(database)
    card = project.root / "monitoreo/2026/01/canal-mexiquense.yml"
    card.write_text(CARD.replace("tono: neutral", "tono: positivo"), encoding="utf-8")
    added = project.root / "monitoreo/2026/02/entrevista.yml"
    added.parent.mkdir(parents=True)
    added.write_text(
        CARD.replace("2026-01-20", "2026-02-03")
        .replace("Mesa de análisis sobre el presupuesto estatal.", "Entrevista sobre el agua potable.")
        .replace("tono: neutral", "tono: negativo")
        .replace("[metepec]", "[toluca]"),
        encoding="utf-8",
    )

    run = run_report(project, "informe", "2026-T1")
    assert (run.returncode, run.stderr) == (0, "")
    assert media_line(run.stdout) == [
        "6 notas en 5 historias (positivo: 3, neutral: 0, negativo: 1, sin clasificar: 2)"
    ]
    section = media_section(project.state / "informes/2026-T1", "2026-T1")
    assert ["Toluca", "3"] in table_after(section, "Los 20 municipios con más notas")
    assert section.xpath(".//*[@class='avisos']") == []

    added.unlink()
    card.write_text(CARD.replace("tono: neutral", "tono: excelente"), encoding="utf-8")
    run = run_report(project, "informe", "2026-T1")
    assert (run.returncode, run.stderr) == (0, "")
    notice = "1 ficha de monitoreo con errores cuenta como quedó en la última síntesis; `make fichas` dice qué corregir."
    assert media_line(run.stdout) == [
        "5 notas en 4 historias (positivo: 2, neutral: 1, negativo: 0, sin clasificar: 2)",
        notice,
    ]
    section = media_section(project.state / "informes/2026-T1", "2026-T1")
    assert [text(p) for p in section.xpath(".//*[@class='avisos']/p")] == [notice]

    card.unlink()
    run = run_report(project, "informe", "2026-T1")
    assert media_line(run.stdout) == [
        "4 notas en 3 historias (positivo: 2, neutral: 0, negativo: 0, sin clasificar: 2)"
    ]
    assert digest(database) == before  # every figure above came from a copy in memory


def test_cards_that_cannot_be_read_leave_the_stored_figures_and_say_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk error while the cards are read again stops neither the report nor counts a sync cut
    halfway: the figures are the stored ones, and the report says why in Spanish."""
    project = report_publishing_project(tmp_path)
    write_synthesis(project)
    card = project.root / "monitoreo/2026/01/canal-mexiquense.yml"
    card.write_text(CARD.replace("tono: neutral", "tono: positivo"), encoding="utf-8")

    def cut_halfway(ingestion: Ingestion, folder: Path, *args: Any) -> None:
        sync_cards(ingestion, folder, *args)  # the edited card is in the copy now…
        raise OSError(errno.EIO, "Input/output error", str(card))  # …and then the disk fails

    monkeypatch.setattr(media, "sync_cards", cut_halfway)
    config = load_config(project.config, project.root)
    ref = load_site(project.root / "content").ref
    found = media.read_media(config, parse_period("2026-T1"), ref, NOW)
    assert found.figures is not None and found.figures.notas == 5
    assert [(c.key, c.notas) for c in found.figures.por_tono][:2] == [("positivo", 2), ("neutral", 1)]
    assert found.notices == [
        f"Las fichas de monitoreo cuentan como quedaron en la última síntesis: {describe_os_error(OSError(errno.EIO, 'Input/output error', str(card)))}"
    ]
