"""`python -m publish sintesis …`: the press synthesis's commands (see `make` and the README).

sintesis [--fecha D] [--sin-descargar] [--sin-correo] [--reenviar]   the morning's run
sintesis notas [--fecha D]          the day's stories with their numbers, tone and sources
sintesis tono NOTA TONO             an editor sets a story's tone
sintesis ficha --emisora E …        a new monitoring card to fill in
sintesis revisar                    check the sources list and the cards; each feed's last state
sintesis balance PERIODO            the monthly balance, or the quarterly or yearly report of published notes

Their arguments are declared in cli.py, which imports this module only when one of them runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from pressroom.model.item import MEXICO_CITY

from ..config import Config
from ..errors import LockError, SynthesisError
from ..lock import exclusive
from .cards import card_files, new_card, read_card
from .daily import Context, collect, make_synthesis, open_context, shown, today, window_for
from .delivery import deliver
from .outlets import MEDIA_NAMES
from .report import make_balance
from .settings import read_settings
from .store import Window
from .tone import TONES

NOW_VARIABLE = "SINTESIS_AHORA"  # pins the clock (ISO date and time), for tests and for redoing a day


def now() -> dt.datetime:
    pinned = os.environ.get(NOW_VARIABLE)
    if pinned:
        try:
            moment = dt.datetime.fromisoformat(pinned)
        except ValueError:
            raise SynthesisError(
                f"{NOW_VARIABLE}='{pinned}' no es una fecha y hora ISO (2026-11-25T07:00)"
            ) from None
        return moment if moment.tzinfo else moment.replace(tzinfo=MEXICO_CITY)
    return dt.datetime.now(dt.UTC)


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SynthesisError(
            f"la fecha '{value}' no es válida; escríbela como AAAA-MM-DD, por ejemplo 2026-11-25"
        ) from None


def cmd_run(args: argparse.Namespace, config: Config) -> int:
    moment = now()
    day = _day(args.fecha)
    read_settings(config)  # checked before the lock is made in the state folder, which may be refused
    try:
        with exclusive(config.state / "sintesis.lock"):
            context = open_context(config)
            try:
                if not args.sin_correo:
                    from .delivery import (
                        email_channel,
                    )  # the email step, kept apart: the only part that sends

                    email_channel(context)  # a wrong channel or list stops here, before any work
                past = day is not None and day != today(moment)
                collected = collect(context, moment, fetch=not (args.sin_descargar or past))
                for line in collected.lines():
                    print(line)
                window = window_for(context.store, moment, day)
                synthesis, page = make_synthesis(context, window, moment, collected.cards)
                print(
                    f"Síntesis del {window.fecha}: {len(synthesis.stories)} historias en {synthesis.notes} notas → "
                    f"{shown(page, config.root)}"
                )
                if args.sin_correo:
                    print("No se envió por correo (--sin-correo).")
                    return 0
                sent = deliver(context, synthesis, moment, resend=args.reenviar)
                for line in sent.lines():
                    print(line)
                return 1 if sent.failed else 0
            finally:
                context.close()
    except LockError:
        raise SynthesisError("ya hay una síntesis en curso en esta máquina; espera a que termine") from None


def local(stamp: str) -> str:
    """A stored UTC time as Mexico City reads it: '2026-11-25 07:00'."""
    return f"{dt.datetime.fromisoformat(stamp).astimezone(MEXICO_CITY):%Y-%m-%d %H:%M}"


def _story_lines(context: Context, window: Window) -> list[str]:
    stories = context.store.seen_between(window.desde, window.hasta, context.max_age)
    lines = []
    for story in stories:
        relevant = story.temas.relevant or story.ficha
        tone = story.tono or f"sugerido {story.sugerencia.tono}"
        mark = " " if relevant else "·"
        lines.append(f"{mark}{story.id:>6}  {tone:<20} {story.titulo}")
        lines.append(f"        {', '.join(story.outlets)}")
    return lines


def cmd_notes(args: argparse.Namespace, config: Config) -> int:
    moment = now()
    context = open_context(config)
    try:
        day = _day(args.fecha)
        window = window_for(context.store, moment, day)
        if day is None and context.store.window(window.fecha) is None:
            since = window.desde.astimezone(MEXICO_CITY)
            print(f"Notas encontradas desde la última síntesis ({since:%Y-%m-%d %H:%M}, hora del centro):")
        lines = _story_lines(context, window)
        print("\n".join(lines) if lines else "No hay notas en ese periodo.")
        print(
            "Las marcadas con '·' no hablan del partido, su gente ni los municipios: no van en la síntesis."
        )
        return 0
    finally:
        context.close()


def cmd_tone(args: argparse.Namespace, config: Config) -> int:
    if not args.nota.strip().isdigit():
        raise SynthesisError(
            f"'{args.nota}' no es un número de nota; usa el número que da `make notas`: make tono NOTA=12 TONO=negativo"
        )
    args.nota = int(args.nota)
    if args.tono not in TONES:
        raise SynthesisError(f"el tono '{args.tono}' no existe; usa uno de: {', '.join(TONES)}")
    context = open_context(config)
    try:
        story = context.store.story(args.nota)
        if story is None:
            raise SynthesisError(f"no hay ninguna nota con el número {args.nota}; búscalo con `make notas`")
        if story.ficha:
            raise SynthesisError(
                f"la nota {args.nota} es una ficha de monitoreo: cambia 'tono:' en {story.ficha} y vuelve a correr la síntesis"
            )
        context.store.set_tone(story.id, args.tono, now())
        print(f"Nota {story.id} «{story.titulo}»: tono {args.tono}. Se verá en la síntesis y en el balance.")
        return 0
    finally:
        context.close()


def cmd_card(args: argparse.Namespace, config: Config) -> int:
    if not args.emisora.strip():
        raise SynthesisError('falta la emisora: make ficha EMISORA="Radio Mexiquense" PROGRAMA="Noticiario"')
    context = open_context(config)
    try:
        when = now()
        if args.fecha:
            try:
                when = dt.datetime.fromisoformat(args.fecha).replace(tzinfo=MEXICO_CITY)
            except ValueError:
                raise SynthesisError(
                    f"la fecha '{args.fecha}' no es válida; escríbela como 2026-11-25 07:30"
                ) from None
        path = new_card(
            context.settings.cards, args.emisora.strip(), args.programa.strip(), when, context.outlets
        )
        print(f"Ficha nueva: {shown(path, config.root)}")
        print("Ábrela, llena el resumen (y el tono si ya lo sabes) y guárdala; revísala con `make fichas`.")
        return 0
    finally:
        context.close()


def cmd_check(args: argparse.Namespace, config: Config) -> int:
    context = open_context(config)  # the sources list is checked here: its problems stop with path:line
    try:
        outlets = context.outlets.outlets
        print(f"Lista de medios: {len(outlets)} medios, {len(context.outlets.feeds)} feeds, sin problemas.")
        states = context.store.feeds()
        for outlet in outlets:
            print(f"  {outlet.nombre} ({MEDIA_NAMES[outlet.medio].lower()}, {outlet.alcance})")
            for feed in outlet.feeds:
                state = states.get(feed.url)
                if state is None:
                    status = "todavía no se consulta"
                elif state.error:
                    status = f"falló en la última consulta ({local(state.checked_at)}): {state.error}"
                else:
                    status = f"bien en la última consulta ({local(state.checked_at)})"
                print(f"    {feed.url}: {status}")
        problems = []
        files = card_files(context.settings.cards)
        for path in files:
            _, found = read_card(
                shown(path, config.root), path.read_bytes(), context.ref, context.outlets, now()
            )
            problems += found
        folder = shown(context.settings.cards, config.root)
        print(f"Fichas de monitoreo en {folder}/: {len(files)}, {len(problems)} problema(s).")
        for problem in sorted(problems):
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    finally:
        context.close()


def cmd_balance(args: argparse.Namespace, config: Config) -> int:
    context = open_context(config)
    try:
        path, summary = make_balance(context, args.periodo, now())
        print(summary)
        print(f"Balance: {shown(path, config.root)}")
        return 0
    finally:
        context.close()
