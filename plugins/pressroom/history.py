"""When each content file last changed, from git (local and read-only; no network).

Feeds and calendars need an 'updated' instant that moves when an item is edited; the file's last
commit is that instant. Outside a git checkout, or for files never committed, there is none and
callers fall back to the item's own date.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_commits(content_dir: Path) -> dict[str, dt.datetime]:
    """{path relative to content_dir: last commit instant}; empty when git has no answer."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=content_dir,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", "."],
            cwd=content_dir,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    prefix = content_dir.resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    found: dict[str, dt.datetime] = {}
    when: dt.datetime | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            when = dt.datetime.fromisoformat(line[1:])
        elif line and when is not None and line.startswith(prefix):
            found.setdefault(line[len(prefix) :], when)  # newest commit comes first
    return found
