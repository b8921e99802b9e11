"""What the people who publish read at the end of a run, in Spanish, each problem with what to do."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

from pressroom.model.item import MEXICO_CITY

from .ledger import Row
from .plan import Plan
from .run import Outcome

STATES = {
    "pending": "pendiente",
    "attempting": "intentando",
    "sent": "enviado",
    "failed": "fallido",
    "unknown": "desconocido",
}
RESOLVE = "make resolver ID={item} CANAL={channel} DESTINATARIO='{recipient}' ENVIADO=URL (o NO_ENVIADO=1 si no salió)"


def unknown_lines(rows: list[Row]) -> list[str]:
    lines = []
    for row in rows:
        lines.append(f"  ? {row.key.item_id} {row.key.channel} {row.key.recipient}")
        lines.append(
            "    revisa en el canal si salió y ejecuta: "
            + RESOLVE.format(item=row.key.item_id, channel=row.key.channel, recipient=row.key.recipient)
        )
    return lines


def report(outcome: Outcome) -> str:
    lines = ["Resumen de la publicación"]
    deploy = outcome.deploy.summary() if outcome.deploy else "no se desplegó"
    lines.append(f"  Sitio: {deploy}")
    lines.append(f"  Notas anunciadas en esta corrida: {len(outcome.announced)}")
    if outcome.sent:
        per_channel = ", ".join(f"{name} {count}" for name, count in sorted(outcome.sent.items()))
        lines.append(f"  Enviados por canal: {per_channel}")
    else:
        lines.append("  Enviados: ninguno (no había nada nuevo que anunciar)")
    for key, went_out in outcome.resolved:
        state = "sí se había enviado" if went_out else "no se había enviado: se envía ahora"
        lines.append(f"  Resuelto al revisar el canal: {key.item_id} {key.channel} {key.recipient} ({state})")
    if outcome.not_live:
        lines.append(
            f"  No están en línea todavía (no se anuncian; quedan pendientes): {len(outcome.not_live)}"
        )
        lines += [f"    {item}: {why}" for item, why in sorted(outcome.not_live.items())]
    retry = [f for f in outcome.failed if f[2]]
    final = [f for f in outcome.failed if not f[2]]
    if retry:
        lines.append(f"  Fallidos que se reintentarán en la próxima publicación: {len(retry)}")
        lines += [f"    {k.item_id} {k.channel} {k.recipient}: {error}" for k, error, _ in retry]
    if final:
        lines.append(
            f"  Fallidos sin reintento: {len(final)} — corrige la causa y envía lo que falló con "
            "`make reintentar ID=…`"
        )
        lines += [f"    {k.item_id} {k.channel} {k.recipient}: {error}" for k, error, _ in final]
    if outcome.waiting:
        items = sorted({row.key.item_id for row in outcome.waiting})
        lines.append(
            f"  Siguen sin enviarse {len(outcome.waiting)} envíos que fallaron antes sin reintento "
            f"({', '.join(items)}): corrige la causa y usa `make reintentar ID=…`; "
            "el detalle, con `make estado ID=…`"
        )
    if outcome.unknown:
        lines.append(
            f"  Desconocidos: {len(outcome.unknown)} (el proceso se interrumpió durante el envío; "
            "no se reenvían solos)"
        )
        lines += unknown_lines(outcome.unknown)
    lines += outcome.withdrawals.lines()
    lines += [f"  Nota: {note}" for note in outcome.notes]
    return "\n".join(lines)


def plan_report(plan: Plan, deploy_lines: list[str], deploy_summary: str) -> str:
    lines = [f"Despliegue: {deploy_summary}"]
    lines += [f"  {line}" for line in deploy_lines[:50]]
    if len(deploy_lines) > 50:
        lines.append(f"  … y {len(deploy_lines) - 50} archivos más")
    lines.append(f"Envíos: {len(plan.actions)} ({len(plan.new_items)} notas nuevas)")
    for action in plan.actions:
        lines.append(
            f"  {action.reason:<10} {action.item.id}  {action.key.channel:<9} {action.key.recipient}  «{action.item.titulo}»"
        )
    if plan.unknown:
        lines.append(f"Desconocidos (no se reenvían solos): {len(plan.unknown)}")
        lines += unknown_lines(plan.unknown)
    lines += [f"Nota: {note}" for note in plan.notes]
    return "\n".join(lines)


def local_time(stamp: str) -> str:
    """A ledger time (UTC, ISO 8601) as the office reads it: Mexico City, to the second."""
    return dt.datetime.fromisoformat(stamp).astimezone(MEXICO_CITY).strftime("%Y-%m-%d %H:%M:%S")


def status_report(rows: list[Row], item_id: str | None) -> str:
    """`make estado`: the ledger in numbers, or one item's deliveries, times in Mexico City."""
    if item_id:
        lines = [f"Envíos de {item_id} (horas de la Ciudad de México):"]
        for row in rows:
            detail = row.remote_url or row.error or ""
            if row.state == "sent" and row.remote_id and row.remote_id not in unquote(detail):
                detail = f"{detail}  (id {row.remote_id})".strip()
            if row.withdrawal:
                detail += f"  [nota retirada: {row.withdrawal}]"
            lines.append(
                f"  {row.key.channel:<9} {row.key.recipient:<40} {STATES[row.state]:<11} intentos "
                f"{row.attempts}  {local_time(row.updated_at)}  {detail}"
            )
        return "\n".join(lines)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    lines = [f"{len({r.key.item_id for r in rows})} notas, {len(rows)} envíos registrados:"]
    lines += [f"  {STATES[state]}: {count}" for state, count in sorted(counts.items())]
    if rows:
        latest = max(rows, key=lambda r: r.updated_at)
        lines.append(f"Último movimiento: {local_time(latest.updated_at)} (hora de la Ciudad de México)")
    return "\n".join(lines)
