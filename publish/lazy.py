"""Commands whose code is imported only when they run: `python -m publish run`, which cron starts
every few minutes, does not load the reports' or the synthesis's modules just to build its parser."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import import_module

from .config import Config

Command = Callable[[argparse.Namespace, Config], int]


def later(module: str, name: str) -> Command:
    """`module`.`name` (an absolute module name), imported when the command is called."""

    def run(args: argparse.Namespace, config: Config) -> int:
        command: Command = getattr(import_module(module), name)
        return command(args, config)

    return run
