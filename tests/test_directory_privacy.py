"""The contact directory is personal data: a marker planted in every free-text field (and a phone
number found nowhere else) never reaches the built site or the deployed folder, and names, phones,
media and notes never reach the ledger or anything a run prints (what the cron log keeps) — even
when the directory is wrongly kept among the site's data files."""

from __future__ import annotations

from pathlib import Path

from publishkit import Project, files_containing, item_id

from publish.ledger import Key
from sitekit import build_project, item, make_project

MARKS = {
    "nombre": "zqxnombrezqx",
    "correo": "zqxcorreozqx",
    "medio": "zqxmediozqx",
    "notas": "zqxnotaszqx",
    "comentario": "zqxcomentariozqx",
}
PHONE = "+52 55 0000 7319"
DIGITS = "525500007319"
DIRECTORY = f"""\
# {MARKS["comentario"]}: a comment in the private file
- nombre: Enlace {MARKS["nombre"]} (ficticio)
  correo: {MARKS["correo"]}@example.org
  telefono: {PHONE}
  rol: periodista
  medio: Radio {MARKS["medio"]}
  notas: Llamar por la tarde {MARKS["notas"]}
  distritos: [distrito-01]
  municipios: [Texcoco]
  listas: [todo]
  activo: sí
  verificado: 2026-06-01
  whatsapp: 2026-06-01
"""
PRIVATE = [*(m for k, m in MARKS.items() if k != "correo"), DIGITS, "0000 7319"]


def test_every_field_stays_private(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "boletines/2026/a.md": item(id=item_id(0)),
        "datos/contactos.yml": DIRECTORY,  # wrongly among the site's data: still never published
    }
    build_project(make_project(tmp_path, files))
    project = Project(tmp_path)
    project.configure(
        sitio={"contactos": "content/datos/contactos.yml"},
        canales={"whatsapp": {"tipo": "bandeja", "cuenta": "+52 722 000 0000"}},
        por_tipo={"boletin": ["x", "correo", "whatsapp"]},
    )
    outputs = []
    for command in (("plan",), ("run",), ("estado",), ("estado", item_id(0)), ("run",)):
        done = project.publish(*command)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout + done.stderr)
    address = f"{MARKS['correo']}@example.org"
    # the contact did get both messages, so the searches below can find markers where they are
    assert len(project.files_of(Key(item_id(0), "correo", address))) == 1
    (whatsapp,) = project.files_of(Key(item_id(0), "whatsapp", address))
    assert DIGITS in whatsapp.read_text(encoding="utf-8")  # the outbox is private, like the directory
    review = project.publish("directorio")  # the private export for the review holds everything
    assert review.returncode == 0, review.stderr
    assert files_containing(project.state / "directorio", MARKS["medio"].encode()) != []

    for folder in (project.output, project.current):
        for mark in [*MARKS.values(), DIGITS]:
            assert files_containing(folder, mark.encode()) == [], (folder, mark)
    ledger = project.ledger.read_bytes() + b"".join(
        p.read_bytes() for p in project.state.glob("registro.sqlite3*") if p.is_file()
    )
    assert address.encode() in ledger  # the address is the delivery's key, by design
    printed = "\n".join(outputs)
    for private in PRIVATE:
        assert private.encode() not in ledger, private
        assert private not in printed, private
