"""Where a build's time goes: cProfile of a full build with empty caches, a rebuild with nothing
changed and a rebuild after adding one item, on the synthetic archive, in this process; then the
site is put online and marked announced, one more item is added and built, and the publish step
(`python -m publish run`: deploy, verify, announce to the outbox and by SMTP to a loopback server,
its module imports not included) is profiled. Saved as benchmarks/results/profile-<label>-n<N>.json
and shown in BENCHMARKS.md.

cProfile slows Python code (not Pillow's, libyaml's or Pagefind's native work), so shares here are
for finding costs, not figures to compare with the timed runs.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from benchmarks import project
from benchmarks.corpus import ROOT, extra, generate
from benchmarks.session import DEPLOY_ONLY, RESULTS, commit, smtp_relay
from benchmarks.systems import NOW

TOP = 15
# (label, file suffix, function): entry points whose cumulative time is reported as a cost group
GROUPS = (
    ("social cards drawn (cards.render)", "pressroom/cards.py", "render"),
    ("social cards found or drawn on all cores (CardQueue.files)", "pressroom/cardqueue.py", "files"),
    ("photo derivatives (renditions.render)", "pressroom/renditions.py", "render"),
    ("validation pass (content.load_site)", "pressroom/content.py", "load_site"),
    ("Pelican reader (PressroomReader.read)", "pressroom/reader.py", "read"),
    ("front matter parsed (validate.parse_item)", "model/validate.py", "parse_item"),
    ("YAML composed (yaml.compose)", "yaml/__init__.py", "compose"),
    ("text decoded and checked (frontmatter.decode)", "model/frontmatter.py", "decode"),
    ("Markdown to HTML (render.to_html)", "pressroom/render.py", "to_html"),
    ("Jinja templates (Template.render)", "jinja2/environment.py", "render"),
    ("feeds (feeds.rss/atom/json_feed)", "pressroom/feeds.py", "_generator"),
    ("manifest (manifest.manifest)", "pressroom/manifest.py", "manifest"),
    ("search index (search.index: Pagefind)", "pressroom/search.py", "index"),
    ("old output replaced (build._swap)", "pressroom/build.py", "_swap"),
    # the publish step
    ("publish: built manifest read (manifest.load)", "publish/manifest.py", "load"),
    ("publish: ledger read for the plan (Ledger.standing)", "publish/ledger.py", "standing"),
    ("publish: plan (plan.make_plan)", "publish/plan.py", "make_plan"),
    ("publish: deploy compared (LocalTarget.plan)", "publish/deploy.py", "plan"),
    ("publish: deploy, new release and swap (LocalTarget.apply)", "publish/deploy.py", "apply"),
    ("publish: announcements (run._announce)", "publish/run.py", "_announce"),
    ("publish: emails rendered (Emails.render)", "channels/mail.py", "render"),
    ("publish: emails sent over SMTP (SmtpChannel.send)", "channels/smtp.py", "send"),
)


def _name(key: tuple[str, int, str]) -> str:
    filename, line, function = key
    if filename == "~":
        return function
    parts = Path(filename).parts
    short = "/".join(parts[-2:]) if len(parts) > 1 else filename
    return f"{short}:{line}({function})"


def summarize(profiler: cProfile.Profile, wall: float) -> dict[str, Any]:
    stats = pstats.Stats(profiler)
    table: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    rows = [(key, calls, tottime, cumtime) for key, (_, calls, tottime, cumtime, _) in table.items()]
    by_self = sorted(rows, key=lambda row: row[2], reverse=True)[:TOP]
    groups = []
    for label, suffix, function in GROUPS:
        found = [row for row in rows if row[0][0].endswith(suffix) and row[0][2] == function]
        if found:
            cumtime = max(row[3] for row in found)
            calls = sum(row[1] for row in found)
            groups.append({"group": label, "seconds": cumtime, "share": cumtime / total, "calls": calls})
    return {
        "wall": wall,
        "profiled_seconds": total,
        "groups": groups,
        "top_self": [
            {"function": _name(key), "calls": calls, "self": tottime, "cumulative": cumtime}
            for key, calls, tottime, cumtime in by_self
        ],
    }


def _profiled_build(folder: Path) -> dict[str, Any]:
    from pressroom.build import build, build_clock

    previous = Path.cwd()
    os.chdir(folder)
    try:
        now = build_clock({"PRESSROOM_NOW": NOW})
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        build(folder / "pelican.conf.py", now, folder / "output")
        profiler.disable()
        return summarize(profiler, time.perf_counter() - start)
    finally:
        os.chdir(previous)


def _profiled_publish(folder: Path, env: dict[str, str]) -> dict[str, Any]:
    """`python -m publish run` in this process, on a site already built: deploy, verify, announce."""
    from publish.__main__ import main

    previous, saved = Path.cwd(), dict(os.environ)
    os.chdir(folder)
    os.environ.update(env)
    try:
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        code = main(["run"])
        profiler.disable()
        if code != 0:
            raise RuntimeError(f"python -m publish run terminó con código {code} en {folder}")
        return summarize(profiler, time.perf_counter() - start)
    finally:
        os.chdir(previous)
        os.environ.clear()
        os.environ.update(saved)


def _published(folder: Path, env: dict[str, str]) -> None:
    """The archive online and marked announced, as the timed runs prepare it (session.py)."""
    for args in (["-c", DEPLOY_ONLY], ["-m", "publish", "init"], ["-m", "publish", "run"]):
        subprocess.run(
            [str(ROOT / ".venv/bin/python"), *args],
            cwd=folder,
            env=os.environ | env | {"PYTHONPATH": f"{folder}:{folder / 'plugins'}"},
            check=True,
            capture_output=True,
        )


def profile_size(count: int, label: str, workdir: Path, seed: int = 13) -> Path:
    folder = workdir / f"perfil-n{count}"
    if folder.exists():
        shutil.rmtree(folder)
    corpus = generate(count, seed)
    project.create(corpus, folder)
    result: dict[str, Any] = {"label": label, "n": count, "commit": commit(), "scenarios": {}}
    print(f"[perfil {count}] construcción completa, cachés vacías…")
    result["scenarios"]["completa"] = _profiled_build(folder)
    print(f"[perfil {count}] reconstrucción sin cambios…")
    result["scenarios"]["sin_cambios"] = _profiled_build(folder)
    print(f"[perfil {count}] reconstrucción después de agregar una nota…")
    project.write_item(folder / "content", extra(corpus, 0))
    project.commit(folder, "Nota nueva")
    result["scenarios"]["una_nota"] = _profiled_build(folder)
    print(f"[perfil {count}] paso de publicar después de agregar otra nota (sitio ya publicado)…")
    env = {
        "PRESSROOM_NOW": NOW,
        "PUBLICACION_CONFIG": str(folder / "bench/publicacion.toml"),
        "PUBLICACION_CONTACTOS": str(folder / "bench/contactos.yml"),
    }
    with smtp_relay() as port:
        (folder / "bench/publicacion.toml").write_text(project.publish_config(port), encoding="utf-8")
        _published(folder, env)
        project.write_item(folder / "content", extra(corpus, 1))
        project.commit(folder, "Otra nota nueva")
        _profiled_build(folder)  # `make html`, as `make publish` runs it first (not part of this profile)
        result["scenarios"]["publicar_paso"] = _profiled_publish(folder, env)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"profile-{label}-n{count}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
