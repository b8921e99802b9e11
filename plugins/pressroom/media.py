"""Copy the media files that written pages use, and nothing else from content/."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any


def copy_media(articles: list[Any], content_dir: Path, output_dir: Path) -> int:
    """Copy each referenced image or audio file once; returns how many were copied."""
    wanted = sorted({path for article in articles for path in article.item.media_files()})
    for relative in wanted:
        target = output_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(content_dir / relative, target)
    return len(wanted)
