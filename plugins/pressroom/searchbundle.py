"""Pagefind's bundle made reproducible: the same pages always give the same index files.

Pagefind 1.5 writes its filter index (`filter/<lang>_<hash>.pf_filter`) with the values of each
filter in hash-map order, which changes from run to run; the file's name is a hash of its bytes,
the metadata file (`pagefind.<lang>_<hash>.pf_meta`) names the filter files, and
`pagefind-entry.json` names the metadata file. So two builds of the same content differed in
five files and a no-change publish redeployed them. This module rewrites those three kinds of
file in a fixed order, named by the hash of their new bytes: filter values sorted by value (each
with its pages in ascending order), filters and sorts by name. Pagefind's reader looks values and
filters up by name, so the order carries no meaning.

The files are gzip streams of `pagefind_dcd` followed by CBOR (Pagefind's own format: fixed
arrays of text and unsigned integers); they are written back the same way with a zero gzip time.
The word index and fragments are already stable (Pagefind ≥ 1.3) and are left alone.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

from .exceptions import BuildError

ENTRY = "pagefind-entry.json"
MAGIC = b"pagefind_dcd"
FILTER_HASH = 7  # hex digits Pagefind uses in filter file names (after '<lang>_')
META_HASH = 13  # and in the metadata file's name


def settle(bundle: Path) -> None:
    """Rewrite the bundle's filter, metadata and entry files deterministically, in place."""
    entry_path = bundle / ENTRY
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages: dict[str, dict[str, Any]] = entry["languages"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"el índice de búsqueda no tiene un {ENTRY} legible ({exc})") from exc
    for language, info in languages.items():
        info["hash"] = _settle_language(bundle, language, str(info["hash"]))
    entry["languages"] = dict(sorted(languages.items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(text, encoding="utf-8")


def _settle_language(bundle: Path, language: str, meta_hash: str) -> str:
    """Settle one language's filters and metadata; returns the metadata file's new hash."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    # [version, pages, word-index chunks, filters, sorts, meta field names…] (Pagefind 1.5)
    if not isinstance(meta, list) or len(meta) < 5:
        raise BuildError(f"el índice de búsqueda cambió de formato ({meta_path.name}); revisa Pagefind")
    document = list(meta)
    document[3] = [
        [name, _settle_filter(bundle, language, str(filter_hash))]
        for name, filter_hash in sorted(meta[3], key=lambda pair: str(pair[0]))
    ]
    document[4] = sorted(meta[4], key=lambda pair: str(pair[0]))
    new_hash = _name(language, document, META_HASH)
    _replace(meta_path, bundle / f"pagefind.{new_hash}.pf_meta", document)
    return new_hash


def _settle_filter(bundle: Path, language: str, filter_hash: str) -> str:
    path = bundle / "filter" / f"{filter_hash}.pf_filter"
    name, values = _read(path)
    settled: list[tuple[str, list[int]]] = sorted((str(v), sorted(int(n) for n in p)) for v, p in values)
    document = [name, [[value, pages] for value, pages in settled]]
    new_hash = _name(language, document, FILTER_HASH)
    _replace(path, path.with_name(f"{new_hash}.pf_filter"), document)
    return new_hash


def _read(path: Path) -> Any:
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as exc:
        raise BuildError(f"no se pudo leer el índice de búsqueda {path.name} ({exc})") from exc
    if not raw.startswith(MAGIC):
        raise BuildError(f"el índice de búsqueda {path.name} no tiene el formato de Pagefind")
    return cbor2.loads(raw[len(MAGIC) :])


def _encode(document: Any) -> bytes:
    return MAGIC + cbor2.dumps(document)


def _name(language: str, document: Any, digits: int) -> str:
    return f"{language}_{hashlib.sha256(_encode(document)).hexdigest()[:digits]}"


def _replace(old: Path, new: Path, document: Any) -> None:
    new.write_bytes(gzip.compress(_encode(document), compresslevel=9, mtime=0))
    if new != old:
        old.unlink()
