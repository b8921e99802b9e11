"""After `make publish` on the embedded defaults: the outbox holds exactly one message per expected
delivery (from the manifest and the configuration). With --sin-nuevos, also that nothing new was
sent compared with the count given. Prints the tally; exits 1 on any mismatch. Used by .ci/run."""

from __future__ import annotations

import argparse
import sys

from publish.channels.outbox import file_prefix
from publish.config import load
from publish.manifest import load as load_manifest
from publish.plan import deliveries


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--antes", type=int, default=None, help="files in the outbox before this run")
    args = parser.parse_args()
    config = load()
    manifest = load_manifest(config.output)
    expected = [key for item in manifest.items for key in deliveries(item, config)[0]]
    files = [p for p in config.outbox.rglob("*") if p.is_file() and not p.name.startswith(".")]
    problems = []
    for key in expected:
        copies = list((config.outbox / key.channel).glob(file_prefix(key.item_id, key.recipient) + "*"))
        if len(copies) != 1:
            problems.append(f"{key}: {len(copies)} mensajes en la bandeja (se esperaba 1)")
    print(f"Bandeja: {len(files)} mensajes; esperados {len(expected)} para {len(manifest.items)} notas.")
    if args.antes is not None and len(files) != args.antes:
        problems.append(f"la segunda publicación envió {len(files) - args.antes} mensajes (se esperaban 0)")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems or len(files) != len(expected) else 0


if __name__ == "__main__":
    sys.exit(main())
