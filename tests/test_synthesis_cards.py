"""Manual monitoring cards (radio, TV): checked like content with path:line, all problems at once;
the cards folder is the source of truth for their stories; `make ficha` writes one to fill in."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

from feedkit import ROOT, office, reference

from pressroom.model.item import MEXICO_CITY
from publish.directory.loading import reference as content_reference
from publish.synthesis.cards import read_card
from publish.synthesis.daily import collect, open_context
from publish.synthesis.outlets import Outlets, read_outlets

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=MEXICO_CITY)
RADIO = "- nombre: Radio Mexiquense Ejemplo\n  medio: radio\n  alcance: estatal\n"
GOOD = """\
fecha: 2026-11-25
hora: "07:30"
emisora: Radio Mexiquense Ejemplo
programa: Noticiario matutino
resumen: Entrevista a Lucy Fernández sobre las becas en Ecatepec; critica al gobierno por el retraso.
tono: negativo
personas: [hector-salgado]
municipios: [toluca]
"""


def outlets(text: str = RADIO) -> Outlets:
    found, problems = read_outlets("publish/medios.yml", text.encode(), reference())
    assert not problems
    return found


def test_the_committed_samples_are_valid() -> None:
    ref = content_reference(ROOT / "content", ROOT)
    listed, problems = read_outlets("publish/medios.yml", (ROOT / "publish/medios.yml").read_bytes(), ref)
    assert problems == [] and len(listed.outlets) == 7
    samples = sorted((ROOT / "publish/monitoreo.ejemplo").rglob("*.yml"))
    assert len(samples) == 2
    for path in samples:
        card, problems = read_card(path.name, path.read_bytes(), ref, listed, NOW + dt.timedelta(days=1))
        assert problems == [] and card is not None


def test_every_problem_of_a_card_at_once_with_its_line() -> None:
    text = """\
fecha: 2026-11-25
hora: "7.30"
emisora: Radio Desconocida
programma: Noticiario
resumen: Algo se dijo.
tono: negatvo
personas: [hector-salgadoo]
municipios: [Texcoko]
enlace: ftp://radio.example.org/a.mp3
"""
    card, problems = read_card("monitoreo/a.yml", text.encode(), reference(), outlets(), NOW)
    assert card is None
    assert [str(p) for p in problems] == [
        "monitoreo/a.yml:2: 'hora' '7.30' no es una hora válida; escríbela como 07:30",
        "monitoreo/a.yml:3: la emisora 'Radio Desconocida' no está en la lista de medios; agrégala a la lista "
        "(publish/medios.yml) o pon en la ficha 'medio:' (radio, tv, prensa, digital o redes) y 'alcance:' "
        "(nacional, estatal o local)",
        "monitoreo/a.yml:4: clave desconocida 'programma'; ¿quisiste decir 'programa'?",
        "monitoreo/a.yml:6: tono 'negatvo' no existe; ¿quisiste decir 'negativo'?; usa uno de: positivo, neutral, negativo",
        "monitoreo/a.yml:7: persona 'hector-salgadoo' no está en content/datos/personas.yml; ¿quisiste decir 'hector-salgado'?",
        "monitoreo/a.yml:8: municipio 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?",
        "monitoreo/a.yml:9: 'enlace' 'ftp://radio.example.org/a.mp3' no es una dirección web (https://…)",
    ]


def test_hostile_cards_end_in_a_clear_message() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefghi", "bcdefghij", strict=True)
    )
    cases = {
        bomb: "monitoreo/x.yml:1: la línea usa un ancla o alias de YAML",
        "- una lista\n- no una ficha\n": "monitoreo/x.yml:1: el encabezado debe ser una lista de claves",
        "fecha: 2026-11-25\nresumen: 'sin cerrar\n": "monitoreo/x.yml:2: el encabezado YAML no se puede leer",
        "x" * (65 * 1024): "monitoreo/x.yml:1: la ficha pesa más de 64 KB",
        "": "monitoreo/x.yml:1: falta 'emisora' en la ficha",
    }
    for text, start in cases.items():
        card, problems = read_card("monitoreo/x.yml", text.encode(), reference(), outlets(), NOW)
        assert card is None and str(problems[0]).startswith(start), (text[:40], problems)
    latin1 = "fecha: 2026-11-25\nemisora: Radio Mexiquense Ejemplo\nresumen: Señal débil\n".encode("latin-1")
    _, problems = read_card("monitoreo/x.yml", latin1, reference(), outlets(), NOW)
    assert str(problems[0]).startswith("monitoreo/x.yml:3: el archivo no está en UTF-8")


def test_the_cards_folder_is_the_source_of_truth(tmp_path: Path) -> None:
    project = office(tmp_path, RADIO)
    good = project.card("2026/11/buena.yml", GOOD)
    other = project.card("2026/11/otra.yml", GOOD.replace("07:30", "08:00").replace("tono: negativo\n", ""))
    project.card("2026/11/.respaldo.yml", "no: es: una: ficha")  # hidden: an editor's backup
    project.card("2026/11/notas.txt", "no es YAML")

    def run(
        minutes: int,
    ) -> tuple[list[str], dict[str, tuple[int, str | None, tuple[str, ...], tuple[str, ...], str]]]:
        context = open_context(project.load())
        try:
            collected = collect(context, NOW + dt.timedelta(minutes=minutes), fetch=False)
            stories = context.store.stories("ficha IS NOT NULL")
        finally:
            context.close()
        found = {
            s.ficha or "": (s.id, s.tono, s.temas.personas, s.temas.municipios, s.notes[0].programa)
            for s in stories
        }
        return collected.cards.lines(), found

    lines, stories = run(0)
    assert lines == ["Fichas de monitoreo: 2 nuevas, 0 cambiadas, 0 quitadas"]
    first = stories["monitoreo/2026/11/buena.yml"]
    # declared (hector-salgado, toluca) and detected in the summary (Lucy Fernández, Ecatepec)
    assert first[1:] == (
        "negativo",
        ("hector-salgado", "lucia-fernandez"),
        ("ecatepec-de-morelos", "toluca"),
        "Noticiario matutino",
    )
    assert stories["monitoreo/2026/11/otra.yml"][1] is None

    assert run(5) == ([], stories)  # nothing changed, nothing said

    good.write_text(GOOD.replace("negativo", "neutral"), encoding="utf-8")
    other.write_text(
        GOOD.replace("Noticiario matutino", "Mesa de análisis").replace("tono: negativo", "tono: maso"),
        encoding="utf-8",
    )
    lines, after = run(10)
    assert lines == [
        "monitoreo/2026/11/otra.yml:6: tono 'maso' no existe; usa uno de: positivo, neutral, negativo",
        "Fichas de monitoreo: 0 nuevas, 1 cambiadas, 0 quitadas",
    ]
    assert after["monitoreo/2026/11/buena.yml"][:2] == (first[0], "neutral")  # same story, new tone
    assert after["monitoreo/2026/11/otra.yml"] == stories["monitoreo/2026/11/otra.yml"]  # kept as it was

    good.unlink()
    lines, after = run(15)
    assert lines[-1] == "Fichas de monitoreo: 0 nuevas, 0 cambiadas, 1 quitadas"
    assert list(after) == ["monitoreo/2026/11/otra.yml"]


def _command(project_root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    from publishkit import environment

    return subprocess.run(
        [sys.executable, "-m", "publish", "--config", "publicacion.toml", "sintesis", *args],
        cwd=project_root,
        env=environment({"SINTESIS_AHORA": "2026-11-25T07:45"}),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_make_ficha_writes_a_card_to_fill_in(tmp_path: Path) -> None:
    project = office(tmp_path, RADIO)
    made = _command(
        project.root, "ficha", "--emisora", "Radio Mexiquense Ejemplo", "--programa", "Noticiario matutino"
    )
    assert made.returncode == 0, made.stderr
    path = project.cards / "2026/11/2026-11-25-0745-radio-mexiquense-ejemplo-noticiario-matutino.yml"
    assert made.stdout.splitlines()[0] == f"Ficha nueva: {path.relative_to(project.root)}"
    checked = _command(project.root, "revisar")
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        f"{path.relative_to(project.root)}:8: 'resumen' todavía tiene el texto de ejemplo; escribe el de este programa"
    ]
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Qué se dijo, quién lo dijo y en qué contexto (una o dos frases).", "Se habló del PT."),
        encoding="utf-8",
    )
    checked = _command(project.root, "revisar")
    assert checked.returncode == 0, checked.stderr
    assert "Fichas de monitoreo en monitoreo/: 1, 0 problema(s)." in checked.stdout
    again = _command(
        project.root, "ficha", "--emisora", "Radio Mexiquense Ejemplo", "--programa", "Noticiario matutino"
    )
    assert again.stdout.splitlines()[0].endswith("noticiario-matutino-2.yml")  # never overwrites a card
    unknown = _command(project.root, "ficha", "--emisora", "Canal Nuevo")
    assert "medio: radio" in (project.cards / "2026/11/2026-11-25-0745-canal-nuevo.yml").read_text(
        encoding="utf-8"
    )
    assert unknown.returncode == 0


def test_a_broken_sources_list_stops_with_every_problem(tmp_path: Path) -> None:
    project = office(
        tmp_path,
        "- nombre: Diario Uno\n  medio: periodico\n  alcance: estatal\n  feeds: [https://uno.example.org/rss]\n"
        "- nombre: Diario Uno\n  medio: prensa\n  alcance: local\n  feeds: [uno.example.org/rss]\n"
        "- medio: prensa\n  alcanse: estatal\n",
    )
    shutil.rmtree(project.cards, ignore_errors=True)
    checked = _command(project.root, "revisar")
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        "Error: la lista de medios tiene 7 problema(s):",
        "medios.yml:2: medio 'periodico' no existe; usa uno de: prensa, radio, tv, digital, redes",
        "medios.yml:5: el medio 'Diario Uno' ya está en la línea 1; deja uno solo, con todos sus feeds",
        "medios.yml:5: un medio de alcance local necesita 'municipios': [donde circula]",
        "medios.yml:8: '"
        "uno.example.org/rss' no es una dirección de feed; escribe la dirección completa del RSS o Atom, por ejemplo "
        "https://diario.example.org/rss.xml",
        "medios.yml:9: falta 'alcance' en este medio",
        "medios.yml:9: falta 'nombre' en este medio",
        "medios.yml:10: clave desconocida 'alcanse'; ¿quisiste decir 'alcance'?",
    ]


def test_an_outlet_or_a_feed_listed_twice_names_both_lines() -> None:
    text = """\
- nombre: Diario del Valle
  medio: prensa
  alcance: estatal
  feeds:
    - https://diario.example.org/rss.xml
    - https://diario.example.org/rss.xml
- nombre: DIARIO DEL VALLÉ
  medio: radio
  alcance: estatal
- nombre: Portal Mexiquense
  medio: digital
  alcance: estatal
  feeds:
    - https://diario.example.org/rss.xml
    - http://www.Diario.example.org/rss.xml/?utm_source=portada
    - https://portal.example.org/feed?seccion=edomex
- nombre: Radio Oriente
  medio: radioo
  alcance: estatal
  feeds: [https://portal.example.org/feed?seccion=toluca, https://portal.example.org/feed?seccion=edomex]
- nombre: diario  del valle
  medio: prensa
  alcance: locall
"""
    found, problems = read_outlets("publish/medios.yml", text.encode(), reference())
    assert [str(p) for p in problems] == [
        "publish/medios.yml:6: el feed https://diario.example.org/rss.xml ya está en la línea 5, en este "
        "mismo medio; deja uno solo",
        "publish/medios.yml:7: el medio 'DIARIO DEL VALLÉ' ya está en la línea 1 como 'Diario del Valle' "
        "(sin mayúsculas ni acentos es el mismo); deja uno solo, con todos sus feeds",
        "publish/medios.yml:14: el feed https://diario.example.org/rss.xml ya está en la línea 5, en el "
        "medio 'Diario del Valle'; cada feed va en un solo medio: quítalo de uno de los dos",
        "publish/medios.yml:15: el feed http://www.Diario.example.org/rss.xml/?utm_source=portada ya está en "
        "la línea 5 escrito https://diario.example.org/rss.xml (es la misma dirección), en el medio 'Diario "
        "del Valle'; cada feed va en un solo medio: quítalo de uno de los dos",
        "publish/medios.yml:18: medio 'radioo' no existe; ¿quisiste decir 'radio'?; usa uno de: prensa, "
        "radio, tv, digital, redes",
        "publish/medios.yml:20: el feed https://portal.example.org/feed?seccion=edomex ya está en la línea 16, "
        "en el medio 'Portal Mexiquense'; cada feed va en un solo medio: quítalo de uno de los dos",
        "publish/medios.yml:21: el medio 'diario  del valle' ya está en la línea 1 como 'Diario del Valle' "
        "(sin mayúsculas ni acentos es el mismo); deja uno solo, con todos sus feeds",
        "publish/medios.yml:23: alcance 'locall' no existe; ¿quisiste decir 'local'?; usa uno de: nacional, "
        "estatal, local",
    ]
    # the list is refused as a whole (load_outlets stops on any problem); a repeated outlet is kept once
    assert [o.nombre for o in found.outlets] == ["Diario del Valle", "Portal Mexiquense"]
