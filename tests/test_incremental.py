"""An incremental build writes exactly what a full build of the same content writes.

One project goes through a series of changes; after each, the site is built incrementally into the
same `output/` (unchanged pages carried over from the previous build) and, for comparison, from
scratch into a fresh folder with the parse cache removed. The two trees must be byte-identical,
and the incremental build must really have reused pages (or, with nothing changed, kept the site).
A second project lists two items a page, so that added, withdrawn, redated and edited items move
others across page boundaries, and a listing gains or loses its last page.

Pagefind's own files are compared by what they index (pages per part of the index), and a
closed month's bundle byte for byte with a fresh Pagefind run over the same pages.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
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


def indexed_pages(folder: Path) -> dict[str, int]:
    """Pages indexed in each part of the search index, and the list the search page reads."""
    counts = {}
    for entry_path in sorted((folder / "pagefind").rglob("pagefind-entry.json")):
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        part = entry_path.parent.relative_to(folder).as_posix()
        counts[part] = sum(language["page_count"] for language in entry["languages"].values())
    listed = json.loads((folder / "pagefind/partes.json").read_text(encoding="utf-8"))
    assert [f"pagefind/partes/{p['clave']}" for p in listed] == sorted(
        set(counts) - {"pagefind"}, reverse=True
    )
    return counts


def bundle(folder: Path) -> dict[str, tuple[int, bytes]]:
    """A part's bundle: each file's inode and bytes."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fragment_text(folder: Path) -> str:
    """Every page's indexed text in a bundle (its fragments, decompressed)."""
    return "".join(
        gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in folder.glob("fragment/*")
    )


def base_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
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
    return files


class Project:
    def __init__(self, root: Path, files: dict[str, str | bytes] | None = None, settings: str = "") -> None:
        self.conf = make_project(root, base_files() if files is None else files)
        if settings:
            self.conf.write_text(self.conf.read_text(encoding="utf-8") + settings, encoding="utf-8")
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


def test_calendars_are_carried_over_until_one_of_their_conferences_changes(project: Project) -> None:
    statewide = project.root / "output/calendario/conferencias.ics"
    toluca = project.root / "output/calendario/municipios/toluca.ics"
    before = statewide.stat().st_ino, toluca.stat().st_ino
    project.write(
        "boletines/2026/otra.md", item(id="2026-11-25-otra1", slug="otra-nota", titulo="Otra nota del día")
    )
    project.check(LATER)
    assert (statewide.stat().st_ino, toluca.stat().st_ino) == before  # linked: no conference changed

    project.write(
        "conferencias/2026/c1.md",
        item(
            id="2026-11-20-conf1",
            slug="conferencia-salud",
            titulo="Conferencia sobre salud pública",
            fecha="2026-11-20 09:00",
            tipo="conferencia",
            evento="{inicio: 2026-11-26 08:30, lugar: Sala de prensa, municipio: toluca}",
        ),
    )
    project.check(LATER)
    for calendar in (statewide, toluca):
        assert "SUMMARY:Conferencia sobre salud pública" in calendar.read_text(encoding="utf-8")
    page = (project.root / "output/boletines/2026/11/base-1/index.html").read_text(encoding="utf-8")
    assert "<!-- pie nuevo -->" in page


# Listings over several pages: two items a page and three entries a feed. Six items of November
# ("Nota listada n") come first, then sixteen of October ("Nota anterior nn"), so a section, a
# municipality, a person and a tag each list 22 items on 11 pages (longer than pagekeys.LONG, the
# length from which a list is described once per build); an added, withdrawn, redated or edited
# item moves others across page boundaries.

PER_PAGE = 2
OLDER = 16
LISTINGS = (  # the first page of each listing; its later pages are {base}pagina/{n}/index.html
    "boletines/",
    "municipios/texcoco/",
    "personas/ana-perez/",
    "etiquetas/salud/",
)


def listed(n: int, fecha: str, **extra: str) -> str:
    """November item `n`: a bulletin in Texcoco with Ana Pérez, tagged 'salud'."""
    fields = {"titulo": f"Nota listada {n}", "etiquetas": "[salud]", **extra}
    return item(id=f"2026-11-0{n}-lst0{n}", slug=f"listada-{n}", fecha=fecha, **fields)


def older(n: int) -> str:
    return item(
        id=f"2026-10-{n:02}-ant{n:02}",
        slug=f"anterior-{n}",
        titulo=f"Nota anterior {n:02}",
        fecha=f"2026-10-{n:02} 10:00",
        etiquetas="[salud]",
    )


def listing_page(base: str, number: int) -> str:
    return f"{base}index.html" if number == 1 else f"{base}pagina/{number}/index.html"


def shown(project: Project, base: str, number: int) -> list[str]:
    """The titles on one page of a listing, in order."""
    page = (project.root / "output" / listing_page(base, number)).read_text(encoding="utf-8")
    return re.findall(r"Nota (?:listada \d|anterior \d\d)(?: \(corregida\))?", page)


def last_page(project: Project, base: str) -> int:
    pages = project.root / "output" / base / "pagina"
    return max(int(page.name) for page in pages.iterdir())


@pytest.fixture(scope="module")
def listings(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Newest first: 6 5 | 4 3 | 2 1 | 16 15 | … | 02 01, eleven pages in every listing."""
    files: dict[str, str | bytes] = {
        f"boletines/2026/l{n}.md": listed(n, f"2026-11-0{n} 10:00") for n in range(1, 7)
    }
    files |= {f"boletines/2026/anteriores/a{n:02}.md": older(n) for n in range(1, OLDER + 1)}
    settings = f"\nDEFAULT_PAGINATION = {PER_PAGE}\nFEED_MAX_ITEMS = 3\n"
    found = Project(tmp_path_factory.mktemp("listados"), files, settings)
    found.check()
    for base in LISTINGS:
        assert last_page(found, base) == 11
        assert shown(found, base, 3) == ["Nota listada 2", "Nota listada 1"]
        assert shown(found, base, 11) == ["Nota anterior 02", "Nota anterior 01"]
    return found


def test_listing_new_item_shifts_every_item_and_adds_a_page(listings: Project) -> None:
    listings.write("boletines/2026/l7.md", listed(7, "2026-11-07 10:00"))
    result = listings.check()  # 7 6 | 5 4 | 3 2 | 1 16 | … | 03 02 | 01
    assert result.reused > 0
    for base in LISTINGS:
        assert last_page(listings, base) == 12
        assert shown(listings, base, 1) == ["Nota listada 7", "Nota listada 6"]
        assert shown(listings, base, 4) == ["Nota listada 1", "Nota anterior 16"]
        assert shown(listings, base, 12) == ["Nota anterior 01"]


def test_listing_edit_beyond_the_first_page(listings: Project) -> None:
    feed = listings.root / "output/feeds/todo.rss.xml"
    before = feed.stat().st_ino
    listings.write("boletines/2026/l2.md", listed(2, "2026-11-02 10:00", titulo="Nota listada 2 (corregida)"))
    result = listings.check()
    assert result.reused > 0
    assert feed.stat().st_ino == before  # not among the feed's three newest: carried over
    for base in LISTINGS:
        assert shown(listings, base, 3) == ["Nota listada 3", "Nota listada 2 (corregida)"]


def test_listing_redated_item_changes_position(listings: Project) -> None:
    listings.write("boletines/2026/l1.md", listed(1, "2026-11-06 12:00"))
    result = listings.check()  # 7 1 | 6 5 | 4 3 | 2 16 | … | 03 02 | 01
    assert result.reused > 0
    for base in LISTINGS:
        assert shown(listings, base, 1) == ["Nota listada 7", "Nota listada 1"]
        assert shown(listings, base, 4) == ["Nota listada 2 (corregida)", "Nota anterior 16"]


def test_listing_item_moved_to_an_earlier_month(listings: Project) -> None:
    listings.write("boletines/2026/l5.md", listed(5, "2026-09-30 10:00"))
    result = listings.check()  # 7 1 | 6 4 | 3 2 | 16 15 | … | 02 01 | 5
    assert result.reused > 0
    output = listings.root / "output"
    assert not (output / "boletines/2026/11/listada-5").exists()
    assert (output / "boletines/2026/09/listada-5/index.html").is_file()
    assert (output / "archivo/2026/09/index.html").is_file()
    for base in LISTINGS:
        assert shown(listings, base, 2) == ["Nota listada 6", "Nota listada 4"]
        assert shown(listings, base, 11) == ["Nota anterior 02", "Nota anterior 01"]
        assert shown(listings, base, 12) == ["Nota listada 5"]


def test_listing_withdrawal_drops_the_last_page(listings: Project) -> None:
    listings.write(
        "boletines/2026/l7.md",
        listed(7, "2026-11-07 10:00", estado="retirado", motivo_retiro="Se publicó por error."),
    )
    result = listings.check()  # 1 6 | 4 3 | 2 16 | … | 01 5
    assert result.reused > 0
    for base in LISTINGS:
        assert last_page(listings, base) == 11
        assert not (listings.root / "output" / listing_page(base, 12)).exists()
        assert shown(listings, base, 1) == ["Nota listada 1", "Nota listada 6"]
        assert shown(listings, base, 11) == ["Nota anterior 01", "Nota listada 5"]


def test_listing_oldest_item_adds_a_page_and_moves_no_other(listings: Project) -> None:
    """Pages 1 to 11 keep their items; only their count of pages changes."""
    listings.write("boletines/2026/l8.md", listed(8, "2026-09-01 10:00"))
    result = listings.check()  # 1 6 | 4 3 | 2 16 | … | 01 5 | 8
    assert result.reused > 0
    for base in LISTINGS:
        assert shown(listings, base, 11) == ["Nota anterior 01", "Nota listada 5"]
        assert shown(listings, base, 12) == ["Nota listada 8"]
        first = (listings.root / "output" / listing_page(base, 1)).read_text(encoding="utf-8")
        assert "Página 1 de 12" in first


# --- the search index by parts: a closed month is not indexed again ----------------------------


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory) -> Project:
    files = base_files()
    files["boletines/2026/octubre.md"] = item(
        id="2026-10-15-octub", slug="nota-de-octubre", titulo="Nota de octubre", fecha="2026-10-15 10:00"
    )
    files["boletines/2025/diciembre.md"] = item(
        id="2025-12-15-dicie", slug="nota-de-diciembre", titulo="Nota de diciembre", fecha="2025-12-15 10:00"
    )
    found = Project(tmp_path_factory.mktemp("meses"), files)
    found.check()
    return found


def test_closed_months_are_indexed_apart_by_year(months: Project) -> None:
    output = months.root / "output"
    assert indexed_pages(output)["pagefind/partes/2026"] == 1
    assert indexed_pages(output)["pagefind/partes/2025"] == 1
    assert "Nota de octubre" in fragment_text(output / "pagefind/partes/2026")
    assert "Nota de octubre" not in fragment_text(output / "pagefind")
    assert "Nota base 1" in fragment_text(output / "pagefind")  # the newest month, with the site's pages
    closed = sorted(p.name for p in (output / "pagefind/partes/2026").iterdir() if p.is_file())
    assert closed[0] == "pagefind-entry.json" and closed[1].endswith(".pf_meta") and len(closed) == 2
    # (the search page reads a closed bundle with the main bundle's script and WebAssembly)


def test_a_new_item_links_the_closed_bundles_from_the_previous_build(months: Project) -> None:
    output = months.root / "output"
    before = {part: bundle(output / "pagefind/partes" / part) for part in ("2025", "2026")}
    months.write("boletines/2026/otra.md", item(id="2026-11-25-otra1", slug="otra-nota", titulo="Otra nota"))
    months.check()
    for part, files in before.items():
        assert bundle(output / "pagefind/partes" / part) == files  # the same files: linked, not indexed
        full = months.root / f"completo-{months.rounds}" / "pagefind/partes" / part
        assert {name: data for name, (_, data) in bundle(full).items()} == {
            name: data for name, (_, data) in files.items()
        }  # and byte for byte what Pagefind writes over the same pages
    assert "Otra nota" in fragment_text(output / "pagefind")


def test_an_edit_in_a_closed_month_indexes_that_year_again(months: Project) -> None:
    output = months.root / "output"
    kept = bundle(output / "pagefind/partes/2025")
    months.write(
        "boletines/2026/octubre.md",
        item(
            id="2026-10-15-octub",
            slug="nota-de-octubre",
            titulo="Nota de octubre",
            fecha="2026-10-15 10:00",
            body="Texto corregido con zqxcorreccionzqx.",
        ),
    )
    months.check()
    assert "zqxcorreccionzqx" in fragment_text(output / "pagefind/partes/2026")
    assert bundle(output / "pagefind/partes/2025") == kept


def test_the_first_item_of_a_new_month_closes_the_month_before(months: Project) -> None:
    output = months.root / "output"
    months.write(
        "boletines/2026/diciembre.md",
        item(
            id="2026-12-01-dicie",
            slug="nota-de-diciembre",
            titulo="Nota de diciembre",
            fecha="2026-12-01 00:05",
        ),
    )
    # (early on 1 December: Pelican itself holds back items dated after the real clock)
    months.check(dt.datetime(2026, 12, 1, 12, 0, tzinfo=NOW.tzinfo))
    november = fragment_text(output / "pagefind/partes/2026")
    assert "Nota base 1" in november and "Otra nota" in november and "Nota de octubre" in november
    assert "Nota de diciembre" in fragment_text(output / "pagefind")
    assert "Nota base 1" not in fragment_text(output / "pagefind")


def test_a_closed_year_with_only_withdrawn_items_has_no_bundle(months: Project) -> None:
    months.write(
        "boletines/2025/diciembre.md",
        item(
            id="2025-12-15-dicie",
            slug="nota-de-diciembre",
            titulo="Nota de diciembre",
            fecha="2025-12-15 10:00",
            estado="retirado",
            motivo_retiro="Se publicó por error.",
        ),
    )
    months.check(dt.datetime(2026, 12, 1, 12, 0, tzinfo=NOW.tzinfo))
    output = months.root / "output"
    assert (output / "boletines/2025/12/nota-de-diciembre/index.html").is_file()  # the notice stays
    assert not (output / "pagefind/partes/2025").exists()  # its page is not indexed, whole or not
    assert set(indexed_pages(output)) == {"pagefind", "pagefind/partes/2026"}
    everything = fragment_text(output / "pagefind") + fragment_text(output / "pagefind/partes/2026")
    assert "/boletines/2025/12/" not in everything
