"""Run one command and measure it: wall-clock time, CPU time and peak memory of its process tree.

Peak memory is read two ways. `peak_tree` adds up the resident memory of the command and every
descendant (Pagefind, git, Hugo's workers…), sampled from /proc every SAMPLE seconds: what the
machine must have free. `peak_process` is the kernel's own high-water mark of the largest single
process in the tree (wait4's ru_maxrss), exact but blind to processes running side by side.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE = 0.05  # seconds between /proc samples
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the whole tree
    peak_tree: int  # bytes
    peak_process: int  # bytes
    marks: tuple[tuple[str, float], ...] = ()  # (output line, seconds since start) for `watch`


class CommandFailed(RuntimeError):
    pass


def _children() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stream:
                stat = stream.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        found.setdefault(ppid, []).append(int(entry.name))
    return found


def tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants right now."""
    children = _children()
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        pending += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm", "rb") as stream:
                total += int(stream.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.done.wait(SAMPLE)


def run(command: list[str], cwd: Path, env: dict[str, str], log: Path, watch: tuple[str, ...] = ()) -> Sample:
    """Run `command` to completion; raises CommandFailed (with the log's tail) if it fails.

    Lines of its output that start with one of `watch` are time-stamped in `Sample.marks`.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    marks: list[tuple[str, float]] = []
    with log.open("w", encoding="utf-8") as stream:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        sampler = _Sampler(process.pid)
        sampler.start()
        assert process.stdout is not None
        for line in process.stdout:
            stream.write(line)
            if watch and line.startswith(watch):
                marks.append((line.strip(), time.perf_counter() - start))
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.done.set()
        sampler.join()
    if process.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:])
        raise CommandFailed(
            f"{' '.join(command)} terminó con código {process.returncode} (en {cwd}):\n{tail}"
        )
    return Sample(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_tree=max(sampler.peak, usage.ru_maxrss * 1024),
        peak_process=usage.ru_maxrss * 1024,
        marks=tuple(marks),
    )


def folder_size(folder: Path) -> tuple[int, int]:
    """(files, bytes) under `folder`, following no links."""
    files = size = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            try:
                size += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                continue
            files += 1
    return files, size
