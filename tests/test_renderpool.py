"""The render workers: each body within its time and memory, one bad body never stops the others.

Bodies here skip model/body.py's checks on purpose (they are given to the pool directly), so
what is tested is the last line of defence: the limits themselves. Time and memory bounds are
regression guards with generous limits, not benchmarks.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from pressroom import renderpool
from pressroom.render import to_html
from pressroom.renderpool import (
    DEPTH,
    MEMORY,
    TIME,
    Failure,
    Limits,
    Rendered,
    failure_message,
    render_all,
)
from sitekit import ROOT, item, make_project

GOOD = "La clínica atenderá a **tres mil familias** de la [zona oriente](https://example.org/)."
SLOW = "*a* " * 60_000  # minutes for Python-Markdown: each emphasis rescans the paragraph
HUNGRY = ("Texto normal de una nota, con *énfasis* y [enlaces](https://example.org/). " * 6 + "\n\n") * 1_000
CHAINED = "término\n: definición\n" * 600  # a RecursionError inside Python-Markdown
MAX_SECONDS = 20.0
MAX_PEAK_MB = 1500.0


def children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def test_a_slow_body_fails_alone_and_the_others_are_rendered() -> None:
    sources = {"a.md": GOOD, "lenta.md": SLOW, "b.md": GOOD + "\n\nOtro párrafo."}
    start = time.monotonic()
    results = render_all(sources, Limits(seconds=1, workers=1))  # one worker: it must be replaced
    elapsed = time.monotonic() - start

    assert results["lenta.md"] == Failure(TIME)
    assert results["a.md"] == to_html(GOOD)
    assert results["b.md"] == to_html(sources["b.md"])
    assert elapsed < MAX_SECONDS
    assert children_peak_mb() < MAX_PEAK_MB


def test_a_slow_body_fails_where_the_kernel_does_not_enforce_rlimit_cpu(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Some sandboxes ignore RLIMIT_CPU: the parent, reading the worker's CPU time, stops it."""
    monkeypatch.setattr(renderpool, "_limit_cpu", lambda seconds: None)  # the forked workers inherit it
    sources = {"lenta.md": SLOW, "a.md": GOOD}
    start = time.monotonic()
    results = render_all(sources, Limits(seconds=1, workers=1))
    elapsed = time.monotonic() - start

    assert results == {"lenta.md": Failure(TIME), "a.md": to_html(GOOD)}
    assert elapsed < 1 + renderpool.CPU_SLACK + 5  # SLOW alone takes 10 s and more of CPU


def test_a_body_answered_just_before_its_budget_is_not_blamed_for_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Small bodies in one batch: the CPU counted for a body starts when the previous one is
    collected, and a worker that has answered is collected before it is judged."""
    monkeypatch.setattr(renderpool, "_limit_cpu", lambda seconds: None)
    sources = {f"nota-{n}.md": GOOD + f" Párrafo {n}." for n in range(40)} | {"lenta.md": SLOW}
    results = render_all(sources, Limits(seconds=1, workers=1))
    assert results.pop("lenta.md") == Failure(TIME)
    assert results == {key: to_html(source) for key, source in sources.items() if key != "lenta.md"}


def in_a_small_process(code: str) -> Any:
    """Run `code` (which leaves a JSON-able `result`) in a fresh Python and return `result`.

    A worker's memory budget counts from the size of the process it was forked from, whose freed
    memory it may reuse: from this test run, grown by the tests before, the budget would be loose.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "plugins"), str(ROOT / "tests")])}
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport json\nprint(json.dumps(result))"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def test_a_body_past_its_memory_fails_alone() -> None:
    results = in_a_small_process(
        "from test_renderpool import GOOD, HUNGRY\n"
        "from pressroom.renderpool import Limits, render_all\n"
        "found = render_all({'grande.md': HUNGRY, 'a.md': GOOD}, Limits(memory_mb=16, workers=1))\n"
        "control = render_all({'grande.md': HUNGRY})\n"
        "result = [repr(found['grande.md']), found['a.md'], isinstance(control['grande.md'], str)]"
    )
    assert results == [repr(Failure(MEMORY)), to_html(GOOD), True]  # control: fine within 1024 MB


def test_a_recursion_error_is_a_failure_not_a_crash() -> None:
    results = render_all({"definiciones.md": CHAINED, "a.md": GOOD}, Limits(workers=1))
    assert results == {"definiciones.md": Failure(DEPTH), "a.md": to_html(GOOD)}


def test_many_bodies_come_back_under_their_own_keys() -> None:
    sources = {f"nota-{n}.md": f"Párrafo número {n}." for n in range(60)}
    results = render_all(sources, Limits(workers=2))
    assert results == {key: to_html(source) for key, source in sources.items()}
    assert render_all({}) == {}


def test_a_body_that_changed_since_validation_is_rendered_within_the_limits() -> None:
    rendered = Rendered({GOOD: "<p>ya convertido</p>"}, Limits(seconds=1))
    assert rendered.get(GOOD) == "<p>ya convertido</p>"  # validation's HTML, not rendered again
    assert rendered.get("Nuevo *texto*.") == "<p>Nuevo <em>texto</em>.</p>"
    assert rendered.get(SLOW) == Failure(TIME)
    assert rendered.get("   \n") == ""


def test_validation_reports_a_body_past_its_memory_at_the_first_line_of_the_text(tmp_path: Path) -> None:
    conf = make_project(
        tmp_path,
        {
            "boletines/2026/grande.md": item(body=HUNGRY),
            "boletines/2026/buena.md": item(id="2026-11-25-bbbbb", slug="otra"),
        },
    )
    limits = Limits(memory_mb=16)
    problems, items = in_a_small_process(
        "from pathlib import Path\n"
        "from pressroom.content import load_site\n"
        "from pressroom.renderpool import Limits\n"
        f"site = load_site(Path({str(conf.parent / 'content')!r}), limits=Limits(memory_mb=16))\n"
        "result = [[str(p) for p in site.problems], [i.path for i in site.items]]"
    )
    assert problems == [f"content/boletines/2026/grande.md:13: {failure_message(Failure(MEMORY), limits)}"]
    assert items == ["content/boletines/2026/buena.md", "content/boletines/2026/grande.md"]
    assert failure_message(Failure(MEMORY), limits).startswith(
        "convertir el texto de la nota a HTML necesitó más de 16 MB de memoria (el límite por archivo)"
    )
