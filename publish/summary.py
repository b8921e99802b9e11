"""What the people who publish read at the end of a run, in Spanish, each problem with what to do."""

from __future__ import annotations

from .ledger import Row
from .plan import Plan
from .run import Outcome

RESOLVE = (
    "python -m publish resolver {item} {channel} --destinatario '{recipient}' --enviado URL | --no-enviado"
)


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
            f"  Fallidos sin reintento: {len(final)} — corrige la causa y usa `python -m publish run --reenviar ID`"
        )
        lines += [f"    {k.item_id} {k.channel} {k.recipient}: {error}" for k, error, _ in final]
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
