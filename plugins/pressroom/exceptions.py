"""The project's errors. Only the command line turns them into exit codes.

PressroomError
├── ContentError   content files have problems (each with path:line)
└── BuildError     Pelican failed or warned while writing the site
"""

from __future__ import annotations

from .model.problems import Problem


class PressroomError(Exception):
    """Base of every error the commands report to editors."""


class ContentError(PressroomError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class BuildError(PressroomError):
    pass
