"""The one place that writes non-HTML files into the output folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .exceptions import BuildError


def target(output_dir: Path, relative: str) -> Path:
    """The path for `relative` inside output_dir; refuses anything that would land outside it."""
    root = output_dir.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root) or path == root:
        raise BuildError(f"se intentó escribir fuera de la carpeta de salida: {relative}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_bytes(output_dir: Path, relative: str, data: bytes) -> None:
    path = target(output_dir, relative)
    if path.exists():
        raise BuildError(f"dos partes del sitio quieren escribir el mismo archivo: {relative}")
    path.write_bytes(data)


def copy_file(output_dir: Path, relative: str, source: Path) -> None:
    shutil.copyfile(source, target(output_dir, relative))


def link_file(output_dir: Path, relative: str, source: Path) -> None:
    """Publish a file from the image cache: a hard link where possible (instant), else a copy."""
    path = target(output_dir, relative)
    if path.exists():
        raise BuildError(f"dos partes del sitio quieren escribir el mismo archivo: {relative}")
    try:
        os.link(source, path)
    except OSError:
        shutil.copyfile(source, path)
