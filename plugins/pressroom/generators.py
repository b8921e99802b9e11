"""Pelican generators for pages Pelican does not know: municipalities, people, press room, 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from . import calendar, feeds, manifest, podcast, preview, redirects, sitemap, subscriptions
from .advisories import advise
from .carryover import CARRY_OVER_SETTING, CarryOver
from .content import load_ref
from .editor import admin as editor_admin
from .history import last_commits
from .images import download_url
from .listings import alphabetical, by_municipality, by_person, people_with_counts
from .media import MediaPlan, options, prepare, publish
from .model.item import TYPES
from .model.refdata import RefData
from .output import copy_file, target, write_bytes
from .parsecache import ParseCache
from .reader import CACHE_SETTING, section_category
from .syndication import MAX_ITEMS, SiteInfo, content_time, updated

REF_KEY = "pressroom_ref"


class SitePages(Generator):
    """Writes /municipios/, the 125 municipality pages, /personas/, /sala-de-prensa/ and 404."""

    def generate_context(self) -> None:
        ref = shared_ref(self)
        self.ref = ref

    def _write(self, writer: Any, save_as: str, template: str, **extra: Any) -> None:
        write_page(self, writer, save_as, template, **extra)

    def generate_output(self, writer: Any) -> None:
        articles = self.context["articles"]
        per_municipality = by_municipality(articles)
        counts = {slug: len(found) for slug, found in per_municipality.items()}
        events = calendar.conferences(
            articles, list(self.context["hidden_articles"]), self.settings["PRESSROOM_NOW"]
        )
        with_events = {m for a in events for m in calendar.places(a.item)}
        self._write(
            writer,
            "municipios/index.html",
            "municipios",
            municipios_por_letra=alphabetical(self.ref.municipalities, counts),
            total_con_notas=len(counts),
            total_municipios=len(self.ref.municipalities),
        )
        for municipality in self.ref.municipalities:
            self._write(
                writer,
                f"municipios/{municipality.slug}/index.html",
                "municipio",
                municipio=municipality,
                items=per_municipality.get(municipality.slug, []),
                calendario_municipio=(
                    "/" + calendar.municipality_path(municipality) if municipality in with_events else None
                ),
                personas=[p for p in self.ref.people.values() if p.municipio == municipality],
            )
        per_person = by_person(articles)
        self._write(
            writer,
            "personas/index.html",
            "personas",
            personas=people_with_counts(self.ref.people, {k: len(v) for k, v in per_person.items()}),
        )
        for person in self.ref.people.values():
            self._write(
                writer,
                f"personas/{person.id}/index.html",
                "persona",
                persona=person,
                items=per_person.get(person.id, []),
            )
        self._write_empty_sections(writer)
        self._write(writer, "sala-de-prensa/index.html", "sala-de-prensa")
        specs = feeds.specs(articles, self.ref.municipalities, self.ref.people, self.settings["SITENAME"])
        catalogue = subscriptions.catalogue(
            specs, articles, events, self.settings.get("FEED_MAX_ITEMS", MAX_ITEMS)
        )
        self._write(writer, subscriptions.PATH, "suscripciones", catalogo=catalogue)
        self._write(writer, "404.html", "404")

    def _write_empty_sections(self, writer: Any) -> None:
        """Every section has its page, with an empty state when it has nothing listed yet."""
        listed = {category.slug for category, _ in self.context["categories"]}
        for tipo in TYPES.values():
            if tipo.section in listed:
                continue
            category = section_category(tipo, self.settings)
            save_as = f"{tipo.section}/index.html"
            writer.write_file(
                save_as,
                self.get_template("category"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                paginated={"articles": [], "dates": []},
                template_name="category",
                url=f"{tipo.section}/",
                category=category,
                articles=[],
                dates=[],
            )


class MediaFiles(Generator):
    """Photos, social cards and audio of every listed item.

    Runs before any page is rendered: each article gets `medios` (images.ItemMedia) for the
    templates and the feeds; the files themselves are published with the rest of the output.
    A withdrawn item (a hidden article) gets none: its retracted photos, audio and card are
    not published, and its page uses the site's card.
    """

    def generate_context(self) -> None:
        written = list(self.context["articles"])
        self.plan: MediaPlan = prepare(
            [a.item for a in written], Path(self.settings["PATH"]), options(self.settings)
        )
        for article in written:
            article.medios = self.plan.media[article.item.id]
        for advisory in self.plan.advisories:
            advise(str(advisory))

    def generate_output(self, writer: Any) -> None:
        publish(self.plan, Path(self.output_path))


class Redirects(Generator):
    """A redirect page at each earlier address of a written item (redirects.py)."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        written = list(self.context["articles"]) + list(self.context["hidden_articles"])
        site = site_info(self.settings, Path(self.output_path), written)
        template = self.get_template(redirects.TEMPLATE)
        for redirect in redirects.redirects(written):
            writer.write_file(
                redirect.save_as,
                template,
                self.context,
                relative_urls=False,
                destino=redirect.target,
                destino_absoluto=site.absolute(redirect.target),
                titulo=redirect.titulo,
            )


class SyndicationFiles(Generator):
    """Feeds, podcast, calendars, sitemap and robots.txt; runs after the media are in place."""

    def generate_context(self) -> None:
        ref = shared_ref(self)
        self.ref = ref

    def generate_output(self, writer: Any) -> None:
        output = Path(self.output_path)
        listed = list(self.context["articles"])
        withdrawn = list(self.context["hidden_articles"])
        site = site_info(self.settings, output, listed + withdrawn)
        carry: CarryOver | None = self.settings.get(CARRY_OVER_SETTING)
        for spec in feeds.specs(listed, self.ref.municipalities, self.ref.people, site.name):
            kinds = FEED_KINDS if spec.slug == "todo" else FEED_KINDS[:2]
            for kind, make in kinds:
                _write_feed(output, spec, kind, make, site, carry)
        write_bytes(output, podcast.PATH, podcast.podcast(listed, site))
        events = calendar.conferences(listed, withdrawn, site.now)
        calendars = [(calendar.PATH, f"Conferencias de prensa — {site.name}", events)]
        for municipality in self.ref.municipalities:
            local = [a for a in events if municipality in calendar.places(a.item)]
            if local:
                title = f"Conferencias de prensa en {municipality.nombre}"
                calendars.append((calendar.municipality_path(municipality), title, local))
        for relative, title, chosen in calendars:
            key = carry.calendar_key(title, chosen, site) if carry is not None else None
            _write_carried(output, relative, key, partial(calendar.calendar, chosen, site, title), carry)
        for path, data in sitemap.sitemaps(
            self._sitemap_entries(listed), site, self.settings.get("SITEMAP_MAX_URLS", sitemap.MAX_URLS)
        ).items():
            write_bytes(output, path, data)
        hidden = [f"/{editor_admin.SITE_FOLDER}/"] if editor_admin.deployed(self.settings) else []
        write_bytes(output, "robots.txt", sitemap.robots(site, hidden))
        cache: ParseCache | None = self.settings.get(CACHE_SETTING)
        text = (
            manifest.plain_text if cache is None else partial(cache.derive, "texto", make=manifest.plain_text)
        )
        if not preview.enabled(self.settings):  # the preview is never published: no manifest
            write_bytes(
                output,
                manifest.PATH,
                manifest.manifest(listed, self.ref, site, download_url, withdrawn, text),
            )

    def _sitemap_entries(self, listed: list[Any]) -> list[tuple[str, dt.datetime | None]]:
        entries: list[tuple[str, dt.datetime | None]] = [("/" + a.url, updated(a)) for a in listed]
        entries += [("/" + p.url, None) for p in self.context["pages"]]
        fixed = [
            "/",
            "/archivo/",
            "/municipios/",
            "/personas/",
            "/sala-de-prensa/",
            subscriptions.URL,
            "/agenda/",
        ]
        fixed += ["/transparencia/"] if self.settings.get("TRANSPARENCIA") else []
        fixed += [f"/{t.section}/" for t in TYPES.values()]
        fixed += [f"/municipios/{m.slug}/" for m in self.ref.municipalities]
        fixed += [f"/personas/{p}/" for p in self.ref.people]
        return entries + [(url, None) for url in fixed]


class EditorAdmin(Generator):
    """/admin/, the web editor, saving through EDITOR_BACKEND; only when EDITOR_EN_SITIO is on."""

    def generate_context(self) -> None:
        self.ref = shared_ref(self)

    def generate_output(self, writer: Any) -> None:
        if not editor_admin.deployed(self.settings):
            return
        backend, workflow = editor_admin.backend_settings(self.settings)
        project = Path(self.settings["PATH"]).parent
        static_url = f"/{self.settings['THEME_STATIC_DIR']}/"
        output = Path(self.output_path)
        files = editor_admin.admin_files(project, self.ref, backend, workflow, static_url)
        for name, data in files.items():
            relative = f"{editor_admin.SITE_FOLDER}/{name}"
            if isinstance(data, Path):
                copy_file(output, relative, data)
            else:
                write_bytes(output, relative, data)


FEED_KINDS: tuple[tuple[str, Callable[[feeds.FeedSpec, SiteInfo], bytes]], ...] = (
    ("rss", feeds.rss),
    ("atom", feeds.atom),
    ("json", feeds.json_feed),
)


def _write_feed(
    output: Path,
    spec: feeds.FeedSpec,
    kind: str,
    make: Callable[[feeds.FeedSpec, SiteInfo], bytes],
    site: SiteInfo,
    carry: CarryOver | None,
) -> None:
    """One feed file; linked from the previous build when its entries and settings are the same."""
    key = carry.feed_key(kind, spec, site) if carry is not None else None
    _write_carried(output, spec.path(kind), key, partial(make, spec, site), carry)


def _write_carried(
    output: Path, relative: str, key: str | None, make: Callable[[], bytes], carry: CarryOver | None
) -> None:
    """A file linked from the previous build when it was made from the same inputs (`key`), else
    made and written, its key kept for the next build."""
    if (
        carry is not None
        and key is not None
        and carry.reuse(relative, key, str(target(output, relative)), set())
    ):
        return
    write_bytes(output, relative, make())
    if carry is not None and key is not None:
        carry.rendered(relative, key)


def write_page(generator: Generator, writer: Any, save_as: str, template: str, **extra: Any) -> None:
    """Render one page of a generator; a page with `items` is paginated like the sections
    (items_page…)."""
    paging = {"paginated": {"items": extra["items"]}, "template_name": template} if "items" in extra else {}
    writer.write_file(
        save_as,
        generator.get_template(template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        url=save_as.removesuffix("index.html"),
        **paging,
        **extra,
    )


def shared_ref(generator: Generator) -> RefData:
    """The reference data, read once per build and shared by the generators through the context
    (its problems were already reported by the build's validation)."""
    ref: RefData | None = generator.context.get(REF_KEY)
    if ref is None:
        ref, _ = load_ref(Path(generator.settings["PATH"]))
        generator.context[REF_KEY] = ref
    return ref


def site_info(settings: dict[str, Any], output: Path, written: list[Any]) -> SiteInfo:
    """What feeds, calendars and the manifest say about the site; `written`: every item page."""
    now: dt.datetime = settings["PRESSROOM_NOW"]
    fallback = now
    if not written:  # a site with no item yet: its content's last commit, else the clock
        fallback = max(last_commits(Path(settings["PATH"])).values(), default=now)
    return SiteInfo(
        base=settings["SITEURL"],
        name=settings["SITENAME"],
        author=settings["AUTHOR"],
        email=settings["PRESS_CONTACT"]["correo"],
        description=settings.get("SITE_DESCRIPTION", ""),
        output=output,
        now=now,
        content_time=content_time(written, fallback),
        max_items=settings.get("FEED_MAX_ITEMS", MAX_ITEMS),
    )
