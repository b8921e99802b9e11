"""`python -m publish informe|agenda` (make informe, make agenda) on the fixture project of
reportkit: known figures in the HTML and the CSV files, nothing private, errors in Spanish."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shlex
import subprocess
from pathlib import Path

import lxml.html
import pytest
from publishkit import Project, environment, files_containing
from reportkit import AFTER_EMBARGO, LEVELS, PRIVATE, report_publishing_project, run_report

from pressroom.model.item import District, Municipality
from publish.directory import Contact, Directory, Suppression
from publish.reports.freshness import freshness
from sitekit import NOW, ROOT


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return report_publishing_project(tmp_path_factory.mktemp("informe"))


@pytest.fixture(scope="module")
def quarter(project: Project) -> Path:
    run = run_report(project, "informe", "2026-T4")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    return project.state / "informes/2026-T4"


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets in Spanish read the accents
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def table(doc: lxml.html.HtmlElement, heading_id: str, nth: int = 0) -> list[list[str]]:
    """Rows (header cells included) of the nth table after the <h2> with that id."""
    tables = doc.xpath(
        f"//h2[@id='{heading_id}']/following-sibling::table[preceding-sibling::h2[1][@id='{heading_id}']]"
    )
    found = tables[nth]
    return [[" ".join(c.text_content().split()) for c in row.xpath("th|td")] for row in found.xpath(".//tr")]


def test_the_quarterly_report_is_written_where_nothing_is_published(project: Project, quarter: Path) -> None:
    names = sorted(p.name for p in quarter.iterdir())
    assert names == [
        "directorio.csv",
        "envios-por-canal.csv",
        "envios-por-distrito.csv",
        "informe-2026-T4.html",
        "metas.csv",
        "municipios.csv",
        "personas.csv",
        "publicaciones-por-mes.csv",
    ]
    assert not project.output.exists() or not files_containing(project.output, b"informe")
    html = (quarter / "informe-2026-T4.html").read_text(encoding="utf-8")
    # self-contained: no script, no stylesheet or image fetched from anywhere
    doc = lxml.html.fromstring(html)
    assert doc.xpath("//script") == []
    assert doc.xpath("//link[@rel='stylesheet']|//img") == []
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html


def test_the_terminal_says_where_the_report_is_and_what_it_found(project: Project) -> None:
    run = run_report(project, "informe", "2026-T4")
    assert run.stdout.splitlines() == [
        "Informe del cuarto trimestre de 2026 (1 de octubre al 31 de diciembre de 2026):",
        "  estado/informes/2026-T4/informe-2026-T4.html  ← ábrelo en el navegador; se imprime en A4",
        "  Tablas CSV en estado/informes/2026-T4/: publicaciones-por-mes.csv, metas.csv, municipios.csv, "
        "personas.csv, envios-por-canal.csv, envios-por-distrito.csv, directorio.csv",
        "  Publicaciones: 16",
        "  Conferencias de prensa: 1 de 4 (25 %). Faltan 3 conferencias de prensa en los 36 días que quedan "
        "(hay 2 programadas); hace falta programar 1 más.",
        "  Municipios con actividad: 4 de 125",
        "  Envíos: 6 enviados, 2 fallidos, 2 desconocidos, 1 pendiente",
        "  Directorio: 1 de 3 contactos activos verificados en los últimos seis meses (make directorio dice quiénes faltan)",
        "Aviso: El periodo está en curso: cifras al jueves 26 de noviembre de 2026, 08:00.",
    ]


def test_goals_months_coverage_and_people(quarter: Path) -> None:
    doc = lxml.html.fromstring((quarter / "informe-2026-T4.html").read_bytes())
    assert " ".join(doc.xpath("//h1")[0].text_content().split()) == (
        "Informe de Comunicación Social: cuarto trimestre de 2026"
    )
    goals = table(doc, "metas")
    assert [row[:7] for row in goals] == [
        ["Periodo", "Tipo", "Realizadas", "Programadas", "Meta", "Avance", "Faltan"],
        # held 5 Oct; 10 Dec announced and 3 Dec still embargoed (the internal report counts it)
        ["T4 2026", "Conferencias de prensa", "1", "2", "4", "25 %", "3"],
        ["Año 2026", "Conferencias de prensa", "4", "2", "12", "33 %", "8"],
    ]
    assert goals[1][7].startswith("En curso. Faltan 3 conferencias de prensa en los 36 días que quedan")
    months = table(doc, "publicaciones")
    assert months[1:] == [
        ["Octubre", "0", "14", "1", "0", "0", "0", "0", "15"],
        ["Noviembre", "0", "1", "0", "0", "0", "0", "0", "1"],  # not the embargoed or withdrawn bulletins
        ["Diciembre", "0", "0", "0", "0", "0", "0", "0", "0"],
        ["Total", "0", "15", "1", "0", "0", "0", "0", "16"],
    ]
    top = table(doc, "cobertura")
    assert top[1:] == [["Toluca", "8"], ["Texcoco", "4"], ["Chalco", "2"], ["Metepec", "1"]]
    missing = [
        li.text_content()
        for li in doc.xpath("//h3[starts-with(., 'Municipios sin actividad')]/following-sibling::ul[1]/li")
    ]
    assert len(missing) == 121 and missing[0] == "Acambay de Ruíz Castañeda" and "Zumpango" in missing
    paths = doc.xpath("//figure[contains(@class, 'mapa')]//path")
    assert len(paths) == 125
    by_class = {p.get("data-clave"): p.get("class").split()[1] for p in paths}
    assert {k: v for k, v in by_class.items() if v != "nivel-0"} == {
        "15106": LEVELS["toluca"],
        "15099": LEVELS["texcoco"],
        "15025": LEVELS["chalco"],
        "15054": LEVELS["metepec"],
    }
    assert "Fuente: INEGI" in doc.text_content()
    people = table(doc, "personas")
    assert people[1:] == [
        ["Ana Pérez Ruiz", "Presidenta municipal", "Texcoco", "14"],
        ["Luis Mora Díaz", "Regidor", "Toluca", "2"],
    ]


def test_deliveries_per_channel_and_per_district(quarter: Path) -> None:
    doc = lxml.html.fromstring((quarter / "informe-2026-T4.html").read_bytes())
    assert table(doc, "difusion") == [
        ["Canal", "Enviados", "Fallidos", "Desconocidos", "Pendientes", "Total"],
        ["Correo", "4", "1", "1", "1", "7"],
        # the Facebook post of 30 September 23:30 local time belongs to the third quarter
        ["Facebook", "1", "0", "0", "0", "1"],
        ["X", "1", "1", "1", "0", "3"],  # the bulletin marked by `init` is not counted
        ["Total", "6", "2", "2", "1", "11"],
    ]
    assert table(doc, "difusion", 1) == [
        ["Distrito", "Canal", "Enviados", "Fallidos", "Desconocidos", "Pendientes"],
        ["Distrito 1 (ejemplo)", "Correo", "2", "1", "1", "1"],
        ["Distrito 2 (ejemplo)", "Correo", "1", "0", "1", "1"],  # Enlace002@Example.org: any case
        ["Contactos de todo el estado", "Correo", "1", "0", "0", "0"],
        ["Fuera del directorio o sin distrito", "Correo", "1", "0", "0", "0"],
    ]
    text = " ".join(doc.text_content().split())
    assert (
        "1 envío marcado como ya anunciado con make init no se cuenta: no salió desde este sistema." in text
    )
    assert "2 envíos en estado desconocido esperan que alguien revise si salió: make estado los lista" in text
    assert "1 publicación se borró de las redes en el periodo porque su nota se retiró." in text
    assert read_csv(quarter / "envios-por-canal.csv") == [
        ["canal", "enviados", "fallidos", "desconocidos", "pendientes"],
        ["correo", "4", "1", "1", "1"],
        ["facebook", "1", "0", "0", "0"],
        ["x", "1", "1", "1", "0"],
    ]


def test_directory_freshness(quarter: Path) -> None:
    """Six months before 26 Nov is 26 May: verified 1 Sep is recent, 1 Dec 2025 is not."""
    doc = lxml.html.fromstring((quarter / "informe-2026-T4.html").read_bytes())
    text = " ".join(doc.text_content().split())
    assert (
        "1 de 3 contactos activos (33 %) se verificaron desde el 26 de mayo de 2026 (últimos seis meses); "
        "1 tiene una verificación más antigua y 1 nunca se ha verificado. La verificación más antigua es "
        "del 1 de diciembre de 2025. Hay además 1 contacto inactivo."
    ) in text
    assert table(doc, "directorio")[1:] == [
        ["Distrito 1 (ejemplo)", "2", "1", "1", "0"],
        ["Distrito 2 (ejemplo)", "1", "0", "1", "0"],
        ["Distrito 3 (ejemplo)", "0", "0", "0", "0"],  # Zumpango's contact is inactive
        ["Todo el estado", "1", "0", "0", "1"],
    ]
    assert "Distritos sin nadie asignado que reciba: Distrito 3 (ejemplo)." in text
    assert "121 municipios no tienen quien reciba las notas" in text


def test_the_csv_tables(quarter: Path) -> None:
    municipalities = read_csv(quarter / "municipios.csv")
    assert municipalities[0] == ["clave_inegi", "municipio", "publicaciones", "nivel"]
    assert len(municipalities) == 126
    assert ["15106", "Toluca", "8", "nivel-4"] in municipalities
    assert ["15120", "Zumpango", "0", "nivel-0"] in municipalities
    assert read_csv(quarter / "metas.csv") == [
        ["periodo", "tipo", "realizadas", "programadas", "meta", "avance_por_ciento", "faltan", "situacion"],
        ["2026-T4", "conferencia", "1", "2", "4", "25", "3", "en curso"],
        ["2026", "conferencia", "4", "2", "12", "33", "8", "en curso"],
    ]
    months = read_csv(quarter / "publicaciones-por-mes.csv")
    assert months[0] == [
        "mes",
        "boletin",
        "actividad",
        "conferencia",
        "reportaje",
        "capsula",
        "spot",
        "galeria",
        "total",
    ]
    assert months[1] == ["2026-10", "0", "14", "1", "0", "0", "0", "0", "15"]


def test_no_contact_detail_reaches_a_report(project: Project, quarter: Path) -> None:
    for needle in (PRIVATE.encode(), b"enlace001@", b"enlace002@", b"redaccion@", b"zumpango@", b"antiguo@"):
        assert files_containing(quarter, needle) == [], needle


def test_year_and_month_periods(project: Project) -> None:
    run = run_report(project, "informe", "2026")
    assert run.returncode == 0, run.stderr
    doc = lxml.html.fromstring((project.state / "informes/2026/informe-2026.html").read_bytes())
    goals = table(doc, "metas")
    assert [row[:4] for row in goals[1:]] == [
        ["T1 2026", "Conferencias de prensa", "2", "0"],  # 15 Jan and 31 March 23:30 local time
        ["T2 2026", "Conferencias de prensa", "1", "0"],
        ["T3 2026", "Conferencias de prensa", "0", "0"],
        ["T4 2026", "Conferencias de prensa", "1", "2"],
        ["Año 2026", "Conferencias de prensa", "4", "2"],
    ]
    assert len(table(doc, "publicaciones")) == 1 + 12 + 1
    assert ["Facebook", "2", "0", "0", "0", "2"] in table(doc, "difusion")  # both quarters
    run = run_report(project, "informe", "2026-11")
    assert run.returncode == 0, run.stderr
    doc = lxml.html.fromstring((project.state / "informes/2026-11/informe-2026-11.html").read_bytes())
    assert [r[0] for r in table(doc, "publicaciones")] == ["Mes", "Noviembre", "Total"]
    assert [r[0] for r in table(doc, "metas")[1:]] == ["T4 2026", "Año 2026"]
    assert "No hubo envíos en el periodo." in doc.text_content()  # every delivery was in October
    assert (
        doc.xpath("//h2[@id='difusion']/following-sibling::table[preceding-sibling::h2[1][@id='difusion']]")
        == []
    )


def test_without_a_period_the_current_quarter(project: Project) -> None:
    run = run_report(project, "informe")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == (
        "Sin PERIODO: uso el trimestre actual, 2026-T4 (por ejemplo: make informe PERIODO=2026-T4)."
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("informe", "2026-T5"),
            "Error: periodo '2026-T5': el trimestre va de T1 a T4; usa un año (2026), un trimestre (2026-T4) o un mes (2026-11)",
        ),
        (
            ("informe", "noviembre"),
            "Error: periodo 'noviembre' no es válido; usa un año (2026), un trimestre (2026-T4) o un mes (2026-11)",
        ),
        (
            ("agenda", "--desde", "30/11/2026"),
            "Error: --desde '30/11/2026' no es una fecha; escríbela como AAAA-MM-DD, por ejemplo 2026-11-30",
        ),
        (("agenda", "--dias", "0"), "Error: --dias debe estar entre 1 y 62, no 0"),
        (("informe", "2026", "--ajustes", "no-existe.py"), None),
    ],
)
def test_mistakes_are_explained_in_spanish(
    project: Project, args: tuple[str, ...], message: str | None
) -> None:
    run = run_report(project, *args)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    if message is None:
        assert run.stderr.startswith("Error: no existe ") and "no-existe.py" in run.stderr
        assert "indica el archivo con --ajustes" in run.stderr
    else:
        assert run.stderr.strip() == message


def test_without_a_ledger_the_report_says_so(tmp_path: Path) -> None:
    project = report_publishing_project(tmp_path, ledger=False)
    run = run_report(project, "informe", "2026-T4")
    assert run.returncode == 0, run.stderr
    folder = project.state / "informes/2026-T4"
    assert not (folder / "envios-por-canal.csv").exists()
    text = " ".join(
        lxml.html.fromstring((folder / "informe-2026-T4.html").read_bytes()).text_content().split()
    )
    assert "Todavía no hay registro de envíos: se crea con la primera publicación (make publish)." in text
    assert not project.ledger.exists()  # reading never creates one


def test_a_content_error_leaves_that_file_out_and_says_which(tmp_path: Path) -> None:
    project = report_publishing_project(tmp_path, ledger=False)
    broken = tmp_path / "content/boletines/2026/roto.md"
    broken.write_text("---\ntitulo: Sin cerrar\n", encoding="utf-8")
    run = run_report(project, "informe", "2026-T4")
    assert run.returncode == 0, run.stderr
    assert (
        "Aviso: 1 archivo(s) con errores no se cuentan (content/boletines/2026/roto.md); corrígelos "
        "(make validar) y vuelve a generar el informe."
    ) in run.stdout.splitlines()
    assert "  Publicaciones: 16" in run.stdout.splitlines()


def test_reports_refuse_a_state_folder_inside_the_site(tmp_path: Path) -> None:
    project = report_publishing_project(tmp_path, ledger=False)
    project.configure(sitio={"estado": "output/estado"})
    run = run_report(project, "informe", "2026-T4")
    assert run.returncode == 1
    assert "los informes se guardan en la carpeta de estado" in run.stderr
    assert "Cambia 'sitio.estado' en la configuración a una carpeta privada" in run.stderr
    assert not (tmp_path / "output/estado/informes").exists()


# --- the week's agenda --------------------------------------------------------------------------


def test_the_weekly_agenda_in_the_terminal_and_on_paper(project: Project) -> None:
    run = run_report(project, "agenda")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "Agenda del 26 de noviembre de 2026 al 2 de diciembre de 2026"
    assert lines[1] == "Hecha el jueves 26 de noviembre de 2026, 08:00; horas del centro de México."
    assert "Viernes 27 de noviembre de 2026" in lines
    assert (
        "  08:00  SE PUBLICA   Boletín «Alcaldesa de Texcoco inaugura clínica comunitaria» (al terminar su embargo)"
        in lines
    )
    assert (
        "  08:00  SE PUBLICA   Conferencia de prensa «Conferencia de prensa 2026-11-25-conf8» (al terminar su embargo)"
        in lines
    )
    assert "0 conferencias de prensa y 2 publicaciones programadas." in lines
    assert lines[-1] == "Para imprimir: estado/informes/agenda-2026-11-26.html"
    # the next week: the embargoed conference of 3 Dec and the announced one of 10 Dec
    run = run_report(project, "agenda", "--desde", "2026-12-03", "--dias", "8")
    lines = run.stdout.splitlines()
    assert (
        "  11:00  CONFERENCIA  «Conferencia de prensa 2026-11-25-conf8» — Sede estatal del PT, Zumpango; "
        "se anuncia el martes 1 de diciembre de 2026, 08:00"
    ) in lines
    assert (
        "  11:00  CONFERENCIA  «Conferencia de prensa 2026-11-20-conf7» — Sede estatal del PT, Chalco; "
        "ya anunciada en el sitio"
    ) in lines
    doc = lxml.html.fromstring((project.state / "informes/agenda-2026-12-03.html").read_bytes())
    days = [" ".join(h.text_content().split()) for h in doc.xpath("//section[@class='dia']/h2")]
    assert days[0] == "Jueves 3 de diciembre de 2026" and len(days) == 8
    entries = [" ".join(e.text_content().split()) for e in doc.xpath("//div[@class='entrada']")]
    assert entries[0].startswith("11:00 Conferencia Conferencia de prensa 2026-11-25-conf8")
    assert "Embargo Se anuncia el martes 1 de diciembre de 2026, 08:00." in entries[0]
    assert doc.xpath("//script") == []


def test_after_the_embargo_the_agenda_shows_the_conference_as_announced(project: Project) -> None:
    run = run_report(project, "agenda", now=AFTER_EMBARGO)
    lines = run.stdout.splitlines()
    assert (
        "  11:00  CONFERENCIA  «Conferencia de prensa 2026-11-25-conf8» — Sede estatal del PT, Zumpango; "
        "ya anunciada en el sitio"
    ) in lines
    assert not any("SE PUBLICA" in line for line in lines)


def test_a_folder_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    project = report_publishing_project(tmp_path, ledger=False)
    (project.state / "informes").mkdir(parents=True)
    (project.state / "informes/2026-T4").write_text("un archivo donde va una carpeta", encoding="utf-8")
    run = run_report(project, "informe", "2026-T4")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.strip() == (
        f"Error: no se pudo guardar el informe: {project.state / 'informes/2026-T4'}: ya existe un archivo "
        "con ese nombre donde debería haber una carpeta"
    )


def test_freshness_counts_each_contact_where_it_serves() -> None:
    """A contact by municipality counts in that municipality's district; statewide ones apart."""
    texcoco = Municipality("15099", "Texcoco", "texcoco")
    chalco = Municipality("15025", "Chalco", "chalco")
    districts = (
        District("d1", "Uno", (texcoco,)),
        District("d2", "Dos", (chalco,)),
        District("d3", "Tres", ()),
    )
    directory = Directory(
        (
            Contact("A", "a@example.org", distritos=("d1",), verificado=dt.date(2026, 5, 26)),
            Contact("B", "b@example.org", municipios=("chalco",), verificado=dt.date(2026, 5, 25)),
            Contact("C", "c@example.org", estatal=True),
            Contact("D", "d@example.org", distritos=("d3",), activo=False),
        ),
        districts,
        (texcoco, chalco),
    )
    found = freshness(directory, Suppression(Path("no-existe")), dt.date(2026, 11, 26))
    assert found.cutoff == dt.date(2026, 5, 26)
    assert (found.total.contacts, found.total.recent, found.total.stale, found.total.never) == (3, 1, 1, 1)
    assert [(t.label, t.contacts, t.recent, t.stale, t.never) for t in found.districts] == [
        ("Uno", 1, 1, 0, 0),
        ("Dos", 1, 0, 1, 0),  # by its municipality
        ("Tres", 0, 0, 0, 0),  # only an inactive contact
    ]
    assert (found.statewide.contacts, found.statewide.never, found.inactive) == (1, 1, 1)
    assert found.districts_without_anyone == ("Dos", "Tres")  # B covers Chalco, not the district
    assert found.municipalities_without_anyone == 0


# --- the README's commands, as written ----------------------------------------------------------


def reports_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Informes y agenda\n")
    return text[start : text.index("\n## ", start + 1)]


def test_the_readme_report_commands_run_as_written(tmp_path: Path) -> None:
    """Each `make …` of "Informes y agenda", run from the repository through make against the
    fixture project (PUBLICACION_CONFIG for publishing, CONFIG for the site's settings)."""
    project = report_publishing_project(tmp_path)
    project.configure(  # folders spelled out, since make runs from the repository
        sitio={
            "salida": str(project.output),
            "estado": str(project.state),
            "contactos": str(tmp_path / "contactos.yml"),
            "contenido": str(tmp_path / "content"),
        },
        despliegue={"carpeta": str(project.deployed)},
        bandeja={"carpeta": str(project.outbox)},
    )
    found = set(re.findall(r"(?:^|`)(make [^`\n]+)", reports_section(), re.M))
    assert {"make informe PERIODO=2026-T4", "make agenda", "make agenda DESDE=2026-12-07"} <= found, found
    assert "python -m publish" not in reports_section()
    for command in sorted(found - {"make html"}):
        run = subprocess.run(
            ["make", "--no-print-directory", "-o", ".venv/.instalado", *shlex.split(command)[1:]],
            cwd=ROOT,
            env=environment(
                {
                    "PUBLICACION_CONFIG": str(project.config),
                    "CONFIG": str(tmp_path / "pelican.conf.py"),
                    "PRESSROOM_NOW": NOW.isoformat(),
                }
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert (run.returncode, run.stderr) == (0, ""), command
    reports = project.state / "informes"
    assert (reports / "2026-T4/informe-2026-T4.html").is_file()
    assert (reports / "agenda-2026-11-26.html").is_file()
    assert (reports / "agenda-2026-12-07.html").is_file()
