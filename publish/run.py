"""`python -m publish run`: deploy what was built, verify it is live, announce each new item once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from rich.console import Console
from rich.progress import Progress

from . import crashpoints
from .channels import registry
from .channels.base import Channel
from .config import Config
from .delivery import Deliveries, deliver, permanent_failures, settle_unknown
from .deploy import DeployPlan, LocalTarget, RsyncTarget, Target
from .history import Past
from .identity import claims, guard
from .ledger import Ledger, Row, Standing, open_ledger
from .lock import exclusive, reading
from .manifest import Manifest, load
from .plan import Plan, make_plan
from .recovery import check_recorded
from .verify import live, local_server
from .withdraw import Withdrawals, settle


@dataclass
class Outcome(Deliveries):
    deploy: DeployPlan | None = None
    unknown: list[Row] = field(default_factory=list)
    not_live: dict[str, str] = field(default_factory=dict)
    waiting: list[Row] = field(default_factory=list)  # failed for good earlier, waiting for a fix
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


def run(
    config: Config,
    *,
    only: frozenset[str] = frozenset(),
    limit: int | None = None,
    force: frozenset[str] = frozenset(),
    retry: frozenset[str] = frozenset(),
    console: Console | None = None,
    verify_base: Callable[[], str] | None = None,
    delete_withdrawn: bool = False,
) -> Outcome:
    console = console or Console()
    outcome = Outcome()
    target = target_for(config)
    with exclusive(config.lock_path), reading(config.output):
        manifest = load(config.output)
        ledger = open_for_run(config, target)
        try:
            deploy = outcome.deploy = target.plan(config.output)
            live = partial(deploy.at_target, output=config.output)
            past = ledger.history.past(live)
            selection = Selection(only, limit, force, retry)
            checked_plan(
                manifest, ledger.standing(force | retry), past, deploy, config, target.description, selection
            )
            outcome.unknown = ledger.interrupted()
            channels = channels_for(config)
            settle_unknown(ledger, manifest, channels, outcome)
            for item_id in force:
                ledger.force(item_id)
            for item_id in retry:
                ledger.retry(item_id)
            plan = make_plan(
                manifest, ledger.standing(), config, only=only, limit=limit, planned=planned(past)
            )
            outcome.notes += plan.notes
            ledger.history.begin(claims(manifest), live)
            if not deploy.empty:
                target.apply(config.output)
            crashpoints.reached("desplegado")
            ledger.history.commit()
            live_items = _verify(config, target, plan, outcome, verify_base)
            _announce(plan, live_items, channels, ledger, config, outcome, console)
            outcome.withdrawals = settle(ledger, manifest, channels, delete_withdrawn)
            outcome.unknown = ledger.rows(state="unknown")  # by state: the ledger grows with the archive
            failed_now = {key for key, _, _ in outcome.failed}
            outcome.waiting = [
                r for r in permanent_failures(ledger.rows(state="failed")) if r.key not in failed_now
            ]
        finally:
            ledger.close()
    return outcome


@dataclass(frozen=True)
class Selection:
    only: frozenset[str] = frozenset()
    limit: int | None = None
    force: frozenset[str] = frozenset()
    retry: frozenset[str] = frozenset()


def planned(past: Past) -> frozenset[str]:
    """Items whose first announcement was planned, even if it had nothing to send."""
    return frozenset(i for i, known in past.identities.items() if known.planned is not None)


def checked_plan(
    manifest: Manifest,
    standing: Standing,
    past: Past,
    deploy: DeployPlan,
    config: Config,
    where: str,
    selection: Selection,
) -> Plan:
    """Everything that must hold before anything changes, in the order people should fix it: what
    must not change after publication, a ledger that knows what is live, the selection, the valve.
    Pure: `plan` and `--dry-run` show exactly what `run` would refuse or do."""
    guard(manifest, past, config.root)
    check_recorded(manifest, standing, past, deploy, config, where)
    return make_plan(
        manifest,
        standing,
        config,
        only=selection.only,
        limit=selection.limit,
        force=selection.force,
        retry=selection.retry,
        planned=planned(past),
    )


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
        ledger.add_new(plan.to_add)
    due = [a for a in plan.actions if a.item.id in live_items]
    with Progress(console=console, transient=True, disable=len(due) < 20 or not console.is_terminal) as bar:
        task = bar.add_task("Enviando", total=len(due))
        for action in due:
            deliver(
                action.item, action.key, channels[action.key.channel], ledger, config.max_attempts, outcome
            )
            bar.advance(task)
