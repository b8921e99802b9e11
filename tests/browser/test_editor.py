"""The web editor in a real browser (Debian's Chromium), with Decap's local backend on a copy of
the project: a boletín with a photo is created through the form, saved as a draft, then published;
the file it writes passes `make validar` untouched and the built site shows it.

The browser runs in Tokyo time on purpose: dates must still be Mexico City's.
Screenshots: test-artifacts/navegador/editor-lista.png, editor-formulario.png, editor-vista-previa.png.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import pytest
from browserkit import DESKTOP, SCREENSHOTS, copy_project, require_editor, screenshot

from pressroom.build import build
from pressroom.content import load_site
from pressroom.editor.server import Editor, running
from pressroom.model.item import MEXICO_CITY, TYPES, Item
from pressroom.model.validate import ID_RE, ITEM_KEYS
from pressroom.scaffold import slugify
from sitekit import ROOT, write_jpeg

TITLE = 'Alcaldesa de Texcoco inaugura clínica: "una más" # 2'
SUMMARY = "La clínica atenderá a tres mil familias de la zona oriente."
CAPTION = "La alcaldesa corta el listón de la clínica"
CREDIT = "Foto Estudio Oriente"
BODY = "La clínica abrirá de lunes a sábado."
SITE_RED = "rgb(155, 11, 34)"  # --rojo-texto of theme/static/css/sitio.css
SETTLE_SECONDS = 20  # the longest wait for a file the admin writes


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[tuple[Editor, Path]]:
    require_editor()
    conf = copy_project(tmp_path / "proyecto")
    with running(conf) as started:
        yield started, conf


@pytest.fixture
def admin(browser: Any, editor: tuple[Editor, Path]) -> Iterator[tuple[Any, dict[str, list[str]]]]:
    """The admin page, logged in to the local backend, watched from its first request."""
    started, _ = editor
    context = browser.new_context(
        viewport=DESKTOP, locale="es-MX", timezone_id="Asia/Tokyo", service_workers="block"
    )
    page = context.new_page()
    seen: dict[str, list[str]] = {"requests": [], "bad": [], "errors": [], "console": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("response", lambda r: r.status >= 400 and seen["bad"].append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: seen["bad"].append(f"{r.url} ({r.failure})"))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: m.type == "error" and seen["console"].append(m.text))
    page.goto(started.url)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.get_by_text("Boletines").first.wait_for()
    yield page, seen
    context.close()


def save(page: Any) -> None:
    page.get_by_role("button", name="Guardar", exact=True).click()
    page.get_by_text("Guardar ahora").click()


def wait_for_text(path: Path, needle: str) -> str:
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if needle in text:
            return text
        time.sleep(0.2)
    raise AssertionError(f"{path} no llegó a tener {needle!r}:\n{text}")


def item_of(conf: Path, item_id: str) -> Item:
    site = load_site(conf.parent / "content")
    assert [str(p) for p in site.problems] == []
    [found] = [i for i in site.items if i.id == item_id]
    return found


def make_validar(conf: Path) -> str:
    done = subprocess.run(
        ["make", "-s", "validar", f"CONFIG={conf}"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def front_matter_keys(text: str) -> list[str]:
    header = text.split("---\n")[1]
    return [line.split(":", 1)[0] for line in header.splitlines() if re.match(r"^[a-z_]+:", line)]


def test_a_bulletin_with_a_photo_from_draft_to_published(
    admin: tuple[Any, dict[str, list[str]]], editor: tuple[Editor, Path], tmp_path: Path
) -> None:
    page, seen = admin
    started, conf = editor
    content = conf.parent / "content"
    photo = tmp_path / "clinica-oriente.jpg"
    write_jpeg(photo, (1200, 800), "#2a6")
    screenshot(page, "editor-lista", full_page=False)

    # --- a new boletín, through the form --------------------------------------------------------
    page.get_by_text("Nueva: Boletín").click()
    before = dt.datetime.now(MEXICO_CITY).replace(second=0, microsecond=0)
    page.get_by_label("Título", exact=True).fill(TITLE)
    towns = page.get_by_role("combobox", name="Municipios")
    for typed in ("Texcoco", "Nezahualc"):
        towns.fill(typed)
        page.keyboard.press("Enter")
    page.get_by_role("combobox", name="Personas").fill("Rosa Elena")
    page.keyboard.press("Enter")
    page.get_by_label("Resumen", exact=True).fill(SUMMARY)
    page.get_by_role("button", name="Elegir una foto").click()
    page.set_input_files("input[type=file]", str(photo))
    page.get_by_role("button", name="Usar la seleccionada").click()
    page.get_by_label("Pie de foto", exact=True).fill(CAPTION)
    page.get_by_label("Crédito", exact=True).fill(CREDIT)
    page.get_by_label("Etiquetas (opcional)", exact=True).fill("salud, obra pública")
    assert page.get_by_label("Estado", exact=True).input_value() == "borrador"
    page.get_by_label("Título", exact=True).scroll_into_view_if_needed()
    screenshot(page, "editor-formulario", full_page=False)
    save(page)
    page.wait_for_url(re.compile(r"/entries/\d{4}/"))
    after = dt.datetime.now(MEXICO_CITY)

    # --- the draft on disk: where, and as, `make nuevo` writes it --------------------------------
    entry = urlsplit(page.url).fragment.split("/entries/", 1)[1]
    path = content / "boletines" / f"{entry}.md"
    text = wait_for_text(path, "estado: borrador")
    [item_id] = re.findall(r"^id: (\S+)$", text, re.MULTILINE)
    draft = item_of(conf, item_id)
    assert ID_RE.fullmatch(draft.id) and draft.id.startswith(f"{draft.fecha:%Y-%m-%d}-")
    assert entry == f"{draft.fecha:%Y}/{draft.fecha:%Y-%m-%d}-{slugify(TITLE)}"
    assert draft.slug == slugify(TITLE)
    assert before <= draft.fecha <= after  # now, in Mexico City, whatever the browser's clock zone
    assert (draft.titulo, draft.resumen, draft.estado) == (TITLE, SUMMARY, "borrador")
    assert [m.slug for m in draft.municipios] == ["texcoco", "nezahualcoyotl"]
    assert [p.id for p in draft.personas] == ["rosa-elena-martinez"]
    assert draft.etiquetas == ("salud", "obra pública")
    assert draft.imagen is not None
    assert draft.imagen.archivo == f"imagenes/{draft.fecha:%Y/%m}/{photo.name}"
    assert (draft.imagen.pie, draft.imagen.credito) == (CAPTION, CREDIT)
    assert (content / draft.imagen.archivo).read_bytes() == photo.read_bytes()
    keys = front_matter_keys(text)
    assert keys == [k for k in ITEM_KEYS if k in keys]  # the model's (and `make nuevo`'s) order
    assert keys[:8] == ["id", "titulo", "slug", "fecha", "tipo", "municipios", "personas", "resumen"]
    assert "Todo en orden" in make_validar(conf)
    output = tmp_path / "sitio"
    build(conf, draft.fecha + dt.timedelta(minutes=5), output)
    assert not (output / draft.url.strip("/")).exists()  # a draft appears nowhere

    # --- publishing needs the text a boletín must have -----------------------------------------
    page.get_by_label("Estado", exact=True).select_option("publicado")
    save(page)
    page.get_by_text(
        "para publicar un boletín falta «Texto» (o déjalo como borrador)", exact=False
    ).wait_for()
    assert "estado: borrador" in path.read_text(encoding="utf-8")
    page.locator('[contenteditable="true"]').first.click()
    page.keyboard.type(BODY)
    save(page)
    published_text = wait_for_text(path, "estado: publicado")
    assert entry in page.url

    # --- the preview: the note with the site's own stylesheet -----------------------------------
    preview = page.frame_locator("#preview-pane")
    preview.locator("h1").filter(has_text="Alcaldesa de Texcoco").wait_for()
    assert preview.locator("h1").inner_text() == TITLE
    assert preview.locator("link[rel=stylesheet]").get_attribute("href") == "/tema/css/sitio.css"
    assert preview.locator(".etiqueta-tipo").evaluate("e => getComputedStyle(e).color") == SITE_RED
    figure = preview.locator("figure.nota__figura")
    figure.locator("img").evaluate("i => i.complete || new Promise(r => (i.onload = r))")
    assert figure.locator("img").evaluate("i => i.naturalWidth") == 1200
    assert figure.locator("figcaption").inner_text() == f"{CAPTION} Foto: {CREDIT}"
    assert preview.locator(".nota__cuerpo").inner_text().strip() == BODY
    preview_classes = set(
        preview.locator("article.nota").evaluate(
            "a => [a, ...a.querySelectorAll('*')]"
            # inside the body, Decap's own wrapper of the rendered Markdown
            ".filter(e => e.matches('.nota__cuerpo') || !e.closest('.nota__cuerpo'))"
            ".flatMap(e => [...e.classList])"
        )
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.get_by_text("Nota guardada").first.wait_for(state="hidden")
    page.locator("#preview-pane").screenshot(path=str(SCREENSHOTS / "editor-vista-previa.png"))

    # --- the published file: same id, same place, valid as it is; the site shows it ------------
    published = item_of(conf, item_id)
    assert (published.estado, published.body.strip()) == ("publicado", BODY)
    assert published.fecha == draft.fecha and published.slug == draft.slug
    assert "Todo en orden" in make_validar(conf)
    assert path.read_text(encoding="utf-8") == published_text  # validar read it, nobody touched it
    build(conf, published.fecha + dt.timedelta(minutes=5), output)
    html = (output / published.url.strip("/") / "index.html").read_text(encoding="utf-8")
    assert "Alcaldesa de Texcoco inaugura clínica: &#34;una más&#34; # 2" in html or TITLE in html
    assert CAPTION in html and CREDIT in html and BODY in html
    # the preview is drawn by editor.js, not by the site's template: every class it uses must still
    # be one the built page uses for the same note, so the stylesheet draws both the same way
    article = lxml.html.fromstring(html).xpath("//article[contains(@class, 'nota')]")[0]
    site_classes = {c for e in article.iter() for c in (e.get("class") or "").split()}
    assert preview_classes - site_classes == set(), sorted(preview_classes - site_classes)
    listing = page.context.new_page()  # the list as loaded afresh from the files
    listing.goto(f"{started.url}#/collections/boletin")
    listing.get_by_text(f"{TITLE} — {published.fecha:%Y-%m-%d %H:%M} (publicado)").wait_for()
    screenshot(listing, "editor-lista", full_page=False)

    # never a CDN: everything came from the two local servers; nothing failed
    hosts = {urlsplit(u).hostname for u in seen["requests"] if urlsplit(u).scheme in ("http", "https")}
    assert hosts == {"127.0.0.1"}
    assert seen["bad"] == [], seen["bad"]
    # Decap rejects the save it refused with `undefined`; anything else is a real error
    assert set(seen["errors"]) <= {"undefined"}, seen["errors"]
    assert seen["console"] == []


def test_statewide_alone_and_a_draft_without_photo(
    admin: tuple[Any, dict[str, list[str]]], editor: tuple[Editor, Path]
) -> None:
    page, _ = admin
    _, conf = editor
    page.get_by_text("Actividades municipales").first.click()
    page.get_by_text("Nueva: Actividad municipal").click()
    page.get_by_label("Título", exact=True).fill("Jornada estatal de reforestación")
    towns = page.get_by_role("combobox", name="Municipios")
    for typed in ("Todo el estado", "Toluca"):
        towns.fill(typed)
        page.keyboard.press("Enter")
    page.get_by_label("Resumen", exact=True).fill("Brigadas en todo el estado.")
    save(page)
    page.get_by_text("«Todo el estado» no se combina con municipios: elige uno u otro").wait_for()
    assert not list((conf.parent / "content/actividades").glob("*/*jornada-estatal*"))
    page.get_by_role("button", name="Remove Toluca").click()
    page.get_by_label("Estado", exact=True).select_option("programado")
    save(page)
    page.get_by_text("el estado «Programado» necesita «Embargo (fecha y hora)»", exact=False).wait_for()
    page.get_by_label("Estado", exact=True).select_option("borrador")
    save(page)
    page.wait_for_url(re.compile(r"/entries/\d{4}/"))
    [path] = (conf.parent / "content/actividades").glob("*/*-jornada-estatal-de-reforestacion.md")
    text = wait_for_text(path, "estado: borrador")
    assert "municipios:\n  - estatal\n" in text
    assert "imagen" not in text and "evento" not in text  # an empty optional group is left out
    assert "Todo en orden" in make_validar(conf)


def test_the_whole_interface_is_in_spanish(admin: tuple[Any, dict[str, list[str]]]) -> None:
    page, _ = admin
    missing_phrases = page.evaluate(
        """() => {
          const flat = (o, p = '') => Object.entries(o).flatMap(([k, v]) =>
            v && typeof v === 'object' ? flat(v, `${p}${k}.`) : [`${p}${k}`]);
          const es = new Set(flat(CMS.getLocale('es')));
          return flat(CMS.getLocale('en')).filter(k => !es.has(k));
        }"""
    )
    assert missing_phrases == []
    assert page.evaluate("document.documentElement.lang") == "es-MX"


SAMPLES = [  # one note of each type, with as many of the model's keys as the sample site has
    "boletines/2027/2027-01-15-la-paz-presenta-el-calendario-de-obras-publicas-2027",
    "boletines/2025/2025-11-20-cuautitlan-izcalli-abre-centro-de-atencion-a-mujeres-en-la-zona-norte",
    "boletines/2026/2026-05-26-ecatepec-entrega-tinacos-a-familias-de-la-quinta-zona",
    "actividades/2025/2025-06-28-ayuntamiento-de-chalco-instala-mesas-de-atencion-ciudadana",
    "conferencias/2026/2026-11-24-conferencia-de-prensa-sobre-el-paquete-economico-estatal-2027",
    "reportajes/2026/2026-01-27-agua-de-lluvia-para-el-oriente-captacion-pluvial-en-chalco-y-valle-de-chalco",
    "capsulas/2025/2025-10-28-capsula-talleres-de-alfareria-para-jovenes-en-metepec",
    "spots/2026/2026-10-13-spot-jornada-de-vacunacion-invernal-2026",
    "galerias/2026/2026-11-18-galeria-torneo-intermunicipal-de-futbol-juvenil-en-tecamac",
]


def test_notes_written_by_hand_keep_their_meaning_when_saved_from_the_admin(
    admin: tuple[Any, dict[str, list[str]]], editor: tuple[Editor, Path]
) -> None:
    """Decap rewrites the whole front matter (block lists, its own quoting); what the validator
    reads from it must not change but for the one field edited."""
    page, seen = admin
    started, conf = editor
    content = conf.parent / "content"
    sections = {t.section: t.key for t in TYPES.values()}
    before = {i.path: i for i in load_site(content).items}
    for sample in SAMPLES:
        section, entry = sample.split("/", 1)
        shown = f"content/{sample}.md"
        original = before[shown]
        page.goto("about:blank")
        page.goto(f"{started.url}#/collections/{sections[section]}/entries/{entry}")
        summary = page.get_by_label("Resumen", exact=True)
        summary.wait_for()
        assert summary.input_value() == original.resumen
        summary.press("Control+End")
        summary.type(" Actualizado.")
        save(page)
        deadline = time.monotonic() + SETTLE_SECONDS
        while item_of_path(content, shown).resumen != f"{original.resumen} Actualizado.":
            assert time.monotonic() < deadline, f"{shown} no se guardó"
            time.sleep(0.2)
        after = item_of_path(content, shown)
        assert meaning(replace(after, resumen=original.resumen)) == meaning(original), shown
    assert "Todo en orden" in make_validar(conf)
    assert set(seen["errors"]) <= {"undefined"}, seen["errors"]


def meaning(found: Item) -> Item:
    """The item but for the lines its photos stand on (they move when Decap rewrites the file)."""
    photo = replace(found.imagen, line=0) if found.imagen else None
    return replace(found, imagen=photo, galeria=tuple(replace(g, line=0) for g in found.galeria))


def item_of_path(content: Path, shown: str) -> Item:
    site = load_site(content)
    assert [str(p) for p in site.problems] == []
    [found] = [i for i in site.items if i.path == shown]
    return found
