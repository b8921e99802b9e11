"""`make lighthouse`: Lighthouse (npm, pinned in package.json) on the home page and an item page.

Builds the sample site into a temporary folder, serves it on a loopback HTTP server, runs
Lighthouse in Debian's Chromium (mobile, Lighthouse's default, and desktop) and prints the four
category scores. Reports go to test-artifacts/lighthouse/. A measurement, not a CI gate: it exits
with 1 when a score is under the goal (95), so whoever runs it sees it.

Usage: python tests/tools/lighthouse.py [--objetivo 95] [--solo-movil]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests"), str(ROOT / "tests/browser")]

from browserkit import CHROMIUM, CHROMIUM_ARGS, INSTALL, serve, template_pages  # noqa: E402

from pressroom.build import build  # noqa: E402
from sitekit import NOW  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
REPORTS = ROOT / "test-artifacts/lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
NAMES = {
    "performance": "Rendimiento",
    "accessibility": "Accesibilidad",
    "best-practices": "Buenas prácticas",
    "seo": "SEO",
}


def run_lighthouse(url: str, name: str, desktop: bool) -> dict[str, int]:
    REPORTS.mkdir(parents=True, exist_ok=True)
    flags = [a for a in CHROMIUM_ARGS if a != "--headless"] + ["--headless=new"]
    command = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output=html",
        f"--output-path={REPORTS / name}",
        f"--chrome-flags={' '.join(flags)}",
        "--locale=es",
        "--quiet",
    ]
    if desktop:
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    subprocess.run(command, check=True, env=env, timeout=300)
    report = json.loads((REPORTS / f"{name}.report.json").read_text(encoding="utf-8"))
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objetivo", type=int, default=95, help="puntaje mínimo esperado (95)")
    parser.add_argument("--solo-movil", action="store_true", help="no medir la vista de escritorio")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists() or not CHROMIUM.exists():
        print(f"Falta Lighthouse o Chromium. Instálalos con: {INSTALL}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        output = Path(folder) / "output"
        build(ROOT / "pelican.conf.py", NOW, output)
        pages = template_pages(output)
        targets = {"portada": "/", "nota": pages["nota-boletin"]}
        results: dict[str, dict[str, int]] = {}
        with serve(output) as base:
            for label, path in targets.items():
                for desktop in (False,) if args.solo_movil else (False, True):
                    name = f"{label}-{'escritorio' if desktop else 'movil'}"
                    print(f"Midiendo {name}: {base}{path}", file=sys.stderr)
                    results[name] = run_lighthouse(base + path, name, desktop)
    width = max(len(n) for n in results)
    print(f"{'página':<{width}}  " + "  ".join(f"{NAMES[c]:>16}" for c in CATEGORIES))
    for name, scores in results.items():
        print(f"{name:<{width}}  " + "  ".join(f"{scores[c]:>16}" for c in CATEGORIES))
    (REPORTS / "resumen.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Informes completos en {REPORTS.relative_to(ROOT)}/ (HTML y JSON).")
    low = [
        f"{n} {NAMES[c]} {s}" for n, scores in results.items() for c, s in scores.items() if s < args.objetivo
    ]
    if low:
        print(f"Por debajo de {args.objetivo}: " + "; ".join(low), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
