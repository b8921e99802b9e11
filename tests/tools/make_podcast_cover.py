"""Draw theme/static/img/podcast.png, the 1400×1400 cover Apple Podcasts requires.

Run once with the project's venv: `.venv/bin/python tests/tools/make_podcast_cover.py`.
Needs the DejaVu fonts (Debian's fonts-dejavu-core).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def main() -> None:
    size = 1400
    cover = Image.new("RGB", (size, size), "#C8102E")
    draw = ImageDraw.Draw(cover)
    draw.rectangle((0, size - 120, size, size), fill="#FFD100")
    draw.text((size // 2, 520), "PT", font=ImageFont.truetype(FONT, 420), fill="white", anchor="mm")
    draw.text(
        (size // 2, 900), "Spots de radio", font=ImageFont.truetype(FONT, 120), fill="white", anchor="mm"
    )
    draw.text(
        (size // 2, 1060), "Estado de México", font=ImageFont.truetype(FONT, 90), fill="white", anchor="mm"
    )
    cover.save(ROOT / "theme/static/img/podcast.png", optimize=True)


if __name__ == "__main__":
    main()
