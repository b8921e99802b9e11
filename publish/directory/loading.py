"""Reading the directory: one YAML file or every .yml/.yaml file under a private folder.

Every problem in every file is reported at once, each as `path:line: mensaje` in Spanish, and none
quotes the file's content (YAML's own messages do: they are replaced by ours).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from pressroom.content import load_ref
from pressroom.model.frontmatter import Node, decode, parse
from pressroom.model.problems import Problem
from pressroom.model.refdata import RefData

from ..errors import ConfigError
from .fields import Reader
from .model import Contact, Directory

if TYPE_CHECKING:
    from ..config import Config

SUFFIXES = (".yml", ".yaml")
MAX_DEPTH = 20  # a contact is a mapping of scalars and short lists: deeper nesting is a mistake
MAX_PROBLEMS = 200


def load_directory(config: Config) -> Directory:
    """The directory the configuration names (`PUBLICACION_CONTACTOS` or `sitio.contactos`), read and
    checked now. Raises ConfigError listing every problem."""
    return read_directory(config.contacts_path, config.content, config.root)


def shown(path: Path, root: Path) -> str:
    """How messages name a file: relative to the project when it is inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def directory_files(source: Path, root: Path) -> list[Path]:
    if source.is_dir():
        files = sorted(
            p
            for p in source.rglob("*")
            if p.is_file()
            and p.suffix.lower() in SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(source).parts)
        )
        if not files:
            raise ConfigError(
                f"{shown(source, root)}: la carpeta del directorio de contactos no tiene archivos .yml; "
                "pon ahí uno o varios (por ejemplo internos.yml y medios.yml)"
            )
        return files
    if source.is_file():
        return [source]
    raise ConfigError(
        f"no existe el directorio de contactos {shown(source, root)}; indica el archivo o la carpeta en "
        "PUBLICACION_CONTACTOS o en 'sitio.contactos' de la configuración"
    )


def reference(content: Path, root: Path) -> RefData:
    if not (content / "datos/municipios_edomex.csv").is_file():
        raise ConfigError(
            f"no existe {shown(content, root)}/datos/municipios_edomex.csv: el directorio de contactos se "
            "revisa contra los municipios y distritos del contenido; indica la carpeta en 'sitio.contenido'"
        )
    ref, problems = load_ref(content)
    if problems:
        raise ConfigError("\n".join(str(p) for p in problems))
    return ref


def read_directory(source: Path, content: Path, root: Path, today: dt.date | None = None) -> Directory:
    today = today or dt.date.today()
    ref = reference(content, root)
    files = directory_files(source, root)
    problems: list[Problem] = []
    contacts: list[Contact] = []
    for path in files:
        contacts += read_file(path, shown(path, root), ref, today, problems)
    problems += duplicates(contacts)
    if problems:
        listed = sorted(problems)
        text = "\n".join(str(p) for p in listed[:MAX_PROBLEMS])
        if len(listed) > MAX_PROBLEMS:
            text += f"\n… y {len(listed) - MAX_PROBLEMS} problemas más"
        raise ConfigError(f"el directorio de contactos tiene {len(listed)} problema(s):\n{text}")
    return Directory(
        tuple(contacts),
        ref.districts,
        ref.municipalities,
        tuple(shown(p, root) for p in files),
    )


def read_file(path: Path, name: str, ref: RefData, today: dt.date, problems: list[Problem]) -> list[Contact]:
    text, found = decode(name, path.read_bytes())
    problems += found
    if text is None:
        return []
    root = _parse(name, text, problems)
    if root is None or (isinstance(root.value, str) and not root.value.strip()):
        return []
    if not isinstance(root.value, list):
        problems.append(
            Problem(
                name,
                root.line,
                "el directorio debe ser una lista de contactos, cada uno empezando con '- nombre: …'",
            )
        )
        return []
    contacts = []
    for entry in root.value:
        if not isinstance(entry.value, dict):
            problems.append(
                Problem(name, entry.line, "cada contacto debe ser un grupo de claves (nombre, correo, …)")
            )
            continue
        contact = read_contact(name, entry, ref, today, problems)
        if contact is not None:
            contacts.append(contact)
    return contacts


def _parse(name: str, text: str, problems: list[Problem]) -> Node | None:
    """YAML to Nodes, refusing aliases (nothing to expand) and deep nesting before building them."""
    too_deep = Problem(
        name,
        1,
        f"el archivo tiene listas o grupos anidados a más de {MAX_DEPTH} niveles; revisa corchetes y sangrías",
    )
    level = 0
    try:
        for event in yaml.parse(text, Loader=yaml.BaseLoader):
            if isinstance(event, yaml.AliasEvent):
                problems.append(
                    Problem(
                        name,
                        event.start_mark.line + 1 if event.start_mark else 1,
                        "el directorio no admite alias de YAML (un valor que empieza con '*'); escribe "
                        "cada valor completo, o entre comillas si de verdad empieza con '*'",
                    )
                )
                return None
            if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                level += 1
                if level > MAX_DEPTH:
                    problems.append(too_deep)
                    return None
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                level -= 1
    except yaml.YAMLError:
        pass  # parse() below reports it in Spanish, with its line, without quoting the file
    except RecursionError:
        problems.append(too_deep)
        return None
    root, found = parse(name, text)
    problems += [Problem(p.path, p.line, _for_directory(p.message)) for p in found]
    return root


def _for_directory(message: str) -> str:
    """The content's YAML messages, reworded for a directory file (they never quote the file)."""
    message = message.replace("el encabezado YAML", "el archivo YAML")
    message = message.replace('titulo: "Salud: nueva clínica"', 'medio: "Radio: 98.5 FM"')
    return message.replace('titulo: "[Video] Alcaldesa inaugura clínica"', 'medio: "[Radio] 98.5 FM"')


def read_contact(
    name: str, entry: Node, ref: RefData, today: dt.date, problems: list[Problem]
) -> Contact | None:
    reader = Reader(name, entry, ref, today)
    reader.unknown_keys()
    nombre = reader.text("nombre", required=True)
    correo = reader.address()
    before = len(reader.problems)
    telefono = reader.phone()
    phone_problem = len(reader.problems) > before
    rol = reader.role()
    medio = reader.text("medio")
    reader.text("notas")
    before = len(reader.problems)
    distritos, statewide_d = reader.districts()
    municipios, statewide_m = reader.municipalities()
    if not (distritos or municipios or statewide_d or statewide_m) and len(reader.problems) == before:
        reader.problem(
            None,
            "a este contacto le falta su cobertura: indica 'distritos' y/o 'municipios' "
            "(o distritos: [estatal] para todo el estado)",
        )
    listas = reader.lists()
    activo = reader.flag("activo", True)
    verificado = reader.date("verificado")
    whatsapp = reader.date("whatsapp", may_be_no=True)
    if whatsapp is not None and telefono is None and not phone_problem:
        reader.problem(
            reader.fields["whatsapp"],
            "'whatsapp' (la fecha en que aceptó recibir mensajes) necesita 'telefono' en formato +52 …",
        )
    problems += reader.problems
    if reader.problems or not correo:
        return None
    return Contact(
        nombre=nombre,
        correo=correo,
        telefono=telefono,
        rol=rol,
        medio=medio,
        distritos=distritos,
        municipios=municipios,
        estatal=statewide_d or statewide_m,
        listas=listas,
        activo=activo,
        verificado=verificado,
        whatsapp=whatsapp,
        fuente=name,
        linea=entry.line,
    )


def duplicates(contacts: list[Contact]) -> list[Problem]:
    """The same mailbox twice (any case), or the same WhatsApp number for two opted-in contacts."""
    problems = []
    seen: dict[str, Contact] = {}
    phones: dict[str, Contact] = {}
    for contact in contacts:
        first = seen.setdefault(contact.correo, contact)
        if first is not contact:
            problems.append(
                Problem(
                    contact.fuente,
                    contact.linea,
                    f"el correo de este contacto ya está en {first.where} (sin importar mayúsculas); "
                    "cada dirección va una sola vez: junta los dos contactos en uno",
                )
            )
        if contact.whatsapp and contact.telefono:
            other = phones.setdefault(contact.telefono, contact)
            if other is not contact:
                problems.append(
                    Problem(
                        contact.fuente,
                        contact.linea,
                        f"el teléfono de este contacto ya recibe WhatsApp por {other.where}; quita "
                        "'whatsapp' de uno de los dos para no mandar cada mensaje dos veces",
                    )
                )
    return problems
