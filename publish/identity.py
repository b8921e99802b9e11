"""The identity guard: before anything is deployed, a new build is compared with what was already
made public (history.py). Three changes would silently break what readers, feeds and the ledger rely
on, so they stop the publication with the file, the line and the fix:

- an address already published now carries a different `id` (the id was edited: every channel
  would announce the same page again and feed readers would see a new entry);
- an id that belonged to a withdrawn or deleted note is used by a different note (it would be
  published and never announced);
- a published note moved to another address and the old one is not among its earlier addresses
  (`direcciones_anteriores:`, which the build turns into redirects): links already posted and
  emailed would break.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .errors import IdentityError
from .history import Claim, Past, normal
from .manifest import Manifest

GONE = {"retirado": "retirada", "eliminado": "borrada del sitio"}


def claims(manifest: Manifest) -> list[Claim]:
    found = []
    for item in manifest.items:
        ruta = normal(item.ruta)
        earlier = dict.fromkeys(normal(a) for a in item.anteriores if normal(a) != ruta)
        found.append(Claim(item.id, ruta, (ruta, *earlier), item.fuente, item.titulo, "publicado"))
    for withdrawn in manifest.withdrawn:
        ruta = normal(withdrawn.ruta)
        found.append(Claim(withdrawn.id, ruta, (ruta,), withdrawn.fuente, withdrawn.titulo, "retirado"))
    return found


def where(root: Path, fuente: str, key: str) -> str:
    """'path:line' of a front-matter key in the content file, or the path when it cannot be read."""
    if not fuente:
        return "(nota sin archivo)"
    try:
        lines = (root / fuente).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return fuente
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if line.split(":", 1)[0].strip() == key:
            return f"{fuente}:{number}"
    return fuente


def _restore(old: str, new: str) -> str:
    old_parts, new_parts = old.strip("/").split("/"), new.strip("/").split("/")
    if len(old_parts) == len(new_parts) and old_parts[:-1] == new_parts[:-1]:
        return f"vuelve a poner `slug: {old_parts[-1]}`"
    return f"deja `slug`, `fecha` y `tipo` como estaban (la dirección {old} se forma con ellos)"


def problems(manifest: Manifest, past: Past, root: Path) -> list[str]:
    current = claims(manifest)
    by_id = {c.item_id: c for c in current}
    paths_of: dict[str, list[str]] = {}
    for path, owner in past.addresses.items():
        paths_of.setdefault(owner, []).append(path)
    found: list[str] = []
    for item_id, count in Counter(c.item_id for c in current).items():
        if count > 1:
            files = ", ".join(c.fuente for c in current if c.item_id == item_id)
            found.append(
                f"{files}: estas notas tienen el mismo `id: {item_id}`; cada nota necesita el suyo "
                "(`make nuevo` genera uno nuevo)"
            )
    for claim in current:
        found += _taken(claim, past, by_id, root)
        known = past.identities.get(claim.item_id)
        if known is None:
            continue
        if claim.estado == "retirado":
            missing = [known.ruta] if known.ruta != claim.ruta else []
        else:
            missing = sorted(p for p in paths_of.get(claim.item_id, [known.ruta]) if p not in claim.paths)
        if not missing:
            continue
        if known.estado == "publicado" or (claim.estado == "retirado" and known.estado == "retirado"):
            found.append(_moved(claim, known.ruta if known.ruta in missing else missing[0], missing, root))
        else:
            found.append(
                f"{where(root, claim.fuente, 'id')}: el id {claim.item_id} ya lo usó otra nota, "
                f"«{known.titulo}» ({known.fuente}), publicada en {known.ruta} y después "
                f"{GONE[known.estado]}. Cada nota necesita su propio id: cámbialo por uno que no se haya "
                "usado (`make nuevo` genera uno). Si es la misma nota que vuelve, conserva su dirección: "
                f"{_restore(known.ruta, claim.ruta)} o agrega {known.ruta} a `direcciones_anteriores:`"
            )
    return found


def _taken(claim: Claim, past: Past, by_id: dict[str, Claim], root: Path) -> list[str]:
    """Addresses this entry claims that already carried another id."""
    found = []
    for path in claim.paths:
        owner = past.addresses.get(path)
        if owner is None or owner == claim.item_id:
            continue
        if path != claim.ruta:
            found.append(
                f"{where(root, claim.fuente, 'direcciones_anteriores')}: {path} es la dirección de otra "
                f"nota ({owner}); quítala de `direcciones_anteriores:`"
            )
        elif owner in by_id:
            found.append(
                f"{where(root, claim.fuente, 'slug')}: la dirección {path} ya es de otra nota publicada, "
                f"{owner} ({by_id[owner].fuente}); una dirección publicada no se reutiliza: cambia el "
                "`slug:` de esta nota"
            )
        else:
            found.append(
                f"{where(root, claim.fuente, 'id')}: la dirección {path} ya se publicó con `id: {owner}` y "
                f"esta nota dice `id: {claim.item_id}`. El id no se cambia después de publicar (identifica "
                f"la nota en los feeds y en el registro de envíos): vuelve a poner `id: {owner}`. Si de "
                "verdad es otra nota, dale otro `slug:` para que tenga su propia dirección"
            )
    return found


def _moved(claim: Claim, old: str, missing: list[str], root: Path) -> str:
    place = where(root, claim.fuente, "slug")
    if claim.estado == "retirado":
        return (
            f"{place}: esta nota retirada estaba en {old} y ahora estaría en {claim.ruta}; una nota retirada "
            f"conserva su dirección con el aviso: {_restore(old, claim.ruta)}"
        )
    listed = ", ".join(missing)
    return (
        f"{place}: esta nota ya se publicó en {listed} y ahora estaría en {claim.ruta}; los enlaces que "
        "ya se compartieron en redes y por correo dejarían de funcionar. Agrega la dirección anterior al "
        f"encabezado, `direcciones_anteriores: [{listed}]`, para que lleve a la nueva, o "
        f"{_restore(old, claim.ruta)}"
    )


def guard(manifest: Manifest, past: Past, root: Path) -> None:
    found = problems(manifest, past, root)
    if found:
        raise IdentityError(
            f"no se desplegó ni se anunció nada: {len(found)} cambio(s) que no se permiten después de "
            "publicar.\n" + "\n".join(found)
        )
