"""`python -m publish run`: deploy what was built, verify it is live, announce each new item once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import Progress

from . import crashpoints
from .channels import registry
from .channels.base import NOT_SENT, Channel
from .config import Config
from .deploy import DeployPlan, LocalTarget, RsyncTarget, Target
from .errors import ChannelError
from .ledger import Key, Ledger, Row, open_ledger
from .lock import exclusive
from .manifest import Manifest, load
from .plan import Action, Plan, check_ids, make_plan
from .secrets import redact
from .verify import live, local_server
from .withdraw import Withdrawals, settle


@dataclass
class Outcome:
    deploy: DeployPlan | None = None
    announced: set[str] = field(default_factory=set)
    sent: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[Key, str, bool]] = field(default_factory=list)
    unknown: list[Row] = field(default_factory=list)
    ambiguous: list[tuple[Key, str]] = field(default_factory=list)  # sends that may have gone out
    resolved: list[tuple[Key, bool]] = field(default_factory=list)
    not_live: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    withdrawals: Withdrawals = field(default_factory=Withdrawals)


def target_for(config: Config) -> Target:
    if config.deploy_target == "rsync":
        return RsyncTarget(config.rsync_remote, config.rsync_ssh)
    return LocalTarget(config.deploy_folder, config.keep_releases)


def channels_for(config: Config) -> dict[str, Channel]:
    return {name: registry.build(c, config) for name, c in config.channels.items()}


def open_for_run(config: Config, target: Target) -> Ledger:
    """A first run (no ledger, nothing deployed yet) starts a ledger; a lost one fails closed."""
    first_time = not config.ledger_path.exists() and not target.has_site()
    return open_ledger(config.ledger_path, create=first_time)


def settle_unknown(
    ledger: Ledger, manifest: Manifest, channels: dict[str, Channel], outcome: Outcome
) -> None:
    """Ask the channel about each unknown delivery where it can tell; the rest wait for a person."""
    items = manifest.by_id()
    for row in [r for r in ledger.rows() if r.state == "unknown"]:
        channel = channels.get(row.key.channel)
        item = items.get(row.key.item_id)
        if channel is None or item is None or not channel.verifiable:
            continue
        if row.attempted_at is None:
            continue
        since = dt.datetime.fromisoformat(row.attempted_at)
        receipt = channel.check(channel.render(item, row.key.recipient), since)
        if receipt is None:
            continue
        went_out = receipt is not NOT_SENT
        detail = "verificado en el canal: " + ("sí se envió" if went_out else "no se envió")
        ledger.resolve(
            row.key,
            went_out,
            receipt.remote_url if went_out else None,
            detail,
            remote_id=receipt.remote_id if went_out else None,
        )
        outcome.resolved.append((row.key, went_out))


def deliver(action: Action, channel: Channel, ledger: Ledger, config: Config, outcome: Outcome) -> None:
    message = channel.render(action.item, action.key.recipient)
    crashpoints.reached("antes-de-intento")
    if not ledger.begin(action.key):
        return
    crashpoints.reached("antes-de-enviar")
    try:
        receipt = channel.send(message)
    except ChannelError as error:
        if error.ambiguous:
            text = redact(str(error))
            ledger.unknown(action.key, text)
            outcome.ambiguous.append((action.key, text))
            return
        row = ledger.get(action.key)
        retryable = error.retryable and (row is None or row.attempts < config.max_attempts)
        text = redact(str(error))
        ledger.failed(action.key, text, retryable)
        outcome.failed.append((action.key, text, retryable))
        return
    except OSError as error:  # the network or the disk: worth another try next run
        text = redact(f"{error.__class__.__name__}: {error}")
        ledger.failed(action.key, text, True)
        outcome.failed.append((action.key, text, True))
        return
    crashpoints.reached("despues-de-enviar")
    ledger.sent(
        action.key, redact(receipt.remote_id), redact(receipt.remote_url) if receipt.remote_url else None
    )
    crashpoints.reached("despues-de-registrar")
    outcome.sent[action.key.channel] += 1
    outcome.announced.add(action.item.id)


def run(
    config: Config,
    *,
    only: frozenset[str] = frozenset(),
    limit: int | None = None,
    force: frozenset[str] = frozenset(),
    console: Console | None = None,
    verify_base: Callable[[], str] | None = None,
    delete_withdrawn: bool = False,
) -> Outcome:
    console = console or Console()
    outcome = Outcome()
    target = target_for(config)
    with exclusive(config.lock_path):
        manifest = load(config.output)
        ledger = open_for_run(config, target)
        try:
            outcome.unknown = ledger.interrupted()
            channels = channels_for(config)
            settle_unknown(ledger, manifest, channels, outcome)
            check_ids(manifest, force, "--reenviar")
            for item_id in force:
                ledger.force(item_id)
            plan = make_plan(manifest, ledger.rows(), config, only=only, limit=limit)
            outcome.notes += plan.notes
            outcome.deploy = target.plan(config.output)
            if not outcome.deploy.empty:
                target.apply(config.output)
            live_items = _verify(config, target, plan, outcome, verify_base)
            _announce(plan, live_items, channels, ledger, config, outcome, console)
            outcome.withdrawals = settle(ledger, manifest, channels, delete_withdrawn)
            outcome.unknown = [r for r in ledger.rows() if r.state == "unknown"]
        finally:
            ledger.close()
    return outcome


def _verify(
    config: Config, target: Target, plan: Plan, outcome: Outcome, verify_base: Callable[[], str] | None
) -> set[str]:
    items = plan.items
    if not items:
        return set()
    if verify_base is not None:
        found, outcome.not_live = live(verify_base(), items, config.verify_attempts, config.verify_wait)
    elif config.verify_base:
        found, outcome.not_live = live(config.verify_base, items, config.verify_attempts, config.verify_wait)
    else:
        assert isinstance(target, LocalTarget)
        with local_server(target.current) as base:
            found, outcome.not_live = live(base, items, config.verify_attempts, config.verify_wait)
    return {item.id for item in found}


def _announce(
    plan: Plan,
    live_items: set[str],
    channels: dict[str, Channel],
    ledger: Ledger,
    config: Config,
    outcome: Outcome,
    console: Console,
) -> None:
    if plan.to_add:
        by_hash: dict[str, list[Key]] = {}
        for key, content_hash in plan.to_add:
            by_hash.setdefault(content_hash, []).append(key)
        for content_hash, keys in by_hash.items():
            ledger.add(keys, content_hash, "nuevo")
    due = [a for a in plan.actions if a.item.id in live_items]
    with Progress(console=console, transient=True, disable=len(due) < 20 or not console.is_terminal) as bar:
        task = bar.add_task("Enviando", total=len(due))
        for action in due:
            deliver(action, channels[action.key.channel], ledger, config, outcome)
            bar.advance(task)
