"""The day's window through the real command: what the first run of a day finds is that day's;
later runs the same day redo the page (with tones set since) and leave what is new for tomorrow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from feedkit import Done, FeedServer, Route, mexico, office, outlet, rss
from lxml import html


def headings(page: Path) -> list[str]:
    return [h.text_content().strip() for h in html.fromstring(page.read_bytes()).iter("h4")]


def item(title: str, slug: str, day: int, hour: int) -> dict[str, str]:
    return {"title": title, "link": f"https://diario.example.org/{slug}", "pubDate": mexico(day, hour)}


def test_each_day_has_its_window(tmp_path: Path, cli: Callable[..., Done]) -> None:
    first = [
        item("El PT propone parque en Toluca", "parque", 24, 20),
        item("Archivo: el PT en Toluca hace diez días", "archivo", 14, 20),  # back catalogue
    ]
    later = [*first, item("El PT pide alumbrado en Metepec", "alumbrado", 25, 8)]
    routes = {"/rss.xml": Route(rss(first))}
    with FeedServer(routes).running() as server:
        project = office(tmp_path, outlet("Diario del Valle (ejemplo)", [server.url("/rss.xml")]))
        pages = project.root / "estado/sintesis/2026/11"

        run = cli(project, "2026-11-25T07:00", "--sin-correo")
        assert run.returncode == 0, run.stderr
        assert run.stdout.splitlines() == [
            "✓ Diario del Valle (ejemplo): 2 notas en el feed, 2 nuevas",
            "Síntesis del 2026-11-25: 1 historias en 1 notas → estado/sintesis/2026/11/sintesis-2026-11-25.html",
            "No se envió por correo (--sin-correo).",
        ]
        assert headings(pages / "sintesis-2026-11-25.html") == ["El PT propone parque en Toluca"]

        listed = cli(project, "2026-11-25T08:00", "notas", "--fecha", "2026-11-25")
        number = int(listed.stdout.split()[0])
        toned = cli(project, "2026-11-25T08:00", "tono", str(number), "negativo")
        assert (
            toned.stdout
            == f"Nota {number} «El PT propone parque en Toluca»: tono negativo. Se verá en la síntesis y en el balance.\n"
        )

        server.routes["/rss.xml"] = Route(rss(later))
        run = cli(project, "2026-11-25T09:00", "--sin-correo")
        assert run.stdout.splitlines()[:2] == [
            "✓ Diario del Valle (ejemplo): 3 notas en el feed, 1 nuevas",
            "Síntesis del 2026-11-25: 1 historias en 1 notas → estado/sintesis/2026/11/sintesis-2026-11-25.html",
        ]
        page = html.fromstring((pages / "sintesis-2026-11-25.html").read_bytes())
        assert [a.get("class") for a in page.iter("article")] == ["negativo"]
        assert "Tono: negativo" in page.find_class("datos")[0].text_content()

        run = cli(project, "2026-11-26T07:00", "--sin-correo")
        assert headings(pages / "sintesis-2026-11-26.html") == ["El PT pide alumbrado en Metepec"]

        again = cli(project, "2026-11-27T07:00", "--fecha", "2026-11-25", "--sin-correo")
        assert again.returncode == 0 and headings(pages / "sintesis-2026-11-25.html") == [
            "El PT propone parque en Toluca"
        ]
        assert len(server.requests_to("/rss.xml")) == 3  # redoing a past day fetches nothing

        missing = cli(project, "2026-11-27T07:00", "--fecha", "2026-11-20")
        assert missing.returncode == 1
        assert missing.stderr == (
            "Error: no hay síntesis del 2026-11-20; las que hay se hicieron con `make sintesis` en su día "
            "(sin FECHA se hace la de hoy)\n"
        )


def test_editor_mistakes_on_the_command_line(tmp_path: Path, cli: Callable[..., Done]) -> None:
    project = office(tmp_path, "")
    assert cli(project, "2026-11-25T07:00", "--sin-correo").returncode == 0
    cases = {
        ("tono", "99", "negativo"): "Error: no hay ninguna nota con el número 99; búscalo con `make notas`\n",
        ("tono", "1", "malo"): "Error: el tono 'malo' no existe; usa uno de: positivo, neutral, negativo\n",
        (
            "notas",
            "--fecha",
            "25/11/2026",
        ): "Error: la fecha '25/11/2026' no es válida; escríbela como AAAA-MM-DD, por ejemplo 2026-11-25\n",
    }
    for args, message in cases.items():
        done = cli(project, "2026-11-25T08:00", *args)
        assert (done.returncode, done.stderr) == (1, message)


def test_a_damaged_notes_database_says_what_to_do(tmp_path: Path, cli: Callable[..., Done]) -> None:
    project = office(tmp_path, "")
    project.database.parent.mkdir(parents=True)
    project.database.write_bytes(b"esto no es una base de datos " * 100)
    done = cli(project, "2026-11-25T07:00", "--sin-correo")
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: la base de notas de la síntesis {project.database} está dañada (")
    assert done.stderr.endswith(
        "); guarda una copia del archivo y bórralo: la próxima síntesis la vuelve a crear (las notas anteriores se pierden)\n"
    )
    project.database.unlink()
    assert cli(project, "2026-11-25T07:00", "--sin-correo").returncode == 0
