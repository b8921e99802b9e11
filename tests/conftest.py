from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))
pytest_plugins = ["publishkit", "feedkit"]  # fixtures: built, project (publishing); cli (synthesis)
