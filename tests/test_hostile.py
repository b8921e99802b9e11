"""Hostile and accidental input: every file ends in seconds with `path:line` in Spanish (issue 9).

Each case of the corpus (tests/fixtures/hostile/, or written by `make` when too big to keep in
git) is dropped into a throwaway site that builds. Then:

- `python -m pressroom validate` runs in a child process, timed and with its peak memory measured
  (the command's and its workers'): exit status 1, the expected line, no traceback, and generous
  regression bounds (a guard, not a benchmark);
- `build` runs in-process and must report exactly the same problems (what `make html`,
  `make publish` and `make serve` run), leaving output/ untouched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pressroom.__main__ import main
from sitekit import NOW, Measured, build_project, item, make_project, run_measured

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hostile"
MAX_SECONDS = 20.0  # per command; each of these files takes well under a second
MAX_PEAK_MB = 1500.0


@dataclass(frozen=True)
class Case:
    line: int  # where the editor must look
    message: str  # part of the Spanish message on that line
    make: Callable[[], bytes] | None = None  # the file's bytes; None: tests/fixtures/hostile/<name>
    where: str = "boletines/2026/{name}.md"  # under content/
    alone: bool = True  # the only file blamed (a broken people file also unsettles the notes citing it)

    def path(self, name: str) -> str:
        return self.where.format(name=name)

    def data(self, name: str) -> bytes:
        return self.make() if self.make else (FIXTURES / Path(self.where.format(name=name)).name).read_bytes()


def _people_with_aliases() -> bytes:
    return (
        "- id: ana-perez\n  nombre: &n Ana Pérez Ruiz\n  cargo: presidenta municipal\n"
        "- id: luis-mora\n  nombre: *n\n  cargo: regidor\n"
    ).encode()


CASES: dict[str, Case] = {
    # 1. YAML anchors and aliases, depth
    "alias-mil-millones": Case(10, "un valor empieza con '&'; escríbelo entre comillas"),
    "alias-a-si-mismo": Case(11, "las anclas '&' y los alias '*' no se admiten"),
    "alias-de-otra-clave": Case(11, "un valor empieza con '&'"),
    "corchetes-anidados": Case(11, "hay más de 10 listas o grupos de claves uno dentro de otro"),
    "personas": Case(2, "un valor empieza con '&'", _people_with_aliases, "datos/personas.yml", alone=False),
}


# --- the throwaway site ----------------------------------------------------------------------


@dataclass
class Site:
    root: Path
    conf: Path
    output: Path
    fingerprint: dict[str, str]


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "carpeta"
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("sitio")
    conf = make_project(root, {"boletines/2026/buena.md": item()})
    build_project(conf, NOW)
    output = root / "output"
    assert (output / "boletines/2026/11/alcaldesa-inaugura-clinica/index.html").is_file()
    return Site(root, conf, output, fingerprint(output))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSROOM_NOW", NOW.isoformat())


def drop(site: Site, relative: str, data: bytes) -> Callable[[], None]:
    """Write `data` at content/`relative`; returns what puts the site back as it was."""
    target = site.root / "content" / relative
    before = target.read_bytes() if target.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)

    def restore() -> None:
        if before is None:
            target.unlink()
        else:
            target.write_bytes(before)

    return restore


def problems_of(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("content/")]


def assert_bounded(run: Measured) -> None:
    assert run.seconds < MAX_SECONDS, f"{run.seconds:.1f} s"
    assert run.peak_mb < MAX_PEAK_MB, f"{run.peak_mb:.0f} MB"


def build_in_process(site: Site, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--config", str(site.conf), "build"])
    out, err = capsys.readouterr()
    return code, out, err


# --- one hostile file at a time --------------------------------------------------------------


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_refused_in_seconds_with_file_and_line(
    name: str, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[name]
    shown = f"content/{case.path(name)}"
    restore = drop(site, case.path(name), case.data(name))
    try:
        checked = run_measured(site.conf, "validate")
        code, out, err = build_in_process(site, capsys)
    finally:
        restore()

    assert checked.code == 1, checked.err
    assert "Traceback" not in checked.err
    found = problems_of(checked.err)
    assert [p for p in found if p.startswith(f"{shown}:{case.line}: ") and case.message in p], (
        f"expected {shown}:{case.line}: …{case.message}… in:\n{checked.err}"
    )
    if case.alone:
        assert all(p.startswith(f"{shown}:") for p in found), checked.err  # the good note is not blamed
    assert_bounded(checked)
    # the build gives the same answer and leaves the site as it was
    assert (code, out) == (1, "")
    assert problems_of(err) == found
    assert "No se construyó nada" in err
    assert fingerprint(site.output) == site.fingerprint


def test_the_corpus_on_disk_is_the_table() -> None:
    on_disk = sorted(p.name for p in FIXTURES.iterdir())
    assert on_disk == sorted(Path(c.path(n)).name for n, c in CASES.items() if c.make is None)
