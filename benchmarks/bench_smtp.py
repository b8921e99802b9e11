"""Email throughput: the SMTP channel against a bare smtplib loop, same server, same run.

Starts an aiosmtpd server on 127.0.0.1 (ephemeral port), renders one announcement per recipient,
then in alternating rounds sends 1,000 messages with `SmtpChannel.send` (one connection reused,
Date stamped at send, dot-stuffing, reply checks — no rate limit) and with a bare
`smtplib.SMTP.sendmail` loop on one connection. Prints each round, the medians in messages per
second and their ratio (target: the channel at 0.8× the bare loop or better). Not a test.

    make bench-correo        (or: .venv/bin/python benchmarks/bench_smtp.py --mensajes 1000 --rondas 3)
"""

from __future__ import annotations

import argparse
import datetime as dt
import smtplib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins"), str(ROOT / "tests")]

from PIL import Image, ImageFilter  # noqa: E402
from smtpkit import HOST, smtp_server  # noqa: E402
from test_mail import conference_item  # noqa: E402

from publish.channels.base import Message  # noqa: E402
from publish.channels.mail import dated, default_letterhead  # noqa: E402
from publish.channels.smtp import Settings, SmtpChannel  # noqa: E402

SENDER = "Comunicación Social PT Edomex <prensa@ptedomex.example.org>"


def photo_like(path: Path) -> None:
    """A 960×640 JPEG of about 95 KB, the size of a typical web rendition of a news photo."""
    noise = Image.effect_noise((960, 640), 40).filter(ImageFilter.GaussianBlur(1.2))
    gradient = Image.linear_gradient("L").resize((960, 640))
    Image.merge("RGB", (gradient, noise, gradient.rotate(90).resize((960, 640)))).save(
        path, "JPEG", quality=85
    )


def messages(channel: SmtpChannel, count: int) -> list[Message]:
    item = conference_item("Conferencia de prensa: presupuesto estatal 2027")
    return [channel.render(item, f"enlace{n:04d}@example.org") for n in range(count)]


def channel_round(port: int, output: Path, batch: list[Message]) -> float:
    channel = SmtpChannel(
        "correo", Settings(HOST, port, "ninguna", 0, 30), default_letterhead(SENDER), output
    )
    start = time.perf_counter()
    for message in batch:
        channel.send(message)
    channel.close()
    return len(batch) / (time.perf_counter() - start)


def bare_round(port: int, batch: list[Message]) -> float:
    sender = "prensa@ptedomex.example.org"
    start = time.perf_counter()
    connection = smtplib.SMTP(HOST, port, timeout=30)
    for message in batch:
        connection.sendmail(sender, [message.recipient], dated(message.body, dt.datetime.now(dt.UTC)))
    connection.quit()
    return len(batch) / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mensajes", type=int, default=1000)
    parser.add_argument("--rondas", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "output"
        photo = output / "imagenes/2026/11/sede-960.jpg"
        photo.parent.mkdir(parents=True)
        photo_like(photo)
        with smtp_server() as server:
            render_start = time.perf_counter()
            template = SmtpChannel(
                "correo", Settings(HOST, server.port, "ninguna", 0, 30), default_letterhead(SENDER), output
            )
            batch = messages(template, args.mensajes)
            render_rate = len(batch) / (time.perf_counter() - render_start)
            size = statistics.mean(len(m.body) for m in batch)
            print(
                f"{len(batch)} mensajes de {size / 1024:.1f} KiB (foto en línea y .ics); render: {render_rate:,.0f}/s"
            )
            ours, bare = [], []
            for number in range(1, args.rondas + 1):
                bare.append(bare_round(server.port, batch))
                ours.append(channel_round(server.port, output, batch))
                print(f"  ronda {number}: smtplib solo {bare[-1]:,.0f}/s   canal SMTP {ours[-1]:,.0f}/s")
            received = len(server.received)
    expected = 2 * args.rondas * args.mensajes
    assert received == expected, f"el servidor recibió {received} mensajes; se esperaban {expected}"
    ratio = statistics.median(ours) / statistics.median(bare)
    print(
        f"Mediana: smtplib solo {statistics.median(bare):,.0f} mensajes/s, canal SMTP "
        f"{statistics.median(ours):,.0f} mensajes/s — proporción {ratio:.2f}× (meta ≥ 0.80×)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
