"""The contact directory: its fields, its `path:line` errors (which never quote contact data), one
directory split in several files, routing by districts, municipalities and lists, and the
suppression list."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from publish.directory import LISTS, Contact, Directory, read_directory
from publish.directory.routing import email_route, whatsapp_route
from publish.directory.suppression import Suppression, add, load_suppression
from publish.errors import ConfigError
from publish.manifest import ManifestEvent, ManifestItem

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)
SECRET_NAME = "Zacarías Quintanar"
SECRET_PHONE = "+52 55 0000 9731"


def project(tmp_path: Path, files: dict[str, str]) -> tuple[Path, Path]:
    """A project folder with the repository's districts and municipalities and the given directory
    files (under `privado/`); returns (project root, directory source)."""
    datos = tmp_path / "content/datos"
    datos.mkdir(parents=True)
    for name in ("municipios_edomex.csv", "distritos.yml"):
        shutil.copy(ROOT / "content/datos" / name, datos / name)
    for relative, text in files.items():
        path = tmp_path / "privado" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    source = tmp_path / "privado"
    if len(files) == 1:
        source = source / next(iter(files))
    return tmp_path, source


def read(tmp_path: Path, files: dict[str, str]) -> Directory:
    root, source = project(tmp_path, files)
    return read_directory(source, root / "content", root, TODAY)


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    root, source = project(tmp_path, files)
    with pytest.raises(ConfigError) as caught:
        read_directory(source, root / "content", root, TODAY)
    lines = str(caught.value).splitlines()
    assert lines[0].startswith("el directorio de contactos tiene ")
    return lines[1:]


INTERNAL = f"""\
# coordinators and municipal links
- nombre: {SECRET_NAME}
  correo: Coordinacion.D1@Example.org
  telefono: {SECRET_PHONE}
  rol: Coordinadora distrital
  distritos: distrito-01
  verificado: 2026-06-15
  whatsapp: 2026-06-20
- nombre: Enlace de Texcoco
  correo: enlace.texcoco@example.org
  rol: enlace municipal
  municipios: [Texcoco, ecatepec-de-morelos]
  listas: [boletines, conferencias]
  activo: sí
  whatsapp: no
"""
MEDIA = """\
- nombre: Redacción regional
  correo: redaccion@diario.example.org
  rol: medio
  medio: Diario del Valle
  distritos: [estatal]
  listas: [conferencias]
- nombre: Antigua reportera
  correo: antigua@example.org
  rol: periodista
  municipios: [toluca]
  activo: no
"""


def test_a_directory_split_in_two_files_reads_every_field(tmp_path: Path) -> None:
    directory = read(tmp_path, {"internos.yml": INTERNAL, "medios/medios.yaml": MEDIA})
    assert directory.sources == ("privado/internos.yml", "privado/medios/medios.yaml")
    first, texcoco, newsroom, former = directory.contacts
    assert first == Contact(
        nombre=SECRET_NAME,
        correo="coordinacion.d1@example.org",
        telefono="+525500009731",
        rol="coordinador distrital",
        distritos=("distrito-01",),
        verificado=dt.date(2026, 6, 15),
        whatsapp=dt.date(2026, 6, 20),
        fuente="privado/internos.yml",
        linea=2,
    )
    assert first.on_whatsapp and not first.stale(TODAY) and first.listas == ("todo",)
    assert texcoco.municipios == ("texcoco", "ecatepec-de-morelos") and texcoco.whatsapp is None
    assert texcoco.stale(TODAY) and texcoco.wants("boletin") and not texcoco.wants("actividad")
    assert (newsroom.estatal, newsroom.medio, newsroom.listas) == (
        True,
        "Diario del Valle",
        ("conferencias",),
    )
    assert not former.activo and former not in directory.active()
    assert directory.by_address("COORDINACION.d1@example.org") is first
    assert directory.on_list("conferencias") == (texcoco, newsroom)
    assert "interno" in LISTS and LISTS["interno"] == ()


def test_every_mistake_is_a_path_line_error_that_quotes_no_contact_data(tmp_path: Path) -> None:
    bad = f"""\
- nombre: {SECRET_NAME}
  correo: "{SECRET_NAME.split()[0].lower()}@example.org\\nBcc: x@example.org"
  distritos: [distrito-01]
- nombre: {SECRET_NAME}
  correo: zacarias example.org
  telefono: 55 {SECRET_PHONE[-9:]}
  distritos: [distrito-99]
  municipios: [Texcoko, estatal]
- nombre: "{SECRET_NAME}\\r"
  correo: ok@example.org
  rol: jefe de prensa
  listas: [boletin]
  distritos: [distrito-02]
  activo: quizá
  verificado: 15/06/2026
  whatsapp: 2027-01-01
  telefon: {SECRET_PHONE}
- nombre: Sin cobertura
  correo: cobertura@example.org
  whatsapp: 2026-01-01
"""
    found = problems(tmp_path, {"contactos.yml": bad})
    assert found == [
        "privado/contactos.yml:2: 'correo' tiene un salto de línea; escríbelo en una sola línea",
        "privado/contactos.yml:5: 'correo' no es una dirección de correo válida; escríbela completa, sin "
        "espacios ni acentos, por ejemplo nombre@example.org",
        "privado/contactos.yml:6: 'telefono' no está en formato internacional (E.164): escribe +, la clave "
        "del país y el número, por ejemplo +52 55 0000 0000",
        "privado/contactos.yml:7: 'distritos': el 1º valor no es un distrito de content/datos/distritos.yml; "
        "los distritos son: distrito-01, distrito-02, distrito-03, distrito-04, distrito-05, distrito-06, "
        "o usa 'estatal' para todo el estado",
        "privado/contactos.yml:8: 'municipios': el 1º valor no es uno de los 125 municipios; ¿quisiste decir "
        "'Texcoco'?",
        "privado/contactos.yml:9: 'nombre' tiene un salto de línea; escríbelo en una sola línea",
        "privado/contactos.yml:11: 'rol' no es uno de los roles; usa uno de: coordinador distrital, enlace "
        "municipal, periodista, medio, equipo interno, otro",
        "privado/contactos.yml:12: 'listas': el 1º valor no es una lista; ¿quisiste decir 'boletines'?; las "
        "listas son: todo, boletines, actividades, conferencias, reportajes, capsulas, spots, galerias, "
        "interno",
        "privado/contactos.yml:14: 'activo' debe ser sí o no",
        "privado/contactos.yml:15: 'verificado' debe ser una fecha AAAA-MM-DD, por ejemplo 2026-06-15",
        "privado/contactos.yml:16: 'whatsapp' es una fecha futura; escribe el día en que ocurrió",
        "privado/contactos.yml:17: clave desconocida 'telefon'; ¿quisiste decir 'telefono'?",
        "privado/contactos.yml:18: a este contacto le falta su cobertura: indica 'distritos' y/o "
        "'municipios' (o distritos: [estatal] para todo el estado)",
        "privado/contactos.yml:20: 'whatsapp' (la fecha en que aceptó recibir mensajes) necesita "
        "'telefono' en formato +52 …",
    ]
    text = "\n".join(found)
    for private in (SECRET_NAME, "zacarias", SECRET_PHONE[-4:], "Bcc", "x@example.org", "Texcoko"):
        assert private.lower() not in text.lower(), private


def test_the_same_mailbox_in_any_case_is_a_duplicate_across_files(tmp_path: Path) -> None:
    first = "- nombre: Uno\n  correo: Prensa@Example.org\n  distritos: [distrito-01]\n"
    second = (
        "- nombre: Otro\n  correo: otro@example.org\n  distritos: [distrito-02]\n"
        "- nombre: Dos\n  correo: prensa@example.ORG\n  distritos: [distrito-02]\n"
    )
    assert problems(tmp_path, {"a.yml": first, "b.yml": second}) == [
        "privado/b.yml:4: el correo de este contacto ya está en privado/a.yml:1 (sin importar mayúsculas); "
        "cada dirección va una sola vez: junta los dos contactos en uno"
    ]


def test_a_phone_opted_in_twice_is_a_duplicate(tmp_path: Path) -> None:
    text = "".join(
        f"- nombre: N{n}\n  correo: n{n}@example.org\n  telefono: '{SECRET_PHONE}'\n"
        f"  distritos: [distrito-01]\n  whatsapp: 2026-01-0{n}\n"
        for n in (1, 2)
    )
    assert problems(tmp_path, {"c.yml": text}) == [
        "privado/c.yml:6: el teléfono de este contacto ya recibe WhatsApp por privado/c.yml:1; quita "
        "'whatsapp' de uno de los dos para no mandar cada mensaje dos veces"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"- nombre: Uno\n  correo: uno@example.org\n  telefono: '{SECRET_PHONE}\n  distritos: [distrito-01]\n",
            "privado/c.yml:3: el archivo YAML no se puede leer: unas comillas se abren en esta línea y no se cierran",
        ),
        (
            f"- nombre: {SECRET_NAME}\n  correo: uno@example.org\n  telefono: {SECRET_PHONE}: móvil\n",
            "privado/c.yml:3: el archivo YAML no se puede leer: hay dos puntos ':' donde YAML no los espera; si "
            "el valor contiene ': ', escríbelo entre comillas dobles, por ejemplo medio: \"Radio: 98.5 FM\"",
        ),
        (
            "- &a\n  nombre: Uno\n  correo: uno@example.org\n  distritos: [distrito-01]\n- *a\n",
            "privado/c.yml:5: el directorio no admite alias de YAML (un valor que empieza con '*'); escribe "
            "cada valor completo, o entre comillas si de verdad empieza con '*'",
        ),
        (
            "- nombre: x\n  correo: y@example.org\n  distritos: " + "[" * 600 + "]" * 600 + "\n",
            "privado/c.yml:1: el archivo tiene listas o grupos anidados a más de 20 niveles; revisa corchetes "
            "y sangrías",
        ),
        (
            f"nombre: {SECRET_NAME}\ncorreo: uno@example.org\n",
            "privado/c.yml:1: el directorio debe ser una lista de contactos, cada uno empezando con "
            "'- nombre: …'",
        ),
    ],
    ids=["comillas", "dos-puntos", "alias", "anidado", "no-es-lista"],
)
def test_a_broken_file_says_where_without_quoting_it(tmp_path: Path, text: str, expected: str) -> None:
    assert problems(tmp_path, {"c.yml": text}) == [expected]
    assert SECRET_PHONE[-4:] not in expected


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    text = "- nombre: Uno\n  correo: u@example.org\n  distritos: [distrito-01]\n  notas:\n" + "".join(
        f"    {line}\n" for line in levels
    )
    assert problems(tmp_path, {"c.yml": text})[0].startswith(
        "privado/c.yml:6: el directorio no admite alias de YAML"
    )


def test_a_missing_directory_and_an_empty_folder_are_clear_errors(tmp_path: Path) -> None:
    root, _ = project(tmp_path, {})
    with pytest.raises(ConfigError, match=r"no existe el directorio de contactos privado/nada\.yml; indica"):
        read_directory(root / "privado/nada.yml", root / "content", root, TODAY)
    (root / "privado").mkdir()
    with pytest.raises(
        ConfigError, match="privado: la carpeta del directorio de contactos no tiene archivos"
    ):
        read_directory(root / "privado", root / "content", root, TODAY)


# -- routing --


def manifest_item(
    tipo: str = "boletin",
    municipios: tuple[str, ...] = ("texcoco",),
    distritos: tuple[str, ...] = ("distrito-03",),
    estatal: bool = False,
    venue: str | None = None,
) -> ManifestItem:
    fecha = dt.datetime(2026, 11, 25, 10, 30, tzinfo=dt.UTC)
    return ManifestItem(
        id="2026-11-25-rutas",
        url="https://ptedomex.example.org/boletines/2026/11/x/",
        ruta="/boletines/2026/11/x/",
        titulo="Título",
        resumen="Resumen.",
        tipo=tipo,
        tipo_nombre=tipo,
        estatal=estatal,
        municipios=tuple(m.title() for m in municipios),
        distritos=distritos,
        etiquetas=(),
        imagen=None,
        fecha=fecha,
        hash="sha256:0",
        canales=None,
        municipio_slugs=municipios,
        evento=ManifestEvent(fecha, None, "Salón", venue.title(), venue) if venue else None,
    )


ROUTING = """\
- nombre: D3
  correo: D3@Example.org
  telefono: +52 55 0000 0003
  whatsapp: 2026-01-01
  distritos: [distrito-03]
- nombre: Toluca
  correo: toluca@example.org
  municipios: [Toluca]
  listas: [conferencias]
- nombre: Medio estatal
  correo: estatal@example.org
  distritos: [estatal]
  listas: [actividades]
- nombre: Interna
  correo: interna@example.org
  distritos: [estatal]
  listas: [interno]
- nombre: Inactivo
  correo: inactivo@example.org
  distritos: [distrito-03]
  activo: no
"""


def test_routing_by_district_municipality_list_and_statewide_types(tmp_path: Path) -> None:
    directory = read(tmp_path, {"c.yml": ROUTING})
    none = Suppression(tmp_path / "bajas.txt")
    texcoco = manifest_item()
    assert email_route(texcoco, directory, none, ()).recipients == ("d3@example.org",)
    assert whatsapp_route(texcoco, directory, ()).recipients == ("d3@example.org",)
    # a statewide type reaches every contact whose lists include it
    activity = manifest_item(tipo="actividad")
    assert email_route(activity, directory, none, ("actividad",)).recipients == (
        "d3@example.org",
        "estatal@example.org",
    )
    # a conference in Texcoco held in Toluca: the venue's municipal link is told too
    conference = manifest_item(tipo="conferencia", venue="toluca")
    assert email_route(conference, directory, none, ()).recipients == ("d3@example.org", "toluca@example.org")
    # a statewide item: everyone subscribed to its type, never the internal list nor the inactive
    statewide = manifest_item(estatal=True, municipios=(), distritos=())
    assert email_route(statewide, directory, none, ()).recipients == ("d3@example.org",)
    elsewhere = manifest_item(municipios=("zumpango",), distritos=("distrito-02",))
    assert email_route(elsewhere, directory, none, ()).recipients == ()


def test_a_suppressed_address_is_never_routed_whatever_its_case(tmp_path: Path) -> None:
    directory = read(tmp_path, {"c.yml": ROUTING})
    assert add(tmp_path, "d3@EXAMPLE.org", TODAY)
    assert not add(tmp_path, "D3@example.org", TODAY)  # already there
    suppression = load_suppression(tmp_path)
    assert "D3@Example.ORG" in suppression and len(suppression) == 1
    route = email_route(manifest_item(), directory, suppression, ())
    assert (route.recipients, route.suppressed) == ((), ("d3@example.org",))
    lines = (tmp_path / "bajas.txt").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "d3@example.org\t2026-11-30" and lines[0].startswith("#")
    with pytest.raises(ConfigError, match="no es una dirección de correo válida"):
        add(tmp_path, "d3@example.org\nx@example.org", TODAY)
