"""The files under content/: the ones the site may read, and why it must not read the others.

Hidden names (a leading '.', as editors' lock and swap files) are skipped, as Pelican skips them.
A symbolic link is read only when it is a photo, audio or data file inside content/: a link out of
content/ (it would publish a file of the build machine), a broken link, a linked folder and a
linked note are refused with `path:1`, as are pipes and devices, so `validar` and `html` see the
same files and nothing outside content/ is ever published.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .model.problems import Problem


@dataclass(frozen=True)
class Tree:
    files: list[str]  # relative to content/, sorted
    refused: dict[str, Problem]  # relative path → the problem that names it


def display_path(content_dir: Path, relative: str) -> str:
    """How messages name a file: relative to the project, e.g. content/boletines/x.md."""
    return str(Path(content_dir.name) / relative)


def scan(content_dir: Path) -> Tree:
    """Every file under content/, and a problem for each one the site must not read."""
    root = content_dir.resolve()
    files: list[str] = []
    refused: dict[str, Problem] = {}
    for folder, folders, names in os.walk(content_dir):  # linked folders are listed, never entered
        here = Path(folder)
        folders[:] = [name for name in folders if not name.startswith(".")]
        found = [(name, _LINKED_FOLDER if (here / name).is_symlink() else None) for name in folders]
        found += [(name, _refusal(here / name, root)) for name in names if not name.startswith(".")]
        for name, refusal in found:
            relative = (here / name).relative_to(content_dir).as_posix()
            if refusal:
                refused[relative] = Problem(display_path(content_dir, relative), 1, refusal)
            elif name in names:
                files.append(relative)
    return Tree(sorted(files), refused)


def content_files(content_dir: Path) -> list[str]:
    """The files under content/ the site may read (relative, sorted)."""
    return scan(content_dir).files


def inside(content_dir: Path, relative: str) -> bool:
    """Whether content/`relative`, links followed, is a file inside content/."""
    try:
        target = (content_dir / relative).resolve()
    except (RuntimeError, OSError):
        return False
    return target.is_relative_to(content_dir.resolve()) and target.is_file()


def _refusal(path: Path, root: Path) -> str | None:
    mode = path.lstat().st_mode
    if stat.S_ISREG(mode):
        return None
    if not stat.S_ISLNK(mode):
        return "no es un archivo normal (¿una tubería o un dispositivo?); bórralo"
    try:
        target = path.resolve()
    except (RuntimeError, OSError):  # a loop of links
        return "es un enlace simbólico que no lleva a ningún archivo (un ciclo de enlaces); bórralo"
    if not target.is_relative_to(root):
        return (
            "es un enlace simbólico que apunta fuera de content/, y el sitio solo publica lo que "
            "está dentro de content/; copia aquí el archivo real en lugar del enlace"
        )
    if not target.exists():
        return (
            "es un enlace simbólico roto (apunta a algo que no existe); bórralo o copia aquí el archivo real"
        )
    if path.suffix == ".md":
        return "es un enlace simbólico a otra nota; cada nota es un archivo propio: copia el archivo en lugar de enlazarlo"
    return None if target.is_file() else "no es un archivo normal; bórralo"


_LINKED_FOLDER = (
    "es un enlace simbólico a una carpeta, y las carpetas de content/ no pueden ser enlaces; "
    "copia aquí la carpeta real"
)
