"""`make test` passes on a fresh machine by itself: the install script it runs (best effort) installs
rsync when it is missing. Checked with a PATH of stand-ins: an `apt-get` that records what it is asked
and "installs" rsync, an `id` that says who runs it, no real rsync."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SYSTEM = ROOT / "tests/tools/install_system_deps.sh"
BROWSER = ROOT / "tests/tools/install_browser_deps.sh"
BASH = shutil.which("bash") or "/bin/bash"
CHMOD = shutil.which("chmod") or "/bin/chmod"


def stand_in(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text(f"#!{BASH}\n{script}\n", encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path: Path) -> Path:
    """A bin folder with no rsync: an apt-get that logs and installs a stand-in rsync, an id, and the
    real env, bash and dirname."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    stand_in(
        bin_dir,
        "apt-get",
        f'echo "$DEBIAN_FRONTEND apt-get $*" >> {log}\n'
        f'if [[ "$1" == install ]]; then printf "#!{BASH}\\nexit 0\\n" > {bin_dir}/rsync; '
        f"{CHMOD} +x {bin_dir}/rsync; fi",
    )
    stand_in(bin_dir, "id", 'echo "${UID_FINGIDO:-0}"')
    for tool in ("env", "bash", "dirname"):
        os.symlink(shutil.which(tool) or f"/usr/bin/{tool}", bin_dir / tool)
    return bin_dir


def run(script: Path, bin_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BASH, str(script), *args],
        cwd=ROOT,
        env={"PATH": str(bin_dir), "HOME": str(bin_dir), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def apt_calls(bin_dir: Path) -> list[str]:
    log = bin_dir.parent / "apt.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_rsync_is_installed_when_missing(machine: Path) -> None:
    done = run(SYSTEM, machine, "--si-se-puede")
    assert (done.returncode, done.stderr) == (0, "sistema: instalando con apt-get: rsync\n")
    assert apt_calls(machine) == [" apt-get update -qq", "noninteractive apt-get install -y -qq rsync"]
    assert (machine / "rsync").is_file()
    again = run(SYSTEM, machine)
    assert (again.returncode, again.stderr) == (0, "")
    assert len(apt_calls(machine)) == 2, "nothing to install the second time"


def test_without_root_it_says_what_to_ask_for(machine: Path) -> None:
    strict = run(SYSTEM, machine, UID_FINGIDO="1000")
    assert strict.returncode == 1
    assert strict.stderr == (
        "sistema: faltan rsync y no soy root: pide a quien administre la máquina\n"
        "sistema:   sudo apt-get install rsync\n"
    )
    assert run(SYSTEM, machine, "--si-se-puede", UID_FINGIDO="1000").returncode == 0
    assert apt_calls(machine) == []


def test_the_script_make_test_runs_installs_rsync(machine: Path) -> None:
    """install_browser_deps.sh --si-se-puede (what `make test` runs) calls the system script first."""
    for tool in ("java", "npm"):
        stand_in(machine, tool, "exit 0")
    chromium = machine / "chromium"
    stand_in(machine, "chromium", "exit 0")
    done = run(BROWSER, machine, "--si-se-puede", CHROMIUM_PATH=str(chromium))
    assert done.returncode == 0, done.stderr
    assert "noninteractive apt-get install -y -qq rsync" in apt_calls(machine)
    assert (machine / "rsync").is_file()
