"""Deploy digests are remembered between runs, and a remembered digest never hides a change."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from publish.deploy import PRIVATE, fingerprints
from publish.digests import FileDigests


def site(folder: Path) -> None:
    (folder / "a").mkdir(parents=True)
    (folder / "a/index.html").write_text("<p>uno</p>", encoding="utf-8")
    (folder / "b.txt").write_text("dos", encoding="utf-8")
    (folder / PRIVATE).mkdir()
    (folder / PRIVATE / "manifiesto.json").write_text("{}", encoding="utf-8")


def test_digests_are_the_files_sha256_without_the_private_folder(tmp_path: Path) -> None:
    site(tmp_path / "sitio")
    found = fingerprints(tmp_path / "sitio", FileDigests(tmp_path / "huellas.json"))
    assert found == {
        "a/index.html": hashlib.sha256(b"<p>uno</p>").hexdigest(),
        "b.txt": hashlib.sha256(b"dos").hexdigest(),
    }


def test_a_remembered_digest_serves_hard_links_and_never_hides_a_change(tmp_path: Path) -> None:
    store = tmp_path / "huellas.json"
    site(tmp_path / "sitio")
    first = FileDigests(store)
    fingerprints(tmp_path / "sitio", first)
    first.save()

    (tmp_path / "otra").mkdir()
    os.link(tmp_path / "sitio/b.txt", tmp_path / "otra/b.txt")  # what a deploy does with unchanged files
    later = FileDigests(store)
    assert len(later.known) == 2
    assert fingerprints(tmp_path / "otra", later) == {"b.txt": hashlib.sha256(b"dos").hexdigest()}

    page = tmp_path / "sitio/a/index.html"
    stat = page.stat()
    page.write_text("<p>UNO</p>", encoding="utf-8")  # same size, new content
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000))
    assert fingerprints(tmp_path / "sitio", FileDigests(store))["a/index.html"] == (
        hashlib.sha256(b"<p>UNO</p>").hexdigest()
    )
