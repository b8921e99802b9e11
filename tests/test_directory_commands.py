"""`python -m publish directorio` and `baja` (make directorio, make baja), and what the plan and the
summary say about who receives each item — on a real publishing project, through the real command."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from publishkit import Project, files_containing, item_id

from publish.ledger import Key

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date.today()
RECENT = (TODAY - dt.timedelta(days=30)).isoformat()
OLD = (TODAY - dt.timedelta(days=400)).isoformat()
PHONE = "+52 55 0000 4817"

# sitekit's districts file: distrito-01 = Texcoco and Toluca; every sitekit item is in Texcoco
DIRECTORY = f"""\
- nombre: Coordinación Distrito 1
  correo: Coord01@Example.org
  telefono: {PHONE}
  rol: coordinador distrital
  distritos: [distrito-01]
  verificado: {RECENT}
  whatsapp: {RECENT}
- nombre: Enlace de Toluca
  correo: toluca@example.org
  rol: enlace municipal
  municipios: [Toluca]
  verificado: {OLD}
- nombre: Periodista sin verificar
  correo: periodista@example.org
  rol: periodista
  municipios: [texcoco]
- nombre: Ya no trabaja aquí
  correo: antes@example.org
  rol: periodista
  municipios: [texcoco]
  activo: no
"""


def with_directory(project: Project, text: str = DIRECTORY) -> Project:
    (project.root / "contactos.yml").write_text(text, encoding="utf-8")
    return project


def test_directorio_lists_stale_contacts_counts_and_gaps_and_exports_privately(project: Project) -> None:
    with_directory(project)
    done = project.publish("directorio")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Directorio de contactos: 4 contactos (3 activos) en 1 archivo(s): contactos.yml" in out
    assert "Sin verificar en los últimos 6 meses" in out and "): 2\n" in out
    stale = [
        "  contactos.yml:13  periodista@example.org  Periodista sin verificar  (verificado: nunca)",
        f"  contactos.yml:8  toluca@example.org  Enlace de Toluca  (verificado: {OLD})",
    ]
    assert "\n".join(stale) in out  # oldest first
    assert "antes@example.org" not in out  # inactive: not part of the review of who receives
    assert "  distrito-01    Distrito 1 (ejemplo): 3 (WhatsApp: 1)" in out
    assert "  coordinador distrital: 1\n  enlace municipal: 1\n  periodista: 1\n" in out
    assert "Todos los distritos tienen quien reciba." in out
    assert "Municipios donde nadie recibe: 123 de 125" in out
    assert "Texcoco," not in out and "Toluca," not in out
    stamp = TODAY.isoformat()
    exported = sorted(
        p.relative_to(project.root).as_posix() for p in (project.state / "directorio").iterdir()
    )
    assert exported == [f"estado/directorio/revision-{stamp}.csv", f"estado/directorio/revision-{stamp}.html"]
    assert out.rstrip().endswith(" y ".join(reversed(exported)))
    rows = list(csv.DictReader(io.StringIO((project.root / exported[0]).read_text(encoding="utf-8-sig"))))
    assert [r["Correo"] for r in rows] == [  # by district, then name
        "coord01@example.org",
        "toluca@example.org",
        "periodista@example.org",
        "antes@example.org",
    ]
    first = next(r for r in rows if r["Correo"] == "coord01@example.org")
    assert (first["Teléfono"], first["Distritos"], first["WhatsApp desde"]) == (
        "+525500004817",
        "distrito-01",
        RECENT,
    )
    toluca = next(r for r in rows if r["Correo"] == "toluca@example.org")
    assert (toluca["Municipios"], toluca["Rol"], toluca["Archivo"]) == (
        "Toluca",
        "enlace municipal",
        "contactos.yml:8",
    )
    html = (project.root / exported[1]).read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert html.count('<tr class="viejo">') == 2 and html.count('<tr class="inactivo">') == 1
    assert (project.state / "directorio").stat().st_mode & 0o077 == 0
    # never in the site, built or deployed
    for folder in (project.output, project.deployed):
        assert files_containing(folder, b"periodista@example.org") == []


def test_directorio_refuses_to_export_into_the_site(project: Project) -> None:
    with_directory(project)
    project.configure(sitio={"estado": "output/estado"})
    done = project.publish("directorio")
    assert done.returncode == 1
    assert "está dentro de" in done.stderr and "datos personales" in done.stderr
    assert not (project.output / "estado/directorio").exists()


def test_baja_stops_email_to_an_address_and_the_plan_and_summary_say_so(project: Project) -> None:
    with_directory(project)
    done = project.publish("baja", "PERIODISTA@example.org")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("periodista@example.org dada de baja: no recibirá más correos")
    assert "Sigue en el directorio de contactos" in done.stdout
    again = project.publish("baja", "periodista@example.org")
    assert again.stdout.startswith("periodista@example.org ya estaba dada de baja")
    assert project.publish("baja", "no es un correo").returncode == 1

    plan = project.publish("plan")
    assert plan.returncode == 0, plan.stderr
    first = item_id(0)
    assert (
        f"Nota: {first}: no se envía por correo a direcciones dadas de baja: periodista@example.org"
        in plan.stdout
    )
    assert "periodista@example.org  «" not in plan.stdout
    run = project.publish("run")
    assert run.returncode == 0, run.stderr
    assert (
        f"  Nota: {first}: no se envía por correo a direcciones dadas de baja: periodista@example.org"
        in run.stdout
    )
    keys = set(project.rows())
    assert Key(first, "correo", "coord01@example.org") in keys
    assert not any(k.recipient == "periodista@example.org" for k in keys)
    assert project.files_of(Key(first, "correo", "periodista@example.org")) == []


def test_an_item_that_reaches_nobody_by_email_is_reported_once(project: Project) -> None:
    with_directory(project, "- nombre: Solo Toluca\n  correo: toluca@example.org\n  municipios: [toluca]\n")
    project.configure(correo={"a_todos": []})
    run = project.publish("run")
    assert run.returncode == 0, run.stderr
    first = item_id(0)
    note = (
        f"  Nota: {first} «Nota número 0»: nadie la recibe por correo; ningún contacto activo cubre "
        "Texcoco (distrito-01) con una lista que incluya este tipo. Revisa el directorio con `make directorio`"
    )
    assert note in run.stdout
    assert run.stdout.count("nadie la recibe por correo") == 3  # one per item
    again = project.publish("run")
    assert "nadie la recibe" not in again.stdout  # said when the item was new, not on every run


def test_one_mailbox_in_any_case_gets_one_email(project: Project) -> None:
    with_directory(project, "- nombre: Una\n  correo: Enlace@Example.ORG\n  distritos: [distrito-01]\n")
    assert project.publish("run").returncode == 0
    first = item_id(0)
    assert [k.recipient for k in project.rows() if k.channel == "correo" and k.item_id == first] == [
        "enlace@example.org"
    ]
    assert len(project.files_of(Key(first, "correo", "enlace@example.org"))) == 1


def test_a_directory_folder_from_the_environment(project: Project, tmp_path: Path) -> None:
    private = tmp_path / "privado"
    (private / "medios").mkdir(parents=True)
    (private / "internos.yml").write_text(
        "- nombre: Interno\n  correo: interno@example.org\n  distritos: [distrito-01]\n", encoding="utf-8"
    )
    (private / "medios/diarios.yml").write_text(
        "- nombre: Diario\n  correo: diario@example.org\n  distritos: [estatal]\n  listas: [boletines]\n",
        encoding="utf-8",
    )
    (private / ".oculto.yml").write_text("esto: no es un directorio\n", encoding="utf-8")
    run = project.publish("run", env={"PUBLICACION_CONTACTOS": str(private)})
    assert run.returncode == 0, run.stderr
    recipients = {k.recipient for k in project.rows() if k.channel == "correo"}
    assert recipients == {"interno@example.org", "diario@example.org"}


def test_a_broken_directory_stops_before_anything_and_never_echoes_a_phone(project: Project) -> None:
    with_directory(
        project, DIRECTORY + f"- nombre: Rota\n  correo: rota@example.org\n  telefono: {PHONE}: casa\n"
    )
    done = project.publish("run")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith(
        "Error: el directorio de contactos tiene 1 problema(s):\ncontactos.yml:24: el archivo YAML no se puede leer"
    )
    assert "4817" not in done.stderr and "Rota" not in done.stderr
    assert not project.deployed.exists() and not project.ledger.exists()


def test_load_directory_is_the_public_way_to_read_it(project: Project) -> None:
    """What other reports import: the directory the configuration names, read again and checked."""
    from publish.config import load
    from publish.directory import load_directory, load_suppression

    with_directory(project)
    config = load(project.config, root=project.root)
    directory = load_directory(config)
    assert directory == config.directory
    assert [c.correo for c in directory.active()] == [
        "coord01@example.org",
        "toluca@example.org",
        "periodista@example.org",
    ]
    first = directory.contacts[0]
    assert first.verificado == dt.date.fromisoformat(RECENT) and first.rol == "coordinador distrital"
    assert directory.on_list("interno") == ()
    assert len(load_suppression(config.state)) == 0


def test_the_readme_commands_for_contacts_run_as_written(project: Project) -> None:
    """`make directorio`, `make baja CORREO=…` and `make probar CANAL=…` as the README shows them."""
    from test_readme_publish import absolute, make

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in (
        "make directorio",
        "make baja CORREO=nombre@example.org",
        "make probar CANAL=correo",
        "make probar CANAL=whatsapp",
    ):
        assert f"`{command}`" in readme, command
    with_directory(absolute(project))
    project.configure(canales={"whatsapp": {"tipo": "bandeja", "cuenta": "+52 722 000 0000"}})
    review = make(project, "directorio")
    assert review.returncode == 0, review.stderr
    assert "Sin verificar en los últimos 6 meses" in review.stdout
    assert (project.state / "directorio").is_dir()
    unsubscribe = make(project, "baja", "CORREO=nombre@example.org")
    assert unsubscribe.returncode == 0, unsubscribe.stderr
    assert "nombre@example.org dada de baja" in unsubscribe.stdout
    assert "nombre@example.org\t" in (project.state / "bajas.txt").read_text(encoding="utf-8")
    for channel in ("correo", "whatsapp"):
        probe = make(project, "probar", f"CANAL={channel}")
        assert probe.returncode == 0 and "es la bandeja de salida" in probe.stdout, probe.stderr
