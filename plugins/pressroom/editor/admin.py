"""What /admin/ is made of: the generated `config.yml` and `modelo.js`, the editor's own files in
admin/, and Decap's bundle from node_modules. `make editor` serves these; the build copies them
into the site only when EDITOR_EN_SITIO is on.

The admin never names a folder outside content/: collections are content/<section>/, media
content/imagenes/ and content/audio/; the contact directory and publish/ are out of its reach.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..exceptions import BuildError
from ..model.fields import EVENT_KEYS, FALSE, IMAGE_KEYS, TRUE
from ..model.item import STATEWIDE, TYPES
from ..model.refdata import RefData
from ..model.validate import ID_RE, ITEM_KEYS, SLUG_RE
from ..scaffold import ID_ALPHABET, ID_LENGTH, MAX_SLUG_WORDS, SLUG_FALLBACK
from . import form

ADMIN_DIR = Path(__file__).with_name("admin")
OWN_FILES = ("index.html", "editor.js", "reglas.js", "es-mx.js")
DECAP_DIST = Path("node_modules/decap-cms/dist")
DECAP_MAIN = "decap-cms.js"
DECAP_FOLDER = "decap"
SITE_FOLDER = "admin"  # /admin/ in the site, when EDITOR_EN_SITIO is on  # /admin/decap/decap-cms.js and the chunks it loads from there
MEDIA_FOLDER = "content/imagenes"
PUBLIC_FOLDER = "imagenes"
PREVIEW_STYLE = "css/sitio.css"  # the site's stylesheet, inside the theme's static folder
LOCAL_BACKEND = "proxy"  # Decap's name for its local backend (decap-server)

# Real backends and the settings each accepts (see README, "Editor web").
BACKEND_KEYS: dict[str, tuple[str, ...]] = {
    "github": ("name", "repo", "branch", "base_url", "auth_endpoint", "api_root"),
    "gitlab": ("name", "repo", "branch", "auth_type", "app_id", "base_url", "auth_endpoint", "api_root"),
    "gitea": ("name", "repo", "branch", "app_id", "base_url", "api_root"),
}
WORKFLOW_BACKENDS = ("github", "gitlab")  # Decap's Gitea backend has no editorial workflow


def deployed(settings: dict[str, Any]) -> bool:
    """EDITOR_EN_SITIO, checked: whether /admin/ goes online with the site (off by default); when
    it does, its backend settings are checked too."""
    on = settings.get("EDITOR_EN_SITIO", False)
    if not isinstance(on, bool):
        raise BuildError("EDITOR_EN_SITIO en pelican.conf.py debe ser True o False")
    if on:
        backend_settings(settings)
    return on


def backend_settings(settings: dict[str, Any]) -> tuple[dict[str, str], bool]:
    """EDITOR_BACKEND and EDITOR_FLUJO_EDITORIAL, checked: (Decap's `backend`, editorial workflow)."""
    backend = settings.get("EDITOR_BACKEND", {})
    workflow = settings.get("EDITOR_FLUJO_EDITORIAL", False)
    where = "en pelican.conf.py"
    if not isinstance(backend, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in backend.items()
    ):
        raise BuildError(
            f"EDITOR_BACKEND {where} debe ser un diccionario de textos, por ejemplo "
            '{"name": "github", "repo": "oficina/sitio", "branch": "main"}'
        )
    name = backend.get("name", "")
    if name not in BACKEND_KEYS:
        raise BuildError(f"EDITOR_BACKEND['name'] {where} es '{name}'; usa uno de: {', '.join(BACKEND_KEYS)}")
    unknown = sorted(set(backend) - set(BACKEND_KEYS[name]))
    if unknown:
        raise BuildError(
            f"EDITOR_BACKEND {where} tiene claves que {name} no usa: {', '.join(unknown)}; "
            f"las válidas son: {', '.join(BACKEND_KEYS[name])}"
        )
    if "/" not in backend.get("repo", "").strip("/"):
        raise BuildError(
            f"EDITOR_BACKEND['repo'] {where} debe ser 'dueño/repositorio', por ejemplo 'oficina/sitio'"
        )
    if not isinstance(workflow, bool):
        raise BuildError(f"EDITOR_FLUJO_EDITORIAL {where} debe ser True o False")
    if workflow and name not in WORKFLOW_BACKENDS:
        raise BuildError(
            f"EDITOR_FLUJO_EDITORIAL = True no funciona con {name}: Decap solo tiene flujo editorial "
            f"con {' y '.join(WORKFLOW_BACKENDS)}; ponlo en False"
        )
    return {"branch": "main", **backend}, workflow


def local_backend(proxy_url: str) -> dict[str, str]:
    """The local repository through decap-server (file-system mode: no editorial workflow)."""
    return {"name": LOCAL_BACKEND, "proxy_url": proxy_url, "branch": "main"}


def config(ref: RefData, backend: dict[str, str], workflow: bool, static_url: str) -> dict[str, Any]:
    """Decap's whole configuration: the site's settings around the form made from the model;
    `static_url` is where the theme's static files are served (/tema/)."""
    return {
        "locale": "es",
        "logo": {"src": f"{static_url}img/logo.svg", "show_in_header": True},
        "backend": backend,
        **({"publish_mode": "editorial_workflow"} if workflow else {}),
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "show_preview_links": False,
        "editor": {"preview": True},
        "collections": form.collections(ref),
    }


def render_config(cfg: dict[str, Any]) -> bytes:
    header = (
        "# Configuración del editor web (Decap CMS), GENERADA a partir del modelo de contenido\n"
        "# (plugins/pressroom/editor/form.py). No la edites: cambia el modelo o la generación.\n"
    )
    text = yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False, width=110)
    return (header + text).encode("utf-8")


def model(ref: RefData, workflow: bool, static_url: str) -> dict[str, Any]:
    """What the editor's scripts need from the model: key order, id and slug rules, names; and
    whether saving publishes (editorial workflow) and the site's stylesheet for the preview."""
    return {
        "flujo_editorial": workflow,
        "estilo": f"{static_url}{PREVIEW_STYLE}",
        "orden": list(ITEM_KEYS),
        "orden_imagen": list(IMAGE_KEYS),
        "orden_evento": list(EVENT_KEYS),
        "conservar_vacias": list(form.KEPT_EMPTY),
        "generados": list(form.GENERATED),
        "id": {"patron": ID_RE.pattern, "alfabeto": ID_ALPHABET, "largo": ID_LENGTH},
        "slug": {"patron": SLUG_RE.pattern, "palabras": MAX_SLUG_WORDS, "respaldo": SLUG_FALLBACK},
        "verdadero": list(TRUE),
        "falso": list(FALSE),
        "estatal": STATEWIDE,
        "municipios": {m.slug: m.nombre for m in ref.municipalities},
        "personas": {
            p.id: {
                "nombre": p.nombre,
                "cargo": p.cargo,
                "municipio": p.municipio.nombre if p.municipio else "",
            }
            for p in ref.people.values()
        },
        "tipos": {
            t.key: {"etiqueta": t.label, "plural": t.plural, "seccion": t.section} for t in TYPES.values()
        },
    }


def model_script(ref: RefData, workflow: bool, static_url: str) -> bytes:
    data = json.dumps(model(ref, workflow, static_url), ensure_ascii=False, indent=1)
    return (
        "// Generado a partir del modelo de contenido (plugins/pressroom/editor/admin.py); no lo edites.\n"
        f"window.PRESSROOM_MODELO = {data};\n"
    ).encode()


def decap_dist(project: Path) -> Path:
    dist = project / DECAP_DIST
    if not (dist / DECAP_MAIN).is_file():
        raise BuildError(
            f"falta Decap CMS ({DECAP_DIST / DECAP_MAIN}); instala los paquetes de npm del proyecto "
            "con `npm ci` en la carpeta del proyecto (o `make editor`, que lo hace solo)"
        )
    return dist


def decap_files(project: Path) -> dict[str, Path]:
    """Decap's bundle and the chunks and WebAssembly it loads, keyed by their path in /admin/."""
    dist = decap_dist(project)
    names = [DECAP_MAIN, f"{DECAP_MAIN}.LICENSE.txt"]
    names += sorted(p.name for p in dist.iterdir() if p.name.endswith((f".{DECAP_MAIN}", ".wasm")))
    return {f"{DECAP_FOLDER}/{name}": dist / name for name in names if (dist / name).is_file()}


def admin_files(
    project: Path, ref: RefData, backend: dict[str, str], workflow: bool, static_url: str
) -> dict[str, bytes | Path]:
    """Every file of /admin/, keyed by its path inside it: bytes when generated, else the source."""
    files: dict[str, bytes | Path] = {name: ADMIN_DIR / name for name in OWN_FILES}
    files["config.yml"] = render_config(config(ref, backend, workflow, static_url))
    files["modelo.js"] = model_script(ref, workflow, static_url)
    files.update(decap_files(project))
    return files
