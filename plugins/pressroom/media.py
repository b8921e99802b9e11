"""Copy the media files that written pages use, and nothing else from content/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .output import copy_file


def copy_media(articles: list[Any], content_dir: Path, output_dir: Path) -> int:
    """Copy each referenced image or audio file once; returns how many were copied."""
    wanted = sorted({path for article in articles for path in article.item.media_files()})
    for relative in wanted:
        copy_file(output_dir, relative, content_dir / relative)
    return len(wanted)
