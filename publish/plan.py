"""What a run would do, and why: pure, from the manifest, the ledger's rows and the configuration."""

from __future__ import annotations

from dataclasses import dataclass, field

from .config import Config
from .directory.routing import Route, email_route, whatsapp_route, where
from .errors import PublishError, SafetyValveError
from .ledger import Key, Row, Standing
from .manifest import Manifest, ManifestItem

REASONS = {"nuevo": "nuevo", "reintento": "reintento", "forzado": "forzado"}


@dataclass(frozen=True)
class Action:
    key: Key
    reason: str  # nuevo | reintento | forzado
    item: ManifestItem


@dataclass
class Plan:
    # items announced for the first time: (id, content hash, their deliveries, possibly none)
    to_add: list[tuple[str, str, list[Key]]] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    unknown: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def new_items(self) -> set[str]:
        return {a.item.id for a in self.actions if a.reason == "nuevo"}

    @property
    def items(self) -> list[ManifestItem]:
        seen: dict[str, ManifestItem] = {}
        for action in self.actions:
            seen.setdefault(action.item.id, action.item)
        return list(seen.values())


def channels_for(item: ManifestItem, config: Config) -> tuple[str, ...]:
    return item.canales if item.canales is not None else config.by_type[item.tipo]


def route(item: ManifestItem, channel: str, config: Config) -> Route:
    """Who gets the item on a channel: one account for a network, one row per contact for email and
    WhatsApp (keyed by the contact's address: the ledger never holds a phone)."""
    if channel == "correo":
        return email_route(item, config.directory, config.suppression, config.email_everyone)
    if channel == "whatsapp":
        return whatsapp_route(item, config.directory, config.email_everyone)
    return Route((config.channels[channel].account,))


def recipients(item: ManifestItem, channel: str, config: Config) -> list[str]:
    return list(route(item, channel, config).recipients)


def deliveries(item: ManifestItem, config: Config) -> tuple[list[Key], list[str]]:
    keys, notes = [], []
    for channel in channels_for(item, config):
        if channel not in config.channels:
            notes.append(f"{item.id}: el canal '{channel}' no está configurado; no se envía por ahí")
            continue
        found = route(item, channel, config)
        keys += [Key(item.id, channel, r) for r in found.recipients]
        notes += _audience_notes(item, channel, found)
    return keys, notes


def _audience_notes(item: ManifestItem, channel: str, found: Route) -> list[str]:
    notes = []
    if found.suppressed:
        notes.append(
            f"{item.id}: no se envía por correo a direcciones dadas de baja: {', '.join(found.suppressed)}"
        )
    if channel == "correo" and not found.recipients:  # WhatsApp reaches only those who opted in
        notes.append(
            f"{item.id} «{item.titulo}»: nadie la recibe por correo; ningún contacto activo cubre "
            f"{where(item)} con una lista que incluya este tipo. Revisa el directorio con `make directorio`"
        )
    return notes


def check_ids(manifest: Manifest, ids: frozenset[str], option: str) -> None:
    """--solo and --reenviar name items on the site; a typo is an error, not a quiet no-op."""
    missing = sorted(ids - set(manifest.by_id()))
    if missing:
        raise PublishError(
            f"{option}: {', '.join(missing)} no está en el sitio construido; revisa el id (es la clave "
            "`id:` de la nota) y que la nota esté publicada"
        )


def make_plan(
    manifest: Manifest,
    standing: Standing,
    config: Config,
    *,
    only: frozenset[str] = frozenset(),
    limit: int | None = None,
    force: frozenset[str] = frozenset(),
    retry: frozenset[str] = frozenset(),
    planned: frozenset[str] = frozenset(),
) -> Plan:
    """What to send and why. An item is announced once: deliveries are planned for an item the ledger
    has never seen; a contact or channel added later gets new items, not the back catalogue.
    `force` sends an item again everywhere; `retry` sends again only what failed of it. `planned`:
    items whose first announcement was planned before (the history says so), even with no rows.

    Only items that can have something to do are routed (new, forced, retried, or with a pending,
    failed or unknown row): the rest of the archive is settled, whatever its size."""
    check_ids(manifest, only, "--solo")
    check_ids(manifest, force, "--reenviar")
    check_ids(manifest, retry, "--reintentar")
    plan = Plan()
    existing = {row.key: row for row in standing.rows}
    open_items = {row.key.item_id for row in standing.rows}
    known_items = set(standing.counts) | planned
    items = manifest.by_id()
    for item in manifest.items:
        if only and item.id not in only:
            continue
        new = item.id not in known_items
        if not (new or item.id in force or item.id in retry or item.id in open_items):
            continue  # every row of it is settled: nothing to plan
        keys, notes = deliveries(item, config)
        if new or item.id in force:  # said once, when the item is new
            plan.notes += notes
        if new:
            plan.to_add.append((item.id, item.hash, keys))
        for key in keys:
            row = existing.get(key)
            if row is None:
                if new:
                    plan.actions.append(Action(key, "nuevo", item))
            elif item.id in force and row.state in ("sent", "failed", "pending"):
                plan.actions.append(Action(key, "forzado", item))
            elif item.id in retry and row.state == "failed":
                plan.actions.append(Action(key, "reintento", item))
            elif row.state == "pending":
                plan.actions.append(Action(key, row.reason if row.reason in REASONS else "nuevo", item))
            elif row.state == "failed" and row.retryable:
                plan.actions.append(Action(key, "reintento", item))
    for row in standing.rows:
        if only and row.key.item_id not in only:
            continue
        if row.state == "unknown":
            plan.unknown.append(row)
        elif row.state in ("pending", "failed") and row.key.item_id not in items:
            plan.notes.append(f"{row.key.item_id}: ya no está en el sitio; no se anuncia")
    maximum = config.max_items if limit is None else limit
    if len(plan.new_items) > maximum:
        raise SafetyValveError(
            f"esta corrida anunciaría {len(plan.new_items)} notas nuevas y el máximo es {maximum}. "
            "Si el registro de envíos se perdió, ejecuta `make init` para no repetir anuncios; si de "
            f"verdad quieres anunciarlas todas, usa `make publish MAX={len(plan.new_items)}`"
        )
    return plan
