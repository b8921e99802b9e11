"""Peak memory and time of processing the largest photos the site accepts (8000 px per side).

Not a test (nothing here is collected by pytest): run it by hand and read the figures.

    .venv/bin/python tests/bench/photo_memory.py

Each photo is written to a temporary folder, then processed in a fresh Python process exactly as
the build does (renditions.decode, then renditions.render: the full-size copy and every
derivative). The figures: that process's peak resident set (VmHWM), and how much of it the
photo added. The build processes photos one after another, so its peak is the worst one's.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from PIL import Image as PILImage  # noqa: E402
from PIL import ImageCms  # noqa: E402

from pressroom import renditions  # noqa: E402

SIDE = renditions.MAX_SIDE


def _noise(mode: str, size: tuple[int, int]) -> PILImage.Image:
    """A photo-like image (not one flat colour, which every codec shrinks to nothing)."""
    small = PILImage.effect_noise((size[0] // 16, size[1] // 16), 64).convert("L")
    base = small.resize(size, PILImage.Resampling.BILINEAR)
    if mode == "L":
        return base
    return PILImage.merge("RGB", (base, base.rotate(90, expand=False), base.transpose(0))).convert(mode)


def jpeg(side: int, mode: str = "RGB", orientation: int = 1, icc: bool = False) -> bytes:
    image = _noise(mode, (side, side))
    exif = PILImage.Exif()
    exif[0x0112] = orientation
    extra: dict[str, object] = {"exif": exif.tobytes(), "quality": 90}
    if icc:
        extra["icc_profile"] = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **extra)
    return buffer.getvalue()


def png(side: int, mode: str) -> bytes:
    if mode == "I;16":
        image = _noise("L", (side, side)).convert("I").point(lambda v: v * 256).convert("I;16")
    elif mode == "P":
        image = _noise("RGB", (side, side)).quantize(64)
        image.info["transparency"] = 0
    else:
        image = _noise(mode, (side, side))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **({"transparency": 0} if mode == "P" else {}))
    return buffer.getvalue()


def heic(side: int) -> bytes:
    buffer = io.BytesIO()
    _noise("RGB", (side, side)).save(buffer, "HEIF", quality=80)
    return buffer.getvalue()


PHOTOS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "JPEG RGB 8000×8000 (reducida al decodificar)": ("a.jpg", lambda: jpeg(SIDE)),
    "JPEG RGB 7999×7999, girada y con perfil ICC": ("b.jpg", lambda: jpeg(SIDE - 1, orientation=6, icc=True)),
    "JPEG CMYK 7999×7999": ("c.jpg", lambda: jpeg(SIDE - 1, mode="CMYK")),
    "JPEG RGB 7199×7199 (la mayor sin reducir)": ("h.jpg", lambda: jpeg(7199)),
    "PNG RGBA 8000×8000": ("d.png", lambda: png(SIDE, "RGBA")),
    "PNG RGBA 7999×7999": ("i.png", lambda: png(SIDE - 1, "RGBA")),
    "PNG gris 16 bits 8000×8000": ("e.png", lambda: png(SIDE, "I;16")),
    "PNG con paleta y transparencia 8000×8000": ("f.png", lambda: png(SIDE, "P")),
    "HEIC 8000×8000": ("g.heic", lambda: heic(SIDE)),
}


def measure(path: Path, archivo: str) -> tuple[float, float, float]:
    """(peak MB of the process, MB it had before the photo, seconds) in a fresh Python process."""
    done = subprocess.run(
        [sys.executable, __file__, "--una", str(path), archivo], capture_output=True, text=True, check=True
    )
    peak, before, seconds = done.stdout.split()
    return float(peak), float(before), float(seconds)


def process_one(path: Path, archivo: str) -> None:
    """The child: process one photo as the build does and print its figures."""
    before = _peak_kb()
    start = time.monotonic()
    image = renditions.decode(path, archivo)  # as media.py does
    renditions.render(image, archivo)
    seconds = time.monotonic() - start
    print(f"{_peak_kb() / 1024:.0f} {before / 1024:.0f} {seconds:.1f}")


def _peak_kb() -> int:
    """This process's peak resident set (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])


def main() -> None:
    print(
        f"Foto más grande aceptada: {SIDE} px por lado; copia para la prensa de hasta {renditions.MAX_DOWNLOAD_SIDE} px."
    )
    with tempfile.TemporaryDirectory() as folder:
        for label, (name, make) in PHOTOS.items():
            path = Path(folder) / name
            path.write_bytes(make())
            peak, before, seconds = measure(path, f"imagenes/{name}")
            print(
                f"  {label:45} archivo {path.stat().st_size / 1e6:5.1f} MB  pico del proceso {peak:5.0f} MB "
                f"(+{peak - before:.0f} MB por la foto)  {seconds:5.1f} s"
            )
            path.unlink()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--una"]:
        process_one(Path(sys.argv[2]), sys.argv[3])
    else:
        main()
