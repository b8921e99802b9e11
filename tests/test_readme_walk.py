"""The README walk's own rules (tests/tools/readme_walk.py), and a fast static check of the README:
every `make` target it shows exists. The walk itself clones and runs everything (slow): .ci/run
and `make recorrido` run it."""

from __future__ import annotations

import re
import sys

import pytest

from sitekit import ROOT

sys.path.insert(0, str(ROOT / "tests/tools"))
import readme_walk as walk

SAMPLE = """\
# Título

Corre `make` para ver el menú y `make html TIPO=x` para construir; `PRESSROOM_NOW=...` no es un comando.

```bash
$ make serve
.venv/bin/python -m pytest -q
# un comentario
```

Después `python -m publish estado [ID]` o `python -m publish resolver ID CANAL --enviado URL`, y
otra vez `make`. La referencia `make html` sola.
"""


def test_commands_are_read_from_inline_code_and_code_blocks_once_each() -> None:
    shown = walk.shown_commands(SAMPLE)
    assert [(s.line, s.command) for s in shown] == [
        (3, "make"),
        (3, "make html TIPO=x"),
        (6, "make serve"),
        (7, ".venv/bin/python -m pytest -q"),
        (11, "python -m publish estado [ID]"),
        (11, "python -m publish resolver ID CANAL --enviado URL"),
        (12, "make html"),
    ]
    names = [s.command for s in shown]
    assert walk.is_reference("make html", names) and not walk.is_reference("make serve", names)


def test_benchmarks_measure_a_small_archive_unless_the_walk_is_complete() -> None:
    assert walk.scaled("make bench", complete=False) == "make bench TAMANOS=30 RONDAS=1"
    assert (
        walk.scaled('make bench TAMANOS="1000 5000 20000" RONDAS=1', complete=False)
        == "make bench TAMANOS=30 RONDAS=1"
    )
    assert walk.scaled("make bench-perfil N=1000", complete=False) == "make bench-perfil N=30"
    assert walk.scaled("make bench-correo", complete=False) == "make bench-correo"  # 1,000 emails: fast
    assert walk.scaled("make html", complete=False) == "make html"
    assert walk.scaled("make bench", complete=True) == "make bench"


def test_placeholders_get_safe_values() -> None:
    values = {"ID": "2026-11-25-abcde", "CANAL": "x", "URL": "https://ejemplo.org/p/1", "N": "1"}
    assert walk.filled("python -m publish estado [ID]", values) == [
        "python -m publish estado",
        "python -m publish estado 2026-11-25-abcde",
    ]
    assert walk.filled("python -m publish resolver ID CANAL --enviado URL", values) == [
        "python -m publish resolver 2026-11-25-abcde x --enviado https://ejemplo.org/p/1"
    ]
    assert walk.filled('make nuevo TIPO=boletin TITULO="N" MUNICIPIO=texcoco', values) == [
        'make nuevo TIPO=boletin TITULO="1" MUNICIPIO=texcoco'
    ]
    assert walk.filled("make resolver ID=… CANAL=telegram ENVIADO=URL", values) == [
        "make resolver ID=2026-11-25-abcde CANAL=telegram ENVIADO=https://ejemplo.org/p/1"
    ]
    assert walk.filled("make estado [ID=]", values) == ["make estado", "make estado ID=2026-11-25-abcde"]
    # the README's example id does not exist in a fresh clone: a real one stands in
    assert walk.filled("make estado ID=2026-11-25-k3f9q", values) == ["make estado ID=2026-11-25-abcde"]
    assert walk.filled("make probar CANAL=x", values) == ["make probar CANAL=x"]
    assert walk.has_placeholder("make reintentar ID=…", values)
    assert walk.has_placeholder("python -m publish estado [ID]", values)
    assert not walk.has_placeholder("make nuevo TIPO=boletin MUNICIPIO=texcoco", values)


@pytest.mark.parametrize(
    ("returncode", "output", "may_refuse", "verdict"),
    [
        (0, "Sitio construido en output/: 3 notas publicadas.", False, "bien"),
        (
            1,
            "Traceback (most recent call last):\n  File \"x\"\nModuleNotFoundError: No module named 'rich'",
            False,
            "falla",
        ),
        (127, "bash: line 1: python: command not found", True, "falla"),
        (2, "make: *** No rule to make target 'estado'.  Stop.", True, "falla"),
        (2, "usage: python -m publish [-h]\npython -m publish: error: invalid choice", True, "falla"),
        (
            2,
            "Error: falta TIPO; por ejemplo: make nuevo TIPO=boletin\nmake: *** [Makefile:37: nuevo] Error 1",
            True,
            "rechazo",
        ),
        (
            2,
            "Error: falta TIPO; por ejemplo: make nuevo TIPO=boletin\nmake: *** [Makefile:37: nuevo] Error 1",
            False,
            "falla",
        ),
        (2, "Uso: make resolver ID=… CANAL=… ENVIADO=URL (o NO_ENVIADO=1)", True, "rechazo"),
        (-1, "Construyendo…\n(más de 1500 s: se detuvo)", False, "falla"),
    ],
)
def test_a_command_passes_only_when_it_works_or_refuses_cleanly_in_spanish(
    returncode: int, output: str, may_refuse: bool, verdict: str
) -> None:
    assert walk.judge(returncode, output, may_refuse)[0] == verdict


def test_every_make_target_the_readme_shows_exists() -> None:
    """The quick half of the walk: a README `make X` whose target is missing fails here already."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    shown = walk.shown_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    wanted = {
        s.command.split()[1]
        for s in shown
        if s.command.startswith("make ") and "=" not in s.command.split()[1]
    }
    assert {"html", "serve", "publish", "nuevo", "test"} <= wanted
    assert wanted - targets == set()
