"""Deploy digests are remembered between runs, and a remembered digest never hides a change."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

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


def test_a_deploy_reads_each_file_once_and_its_copies_are_not_read_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plan and apply walk each site once per run; the release's copies of new and changed files
    are remembered with the digest of what they were copied from, so the next deploy reads only
    what the next build changed."""
    from publish import digests as digests_module
    from publish.deploy import LocalTarget

    site(tmp_path / "sitio")
    read: list[str] = []
    real = digests_module._hash

    def counted(path: str | Path) -> str:
        read.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(digests_module, "_hash", counted)
    target = LocalTarget(tmp_path / "publicado", keep=2)
    target.apply(tmp_path / "sitio")  # the first release: every file copied
    assert sorted(read) == ["b.txt", "index.html"]
    read.clear()
    (tmp_path / "sitio/c.txt").write_text("tres", encoding="utf-8")
    later = LocalTarget(tmp_path / "publicado", keep=2)
    plan = later.plan(tmp_path / "sitio")
    later.apply(tmp_path / "sitio")
    assert plan.new == ("c.txt",) and not plan.changed and not plan.deleted
    assert read == ["c.txt"]  # the new file only: not the site's others, not the live release
    assert (tmp_path / "publicado/actual/c.txt").read_text(encoding="utf-8") == "tres"
    read.clear()
    assert LocalTarget(tmp_path / "publicado", keep=2).plan(tmp_path / "sitio").empty
    assert read == []
