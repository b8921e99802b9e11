"""The monthly media balance and the quarterly report: notes counted by medium, outlet, tone, person
and municipality, with inline-SVG charts, read back from the page with an HTML parser and from the
CSV with the csv module."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from feedkit import Done, FeedServer, Route, mexico, office, outlet, rss
from lxml import html

WIRE = "Alcaldesa de Texcoco inaugura clínica comunitaria con apoyo del PT"
CARD = """\
fecha: 2026-11-20
hora: "07:30"
emisora: Radio Mexiquense Ejemplo
programa: Noticiario matutino
resumen: Entrevista a Héctor Salgado Noriega sobre el presupuesto de Toluca.
tono: positivo
"""


def feed(host: str, title: str, day: int) -> bytes:
    return rss(
        [
            {"title": title, "link": f"https://{host}.example.org/clinica", "pubDate": mexico(day, 10)},
            {
                "title": "Cae el peso frente al dólar",
                "link": f"https://{host}.example.org/peso",
                "pubDate": mexico(day, 11),
            },
        ]
    )


def table_rows(tree: html.HtmlElement, heading: str) -> list[list[str]]:
    section = next(h for h in tree.iter("h2") if h.text_content() == heading)
    table = next(section.itersiblings("table"))
    return [[cell.text_content().strip() for cell in row] for row in table.iter("tr")]


def test_the_balance_of_a_month_and_the_report_of_a_quarter(tmp_path: Path, cli: Callable[..., Done]) -> None:
    routes = {
        "/nacional.xml": Route(feed("nacional", WIRE, 24)),
        "/estatal.xml": Route(
            feed("estatal", "Inaugura alcaldesa de Texcoco clínica comunitaria con apoyo del PT", 24)
        ),
        "/local.xml": Route(
            feed("local", "Texcoco: alcaldesa inaugura clínica comunitaria con apoyo del PT", 25)
        ),
    }
    with FeedServer(routes).running() as server:
        listed = (
            outlet("El Diario Nacional (ejemplo)", [server.url("/nacional.xml")], alcance="nacional")
            + outlet("Heraldo Mexiquense (ejemplo)", [server.url("/estatal.xml")])
            + outlet(
                "Portal Texcoco (ejemplo)",
                [server.url("/local.xml")],
                medio="digital",
                alcance="local",
                municipios="texcoco",
            )
            + "- nombre: Radio Mexiquense Ejemplo\n  medio: radio\n  alcance: estatal\n"
        )
        project = office(tmp_path, listed)
        project.card("2026/11/radio.yml", CARD)
        assert cli(project, "2026-11-25T12:00", "--sin-correo").returncode == 0
    wire = next(
        line.split()[0]
        for line in cli(project, "2026-11-25T13:00", "notas").stdout.splitlines()
        if WIRE in line
    )
    assert cli(project, "2026-11-25T13:00", "tono", wire, "negativo").returncode == 0

    done = cli(project, "2026-12-01T09:00", "balance", "2026-11")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Balance de noviembre de 2026: 4 notas en 2 historias (positivo: 1, neutral: 0, negativo: 3, sin clasificar: 0).",
        "Balance: estado/sintesis/balances/balance-2026-11.html",
    ]
    page = project.root / "estado/sintesis/balances/balance-2026-11.html"
    tree = html.fromstring(page.read_bytes())
    assert tree.findtext(".//h1") == "Balance mensual de medios: noviembre de 2026"
    assert table_rows(tree, "Notas por medio") == [
        ["Medio", "Notas", "Positivo", "Neutral", "Negativo", "Sin clasificar"],
        ["Prensa", "2", "0", "0", "2", "0"],
        ["Radio", "1", "1", "0", "0", "0"],
        ["Televisión", "0", "0", "0", "0", "0"],
        ["Medios digitales", "1", "0", "0", "1", "0"],
        ["Redes sociales", "0", "0", "0", "0", "0"],
        ["Total", "4", "1", "0", "3", "0"],
    ]
    assert table_rows(tree, "Los 20 medios con más notas")[1:] == [
        ["El Diario Nacional (ejemplo)", "1"],
        ["Heraldo Mexiquense (ejemplo)", "1"],
        ["Portal Texcoco (ejemplo)", "1"],
        ["Radio Mexiquense Ejemplo", "1"],
    ]
    assert table_rows(tree, "Personas mencionadas")[1:] == [["Héctor Salgado Noriega", "1"]]
    assert table_rows(tree, "Los 20 municipios con más notas")[1:] == [["Texcoco", "3"], ["Toluca", "1"]]
    assert table_rows(tree, "Alcance")[1:] == [["Nacional", "1"], ["Estatal", "2"], ["Local", "1"]]
    charts = tree.xpath("//*[local-name()='svg']")
    assert [c.xpath("string(*[local-name()='title'])") for c in charts] == [
        "Notas por medio",
        "Notas por tono",
        "Notas por alcance",
        "Notas por medio de comunicación",
        "Notas por persona",
        "Notas por municipio",
    ]
    bars = charts[0].xpath("*[local-name()='rect']")
    assert [float(b.get("width")) for b in bars] == [380.0, 190.0, 0.0, 190.0, 0.0]  # 2, 1, 0, 1, 0 of 2
    assert not tree.xpath("//script")

    rows = list(csv.DictReader(io.StringIO(page.with_suffix(".csv").read_text(encoding="utf-8"))))
    assert [(r["fecha"], r["medio"], r["tipo"], r["tono"], r["municipios"]) for r in rows] == [
        ("2026-11-20 07:30", "Radio Mexiquense Ejemplo", "Radio", "positivo", "Toluca"),
        ("2026-11-24 10:00", "El Diario Nacional (ejemplo)", "Prensa", "negativo", "Texcoco"),
        ("2026-11-24 10:00", "Heraldo Mexiquense (ejemplo)", "Prensa", "negativo", "Texcoco"),
        ("2026-11-25 10:00", "Portal Texcoco (ejemplo)", "Medios digitales", "negativo", "Texcoco"),
    ]
    assert not list((project.root / "output").rglob("*"))

    quarter = cli(project, "2027-01-02T09:00", "balance", "2026-t4")
    assert quarter.returncode == 0, quarter.stderr
    tree = html.fromstring((project.root / "estado/sintesis/balances/balance-2026-T4.html").read_bytes())
    assert tree.findtext(".//h1") == "Informe trimestral de notas publicadas: cuarto trimestre de 2026"
    assert [r[0] for r in table_rows(tree, "Notas por mes")[1:]] == [
        "Octubre de 2026",
        "Noviembre de 2026",
        "Diciembre de 2026",
    ]
    assert [r[-1] for r in table_rows(tree, "Notas por mes")[1:]] == ["0", "4", "0"]

    for wrong, message in {
        "noviembre": "Error: el periodo 'noviembre' no es válido; usa un mes (2026-11) o un trimestre (2026-T4)\n",
        "2026-13": "Error: el periodo '2026-13': el mes va de 01 a 12\n",
        "": "Error: falta el periodo; usa un mes (2026-11) o un trimestre (2026-T4): make balance PERIODO=2026-11\n",
    }.items():
        failed = cli(project, "2027-01-02T09:00", "balance", wrong)
        assert (failed.returncode, failed.stderr) == (1, message)
