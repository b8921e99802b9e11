"""Markdown bodies rendered to HTML in worker processes, each body within a time and memory budget.

Python-Markdown and the sanitiser promise no linear time, and model/body.py refuses only the
pathological shapes we know. So no body is rendered in the build's own process: workers (one per
core, at most MAX_WORKERS) render them, each body with `Limits.seconds` of CPU time and
`Limits.memory_mb` of memory on top of what the worker started with. A body that goes past either
stops its worker (replaced at once) and comes back as a `Failure`; the other bodies go on.

Validation renders every body here once; the build's reader takes the HTML from `Rendered`
instead of rendering again, so `make validar` and `make html` give the same answer for every file.

Workers are forked (POSIX), so they start in milliseconds with the render module already loaded;
they never write to the terminal, and take small bodies in batches. The memory budget is address
space on top of the worker's at its start, which is its parent's: a worker of a large build may
also reuse memory its parent had freed, so the bound is the parent's size plus the budget. The CPU
budget is a kernel limit (RLIMIT_CPU, renewed for each body), so a loaded machine does not make a
body fail. The parent also reads each busy worker's CPU time (/proc/PID/stat) every POLL_SECONDS
and stops one past the budget: some sandboxes do not enforce RLIMIT_CPU on every process. A worker
that gets no CPU at all is still stopped after WALL_FACTOR times the budget (WALL_MINIMUM at least).
"""

from __future__ import annotations

import contextlib
import faulthandler
import math
import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from .render import to_html

MAX_WORKERS = 4
BATCH_BODIES = 32  # small bodies sent to a worker in one message, so it need not wait for the next
BATCH_CHARS = 256 * 1024
WALL_FACTOR = 6
WALL_MINIMUM = 60.0  # seconds: on a machine busy with other work, CPU time is what counts
POLL_SECONDS = 0.25  # how often the parent reads a busy worker's CPU time
CPU_SLACK = 1.0  # seconds the parent allows past the budget before it stops a worker itself
TIME = "tiempo"
MEMORY = "memoria"
DEPTH = "profundidad"
ERROR = "error"


@dataclass(frozen=True)
class Limits:
    seconds: int = 5  # CPU seconds per body; the largest allowed ordinary text takes under one
    memory_mb: int = 1024  # per worker, beyond the memory it had when it started
    workers: int = 0  # 0: one per available core, at most MAX_WORKERS


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Failure:
    """Why a body could not be rendered: TIME, MEMORY, DEPTH or ERROR."""

    kind: str


def render_all(sources: Mapping[str, str], limits: Limits = DEFAULT_LIMITS) -> dict[str, str | Failure]:
    """HTML (or a Failure) for each key of `sources`, each body rendered within `limits`."""
    results: dict[str, str | Failure] = {}
    pending = deque(sources.items())
    if not pending:
        return results
    context = _context()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    count = min(limits.workers or min(cores, MAX_WORKERS), len(pending))
    idle = [_Worker(context, limits) for _ in range(count)]
    busy: dict[Connection, _Worker] = {}
    try:
        while pending or busy:
            while idle and pending:
                worker = idle.pop()
                worker.give(_batch(pending))
                busy[worker.connection] = worker
            deadline = min(min(w.deadline for w in busy.values()), time.monotonic() + POLL_SECONDS)
            ready = wait(list(busy), timeout=max(0.0, deadline - time.monotonic()))
            for connection in ready:
                assert isinstance(connection, Connection)
                worker = busy[connection]
                key, outcome = worker.collect()
                results[key] = outcome
                if not worker.alive or not worker.batch:
                    del busy[connection]
                    pending.extendleft(reversed(worker.take_back()))
                    idle.append(worker if worker.alive else _Worker(context, limits))
            for connection, worker in list(busy.items()):
                if worker.connection.poll():
                    continue  # it has answered: collected above or on the next turn
                if worker.over_budget():  # past its CPU time, or starved or stuck: its body fails
                    del busy[connection]
                    results[worker.batch.popleft()[0]] = Failure(TIME)
                    worker.stop()
                    pending.extendleft(reversed(worker.take_back()))
                    idle.append(_Worker(context, limits))
    finally:
        for worker in idle + list(busy.values()):
            worker.stop()
    return results


def _batch(pending: deque[tuple[str, str]]) -> list[tuple[str, str]]:
    """The next bodies for one worker: several small ones go in one message, a big one alone."""
    batch = [pending.popleft()]
    size = len(batch[0][1])
    while pending and len(batch) < BATCH_BODIES and size + len(pending[0][1]) <= BATCH_CHARS:
        batch.append(pending.popleft())
        size += len(batch[-1][1])
    return batch


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class _Worker:
    """One worker process and the bodies it was given, in order; the first is the one it renders."""

    def __init__(self, context: Any, limits: Limits) -> None:
        self.connection, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=_serve, args=(child, limits), daemon=True)
        self.process.start()
        child.close()
        self.limits = limits
        self.batch: deque[tuple[str, str]] = deque()
        self.deadline = math.inf
        self.cpu_start: float | None = None
        self.alive = True

    def give(self, batch: list[tuple[str, str]]) -> None:
        self.batch = deque(batch)
        self._restart_clock()
        with contextlib.suppress(OSError):  # it died before the bodies reached it; collect() says why
            self.connection.send([source for _, source in batch])

    def _restart_clock(self) -> None:
        self.deadline = time.monotonic() + max(WALL_MINIMUM, self.limits.seconds * WALL_FACTOR)
        self.cpu_start = _cpu_seconds(self.process.pid)

    def over_budget(self) -> bool:
        """Past the wall deadline, or past the CPU budget since its current body started.

        The body started at the latest when the previous answer was collected, so the time
        counted here is never more than the body's own.
        """
        if time.monotonic() > self.deadline:
            return True
        now = _cpu_seconds(self.process.pid)
        if now is None or self.cpu_start is None:
            return False  # no /proc here: RLIMIT_CPU and the wall deadline still hold
        return now - self.cpu_start > self.limits.seconds + CPU_SLACK

    def collect(self) -> tuple[str, str | Failure]:
        """The outcome of the body it was rendering; the next one's clock starts."""
        key = self.batch.popleft()[0]
        self._restart_clock()
        try:
            kind, html = self.connection.recv()
        except (EOFError, OSError):
            self.alive = False
            self.process.join(timeout=5)
            return key, Failure(_death(self.process.exitcode))
        if kind != "html":
            if kind == MEMORY:  # after a MemoryError its heap is not to be trusted
                self.stop()
            return key, Failure(kind)
        return key, str(html)

    def take_back(self) -> list[tuple[str, str]]:
        """The bodies it was given and will not render (it stopped): for another worker."""
        if self.alive:
            return []
        left, self.batch = list(self.batch), deque()
        return left

    def stop(self) -> None:
        self.alive = False
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


def _cpu_seconds(pid: int | None) -> float | None:
    """The CPU time (user + system) process `pid` has used; None when it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None
    return ticks / _TICKS  # fields 14 and 15 of proc(5), counted from the state (field 3)


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _death(exitcode: int | None) -> str:
    if exitcode == -signal.SIGXCPU:
        return TIME
    if exitcode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGKILL):
        return MEMORY  # an allocation that failed outside Python (the sanitiser) aborts
    return ERROR


def _serve(connection: Connection, limits: Limits) -> None:
    """The worker's loop: bodies in, for each ('html', html) or (failure kind, '') out, until the pipe
    closes (or a MemoryError: the parent starts a new worker)."""
    faulthandler.disable()  # a test runner's crash reports would print the workers' ends
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)  # a failed allocation in Rust prints English; nothing reaches the terminal
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    budget = _address_space() + limits.memory_mb * 1024 * 1024
    if hard == resource.RLIM_INFINITY or budget < hard:
        resource.setrlimit(resource.RLIMIT_AS, (budget, hard))
    while True:
        try:
            sources = connection.recv()
        except (EOFError, OSError):
            return
        for source in sources:
            _limit_cpu(limits.seconds)
            try:
                reply = ("html", to_html(source))
            except MemoryError:
                reply = (MEMORY, "")
            except RecursionError:
                reply = (DEPTH, "")
            except Exception:
                reply = (ERROR, "")
            try:
                connection.send(reply)
            except MemoryError:
                connection.send((MEMORY, ""))
            if reply[0] == MEMORY:
                return


def _limit_cpu(seconds: int) -> None:
    """SIGXCPU once this process has used `seconds` more CPU seconds than it has now."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = math.ceil(usage.ru_utime + usage.ru_stime)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = used + seconds
    if hard == resource.RLIM_INFINITY or soft < hard:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _address_space() -> int:
    """Bytes of address space this process uses now (VmSize)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[0])
    return pages * resource.getpagesize()


def failure_message(failure: Failure, limits: Limits) -> str:
    """What an editor reads when a body could not be rendered (placed at the body's first line)."""
    if failure.kind == TIME:
        return (
            f"el texto de la nota no se pudo convertir a HTML en {limits.seconds} segundos (el límite "
            "por archivo); suele pasar con texto pegado que repite miles de veces un signo de formato "
            "(#, *, =, -, [, <, &, |): revisa el texto desde esta línea y quita lo que no sea de la nota"
        )
    if failure.kind == MEMORY:
        return (
            f"convertir el texto de la nota a HTML necesitó más de {limits.memory_mb} MB de memoria "
            "(el límite por archivo); revisa el texto desde esta línea y quita lo que se haya pegado "
            "por error, o divídelo en varias notas"
        )
    if failure.kind == DEPTH:
        return (
            "el texto de la nota tiene listas, citas o definiciones encadenadas a demasiada "
            "profundidad para convertirlo a HTML; deja una línea en blanco entre ellas o "
            "simplifica su estructura"
        )
    return (
        "el texto de la nota no se pudo convertir a HTML (el conversor falló con este texto); "
        "revisa el texto desde esta línea, en especial el HTML pegado y los signos de formato"
    )


class Rendered:
    """Bodies already rendered by validation, found by their Markdown source; others rendered now."""

    def __init__(self, html: dict[str, str] | None = None, limits: Limits = DEFAULT_LIMITS) -> None:
        self._html = html or {}
        self.limits = limits

    def add(self, source: str, html: str) -> None:
        self._html[source] = html

    def get(self, source: str) -> str | Failure:
        """The HTML of `source`; a body that changed since validation is rendered within the limits."""
        if not source.strip():
            return ""
        found = self._html.get(source)
        if found is not None:
            return found
        outcome = render_all({"": source}, self.limits)[""]
        if isinstance(outcome, str):
            self._html[source] = outcome
        return outcome
