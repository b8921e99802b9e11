"""An incremental build writes exactly what a full build of the same content writes.

One project goes through a series of changes; after each, the site is built incrementally into the
same `output/` (unchanged pages carried over from the previous build) and, for comparison, from
scratch into a fresh folder with the parse cache removed. The two trees must be byte-identical,
and the incremental build must really have reused pages (or, with nothing changed, kept the site).

Pagefind's own files are compared by what they index, not by bytes: Pagefind names its index
files by a hash that differs between two runs over the very same pages.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from pressroom.build import BuildResult, build
from sitekit import NOW, item, make_project

LATER = NOW + dt.timedelta(hours=1)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "pagefind" not in p.relative_to(folder).parts
    }


def indexed_pages(folder: Path) -> int:
    entry = json.loads((folder / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


class Project:
    def __init__(self, root: Path) -> None:
        files = {
            f"boletines/2026/b{n}.md": item(
                id=f"2026-11-2{n}-base{n}",
                slug=f"base-{n}",
                titulo=f"Nota base {n}",
                fecha=f"2026-11-2{n} 10:00",
            )
            for n in range(1, 5)
        }
        files["conferencias/2026/c1.md"] = item(
            id="2026-11-20-conf1",
            slug="conferencia-salud",
            titulo="Conferencia sobre salud",
            fecha="2026-11-20 09:00",
            tipo="conferencia",
            evento="{inicio: 2026-11-26 08:30, lugar: Sala de prensa, municipio: toluca}",
        )
        files["paginas/acerca.md"] = (
            "---\ntitulo: Acerca de\nslug: acerca-de\nresumen: Quiénes somos.\n---\nSomos la oficina.\n"
        )
        self.conf = make_project(root, files)
        self.root = root
        self.content = root / "content"
        self.rounds = 0

    def write(self, relative: str, text: str) -> None:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def check(self, now: dt.datetime = NOW) -> BuildResult:
        """Build incrementally and from scratch; both outputs must be the same bytes."""
        self.rounds += 1
        result = build(self.conf, now)
        shutil.rmtree(self.root / ".cache/contenido", ignore_errors=True)
        full = self.root / f"completo-{self.rounds}"
        build(self.conf, now, full)
        incremental, scratch = tree(self.root / "output"), tree(full)
        assert sorted(incremental) == sorted(scratch)
        different = [name for name in scratch if incremental[name] != scratch[name]]
        assert different == []
        assert indexed_pages(self.root / "output") == indexed_pages(full)
        return result


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    found = Project(tmp_path_factory.mktemp("incremental"))
    first = found.check()
    assert not first.unchanged and first.reused == 0
    return found


def test_nothing_changed_keeps_the_site(project: Project) -> None:
    result = project.check()
    assert result.unchanged
    later = project.check(NOW + dt.timedelta(minutes=10))  # a later clock that changes nothing shown
    assert later.unchanged


def test_new_item(project: Project) -> None:
    project.write(
        "boletines/2026/nueva.md", item(id="2026-11-25-nueva", slug="nota-nueva", titulo="Una nota nueva")
    )
    result = project.check()
    assert not result.unchanged and result.reused > 0
    assert (project.root / "output/boletines/2026/11/nota-nueva/index.html").is_file()


def test_edited_fixed_page(project: Project) -> None:
    project.write(
        "paginas/acerca.md",
        "---\ntitulo: Acerca de\nslug: acerca-de\nresumen: Quiénes somos.\n---\nOtra cosa.\n",
    )
    result = project.check()
    assert result.reused > 0
    assert "Otra cosa." in (project.root / "output/acerca-de/index.html").read_text(encoding="utf-8")


def test_edited_body(project: Project) -> None:
    project.write(
        "boletines/2026/b2.md",
        item(
            id="2026-11-22-base2",
            slug="base-2",
            titulo="Nota base 2",
            fecha="2026-11-22 10:00",
            body="Texto corregido.",
        ),
    )
    result = project.check()
    assert result.reused > 0
    page = (project.root / "output/boletines/2026/11/base-2/index.html").read_text(encoding="utf-8")
    assert "Texto corregido." in page


def test_retitled_item(project: Project) -> None:
    project.write(
        "boletines/2026/b3.md",
        item(id="2026-11-23-base3", slug="base-3", titulo="Título corregido", fecha="2026-11-23 10:00"),
    )
    result = project.check()
    assert result.reused > 0
    listing = (project.root / "output/boletines/index.html").read_text(encoding="utf-8")
    assert "Título corregido" in listing


def test_withdrawn_item(project: Project) -> None:
    project.write(
        "boletines/2026/b4.md",
        item(
            id="2026-11-24-base4",
            slug="base-4",
            titulo="Nota base 4",
            fecha="2026-11-24 10:00",
            estado="retirado",
            motivo_retiro="Se publicó por error.",
        ),
    )
    result = project.check()
    assert result.reused > 0
    assert "Nota base 4" not in (project.root / "output/boletines/index.html").read_text(encoding="utf-8")


def test_embargo_release_and_conference_start(project: Project) -> None:
    project.write(
        "boletines/2026/embargo.md",
        item(
            id="2026-11-25-embar",
            slug="nota-con-embargo",
            titulo="Nota con embargo",
            estado="programado",
            embargo="2026-11-26 08:30",
        ),
    )
    held = project.check()
    assert not (project.root / "output/boletines/2026/11/nota-con-embargo").exists()
    assert held.held_back == 1
    released = project.check(LATER)  # after the embargo, and after the conference began
    assert released.reused > 0 and released.held_back == 0
    assert (project.root / "output/boletines/2026/11/nota-con-embargo/index.html").is_file()


def test_template_change(project: Project) -> None:
    theme = project.root / "theme"
    theme.unlink()
    shutil.copytree(Path(__file__).resolve().parent.parent / "theme", theme)
    base = theme / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- pie nuevo --></body>"), "utf-8")
    project.check(LATER)
    page = (project.root / "output/boletines/2026/11/base-1/index.html").read_text(encoding="utf-8")
    assert "<!-- pie nuevo -->" in page
