"""The web editor's configuration is generated from the content model: every field and every rule
of the model is in it, so the form and the validator cannot drift apart.

Patterns the form uses are checked against the validator itself (the same values through
`parse_item`), and a new rule constant in the model fails `test_every_rule_of_the_model_is_accounted_for`
until the form says how it handles it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import pressroom.model.fields as model_fields
import pressroom.model.item as model_item
import pressroom.model.validate as model_validate
import pressroom.scaffold as scaffold
from pressroom.content import load_ref
from pressroom.editor import admin, form, media_fields
from pressroom.editor import fields as fields_module
from pressroom.exceptions import BuildError
from pressroom.model.fields import (
    AUDIO_EXTENSIONS,
    DATE_RE,
    EVENT_KEYS,
    EVENT_REQUIRED,
    FALSE,
    IMAGE_EXTENSIONS,
    IMAGE_KEYS,
    IMAGE_REQUIRED,
    TRUE,
)
from pressroom.model.item import CHANNELS, MEDIA_KEYS, STATES, STATEWIDE, TYPES
from pressroom.model.refdata import RefData
from pressroom.model.validate import (
    ID_RE,
    ITEM_KEYS,
    MAX_SUMMARY,
    MAX_TITLE,
    REQUIRED_KEYS,
    SLUG_RE,
    STATE_NEEDS,
    parse_item,
)
from sitekit import ROOT, item

STATIC = "/tema/"
Field = dict[str, Any]


@pytest.fixture(scope="module")
def ref() -> RefData:
    found, problems = load_ref(ROOT / "content")
    assert problems == []
    return found


@pytest.fixture(scope="module")
def config(ref: RefData) -> dict[str, Any]:
    """The configuration as Decap reads it: rendered to YAML and parsed back."""
    built = admin.config(ref, admin.local_backend("http://127.0.0.1:9/api/v1"), False, STATIC)
    parsed: dict[str, Any] = yaml.safe_load(admin.render_config(built))
    assert parsed == built
    return parsed


def collection(config: dict[str, Any], tipo: str) -> dict[str, Any]:
    [found] = [c for c in config["collections"] if c["name"] == tipo]
    return found


def fields(config: dict[str, Any], tipo: str) -> dict[str, Field]:
    return {f["name"]: f for f in collection(config, tipo)["fields"]}


def every_field(config: dict[str, Any], name: str) -> list[Field]:
    return [f for c in config["collections"] for f in c["fields"] if f["name"] == name]


def subfield(field: Field, name: str) -> Field:
    [found] = [f for f in field["fields"] if f["name"] == name]
    return found


def accepts(field: Field, value: str) -> bool:
    """Decap's pattern check (`RegExp(pattern).test(value)`); the patterns are written so that
    JavaScript and Python read them alike."""
    return re.search(field["pattern"][0], value) is not None


def validator_accepts(ref: RefData, text: str, files: tuple[str, ...] = ()) -> bool:
    """Whether the validator takes the file (people of the sample site, not sitekit's)."""
    text = text.replace("personas: [ana-perez]", "personas: []")
    found, problems = parse_item("content/x.md", text.encode(), ref, {"imagenes/2026/11/clinica.jpg", *files})
    return found is not None and not problems


# --- collections ------------------------------------------------------------------------------


def test_one_collection_per_type_writing_where_make_nuevo_writes(config: dict[str, Any]) -> None:
    assert [c["name"] for c in config["collections"]] == list(TYPES)
    for tipo in TYPES.values():
        c = collection(config, tipo.key)
        assert c["folder"] == f"content/{tipo.section}"
        assert (c["extension"], c["format"]) == ("md", "yaml-frontmatter")
        assert c["label_singular"] == tipo.label
        assert c["create"] is True
        assert c["delete"] is False  # withdraw (estado: retirado), never delete a published URL
        # content/<section>/AAAA/AAAA-MM-DD-<slug>.md and the slug from the `slug` key
        assert c["path"] == '{{fecha | truncate(4, "-")}}/{{fecha | truncate(10, "-")}}-{{slug}}'
        assert c["slug"] == "{{fields.slug}}"
        assert c["identifier_field"] == "titulo"


def test_one_builder_per_key_of_the_model() -> None:
    assert not set(fields_module.BUILDERS) & set(media_fields.BUILDERS)
    assert set(form.BUILDERS) == set(ITEM_KEYS)
    assert set(media_fields.BUILDERS) == set(MEDIA_KEYS)


def test_every_key_of_the_model_is_a_field_in_the_model_order(config: dict[str, Any]) -> None:
    seen: set[str] = set()
    for tipo in TYPES.values():
        names = [f["name"] for f in collection(config, tipo.key)["fields"]]
        assert names[-1] == "body"
        expected = [k for k in ITEM_KEYS if k not in MEDIA_KEYS or k in tipo.media]
        assert names[:-1] == expected, tipo.key
        seen |= set(names[:-1])
        # what a type requires is in its form; what does not apply to it is not
        assert {r for r in tipo.requires if r != "cuerpo"} <= set(tipo.media)
        assert not (set(MEDIA_KEYS) - set(tipo.media)) & set(names)
    assert seen == set(ITEM_KEYS)


def test_required_keys_are_required_or_written_by_the_editor(config: dict[str, Any]) -> None:
    for key in REQUIRED_KEYS:
        for field in every_field(config, key):
            if key in form.GENERATED:
                assert field.get("required") is not True
            elif key == "tipo":
                assert field["widget"] == "hidden"
            else:
                assert field["required"] is True, key
    assert set(form.GENERATED) <= set(REQUIRED_KEYS)


def test_the_type_is_fixed_by_the_collection(config: dict[str, Any]) -> None:
    for tipo in TYPES:
        assert fields(config, tipo)["tipo"] == {
            "name": "tipo",
            "label": "Tipo",
            "widget": "hidden",
            "default": tipo,
        }


def test_id_and_slug_rules_come_from_make_nuevo(ref: RefData) -> None:
    rules = admin.model(ref, False, STATIC)
    assert rules["generados"] == ["id", "slug"]
    assert rules["id"] == {
        "patron": ID_RE.pattern,
        "alfabeto": scaffold.ID_ALPHABET,
        "largo": scaffold.ID_LENGTH,
    }
    assert rules["slug"] == {
        "patron": SLUG_RE.pattern,
        "palabras": scaffold.MAX_SLUG_WORDS,
        "respaldo": scaffold.SLUG_FALLBACK,
    }
    assert rules["orden"] == list(ITEM_KEYS)
    assert rules["orden_imagen"] == list(IMAGE_KEYS)
    assert rules["orden_evento"] == list(EVENT_KEYS)
    assert rules["conservar_vacias"] == ["personas", "etiquetas"]  # as `make nuevo` writes them
    assert (rules["verdadero"], rules["falso"]) == (list(TRUE), list(FALSE))


def test_slug_field_uses_the_model_pattern(config: dict[str, Any]) -> None:
    for field in every_field(config, "slug"):
        assert field["widget"] == "slug_nota"
        assert field["pattern"][0] == SLUG_RE.pattern
        assert field["palabras"] == scaffold.MAX_SLUG_WORDS


@pytest.mark.parametrize(("key", "limit"), [("titulo", MAX_TITLE), ("resumen", MAX_SUMMARY)])
def test_lengths_are_the_validator_lengths(
    config: dict[str, Any], ref: RefData, key: str, limit: int
) -> None:
    for field in every_field(config, key):
        for text, ok in (("x" * limit, True), ("x" * (limit + 1), False), (f"  {'x' * limit}  ", True)):
            assert accepts(field, text) is ok
            written = {key: f'"{text}"'}
            assert validator_accepts(ref, item(**written)) is ok


def test_dates_are_mexico_city_dates_in_the_model_format(config: dict[str, Any]) -> None:
    for tipo in TYPES:
        f = fields(config, tipo)
        assert f["fecha"]["widget"] == f["embargo"]["widget"] == "fecha_mx"
        assert f["fecha"]["ahora"] is True  # a new item starts now, Mexico City time
        assert "ahora" not in f["embargo"]
        assert f["fecha"]["pattern"][0] == f["embargo"]["pattern"][0] == DATE_RE.pattern
    evento = fields(config, "conferencia")["evento"]
    for name in ("inicio", "fin"):
        assert subfield(evento, name)["widget"] == "fecha_mx"
        assert subfield(evento, name)["pattern"][0] == DATE_RE.pattern
    assert subfield(evento, "fin")["despues_de"] == "evento.inicio"


def test_municipalities_are_the_125_official_names(config: dict[str, Any], ref: RefData) -> None:
    assert len(ref.municipalities) == 125
    for field in every_field(config, "municipios"):
        assert field["widget"] == "municipios"
        assert field["multiple"] is True and field["min"] == 1
        assert field["exclusivo"] == STATEWIDE
        assert field["options"][0]["value"] == STATEWIDE
        options = field["options"][1:]
        assert [(o["label"], o["value"]) for o in options] == [(m.nombre, m.slug) for m in ref.municipalities]
        for option in options:  # every value is one the validator reads back to the same place
            assert ref.municipality(option["value"]) == ref.municipality(option["label"])
    place = subfield(fields(config, "conferencia")["evento"], "municipio")
    assert [o["value"] for o in place["options"]] == [m.slug for m in ref.municipalities]


def test_people_come_from_the_people_file(config: dict[str, Any], ref: RefData) -> None:
    assert ref.people
    for field in every_field(config, "personas"):
        assert field["widget"] == "select" and field["multiple"] is True
        assert field["default"] == []
        assert {o["value"] for o in field["options"]} == set(ref.people)
        for option in field["options"]:
            assert option["label"].startswith(ref.people[option["value"]].nombre)


def test_no_people_yet_still_writes_the_key(ref: RefData) -> None:
    empty = RefData(ref.municipalities)
    [personas] = [f for f in form.collection(TYPES["boletin"], empty)["fields"] if f["name"] == "personas"]
    assert personas == {"name": "personas", "label": "Personas", "widget": "hidden", "default": []}


def test_states_and_what_each_needs(config: dict[str, Any]) -> None:
    for tipo in TYPES.values():
        estado = fields(config, tipo.key)["estado"]
        assert estado["widget"] == "estado"
        assert [o["value"] for o in estado["options"]] == list(STATES)
        assert estado["default"] == "borrador"  # drafts first, as with `make nuevo`
        rules = {(tuple(r["si"]), r["falta"]) for r in estado["reglas"]}
        for state, needed in STATE_NEEDS.items():
            assert ((state,), needed) in rules
        public = tuple(s for s in STATES if s != "borrador")
        for need in tipo.requires:
            assert (public, need) in rules
        assert len(rules) == len(STATE_NEEDS) + len(tipo.requires)


def test_channels_are_the_model_channels(config: dict[str, Any]) -> None:
    for field in every_field(config, "canales"):
        assert [o["value"] for o in field["options"]] == list(CHANNELS)
        assert field["required"] is False and field["multiple"] is True


def test_booleans_are_written_as_the_validator_reads_them(config: dict[str, Any]) -> None:
    for field in every_field(config, "destacado"):
        assert field["widget"] == "boolean"
    # the YAML writer in Decap writes true and false
    assert "true" in TRUE and "false" in FALSE


def test_photos_have_file_caption_and_credit(config: dict[str, Any], ref: RefData) -> None:
    photos = every_field(config, "imagen") + every_field(config, "galeria")
    assert photos
    for field in photos:
        assert [f["name"] for f in field["fields"]] == list(IMAGE_KEYS)
        for sub in field["fields"]:
            # the model requires file and caption; the web editor also asks for the credit
            assert sub["required"] is (sub["name"] in IMAGE_REQUIRED or sub["name"] == "credito")
        archivo = subfield(field, "archivo")
        assert archivo["widget"] == "image" and archivo["choose_url"] is False
        assert archivo["media_folder"].startswith("/content/imagenes/")
        assert archivo["public_folder"].startswith("imagenes/")
    assert fields(config, "boletin")["imagen"]["widget"] == "grupo"
    assert fields(config, "galeria")["galeria"]["widget"] == "list"


def test_file_patterns_accept_exactly_the_model_extensions(config: dict[str, Any], ref: RefData) -> None:
    archivo = subfield(fields(config, "boletin")["imagen"], "archivo")
    for extension in IMAGE_EXTENSIONS:
        for name in (f"foto{extension}", f"FOTO{extension.upper()}"):
            assert accepts(archivo, f"imagenes/2026/11/{name}")
            photo = f"{{archivo: imagenes/2026/11/{name}, pie: Una foto}}"
            assert validator_accepts(ref, item(imagen=photo), (f"imagenes/2026/11/{name}",))
    for name in ("foto.gif", "foto.jpg.exe", "foto", "foto.mp3"):
        assert not accepts(archivo, f"imagenes/2026/11/{name}")
        photo = f"{{archivo: imagenes/2026/11/{name}, pie: Una foto}}"
        assert not validator_accepts(ref, item(imagen=photo), (f"imagenes/2026/11/{name}",))
    audio = fields(config, "spot")["audio"]
    assert audio["widget"] == "file" and audio["media_folder"].startswith("/content/audio/")
    for extension in AUDIO_EXTENSIONS:
        assert accepts(audio, f"audio/2026/11/spot{extension}")
        assert accepts(audio, f"audio/2026/11/SPOT{extension.upper()}")
        spot = item(tipo="spot", audio=f"audio/2026/11/spot{extension}")
        assert validator_accepts(ref, spot, (f"audio/2026/11/spot{extension}",))
    assert not accepts(audio, "audio/2026/11/spot.wav")
    assert not validator_accepts(
        ref, item(tipo="spot", audio="audio/2026/11/spot.wav"), ("audio/2026/11/spot.wav",)
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=abc",
        "https://youtu.be/abc",
        "https://m.youtube.com/watch?v=abc",
        "https://www.facebook.com/pt/videos/1",
        "https://fb.watch/abc",
        "https://vimeo.com/123",
        "https://player.vimeo.com/video/123",
        "http://www.youtube.com/watch?v=abc",
        "https://youtube.com.example.org/watch",
        "https://notyoutube.com/watch",
        "https://www.example.org/youtube.com",
        "youtube.com/watch?v=abc",
        "javascript:alert(1)",
    ],
)
def test_video_pattern_never_accepts_what_the_validator_refuses(
    config: dict[str, Any], ref: RefData, url: str
) -> None:
    field = fields(config, "capsula")["video"]
    by_validator = validator_accepts(ref, item(tipo="capsula", video=url))
    assert accepts(field, url) == by_validator


def test_event_fields_are_the_model_event(config: dict[str, Any]) -> None:
    evento = fields(config, "conferencia")["evento"]
    assert evento["widget"] == "grupo"
    assert [f["name"] for f in evento["fields"]] == list(EVENT_KEYS)
    assert [f["name"] for f in evento["fields"] if f["required"]] == list(EVENT_REQUIRED)


def test_the_validator_enforces_the_rules_the_form_reads(ref: RefData) -> None:
    """IMAGE_REQUIRED, EVENT_REQUIRED and STATE_NEEDS are what the validator checks, not copies."""
    for key in IMAGE_REQUIRED:
        photo = {"archivo": "imagenes/2026/11/clinica.jpg", "pie": "Una foto"}
        del photo[key]
        written = "{" + ", ".join(f"{k}: {v}" for k, v in photo.items()) + "}"
        assert not validator_accepts(ref, item(imagen=written))
    event = {"inicio": "2026-11-27 11:00", "lugar": "Sede", "municipio": "toluca"}
    assert validator_accepts(ref, item(tipo="conferencia", evento=json.dumps(event)))
    for key in EVENT_REQUIRED:
        partial = {k: v for k, v in event.items() if k != key}
        assert not validator_accepts(ref, item(tipo="conferencia", evento=json.dumps(partial)))
    for state in STATE_NEEDS:
        assert not validator_accepts(ref, item(estado=state))


# A constant of the model is either a rule the form carries (checked above) or not about a form.
ACCOUNTED_FOR = {
    "ITEM_KEYS": "fields, in order",
    "REQUIRED_KEYS": "required fields, or written by the editor (GENERATED)",
    "ID_RE": "the editor's id (modelo.js)",
    "SLUG_RE": "the slug field's pattern",
    "MAX_TITLE": "titulo's pattern",
    "MAX_SUMMARY": "resumen's pattern",
    "STATES": "estado's options",
    "STATE_NEEDS": "estado's rules",
    "TYPES": "one collection per type; requires → estado's rules; media → its fields",
    "MEDIA_KEYS": "fields only where the type has them",
    "CHANNELS": "canales' options",
    "STATEWIDE": "municipios' first option, alone",
    "DATE_RE": "the date fields' pattern",
    "IMAGE_KEYS": "photo fields, in order",
    "IMAGE_REQUIRED": "required photo fields",
    "IMAGE_EXTENSIONS": "the photo's pattern",
    "AUDIO_EXTENSIONS": "the audio's pattern",
    "VIDEO_HOSTS": "the video's pattern",
    "EVENT_KEYS": "event fields, in order",
    "EVENT_REQUIRED": "required event fields",
    "TRUE": "Decap writes true",
    "FALSE": "Decap writes false; an unchecked box is left out",
    "ID_ALPHABET": "the editor's id (modelo.js)",
    "ID_LENGTH": "the editor's id (modelo.js)",
    "MAX_SLUG_WORDS": "the editor's slug (modelo.js)",
    "SLUG_FALLBACK": "the editor's slug (modelo.js)",
    # not about the form:
    "STATE_NEEDS_HELP": "the validator's own wording for files written by hand",
    "PAGE_KEYS": "fixed pages are not edited in the web editor",
    "FREE_TEXT_KEYS": "YAML quoting pitfalls of hand-written files; Decap quotes what it writes",
    "YAML_SIGNS": "YAML quoting pitfalls of hand-written files; Decap quotes what it writes",
    "ID_LINE": "how `make nuevo` finds the ids already taken",
    "ADDRESSES_KEY": "direcciones_anteriores' field (a list: its items are checked by the validator)",
    "MAX_ADDRESS": "an earlier address's length, checked by the validator (a list has no item pattern)",
    "_SEGMENT": "an earlier address's shape, checked by the validator (a list has no item pattern)",
    "_EXAMPLE": "the validator's example in its messages about earlier addresses",
    "MAX_TAG": "a tag's length, checked by the validator (a list has no item pattern)",
    "MAX_SLUG": "a slug's length, checked by the validator; ten words of a title rarely reach it",
}


def test_every_rule_of_the_model_is_accounted_for() -> None:
    modules = (model_validate, model_fields, model_item, scaffold)
    constants = {
        name
        for module in modules
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, (str, int, tuple, dict, re.Pattern))
    }
    assert constants == set(ACCOUNTED_FOR), (
        "el modelo tiene reglas nuevas o quitadas; llévalas al formulario (editor/form.py) y a "
        f"ACCOUNTED_FOR: {sorted(constants ^ set(ACCOUNTED_FOR))}"
    )


# --- what the admin may touch -------------------------------------------------------------------


def folders_in(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k in ("folder", "media_folder", "public_folder")]
        return found + [f for v in value.values() for f in folders_in(v)]
    if isinstance(value, list):
        return [f for v in value for f in folders_in(v)]
    return []


def test_every_folder_is_inside_content(config: dict[str, Any]) -> None:
    found = folders_in(config)
    assert len(found) > 20
    for folder in found:
        assert folder.lstrip("/").startswith(("content/", "imagenes", "audio")), folder
        assert "publish" not in folder and "contact" not in folder
    text = admin.render_config(config).decode()
    assert "publish/" not in text and "contactos" not in text


def test_model_script_is_the_model(ref: RefData) -> None:
    script = admin.model_script(ref, True, STATIC).decode()
    prefix = "window.PRESSROOM_MODELO = "
    data = json.loads(script[script.index(prefix) + len(prefix) :].rstrip().rstrip(";"))
    assert data == admin.model(ref, True, STATIC)
    assert data["municipios"] == {m.slug: m.nombre for m in ref.municipalities}
    assert data["estilo"] == "/tema/css/sitio.css"
    assert data["flujo_editorial"] is True


# --- backends --------------------------------------------------------------------------------


def test_local_configuration_uses_the_local_proxy_without_workflow(config: dict[str, Any]) -> None:
    assert config["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:9/api/v1", "branch": "main"}
    assert "publish_mode" not in config
    assert config["locale"] == "es"
    assert config["media_folder"] == "content/imagenes"


@pytest.mark.parametrize(
    ("settings", "backend", "workflow"),
    [
        (
            {"EDITOR_BACKEND": {"name": "github", "repo": "oficina/sitio"}, "EDITOR_FLUJO_EDITORIAL": True},
            {"branch": "main", "name": "github", "repo": "oficina/sitio"},
            True,
        ),
        (
            {
                "EDITOR_BACKEND": {
                    "name": "gitlab",
                    "repo": "oficina/sitio",
                    "auth_type": "pkce",
                    "app_id": "abc",
                    "api_root": "https://gitlab.example.org/api/v4",
                    "base_url": "https://gitlab.example.org",
                },
                "EDITOR_FLUJO_EDITORIAL": False,
            },
            {
                "branch": "main",
                "name": "gitlab",
                "repo": "oficina/sitio",
                "auth_type": "pkce",
                "app_id": "abc",
                "api_root": "https://gitlab.example.org/api/v4",
                "base_url": "https://gitlab.example.org",
            },
            False,
        ),
    ],
)
def test_real_backends(
    settings: dict[str, Any], backend: dict[str, str], workflow: bool, ref: RefData
) -> None:
    assert admin.backend_settings(settings) == (backend, workflow)
    built = admin.config(ref, backend, workflow, STATIC)
    assert built["backend"] == backend
    assert ("publish_mode" in built) is workflow


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"EDITOR_BACKEND": {"name": "bitbucket", "repo": "a/b"}},
            "EDITOR_BACKEND['name'] en pelican.conf.py es 'bitbucket'; usa uno de: github, gitlab, gitea",
        ),
        (
            {"EDITOR_BACKEND": {"name": "github", "repo": "a/b", "token": "x"}},
            "EDITOR_BACKEND en pelican.conf.py tiene claves que github no usa: token; las válidas son: name, repo, branch, base_url, auth_endpoint, api_root",
        ),
        (
            {"EDITOR_BACKEND": {"name": "github", "repo": "sitio"}},
            "EDITOR_BACKEND['repo'] en pelican.conf.py debe ser 'dueño/repositorio', por ejemplo 'oficina/sitio'",
        ),
        (
            {"EDITOR_BACKEND": "github"},
            'EDITOR_BACKEND en pelican.conf.py debe ser un diccionario de textos, por ejemplo {"name": "github", "repo": "oficina/sitio", "branch": "main"}',
        ),
        (
            {"EDITOR_BACKEND": {"name": "gitea", "repo": "a/b"}, "EDITOR_FLUJO_EDITORIAL": True},
            "EDITOR_FLUJO_EDITORIAL = True no funciona con gitea: Decap solo tiene flujo editorial con github y gitlab; ponlo en False",
        ),
        (
            {"EDITOR_BACKEND": {"name": "github", "repo": "a/b"}, "EDITOR_FLUJO_EDITORIAL": "sí"},
            "EDITOR_FLUJO_EDITORIAL en pelican.conf.py debe ser True o False",
        ),
    ],
)
def test_bad_backend_settings_are_explained(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(BuildError) as error:
        admin.backend_settings(settings)
    assert str(error.value) == message


def test_deploying_is_off_by_default_and_checked() -> None:
    assert admin.deployed({}) is False
    with pytest.raises(BuildError, match=r"EDITOR_EN_SITIO en pelican\.conf\.py debe ser True o False"):
        admin.deployed({"EDITOR_EN_SITIO": "no"})
    with pytest.raises(BuildError, match="EDITOR_BACKEND"):
        admin.deployed({"EDITOR_EN_SITIO": True, "EDITOR_BACKEND": {"name": "svn"}})


def test_the_admin_files_come_from_the_project(tmp_path: Path, ref: RefData) -> None:
    with pytest.raises(BuildError) as error:
        admin.admin_files(tmp_path, ref, {"name": "github", "repo": "a/b"}, True, STATIC)
    assert str(error.value) == (
        "falta Decap CMS (node_modules/decap-cms/dist/decap-cms.js); instala los paquetes de npm del "
        "proyecto con `npm ci` en la carpeta del proyecto (o `make editor`, que lo hace solo)"
    )
