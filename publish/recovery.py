"""Recovery that neither loses nor repeats: the ledger is compared with what the deployed site holds.

A ledger that does not know items already live at the deploy target (its rows were emptied, or an
old copy was restored) would announce them again: it is refused like a lost one. `init` then marks
as announced exactly what is live at the target; items built but never deployed stay new, and the
next publication deploys and announces them as usual.
"""

from __future__ import annotations

from pathlib import Path

from .config import Config
from .deploy import DeployPlan
from .errors import LedgerError
from .history import Past
from .identity import claims
from .ledger import FIX, Ledger, Standing
from .manifest import Manifest, ManifestItem
from .plan import deliveries

SHOWN = 5


def is_live(item: ManifestItem, deploy: DeployPlan, output: Path) -> bool:
    """Whether the deploy target already serves the item, at its address or an earlier one."""
    return any(deploy.at_target(address, output) for address in (item.ruta, *item.anteriores))


def unrecorded(
    manifest: Manifest, standing: Standing, past: Past, deploy: DeployPlan, output: Path
) -> list[ManifestItem]:
    """Items live at the target that the ledger has no trace of, or whose delivery rows vanished."""
    found = []
    for item in manifest.items:
        if standing.counts.get(item.id):
            continue
        known = past.identities.get(item.id)
        if known is not None and not known.planned:
            continue  # deployed but not planned yet (a --solo run), or planned with nothing to send
        if is_live(item, deploy, output):
            found.append(item)
    return found


def check_recorded(
    manifest: Manifest, standing: Standing, past: Past, deploy: DeployPlan, config: Config, where: str
) -> None:
    missing = unrecorded(manifest, standing, past, deploy, config.output)
    if not missing:
        return
    shown = ", ".join(f"{item.id} ({item.fuente})" for item in missing[:SHOWN])
    more = f" y {len(missing) - SHOWN} más" if len(missing) > SHOWN else ""
    raise LedgerError(
        f"el registro de envíos {config.ledger_path} no tiene nada de {len(missing)} notas que ya están "
        f"en el sitio publicado ({where}): {shown}{more}. El registro se vació o se restauró de una "
        "copia vieja, y publicar así las anunciaría otra vez. Si tienes una copia más reciente del "
        f"registro, restáurala; si no, ejecuta `{FIX}` (marca como anunciado solo lo que ya está en "
        "línea) y vuelve a publicar"
    )


def adopt_live(
    ledger: Ledger, manifest: Manifest, deploy: DeployPlan, config: Config
) -> tuple[int, int, int]:
    """`init`: mark as announced what the target already serves. (items marked, deliveries
    recorded, items left to announce)."""
    live = [item for item in manifest.items if is_live(item, deploy, config.output)]
    live_ids = {item.id for item in live}
    planned: dict[str, int] = {}
    marked = 0
    for item in live:
        keys, _ = deliveries(item, config)
        marked += ledger.mark_announced(keys, item.hash)
        planned[item.id] = len(keys)
    withdrawn_live = {w.id for w in manifest.withdrawn if deploy.at_target(w.ruta, config.output)}
    adopted = [c for c in claims(manifest) if c.item_id in live_ids | withdrawn_live]
    ledger.history.adopt(adopted, planned)
    return len(live), marked, len(manifest.items) - len(live)
