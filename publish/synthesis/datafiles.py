"""The synthesis's committed rule files (`datos/temas.yml`, `datos/tono.yml`): plain YAML written by
the office, read once per run; a broken one is a Spanish ConfigError naming the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

FOLDER = Path(__file__).parent / "datos"


def read_rules(path: Path, what: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: no se pudo leer {what} ({error.__class__.__name__})") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: {what} debe ser un grupo de claves")
    return data
