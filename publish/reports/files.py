"""Writing reports and agendas: only under the state folder (`estado/informes/`), never into the
build's output or the deployed site, each file complete or not at all."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from ..config import Config
from ..errors import ReportError, describe_os_error
from .render import Table

FOLDER = "informes"


def reports_folder(config: Config) -> Path:
    """`<state>/informes`, refused if the state folder sits where the site is built or served."""
    folder = (config.state / FOLDER).resolve()
    for public in (config.output, config.deploy_folder):
        if folder.is_relative_to(public.resolve()):
            raise ReportError(
                f"los informes se guardan en la carpeta de estado ({config.state}), que está dentro de "
                f"{public}: se publicarían. Cambia 'sitio.estado' en la configuración a una carpeta privada"
            )
    return folder


def _write(path: Path, data: bytes, what: str = "el informe") -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise ReportError(f"no se pudo guardar {what}: {describe_os_error(exc)}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ReportError(f"no se pudo guardar {what}: {describe_os_error(exc)}") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs in Spanish read the accents right."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    return buffer.getvalue().encode("utf-8-sig")


def write_report(config: Config, key: str, html: str, tables: dict[str, Table]) -> list[Path]:
    """`<state>/informes/<period>/informe-<period>.html` and its CSV files; returns what was written."""
    folder = reports_folder(config) / key
    written = [folder / f"informe-{key}.html"]
    _write(written[0], html.encode("utf-8"))
    for name, table in tables.items():
        _write(folder / name, csv_bytes(table))
        written.append(folder / name)
    for stale in folder.glob("*.csv"):  # a table this run has not made (e.g. no ledger any more)
        if stale not in written:
            stale.unlink()
    return written


def write_agenda(config: Config, name: str, html: str) -> Path:
    path = reports_folder(config) / name
    _write(path, html.encode("utf-8"), "la agenda")
    return path
