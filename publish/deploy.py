"""Putting output/ online: plan (a pure diff with a reason per file), then apply atomically.

local  a folder served by a web server: each deploy is a complete release folder and the
       `actual` symlink is switched in one rename, so a reader sees the old site or the new one.
rsync  over SSH to a web server, with --delay-updates --delete-after: new files are put in place
       together at the end and removed files go last.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol

from . import crashpoints
from .digests import FILE as DIGESTS_FILE
from .digests import FileDigests
from .errors import DeployError, describe_os_error

PRIVATE = ".publicacion"  # the manifest's folder: never deployed
CURRENT = "actual"
RELEASES = "versiones"
HISTORY = ".historial"  # beside `actual`: the releases that went live, oldest first
MISSING_RSYNC = "no está instalado rsync; instálalo (apt-get install rsync)"
UNCHANGED = "El sitio en línea no cambió y no se anunció nada"
# what rsync (or ssh) says on stderr, and what it means for the people who publish
RSYNC_HINTS = (
    ("No space left on device", errno.ENOSPC),
    ("Disk quota exceeded", errno.EDQUOT),
    ("Read-only file system", errno.EROFS),
    ("Operation not permitted", errno.EPERM),
    ("Permission denied", errno.EACCES),
    ("Not a directory", errno.ENOTDIR),
)
SSH_HINT = (
    "no se pudo conectar con el servidor: revisa `despliegue.remoto`, la red y la llave SSH (prueba "
    "`ssh usuario@servidor`)"
)


@dataclass(frozen=True)
class DeployPlan:
    new: tuple[str, ...]
    changed: tuple[str, ...]
    deleted: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.new or self.changed or self.deleted)

    def lines(self) -> list[str]:
        return (
            [f"nuevo      {p}" for p in self.new]
            + [f"cambiado   {p}" for p in self.changed]
            + [f"borrado    {p}" for p in self.deleted]
        )

    def summary(self) -> str:
        if self.empty:
            return "sin cambios"
        return f"{len(self.new)} archivos nuevos, {len(self.changed)} cambiados, {len(self.deleted)} borrados"

    def at_target(self, address: str, output: Path) -> bool:
        """Whether the deploy target already serves this root-relative address (before this deploy):
        a file of the build that is not new there, or one the deploy would delete."""
        relative = page_file(address)
        if relative in self._deleted:
            return True
        return relative not in self._new and (output / relative).is_file()

    @cached_property
    def _new(self) -> frozenset[str]:
        return frozenset(self.new)

    @cached_property
    def _deleted(self) -> frozenset[str]:
        return frozenset(self.deleted)


def page_file(address: str) -> str:
    """The file an address is served from: '/boletines/2026/11/x/' → 'boletines/2026/11/x/index.html'."""
    relative = address.split("?", 1)[0].split("#", 1)[0].lstrip("/")
    return relative + "index.html" if relative.endswith("/") or not relative else relative


def fingerprints(folder: Path, digests: FileDigests | None = None) -> dict[str, str]:
    """{relative path: sha256} of the site in `folder`, without the private manifest folder."""
    return (digests or FileDigests()).folder(folder, skip=PRIVATE)


def diff(new: dict[str, str], old: dict[str, str]) -> DeployPlan:
    return DeployPlan(
        new=tuple(sorted(set(new) - set(old))),
        changed=tuple(sorted(p for p in set(new) & set(old) if new[p] != old[p])),
        deleted=tuple(sorted(set(old) - set(new))),
    )


class Target(Protocol):
    description: str

    def plan(self, output: Path) -> DeployPlan: ...
    def apply(self, output: Path) -> None: ...
    def has_site(self) -> bool: ...


class LocalTarget:
    def __init__(self, folder: Path, keep: int = 3) -> None:
        self.folder = folder
        self.keep = keep
        self.description = f"carpeta local {folder / CURRENT}"
        self.digests = FileDigests(folder / DIGESTS_FILE)
        self._sites: dict[Path, dict[str, str]] = {}  # each site's files, walked once per run

    def _fingerprints(self, site: Path) -> dict[str, str]:
        """The files of a site the run reads while no one may change it: the built one (under the
        output lock) or a release (never changed once made)."""
        found = self._sites.get(site)
        if found is None:
            found = self._sites[site] = fingerprints(site, self.digests)
        return found

    @property
    def current(self) -> Path:
        return self.folder / CURRENT

    def has_site(self) -> bool:
        return self.current.exists()

    def plan(self, output: Path) -> DeployPlan:
        """Pure: what apply would change (the digests are kept only when a deploy is applied)."""
        live = self.current.resolve() if self.has_site() else self.current
        return diff(self._fingerprints(output.resolve()), self._fingerprints(live))

    def apply(self, output: Path) -> None:
        """Copy into a new release, then switch `actual` to it in one step. Until the switch the site
        online is untouched; whatever fails before it is a Spanish DeployError and leaves nothing."""
        self._check_folders()
        releases = self.folder / RELEASES
        name = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ") + f"-{os.getpid()}"
        partial = releases / f".{name}.parcial"
        link = self.folder / f".{CURRENT}.{os.getpid()}"
        try:
            releases.mkdir(parents=True, exist_ok=True)
            self._copy(output, partial)
            partial.rename(releases / name)
            crashpoints.reached("despliegue")
            if link.is_symlink():
                link.unlink()
            link.symlink_to(Path(RELEASES) / name)
            os.replace(link, self.current)  # the one atomic step readers can observe
        except OSError as exc:
            for leftover in (partial, releases / name):
                shutil.rmtree(leftover, ignore_errors=True)
            if link.is_symlink():
                link.unlink(missing_ok=True)
            raise DeployError(
                f"no se pudo desplegar en {self.folder}: {describe_os_error(exc)}. {UNCHANGED}"
            ) from exc
        try:  # the new site is live: what follows is bookkeeping, and cannot undo the deploy
            with (self.folder / HISTORY).open("a", encoding="utf-8") as history:
                history.write(name + "\n")
            self._prune(live=name)
            self.digests.save()
        except OSError:
            pass  # the next deploy prunes again (and hashes again); at worst one older version is not kept

    def _check_folders(self) -> None:
        for folder in (self.folder, self.folder / RELEASES):
            if folder.exists() and not folder.is_dir():
                raise DeployError(
                    f"{folder} debería ser una carpeta y es un archivo: muévelo o cambia "
                    f"`despliegue.carpeta` en la configuración. {UNCHANGED}"
                )
            if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
                denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))
                raise DeployError(f"no se pudo desplegar: {describe_os_error(denied)}. {UNCHANGED}")

    def _copy(self, output: Path, partial: Path) -> None:
        """Every file of the site into `partial`: hard links to the live release's copy where the
        bytes are the same, copies otherwise (paths as plain strings: tens of thousands of files)."""
        previous = self.current.resolve() if self.has_site() else None
        old = self._fingerprints(previous) if previous else {}
        before, built, made = str(previous), str(output), set()
        for relative, digest in self._fingerprints(output.resolve()).items():
            target = os.path.join(partial, relative)
            parent = os.path.dirname(target)
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            if previous is not None and old.get(relative) == digest:
                os.link(os.path.join(before, relative), target)  # unchanged: share the bytes
            else:
                source = os.path.join(built, relative)
                shutil.copy2(source, target)
                self.digests.record(target, source)  # the next deploy does not read it

    def _prune(self, live: str) -> None:
        """Keep the live release and the `keep` that were live before it; remove everything else,
        including what a killed deploy left (a partial copy, or a release never switched to)."""
        releases = self.folder / RELEASES
        history = (self.folder / HISTORY).read_text(encoding="utf-8").split()
        kept = {live, *history[-self.keep - 1 :]} if self.keep > 0 else {live}
        for entry in releases.iterdir():
            if entry.name not in kept:
                shutil.rmtree(entry, ignore_errors=True)


class RsyncTarget:
    def __init__(self, remote: str, ssh: str = "ssh") -> None:
        self.remote = remote if remote.endswith("/") else remote + "/"
        self.ssh = ssh
        self.description = f"rsync a {self.remote}"

    def _command(self, output: Path, *extra: str) -> list[str]:
        return [
            "rsync",
            "--recursive",
            "--links",
            "--times",
            "--checksum",
            "--delete-after",
            "--delay-updates",
            f"--exclude=/{PRIVATE}/",
            "-e",
            self.ssh,
            *extra,
            str(output) + "/",
            self.remote,
        ]

    def has_site(self) -> bool:
        try:
            listing = subprocess.run(
                ["rsync", "-e", self.ssh, "--list-only", self.remote + "index.html"],
                capture_output=True,
                check=False,
            )
        except FileNotFoundError as exc:
            raise DeployError(MISSING_RSYNC) from exc
        return listing.returncode == 0

    def plan(self, output: Path) -> DeployPlan:
        done = self._run(self._command(output, "--dry-run", "--itemize-changes"))
        new, changed, deleted = [], [], []
        for line in done.stdout.splitlines():
            flags, _, path = line.partition(" ")
            if path.endswith("/"):
                continue
            if flags.startswith("*deleting"):
                deleted.append(path.strip())
            elif flags[:2] in (">f", "<f") and "+++++++" in flags:
                new.append(path)
            elif flags[:2] in (">f", "<f"):
                changed.append(path)
        return DeployPlan(tuple(sorted(new)), tuple(sorted(changed)), tuple(sorted(deleted)))

    def apply(self, output: Path) -> None:
        self._run(self._command(output))

    def _run(self, command: list[str]) -> subprocess.CompletedProcess[str]:
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
        except FileNotFoundError as exc:
            raise DeployError(MISSING_RSYNC) from exc
        if done.returncode != 0:
            raise DeployError(
                f"rsync no pudo desplegar en {self.remote} ({rsync_hint(done.stderr)}). rsync pone los "
                f"archivos en su lugar al final, así que el sitio en línea no cambió; no se anunció nada. "
                f"Lo que dijo rsync (error {done.returncode}): {done.stderr.strip()}"
            )
        return done


def rsync_hint(stderr: str) -> str:
    if "ssh: " in stderr or "Permission denied (publickey" in stderr:
        return SSH_HINT
    for text, code in RSYNC_HINTS:
        if text in stderr:
            return describe_os_error(OSError(code, os.strerror(code)))
    return "revisa el mensaje de rsync abajo"
