"""The one place that writes non-HTML files into the output folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

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


def link_files(output_dir: Path, files: dict[str, Path]) -> None:
    """Publish files from the image cache: hard links where possible (instant), else copies.

    Hundreds of files per build: the output folder is resolved once and each relative path is
    checked by its parts (no '..', not absolute) instead of resolving every path again.
    """
    root = output_dir.resolve()
    made: set[Path] = set()
    for relative, source in files.items():
        parts = PurePosixPath(relative).parts
        if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
            raise BuildError(f"se intentó escribir fuera de la carpeta de salida: {relative}")
        path = root.joinpath(*parts)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        try:
            os.link(source, path)
        except FileExistsError as exc:
            raise BuildError(f"dos partes del sitio quieren escribir el mismo archivo: {relative}") from exc
        except OSError:  # another file system, or links not allowed: copy
            if path.exists():
                raise BuildError(
                    f"dos partes del sitio quieren escribir el mismo archivo: {relative}"
                ) from None
            shutil.copyfile(source, path)
