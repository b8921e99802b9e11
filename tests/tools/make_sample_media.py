"""Generate the placeholder photos and radio spots used by the sample content.

Scans the front matter of every ``content/**/*.md`` file, collects each image path
(``imagen.archivo`` and ``galeria[].archivo``) and each ``audio`` path, and creates
the files that are missing under ``content/``:

* images: JPEG 960x640, quality ~70, under ~60 KB, a gradient in the party's colours
  with a few shapes and the caption "Foto de muestra" plus the file name; each
  image is different but deterministic (seeded by its path);
* audio: MP3, mono, 32 kbps, 10 to 30 seconds of soft beeps.

Needs Python 3.10+, PyYAML and Pillow (both in the project's ``.venv``) and, only
for the audio, the ``lameenc`` package, which is NOT a project dependency: install
everything in a throwaway environment and run it from there::

    python3 -m venv /tmp/mediavenv
    /tmp/mediavenv/bin/pip install lameenc pillow pyyaml
    /tmp/mediavenv/bin/python tests/tools/make_sample_media.py          # only missing files
    /tmp/mediavenv/bin/python tests/tools/make_sample_media.py --force  # regenerate all

A DejaVu font from /usr/share/fonts is used when available; otherwise Pillow's
default font.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import io
import math
import random
import struct
import sys
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"

WIDTH, HEIGHT = 960, 640
MAX_IMAGE_BYTES = 60_000
SAMPLE_RATE = 22_050

RED = (200, 16, 46)  # #C8102E
YELLOW = (255, 209, 0)  # #FFD100
DARK = (28, 24, 28)
DEEP_RED = (110, 8, 28)
ORANGE = (232, 96, 30)
CREAM = (250, 240, 214)
PALETTES = [
    (RED, YELLOW),
    (DARK, RED),
    (DEEP_RED, ORANGE),
    (RED, CREAM),
    (DARK, YELLOW),
    (ORANGE, YELLOW),
    (DEEP_RED, RED),
    (DARK, ORANGE),
]


# --- front matter -----------------------------------------------------------


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            data = yaml.safe_load("\n".join(lines[1:end]))
            return data if isinstance(data, dict) else {}
    return {}


def referenced_media(content: Path) -> tuple[set[str], set[str]]:
    """Return (images, audio) paths relative to content/ used by any Markdown file."""
    images: set[str] = set()
    audio: set[str] = set()
    for md in sorted(content.rglob("*.md")):
        meta = front_matter(md)
        pictures = [meta.get("imagen"), *(meta.get("galeria") or [])]
        for pic in pictures:
            if isinstance(pic, dict) and pic.get("archivo"):
                images.add(str(pic["archivo"]))
        if meta.get("audio"):
            audio.add(str(meta["audio"]))
    return images, audio


# --- images -----------------------------------------------------------------


def seeded(rel: str) -> random.Random:
    return random.Random(int(hashlib.sha256(rel.encode()).hexdigest()[:16], 16))


def find_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf"):
        for candidate in sorted(Path("/usr/share/fonts").rglob(name)):
            return ImageFont.truetype(str(candidate), size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def gradient(rng: random.Random) -> Image.Image:
    start, end = rng.choice(PALETTES)
    if rng.random() < 0.5:
        start, end = end, start
    # A square larger than the picture's diagonal, so rotating it never exposes its corners.
    side = math.ceil(math.hypot(WIDTH, HEIGHT)) + 8
    mask = Image.linear_gradient("L").resize((side, side)).rotate(rng.uniform(0, 360))
    left = (mask.width - WIDTH) // 2
    top = (mask.height - HEIGHT) // 2
    mask = mask.crop((left, top, left + WIDTH, top + HEIGHT))
    return Image.composite(Image.new("RGB", mask.size, end), Image.new("RGB", mask.size, start), mask)


def shapes(img: Image.Image, rng: random.Random) -> Image.Image:
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    motif = rng.choice(("volcanes", "burbujas", "franjas"))
    if motif == "volcanes":
        cx, cy, r = rng.randint(150, 810), rng.randint(90, 220), rng.randint(50, 90)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*YELLOW, 170))
        for depth, base in enumerate((380, 450, 520)):
            shade = (*DARK, 110 + 45 * depth)
            peaks = [(0, HEIGHT)]
            x = -60
            while x < WIDTH + 60:
                width = rng.randint(180, 340)
                peaks.append((x + width // 2, base - rng.randint(60, 180)))
                x += width
                peaks.append((x, base + rng.randint(0, 40)))
            peaks.append((WIDTH, HEIGHT))
            draw.polygon(peaks, fill=shade)
    elif motif == "burbujas":
        for _ in range(rng.randint(10, 18)):
            r = rng.randint(25, 130)
            x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
            colour = rng.choice((YELLOW, CREAM, RED, ORANGE))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, rng.randint(50, 120)))
        layer = layer.filter(ImageFilter.GaussianBlur(3))
    else:
        step = rng.randint(70, 120)
        colour = rng.choice((YELLOW, CREAM, DARK))
        for i in range(-HEIGHT, WIDTH + HEIGHT, step * 2):
            draw.polygon(
                [(i, HEIGHT), (i + step, HEIGHT), (i + step + HEIGHT, 0), (i + HEIGHT, 0)],
                fill=(*colour, 60),
            )
        r = rng.randint(120, 200)
        x, y = rng.randint(r, WIDTH - r), rng.randint(r, HEIGHT - r)
        draw.ellipse((x - r, y - r, x + r, y + r), outline=(*CREAM, 160), width=12)
    return Image.alpha_composite(img.convert("RGBA"), layer)


def caption(img: Image.Image, stem: str) -> Image.Image:
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    big, small = find_font(30), find_font(18)
    draw.rectangle((0, HEIGHT - 86, WIDTH, HEIGHT), fill=(0, 0, 0, 140))
    draw.rectangle((0, HEIGHT - 86, 10, HEIGHT), fill=(*YELLOW, 255))
    draw.text((28, HEIGHT - 78), "Foto de muestra", font=big, fill=(255, 255, 255, 255))
    draw.text((28, HEIGHT - 36), stem, font=small, fill=(*YELLOW, 255))
    return Image.alpha_composite(img, layer).convert("RGB")


def make_image(rel: str) -> bytes:
    rng = seeded(rel)
    img = caption(shapes(gradient(rng), rng), Path(rel).stem)
    for quality in (70, 62, 55, 48, 40):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True, progressive=True)
        if buf.tell() <= MAX_IMAGE_BYTES:
            break
    return buf.getvalue()


# --- audio ------------------------------------------------------------------


def pcm_beeps(rng: random.Random) -> bytes:
    """Mono 16-bit PCM: soft two-note chimes with fades, 10-30 seconds long."""
    seconds = rng.randint(12, 24)
    notes = [rng.choice((392.0, 440.0, 523.25, 587.33, 659.25)) for _ in range(4)]
    samples = []
    beat = 1.5  # one chime every 1.5 s
    for n in range(seconds * SAMPLE_RATE):
        t = n / SAMPLE_RATE
        k = int(t // beat)
        local = t - k * beat
        freq = notes[k % len(notes)]
        envelope = math.exp(-3.0 * local) * min(1.0, local * 200)
        value = 0.22 * envelope * (math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t))
        fade = min(1.0, t / 0.5, (seconds - t) / 1.0)
        samples.append(int(32767 * max(-1.0, min(1.0, value * fade))))
    return struct.pack(f"<{len(samples)}h", *samples)


def make_audio(rel: str) -> bytes:
    try:
        lameenc = importlib.import_module("lameenc")
    except ImportError:
        sys.exit(
            "Falta el paquete 'lameenc' para crear los audios de muestra. Instálalo en un entorno "
            "desechable: python3 -m venv /tmp/mediavenv && /tmp/mediavenv/bin/pip install lameenc "
            "pillow pyyaml"
        )
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(2)
    data = encoder.encode(pcm_beeps(seeded(rel)))
    data += encoder.flush()
    return bytes(data)


# --- main -------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--force", action="store_true", help="regenerate files that already exist")
    parser.add_argument("--content", type=Path, default=CONTENT, help="content folder (default: content/)")
    args = parser.parse_args(argv)

    images, audio = referenced_media(args.content)
    made = 0
    for rel, maker in [(r, make_image) for r in sorted(images)] + [(r, make_audio) for r in sorted(audio)]:
        target = args.content / rel
        if target.exists() and not args.force:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(maker(rel))
        made += 1
        print(f"creado {target.relative_to(args.content)} ({target.stat().st_size // 1024} KB)")
    total = sum(
        (args.content / rel).stat().st_size for rel in images | audio if (args.content / rel).exists()
    )
    print(
        f"{made} archivos creados; {len(images)} imágenes y {len(audio)} audios referenciados, "
        f"{total / 1e6:.2f} MB en total"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
