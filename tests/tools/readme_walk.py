"""The README walked from a fresh clone: every command it shows must run as written.

The list is read from the README every time (inline code and code-block lines that start with
`make`, `python -m`, `python3 -m`, `.venv/bin/` or `bash `), so commands added later are walked
too. The repository's last commit is cloned into a temporary folder and each command runs there,
in README order, through bash, with a timeout and an environment without this shell's venv:

- placeholders get safe values: ID → an item id of the built site, CANAL → a channel of the
  publishing config, URL → https://ejemplo.org/..., N → 1; `[ID]` is run without and with it;
- `make serve` and `make editor` (and their `python -m pressroom` forms) are started on a free
  port (PUERTO=0), the address they print is checked to answer, and they are stopped with Ctrl+C;
- `make test` and `make check` collect the tests instead of running them (`--completo` runs them);
- the benchmarks (`make bench`, `make bench-perfil`) measure a 30-item archive in one round instead
  of thousands of items (an hour or more); `--completo` runs them as written;
- `make recorrido` (this walk) is skipped.

A command passes when it exits with 0. It may instead refuse with a clean Spanish message (no
traceback, no shell or make error) when the README shows it as a reference without the arguments
it needs (`make nuevo`), with placeholders, when it checks credentials (`probar`), or when it works
on press-synthesis data (`make tono`, `make fichas`, `make sintesis FECHA=…`): a fresh clone has
none. Anything else fails: a traceback, `command not found`, an unknown make target, a usage error,
a timeout.

Usage: python tests/tools/readme_walk.py [--origen CARPETA] [--completo] [--solo TEXTO] [--conservar]
Exit status 1 when a command fails. Used by .ci/run and `make recorrido`.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOGS = ROOT / "test-artifacts/recorrido-readme"  # each command's whole output, one file each
PREFIXES = ("make ", "python -m ", "python3 -m ", ".venv/bin/", "bash ")
SELF = "make recorrido"
TIMEOUT = 1500.0  # seconds per command: the first one creates .venv, a fresh clone builds cold
FAIL_MARKERS = (
    "Traceback (most recent call last)",
    "ModuleNotFoundError",
    "command not found",
    "orden no encontrada",
    "No rule to make target",
    "No hay ninguna regla",
    "usage:",
    "No such file or directory",
)
MAY_REFUSE = re.compile(r"\bprobar\b")  # credential checks: a fresh clone has no credentials
# the press synthesis's commands on data a fresh clone cannot have: notes found in the media's feeds
# (the sample outlets are example.org, unreachable), a synthesis made on the README's example day, a
# monitoring card filled in (`make ficha` just above in the README leaves one to fill)
NEEDS_DATA = re.compile(r"^make (tono|fichas)\b|^make sintesis\b.*\bFECHA=")
SERVE = re.compile(r"^(make (serve|editor)\b|.*-m pressroom\b.*\b(serve|editor)\b)")  # long-running
TESTS = re.compile(r"^make (test|check)\b")
BENCH = re.compile(r"^make bench(-perfil)?(?![\w-])")  # archive-size measurements: scaled down
SMALL_ARCHIVE = "30"
SPANISH = re.compile(r"[áéíóúñ¿¡…]|\b(no|falta|usa|uso|revisa|existe|hay)\b", re.IGNORECASE)
URL_LINE = re.compile(r"http://(?:localhost|127\.0\.0\.1):(\d+)(/[^\s)]*)?")
EXAMPLE_ID = re.compile(r"\b\d{4}-\d{2}-\d{2}-[a-z0-9]{5}\b")
# environment variables of this shell that a fresh clone would not have
FOREIGN = ("PYTHONPATH", "VIRTUAL_ENV", "PRESSROOM_NOW", "PUBLICACION_CONFIG", "PUBLICACION_CONTACTOS")


@dataclass(frozen=True)
class Shown:
    command: str  # as the README shows it
    line: int


@dataclass(frozen=True)
class Outcome:
    command: str  # as run (placeholders filled)
    line: int
    verdict: str  # "bien", "rechazo", "omitido", "falla"
    seconds: float
    detail: str = ""


def shown_commands(markdown: str) -> list[Shown]:
    """Every command the README shows, first appearance first, each once."""
    found: list[Shown] = []
    in_block = False
    for number, line in enumerate(markdown.splitlines(), 1):
        if line.lstrip().startswith("```"):
            in_block = not in_block
            continue
        candidates = [line.strip().removeprefix("$ ")] if in_block else re.findall(r"`([^`\n]+)`", line)
        found += [Shown(c.strip(), number) for c in candidates if _is_command(c.strip())]
    unique: dict[str, Shown] = {}
    for shown in found:
        unique.setdefault(shown.command, shown)
    return list(unique.values())


def _is_command(text: str) -> bool:
    return text == "make" or text.startswith(PREFIXES)


def is_reference(command: str, all_shown: list[str]) -> bool:
    """`make nuevo` when the README also shows `make nuevo TIPO=...`: a name, not a full command."""
    return any(other.startswith(command + " ") for other in all_shown)


def filled(command: str, values: dict[str, str]) -> list[str]:
    """The command with safe values for its placeholders; `[X]` also run without X.

    Placeholders: a bare name (`resolver ID CANAL --enviado URL`), a name with an ellipsis or
    nothing after it (`ID=…`, `CANAL=...`, `[ID=]`), a value that is a name (`ENVIADO=URL`) and the README's example item
    ids (`2026-11-25-k3f9q`), which do not exist in a fresh clone's site.
    """
    variants = [command]
    if re.search(r"\[[A-Z_]+=?[^\]]*\]", command):
        bare = re.sub(r"\s*\[[A-Z_]+=?[^\]]*\]", "", command)
        variants = [bare, re.sub(r"\[([A-Z_]+=?[^\]]*)\]", r"\1", command)]
    result = []
    for variant in variants:
        for name, value in values.items():
            variant = re.sub(rf"\b{name}=(…|\.\.\.)?(?!\S)", f"{name}={value}", variant)
            variant = re.sub(rf"(?<![\w/.-]){name}(?![\w=/.-])", value, variant)
        result.append(EXAMPLE_ID.sub(values.get("ID", r"\g<0>"), variant))
    return list(dict.fromkeys(result))


def has_placeholder(command: str, values: dict[str, str]) -> bool:
    return (
        bool(re.search(r"\[[A-Z_]+=?[^\]]*\]|=(…|\.\.\.)(?!\S)", command))
        or bool(EXAMPLE_ID.search(command))
        or any(re.search(rf"(?<![\w/.-]){name}(?![\w=/.-])", command) for name in values)
    )


def judge(returncode: int, output: str, may_refuse: bool) -> tuple[str, str]:
    """(verdict, detail) for a finished command."""
    markers = [m for m in FAIL_MARKERS if m in output]
    own = [line for line in output.splitlines() if line.strip() and not line.startswith(("make: ", "make["))]
    last = own[-1].strip() if own else ""
    if markers:
        return "falla", f"{markers[0]}: {last}"
    if returncode == 0:
        return "bien", ""
    if may_refuse and last and SPANISH.search(last):
        return "rechazo", last
    return "falla", f"terminó con {returncode}: {last or '(sin mensaje)'}"


def environment(clone: Path, complete: bool, command: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if "/.venv/" not in p)
    if TESTS.match(command) and not complete:
        env["PYTEST_ADDOPTS"] = "--collect-only -qq"  # counts per file, not test ids
    return env


def scaled(command: str, complete: bool) -> str:
    """A benchmark command measuring a small archive (same code paths, seconds instead of hours)."""
    found = BENCH.match(command)
    if complete or not found:
        return command
    if found.group(1):  # bench-perfil: N items
        return re.sub(r"\s*\bN=\S+", "", command) + f" N={SMALL_ARCHIVE}"
    bare = re.sub(r"""\s*\b(TAMANOS=("[^"]*"|'[^']*'|\S+)|RONDAS=\S+)""", "", command)
    return f"{bare} TAMANOS={SMALL_ARCHIVE} RONDAS=1"


def safe_values(clone: Path) -> dict[str, str]:
    """Real values from the clone once built: an item id and a channel; fixed URL and number."""
    values = {"ID": "2026-11-25-k3f9q", "CANAL": "x", "URL": "https://ejemplo.org/publicacion/1", "N": "1"}
    manifest = clone / "output/.publicacion/manifiesto.json"
    if manifest.is_file():
        items = json.loads(manifest.read_text(encoding="utf-8")).get("elementos") or []
        if items:
            values["ID"] = items[-1]["id"]
    config = clone / "publish/publicacion.toml"
    if config.is_file():
        channel = re.search(r"^\[canales\.([\w-]+)\]", config.read_text(encoding="utf-8"), re.MULTILINE)
        if channel:
            values["CANAL"] = channel.group(1)
    return values


def run(command: str, clone: Path, env: dict[str, str], timeout: float) -> tuple[int, str]:
    try:
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        output = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return -1, output + f"\n(más de {timeout:.0f} s: se detuvo)"
    return done.returncode, done.stdout + done.stderr


def serve(command: str, clone: Path, env: dict[str, str], timeout: float) -> tuple[int, str]:
    """Start a local server (the preview, the web editor) on a free port, check the address it
    prints answers, stop it with Ctrl+C."""
    if command.startswith("make "):
        command = re.sub(r"\s*PUERTO=\S+", "", command) + " PUERTO=0"
    else:
        option = "--puerto" if re.search(r"\beditor\b", command) else "--port"
        command = re.sub(rf"\s*{option}\s+\S+", "", command) + f" {option} 0"
    process = subprocess.Popen(
        ["bash", "-c", command],
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: Ctrl+C reaches make and python
        # Ctrl+C as in a terminal, also when this walk was started with SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_pump, args=(process, lines), daemon=True).start()
    output, answered, deadline = "", "", time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            output += line
            port = URL_LINE.search(line)
            if port:
                try:
                    address = f"http://127.0.0.1:{port.group(1)}{port.group(2) or '/'}"
                    with urllib.request.urlopen(address, timeout=30) as reply:
                        answered = f"respondió {reply.status} en el puerto {port.group(1)}"
                except OSError as exc:
                    output += f"\n(el servidor no respondió: {exc})"
                break
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    time.sleep(0.2)
    while not lines.empty():
        output += lines.get()
    if not answered:
        return (process.returncode or -1), output + "\n(el servidor nunca respondió)"
    return (0 if process.returncode in (0, -signal.SIGINT, 130) else process.returncode), output


def _pump(process: subprocess.Popen[str], lines: queue.Queue[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.put(line)


def walk(origin: Path, complete: bool, only: str, keep: bool) -> list[Outcome]:
    workdir = Path(tempfile.mkdtemp(prefix="recorrido-readme-"))
    shutil.rmtree(LOGS, ignore_errors=True)
    clone = workdir / "sitio"
    subprocess.run(["git", "clone", "--quiet", str(origin), str(clone)], check=True)
    print(f"Copia nueva en {clone} ({_head(clone)})", flush=True)
    shown = shown_commands((clone / "README.md").read_text(encoding="utf-8"))
    names = [s.command for s in shown]
    outcomes: list[Outcome] = []
    try:
        for item in shown:
            if only and only not in item.command:
                continue
            if item.command.startswith(SELF):
                outcomes.append(Outcome(item.command, item.line, "omitido", 0, "es este mismo recorrido"))
                continue
            values = safe_values(clone)
            may_refuse = (
                is_reference(item.command, names)
                or has_placeholder(item.command, values)
                or bool(MAY_REFUSE.search(item.command))
                or bool(NEEDS_DATA.match(item.command))
            )
            for command in dict.fromkeys(scaled(c, complete) for c in filled(item.command, values)):
                started = time.monotonic()
                env = environment(clone, complete, command)
                runner = serve if SERVE.match(command) else run
                returncode, output = runner(command, clone, env, TIMEOUT)
                verdict, detail = judge(returncode, output, may_refuse)
                outcome = Outcome(command, item.line, verdict, time.monotonic() - started, detail)
                outcomes.append(outcome)
                log = _save(len(outcomes), command, output)
                _print(outcome)
                if verdict == "falla":
                    tail = output.strip().splitlines()[-20:]
                    print("\n".join(f"    | {line}" for line in tail) + f"\n    (todo en {log})", flush=True)
    finally:
        if keep:
            print(f"La copia se conserva en {clone}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return outcomes


def _save(number: int, command: str, output: str) -> Path:
    LOGS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "-", command.lower()).strip("-")[:60]
    path = LOGS / f"{number:02d}-{name}.log"
    path.write_text(f"$ {command}\n{output}", encoding="utf-8")
    return path


def _head(clone: Path) -> str:
    return subprocess.run(
        ["git", "log", "-1", "--format=%h %s"], cwd=clone, capture_output=True, text=True, check=False
    ).stdout.strip()[:72]


SYMBOLS = {"bien": "✓", "rechazo": "✓", "omitido": "·", "falla": "✗"}


def _print(outcome: Outcome) -> None:
    note = f" — {outcome.detail}" if outcome.detail else ""
    label = " (se niega en español, como documenta)" if outcome.verdict == "rechazo" else ""
    print(
        f"{SYMBOLS[outcome.verdict]} README:{outcome.line} {outcome.command} "
        f"({outcome.seconds:.0f} s){label}{note}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Recorre el README en una copia nueva del repositorio.")
    parser.add_argument("--origen", type=Path, default=ROOT, help="repositorio a clonar (último commit)")
    parser.add_argument("--completo", action="store_true", help="make test y make check completos")
    parser.add_argument("--solo", default="", help="solo los comandos que contienen este texto")
    parser.add_argument("--conservar", action="store_true", help="no borrar la copia al terminar")
    args = parser.parse_args(argv)
    outcomes = walk(args.origen, args.completo, args.solo, args.conservar)
    failed = [o for o in outcomes if o.verdict == "falla"]
    print(
        f"\n{len(outcomes)} comandos: {len(outcomes) - len(failed)} funcionan como dice el README, "
        f"{len(failed)} fallan."
    )
    for outcome in failed:
        print(f"  README:{outcome.line} {outcome.command} — {outcome.detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
