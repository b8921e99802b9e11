"""The content model on its own: exact Spanish messages, YAML pitfalls and visibility in time.

Pure unit tests of `parse_item` / `parse_page` (no Pelican, no files on disk). Files are written
with `sitekit.item()`, whose header lines are always in this order:

    1 ---   2 id   3 titulo   4 slug   5 fecha   6 tipo   7 municipios   8 personas
    9 resumen   10 estado   11 imagen (boletín and reportaje only)   then extra keys, then ---
"""

from __future__ import annotations

import datetime as dt

import pytest

from pressroom.model.item import MEXICO_CITY, Item
from pressroom.model.problems import Problem
from pressroom.model.refdata import RefData, load_municipalities, load_people
from pressroom.model.validate import parse_item, parse_page
from sitekit import NOW, PEOPLE, ROOT, item

PATH = "content/boletines/2026/x.md"
PAGE_PATH = "content/paginas/x.md"
FILES = frozenset(
    {
        "imagenes/2026/11/clinica.jpg",
        "imagenes/2026/11/comedor.jpg",
        "audio/2026/11/vacunacion.mp3",
    }
)
LINE = {
    "id": 2,
    "titulo": 3,
    "slug": 4,
    "fecha": 5,
    "tipo": 6,
    "municipios": 7,
    "personas": 8,
    "resumen": 9,
    "estado": 10,
    "imagen": 11,
}
EXTRA = 12  # the first key added through item(**extra) on a boletín
IMAGE = "{archivo: imagenes/2026/11/clinica.jpg, pie: La alcaldesa corta el listón}"
EVENT = "{inicio: 2026-11-27 11:00, fin: 2026-11-27 12:00, lugar: Sede estatal del PT, municipio: toluca}"
ONE_SECOND = dt.timedelta(seconds=1)


def make_ref() -> RefData:
    csv_text = (ROOT / "content/datos/municipios_edomex.csv").read_text(encoding="utf-8")
    ref = RefData(load_municipalities(csv_text))
    people, problems = load_people("content/datos/personas.yml", PEOPLE, ref)
    assert problems == []
    ref.people = people
    return ref


REF = make_ref()


def parse(text: str | bytes, path: str = PATH) -> tuple[Item | None, list[Problem]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_item(path, data, REF, FILES)


def valid(text: str | bytes) -> Item:
    found, problems = parse(text)
    assert [str(p) for p in problems] == []
    assert found is not None
    return found


def messages(text: str | bytes) -> list[str]:
    """Every problem as the editor reads it; a file with problems never yields an item."""
    found, problems = parse(text)
    assert found is None
    assert problems, "a rejected file must say why"
    return [str(p) for p in problems]


def only(text: str | bytes) -> str:
    found = messages(text)
    assert len(found) == 1, found
    return found[0]


def at(line: int, message: str, path: str = PATH) -> str:
    return f"{path}:{line}: {message}"


def header(*lines: str, body: str = "Texto.\n") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


# --- a valid file ----------------------------------------------------------------------------


def test_a_complete_boletin_becomes_an_item_with_every_field() -> None:
    found = valid(item(etiquetas="[salud, obra pública]", canales="[x, Correo]", destacado="sí"))
    assert found.path == PATH
    assert found.id == "2026-11-25-abcde"
    assert found.titulo == "Alcaldesa de Texcoco inaugura clínica comunitaria"
    assert found.slug == "alcaldesa-inaugura-clinica"
    assert found.tipo.key == "boletin" and found.tipo.section == "boletines"
    assert [m.clave for m in found.municipios] == ["15099"] and not found.estatal
    assert [p.id for p in found.personas] == ["ana-perez"]
    assert found.imagen is not None
    assert (found.imagen.archivo, found.imagen.pie) == (
        "imagenes/2026/11/clinica.jpg",
        "La alcaldesa corta el listón",
    )
    assert found.etiquetas == ("salud", "obra pública")
    assert found.canales == ("x", "correo")
    assert found.destacado is True
    assert found.estado == "publicado"
    assert found.body == "La clínica atenderá a tres mil familias.\n"


# --- unknown keys ----------------------------------------------------------------------------


def test_unknown_key_suggests_the_key_it_resembles() -> None:
    assert only(item(titlo="Otro título")) == at(
        EXTRA, "clave desconocida 'titlo'; ¿quisiste decir 'titulo'?"
    )


def test_accented_key_is_unknown_and_points_to_the_unaccented_one() -> None:
    assert only(item(**{"título": "Otro título"})) == at(
        EXTRA, "clave desconocida 'título'; ¿quisiste decir 'titulo'?"
    )


def test_accented_key_instead_of_the_real_one_also_reports_the_missing_key() -> None:
    text = item(titulo=None, **{"título": "Alcaldesa inaugura clínica"})
    assert messages(text) == [
        at(11, "clave desconocida 'título'; ¿quisiste decir 'titulo'?"),
        at(1, "falta 'titulo'; es obligatoria en todas las notas (ver README)"),
    ]


def test_unknown_key_with_nothing_similar_lists_the_valid_keys() -> None:
    assert only(item(zzz="1")) == at(
        EXTRA,
        "clave desconocida 'zzz'; las claves válidas son: id, titulo, slug, fecha, tipo, municipios, "
        "personas, resumen, imagen, galeria, audio, video, evento, estado, embargo, etiquetas, canales, "
        "destacado, motivo_retiro, direcciones_anteriores",
    )


def test_unknown_key_inside_imagen_names_the_group() -> None:
    text = item(imagen="{archivo: imagenes/2026/11/clinica.jpg, pie: Listón, autor: Juan}")
    assert only(text) == at(
        LINE["imagen"],
        "clave desconocida 'autor' en 'imagen'; las claves válidas en 'imagen' son: archivo, pie, credito",
    )


# --- municipios ------------------------------------------------------------------------------


def test_unknown_municipio_suggests_the_one_meant() -> None:
    # the README's own example of an error
    assert only(item(municipios="[Texcoko]")) == at(
        LINE["municipios"], "municipio 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?"
    )


def test_misspelled_atizapan_suggests_both_atizapanes() -> None:
    # Atizapán (15012) and Atizapán de Zaragoza (15013) are both called "Atizapán" by editors
    assert only(item(municipios="[Atizapam]")) == at(
        LINE["municipios"],
        "municipio 'Atizapam' no existe; ¿quisiste decir 'Atizapán' o 'Atizapán de Zaragoza'?",
    )


def test_municipio_with_nothing_similar_says_where_the_list_is() -> None:
    assert only(item(municipios="[Springfield]")) == at(
        LINE["municipios"],
        "municipio 'Springfield' no existe; usa el nombre oficial o el slug de uno de los 125 municipios "
        "(content/datos/municipios_edomex.csv), o [estatal]",
    )


def test_each_unknown_municipio_is_reported_on_its_own_line() -> None:
    text = item(municipios="\n  - texcoco\n  - Texcoko\n  - Chalko")
    found = messages(text)
    assert found == [
        at(9, "municipio 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?"),
        at(10, "municipio 'Chalko' no existe; ¿quisiste decir 'Chalco'?"),
    ]


@pytest.mark.parametrize(
    ("written", "clave"),
    [
        ('"Valle de Chalco Solidaridad"', "15122"),
        ("valle-de-chalco-solidaridad", "15122"),
        ("VALLE DE CHALCO SOLIDARIDAD", "15122"),
        ("NEZAHUALCÓYOTL", "15058"),
        ("Nezahualcóyotl", "15058"),
        ("nezahualcoyotl", "15058"),
        ("Nezahualcoyotl", "15058"),
        ("Ecatepec de Morelos", "15033"),
        ("ecatepec-de-morelos", "15033"),
        ("Atizapán", "15012"),
        ("atizapan", "15012"),
        ("Atizapán de Zaragoza", "15013"),
        ("Acambay de Ruiz Castañeda", "15001"),  # INEGI writes Ruíz; without the accent it matches too
    ],
)
def test_municipio_by_official_name_or_slug_with_or_without_accents(written: str, clave: str) -> None:
    found = valid(item(municipios=f"[{written}]"))
    assert [m.clave for m in found.municipios] == [clave]
    assert found.estatal is False


def test_same_municipio_written_twice_counts_once() -> None:
    found = valid(item(municipios="[NEZAHUALCÓYOTL, nezahualcoyotl, texcoco]"))
    assert [m.slug for m in found.municipios] == ["nezahualcoyotl", "texcoco"]


def test_a_single_municipio_without_brackets_is_a_list_of_one() -> None:
    found = valid(item(municipios="Texcoco"))
    assert [m.nombre for m in found.municipios] == ["Texcoco"]


@pytest.mark.parametrize("written", ["[estatal]", "[Estatal]", "estatal"])
def test_estatal_means_the_whole_state(written: str) -> None:
    found = valid(item(municipios=written))
    assert found.estatal is True
    assert found.municipios == ()


def test_estatal_cannot_be_mixed_with_municipios() -> None:
    assert only(item(municipios="[estatal, texcoco]")) == at(
        LINE["municipios"], "'estatal' no se combina con municipios; usa [estatal] o la lista de municipios"
    )


def test_empty_municipios() -> None:
    assert only(item(municipios="[]")) == at(
        LINE["municipios"],
        "'municipios' está vacía; pon al menos un municipio, o [estatal] si es de todo el estado",
    )


def test_municipios_as_a_mapping() -> None:
    assert only(item(municipios="{texcoco: sí}")) == at(
        LINE["municipios"], "'municipios' debe ser una lista, por ejemplo: municipios: [uno, dos]"
    )


# --- dates -----------------------------------------------------------------------------------


def test_fecha_is_an_aware_datetime_in_mexico_city() -> None:
    found = valid(item(fecha="2026-11-25 10:30"))
    assert found.fecha == dt.datetime(2026, 11, 25, 10, 30, tzinfo=MEXICO_CITY)
    assert found.fecha.tzinfo is not None
    assert str(found.fecha.tzinfo) == "America/Mexico_City"
    assert found.fecha.utcoffset() == dt.timedelta(hours=-6)
    assert found.fecha == dt.datetime(2026, 11, 25, 16, 30, tzinfo=dt.UTC)


def test_summer_dates_are_also_utc_minus_six() -> None:
    # Mexico dropped daylight saving time in 2022
    found = valid(item(fecha="2026-07-01 10:00", id="2026-07-01-abcde"))
    assert found.fecha.utcoffset() == dt.timedelta(hours=-6)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-11-25", dt.datetime(2026, 11, 25, 0, 0)),
        ("2026-11-25 10:30:15", dt.datetime(2026, 11, 25, 10, 30, 15)),
        ('"2026-11-25 10:30"', dt.datetime(2026, 11, 25, 10, 30)),
    ],
)
def test_accepted_date_forms(written: str, expected: dt.datetime) -> None:
    assert valid(item(fecha=written)).fecha == expected.replace(tzinfo=MEXICO_CITY)


@pytest.mark.parametrize("written", ["25/11/2026", "mañana", "2026-11-25 10:30 -06:00", "25 de noviembre"])
def test_bad_date_format(written: str) -> None:
    assert only(item(fecha=written)) == at(
        LINE["fecha"],
        f"'fecha' '{written}' no es una fecha válida; usa AAAA-MM-DD HH:MM, por ejemplo 2026-11-25 10:30",
    )


@pytest.mark.parametrize(
    "written", ["2026-02-30 10:00", "2026-13-01 10:00", "2026-11-25 25:00", "2026-11-25 10:61"]
)
def test_impossible_date(written: str) -> None:
    assert only(item(fecha=written)) == at(
        LINE["fecha"],
        f"'fecha' '{written}' no es una fecha que exista (revisa día, mes y hora); "
        "usa AAAA-MM-DD HH:MM, por ejemplo 2026-11-25 10:30",
    )


def test_fecha_as_a_list_is_a_wrong_type() -> None:
    assert only(item(fecha="[2026-11-25]")) == at(LINE["fecha"], "'fecha' debe ser texto, no una lista")


# --- required keys ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["id", "titulo", "slug", "fecha", "tipo", "municipios", "resumen", "estado"])
def test_missing_required_key(key: str) -> None:
    assert only(item(**{key: None})) == at(
        1, f"falta '{key}'; es obligatoria en todas las notas (ver README)"
    )


@pytest.mark.parametrize("empty", ["", '""', "''"])
def test_empty_required_value_is_missing_on_its_own_line(empty: str) -> None:
    assert only(item(titulo=empty)) == at(
        LINE["titulo"], "falta 'titulo'; es obligatoria en todas las notas (ver README)"
    )


def test_personas_is_optional() -> None:
    assert valid(item(personas=None)).personas == ()


# --- estado, embargo, motivo_retiro ----------------------------------------------------------


def test_programado_without_embargo() -> None:
    assert only(item(estado="programado")) == at(
        LINE["estado"],
        "estado 'programado' necesita 'embargo' con la fecha y hora en que se publica; "
        "agrega por ejemplo: embargo: 2026-11-26 08:00",
    )


def test_programado_with_embargo_is_valid() -> None:
    found = valid(item(estado="programado", embargo="2026-11-26 08:00"))
    assert found.embargo == dt.datetime(2026, 11, 26, 8, 0, tzinfo=MEXICO_CITY)


def test_embargo_that_is_not_a_date() -> None:
    assert only(item(estado="programado", embargo="mañana")) == at(
        EXTRA, "'embargo' 'mañana' no es una fecha válida; usa AAAA-MM-DD HH:MM, por ejemplo 2026-11-25 10:30"
    )


def test_retirado_without_motivo() -> None:
    assert only(item(estado="retirado")) == at(
        LINE["estado"],
        "estado 'retirado' necesita 'motivo_retiro': una frase que explique a los lectores por qué se retiró",
    )


def test_retirado_with_motivo_is_valid_and_withdrawn() -> None:
    found = valid(item(estado="retirado", motivo_retiro="Error en las cifras."))
    assert found.withdrawn is True
    assert found.motivo_retiro == "Error en las cifras."


def test_unknown_estado_suggests_the_right_one() -> None:
    assert only(item(estado="publicada")) == at(
        LINE["estado"],
        "estado 'publicada' no existe; ¿quisiste decir 'publicado'?; usa uno de: borrador, programado, "
        "publicado, retirado",
    )


# --- id, slug, tipo --------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["Mi Nota", "mi_nota", "clínica", "-nota", "nota--nueva", "nota-"])
def test_bad_slug(written: str) -> None:
    found = only(item(slug=f'"{written}"'))
    assert found.startswith(
        at(LINE["slug"], f"slug '{written}' no es válido; usa solo minúsculas sin acentos")
    )


def test_bad_slug_message_proposes_a_good_one() -> None:
    assert only(item(slug="Clínica Comunitaria")) == at(
        LINE["slug"],
        "slug 'Clínica Comunitaria' no es válido; usa solo minúsculas sin acentos, números y guiones, "
        "por ejemplo 'clinica-comunitaria'",
    )


@pytest.mark.parametrize("written", ["123", "2026-11-25", "2026-11-25-ABCDE", "2026-11-25-abcd", "nota-1"])
def test_bad_id(written: str) -> None:
    assert only(item(id=written)) == at(
        LINE["id"],
        f"id '{written}' no tiene la forma AAAA-MM-DD-xxxxx; el id lo escribe `make nuevo` y no se edita",
    )


def test_unknown_tipo_with_suggestion() -> None:
    assert only(item(tipo="boletn", imagen=IMAGE)) == at(
        LINE["tipo"],
        "tipo 'boletn' no existe; ¿quisiste decir 'boletin'?; usa uno de: boletin, actividad, conferencia, "
        "reportaje, capsula, spot, galeria",
    )


def test_unknown_tipo_without_suggestion() -> None:
    assert only(item(tipo="noticia", imagen=IMAGE)) == at(
        LINE["tipo"],
        "tipo 'noticia' no existe; usa uno de: boletin, actividad, conferencia, reportaje, capsula, spot, galeria",
    )


@pytest.mark.parametrize(
    ("written", "key"),
    [("boletín", "boletin"), ("Boletín", "boletin"), ("cápsula", "capsula"), ("GALERÍA", "galeria")],
)
def test_tipo_with_accents_or_capitals_is_accepted(written: str, key: str) -> None:
    extra = {
        "boletin": {"imagen": IMAGE},
        "capsula": {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
        "galeria": {"galeria": f"[{IMAGE}]"},
    }[key]
    found = valid(item(tipo=written, **extra))
    assert found.tipo.key == key


# --- media -----------------------------------------------------------------------------------


def test_missing_image_suggests_a_similar_existing_file() -> None:
    text = item(imagen="{archivo: imagenes/2026/11/clinika.jpg, pie: Listón}")
    assert only(text) == at(
        LINE["imagen"],
        "el archivo 'imagenes/2026/11/clinika.jpg' de 'imagen' no existe en content/; "
        "¿quisiste decir 'imagenes/2026/11/clinica.jpg'?",
    )


def test_missing_image_in_an_empty_folder_says_where_to_upload_it() -> None:
    text = item(imagen="{archivo: imagenes/2026/10/clinica.jpg, pie: Listón}")
    assert only(text) == at(
        LINE["imagen"],
        "el archivo 'imagenes/2026/10/clinica.jpg' de 'imagen' no existe en content/; "
        "súbelo a content/imagenes/2026/10/ o corrige la ruta",
    )


def test_image_path_may_start_with_content() -> None:
    found = valid(item(imagen="{archivo: content/imagenes/2026/11/clinica.jpg, pie: Listón}"))
    assert found.imagen is not None and found.imagen.archivo == "imagenes/2026/11/clinica.jpg"


def test_image_without_pie() -> None:
    assert only(item(imagen="{archivo: imagenes/2026/11/clinica.jpg}")) == at(
        LINE["imagen"],
        "falta 'pie' en 'imagen': describe la foto para quien no puede verla "
        "(es el texto alternativo y el pie de foto)",
    )


def test_image_as_plain_text_shows_the_right_form() -> None:
    assert only(item(imagen="imagenes/2026/11/clinica.jpg")) == at(
        LINE["imagen"],
        "'imagen' debe tener 'archivo' y 'pie', por ejemplo: imagen: "
        "{archivo: imagenes/2026/11/foto.jpg, pie: Descripción de la foto}",
    )


def test_image_archivo_of_the_wrong_type_is_one_problem_not_two() -> None:
    # 'archivo' is there, only of the wrong type: "falta 'archivo'" on top of it would be false
    assert only(item(imagen="{archivo: [a.jpg], pie: Listón}")) == at(
        LINE["imagen"], "'imagen.archivo' debe ser texto, no una lista"
    )


def test_image_with_a_wrong_extension() -> None:
    assert only(item(imagen="{archivo: imagenes/2026/11/clinica.gif, pie: Listón}")) == at(
        LINE["imagen"],
        "'imagen' debe ser un archivo jpg, jpeg, png, webp, heic, heif; 'imagenes/2026/11/clinica.gif' no lo es",
    )


def test_image_cannot_leave_content() -> None:
    assert only(item(imagen="{archivo: ../../secreto.jpg, pie: Listón}")) == at(
        LINE["imagen"], "'imagen' no puede salir de la carpeta content/ ('../../secreto.jpg')"
    )


def test_spot_audio_must_exist() -> None:
    found = valid(item(tipo="spot", audio="audio/2026/11/vacunacion.mp3"))
    assert found.audio == "audio/2026/11/vacunacion.mp3"
    assert found.media_files() == ["audio/2026/11/vacunacion.mp3"]


def test_gallery_photos_are_checked_one_by_one() -> None:
    text = item(
        tipo="galeria",
        galeria="\n  - {archivo: imagenes/2026/11/clinica.jpg, pie: Listón}\n  - {archivo: imagenes/2026/11/comedor.jpg}",
    )
    assert only(text) == at(
        13,
        "falta 'pie' en 'galeria': describe la foto para quien no puede verla "
        "(es el texto alternativo y el pie de foto)",
    )


# --- lengths ---------------------------------------------------------------------------------


def test_title_of_200_characters_is_fine_and_201_is_too_long() -> None:
    assert len(valid(item(titulo="á" * 200)).titulo) == 200
    assert only(item(titulo="á" * 201)) == at(
        LINE["titulo"], "el título tiene 201 caracteres y el máximo es 200; acórtalo"
    )


def test_resumen_over_300_characters() -> None:
    assert len(valid(item(resumen="x" * 300)).resumen) == 300
    assert only(item(resumen="x" * 301)) == at(
        LINE["resumen"], "el resumen tiene 301 caracteres y el máximo es 300; déjalo en una o dos frases"
    )


# --- personas, canales, destacado ------------------------------------------------------------


def test_unknown_persona_with_suggestion() -> None:
    assert only(item(personas="[ana-peres]")) == at(
        LINE["personas"],
        "persona 'ana-peres' no está en content/datos/personas.yml; ¿quisiste decir 'ana-perez'?",
    )


def test_unknown_persona_without_suggestion() -> None:
    assert only(item(personas="[rigoberto]")) == at(
        LINE["personas"],
        "persona 'rigoberto' no está en content/datos/personas.yml; agrégala primero a content/datos/personas.yml",
    )


def test_unknown_canal() -> None:
    assert only(item(canales="[x, twitter]")) == at(
        EXTRA,
        "canal 'twitter' no existe; usa: x, facebook, instagram, telegram, mastodon, bluesky, correo, whatsapp",
    )


@pytest.mark.parametrize("written", ["sí", "Sí", "SÍ", "si", "Si", "true", "yes"])
def test_destacado_yes(written: str) -> None:
    assert valid(item(destacado=written)).destacado is True


@pytest.mark.parametrize("written", ["no", "No", "NO", "false"])
def test_destacado_no(written: str) -> None:
    assert valid(item(destacado=written)).destacado is False


def test_destacado_defaults_to_false() -> None:
    assert valid(item()).destacado is False


def test_destacado_with_another_word() -> None:
    assert only(item(destacado="tal vez")) == at(EXTRA, "'destacado' debe ser 'sí' o 'no', no 'tal vez'")


# --- YAML pitfalls ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["No", "Sí", "no", "yes", "off", "null", "~", "10:30", "2026-11-25", "1e3", "0x1F", ".inf"]
)
def test_title_is_kept_exactly_as_written(written: str) -> None:
    assert valid(item(titulo=written)).titulo == written


def test_resumen_no_stays_text() -> None:
    assert valid(item(resumen="No")).resumen == "No"


def test_duplicate_key_names_the_line_of_the_first_one() -> None:
    text = item().replace("estado: publicado\n", "estado: publicado\ntitulo: Otro título\n")
    assert only(text) == at(11, "la clave 'titulo' está repetida (ya aparece en la línea 3); deja solo una")
    # the first value is the one kept in mind: the file is still rejected, never half-read
    assert parse(text)[0] is None


def test_value_with_colon_needs_quotes() -> None:
    assert only(item(titulo="Salud: nueva clínica")) == at(
        LINE["titulo"],
        "el encabezado YAML no se puede leer: hay dos puntos ':' donde YAML no los espera; si el valor "
        "contiene ': ', escríbelo entre comillas dobles, por ejemplo titulo: \"Salud: nueva clínica\"",
    )


def test_value_with_colon_in_quotes_is_fine() -> None:
    assert valid(item(titulo='"Salud: nueva clínica"')).titulo == "Salud: nueva clínica"


def test_tab_indentation() -> None:
    text = item(imagen="\n\tarchivo: imagenes/2026/11/clinica.jpg\n\tpie: Listón")
    assert messages(text) == [
        at(
            line,
            "la línea está sangrada con tabuladores y YAML solo admite espacios; reemplaza los tabuladores por espacios",
        )
        for line in (12, 13)
    ]


def test_tab_inside_a_value() -> None:
    assert only(item(titulo="Alcaldesa\tinaugura")) == at(
        LINE["titulo"],
        "el encabezado YAML no se puede leer: hay un tabulador; YAML solo admite espacios, reemplázalo por espacios",
    )


def test_a_tab_in_the_body_is_fine() -> None:
    assert valid(item(body="Tabla:\tuno\tdos")).body == "Tabla:\tuno\tdos\n"


def test_utf8_bom_is_accepted_and_lines_do_not_move() -> None:
    data = b"\xef\xbb\xbf" + item().encode("utf-8")
    assert valid(data).titulo == "Alcaldesa de Texcoco inaugura clínica comunitaria"
    bad = b"\xef\xbb\xbf" + item(municipios="[Texcoko]").encode("utf-8")
    assert only(bad) == at(LINE["municipios"], "municipio 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_newlines_are_accepted(newline: str) -> None:
    found = valid(item().replace("\n", newline))
    assert found.titulo == "Alcaldesa de Texcoco inaugura clínica comunitaria"
    assert found.body == "La clínica atenderá a tres mil familias.\n"
    bad = item(municipios="[Texcoko]").replace("\n", newline)
    assert only(bad) == at(LINE["municipios"], "municipio 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?")


def test_latin1_file_names_the_line_and_column() -> None:
    data = item().encode("latin-1")  # 'í' of "clínica" on the title line is byte 0xED
    assert only(data) == at(
        LINE["titulo"],
        "el archivo no está en UTF-8 (byte 0xED en la columna 41); ábrelo en tu editor y guárdalo con la "
        "codificación UTF-8",
    )


def test_utf16_file() -> None:
    assert only(item().encode("utf-16")) == at(
        1,
        "el archivo no está en UTF-8 (byte 0xFF en la columna 1); ábrelo en tu editor y guárdalo con la "
        "codificación UTF-8",
    )


@pytest.mark.parametrize("data", [b"", b"\n", b"   \n\n\t\n", b"\xef\xbb\xbf"])
def test_empty_file(data: bytes) -> None:
    assert only(data) == at(
        1, "el archivo está vacío; crea las notas con `make nuevo` para empezar con un encabezado válido"
    )


def test_file_over_the_size_limit() -> None:
    data = item(body="x" * (5 * 1024 * 1024)).encode("utf-8")
    assert only(data) == at(
        1,
        "el archivo pesa 5.0 MB y el máximo es 2 MB; las fotos, audios y documentos van en su propia carpeta "
        "(content/imagenes/, content/audio/), no dentro del texto",
    )


def test_file_without_header() -> None:
    assert only("Alcaldesa inaugura clínica\n\nTexto.\n") == at(
        1,
        "el archivo no empieza con un encabezado entre dos líneas '---'; la primera línea debe ser "
        "exactamente '---' (crea las notas con `make nuevo`)",
    )


def test_header_never_closed() -> None:
    assert only("---\nid: 2026-11-25-abcde\ntitulo: Hola\n\nTexto.\n") == at(
        1,
        "el encabezado que empieza en la línea 1 no se cierra; agrega una línea '---' después de la última "
        "clave y antes del texto",
    )


def test_header_that_is_a_list() -> None:
    found = only(header("- titulo: Hola", "- slug: hola"))
    assert found.startswith(at(2, "el encabezado debe ser una lista de claves con su valor"))


def test_a_line_of_dashes_in_the_body_is_body() -> None:
    found = valid(item(body="Primera parte\n---\nSegunda parte"))
    assert found.body == "Primera parte\n---\nSegunda parte\n"


def test_title_with_dashes_inside_is_text() -> None:
    assert valid(item(titulo="Antes --- después")).titulo == "Antes --- después"


# YAML syntax errors must point at the line where the mistake is, not where YAML gave up.


def test_unclosed_quote_points_at_the_line_that_opens_it() -> None:
    found = only(item(titulo='"Alcaldesa inaugura clínica'))
    assert found.startswith(at(LINE["titulo"], "el encabezado YAML no se puede leer"))
    assert "comillas" in found


def test_unclosed_bracket_points_at_the_line_that_opens_it() -> None:
    found = only(item(municipios="[texcoco, toluca"))
    assert found.startswith(at(LINE["municipios"], "el encabezado YAML no se puede leer"))
    assert "corchetes" in found


def test_text_continued_without_indent_points_at_the_stray_line() -> None:
    text = item(titulo="Alcaldesa de Texcoco\ninaugura clínica comunitaria")
    found = only(text)
    assert found.startswith(at(4, "el encabezado YAML no se puede leer"))
    assert "falta ':'" in found


def test_value_starting_with_asterisk_gets_the_asterisk_hint() -> None:
    # Markdown bold in a title; '*' starts a YAML alias
    assert only(item(titulo="*Urgente* alcaldesa inaugura clínica")) == at(
        LINE["titulo"],
        "el encabezado YAML no se puede leer: un valor empieza con '*'; escríbelo entre comillas",
    )


def test_value_starting_with_at_sign() -> None:
    assert only(item(titulo="@alcaldesa inaugura clínica")) == at(
        LINE["titulo"],
        "el encabezado YAML no se puede leer: un valor empieza con '@'; escríbelo entre comillas",
    )


def test_value_starting_with_a_bracket_is_explained_in_spanish() -> None:
    # "[VIDEO] ..." and "[EN VIVO] ..." are common title prefixes
    found = only(item(titulo="[Video] Alcaldesa inaugura clínica"))
    assert found.startswith(at(LINE["titulo"], "el encabezado YAML no se puede leer"))
    assert "comillas" in found
    assert "detalle técnico" not in found and "<block end>" not in found


@pytest.mark.parametrize(
    ("written", "sign"),
    [
        ("Vacunación invernal #Texcoco", "#"),
        ("#VacunaciónInvernal en Texcoco", "#"),
        ("!Importante alcaldesa inaugura clínica", "!"),
        ("&Co. presenta informe", "&"),
    ],
)
def test_yaml_syntax_never_eats_part_of_a_title_silently(written: str, sign: str) -> None:
    # README: "escribe el texto tal cual, sin comillas". Either the title is kept whole, or the editor
    # is told (on the title's line) that the sign needs quotes. Never a shorter title.
    found, problems = parse(item(titulo=written))
    if found is not None:
        assert found.titulo == written
    else:
        assert [p.line for p in problems] == [LINE["titulo"]]
        assert f"'{sign}'" in problems[0].message


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0b", "\x0c", "\x1b"])
def test_control_character_is_reported_in_spanish_on_its_line(char: str) -> None:
    found, problems = parse(item(titulo=f"Alcaldesa{char} inaugura clínica"))
    assert found is None
    assert [p.line for p in problems] == [LINE["titulo"]]
    message = problems[0].message
    for english in ("unacceptable", "special characters", "<unicode string>", "position"):
        assert english not in message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separator_in_a_value_is_reported_on_its_own_line(separator: str) -> None:
    # pasted from Word or a web page; editors show it inside the line, so a problem must be on that line
    found, problems = parse(item(titulo=f"Alcaldesa{separator}inaugura clínica"))
    if found is None:
        assert [p.line for p in problems] == [LINE["titulo"]]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separator_does_not_shift_later_line_numbers(separator: str) -> None:
    text = item(titulo=f'"Alcaldesa{separator}inaugura clínica"', municipios="[Texcoko]")
    assert [p.line for p in parse(text)[1]] == [LINE["municipios"]]


def test_complex_key() -> None:
    found = messages(header("[a, b]: c"))
    assert found[0] == at(2, "una clave debe ser una palabra")


# --- every problem at once -------------------------------------------------------------------


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = item(slug="Mal Slug", municipios="[Texcoko]", personas="[rigoberto]")
    assert messages(text) == [
        at(
            LINE["slug"],
            "slug 'Mal Slug' no es válido; usa solo minúsculas sin acentos, números y guiones, "
            "por ejemplo 'mal-slug'",
        ),
        at(LINE["municipios"], "municipio 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?"),
        at(
            LINE["personas"],
            "persona 'rigoberto' no está en content/datos/personas.yml; agrégala primero a "
            "content/datos/personas.yml",
        ),
    ]


def test_duplicate_key_does_not_hide_other_problems() -> None:
    text = header(
        "id: 2026-11-25-abcde",
        "titulo: Uno",
        "titulo: Dos",
        "slug: uno",
        "fecha: 2026-11-25 10:30",
        "tipo: actividad",
        "municipios: [Texcoko]",
        "resumen: Resumen.",
        "estado: publicado",
    )
    assert messages(text) == [
        at(4, "la clave 'titulo' está repetida (ya aparece en la línea 3); deja solo una"),
        at(8, "municipio 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?"),
    ]


# --- what each type requires ------------------------------------------------------------------


def test_a_draft_may_omit_image_and_body() -> None:
    found = valid(item(estado="borrador", imagen=None, body=""))
    assert found.imagen is None and found.body.strip() == ""


def test_a_draft_may_not_be_badly_written() -> None:
    assert only(item(estado="borrador", imagen=None, body="", municipios="[Texcoko]")) == at(
        LINE["municipios"], "municipio 'Texcoko' no existe; ¿quisiste decir 'Texcoco'?"
    )


def test_a_public_boletin_needs_image_and_body() -> None:
    assert messages(item(imagen=None, body="")) == [
        at(
            LINE["tipo"],
            "un boletín necesita 'imagen' (la foto principal, con 'archivo' y 'pie') (o deja la nota como borrador)",
        ),
        at(
            11,
            "un boletín necesita texto debajo del encabezado; escríbelo después de esta línea '---' "
            "(o deja la nota como borrador)",
        ),
    ]


@pytest.mark.parametrize("estado", ["programado", "retirado"])
def test_scheduled_and_withdrawn_items_also_need_their_media(estado: str) -> None:
    extra = {"programado": {"embargo": "2026-11-26 08:00"}, "retirado": {"motivo_retiro": "Error."}}[estado]
    found = messages(item(estado=estado, imagen=None, **extra))
    assert any("un boletín necesita 'imagen'" in m for m in found)


def test_a_public_conferencia_needs_evento() -> None:
    assert only(item(tipo="conferencia")) == at(
        LINE["tipo"],
        "una conferencia de prensa necesita 'evento' (inicio, lugar y municipio de la conferencia) "
        "(o deja la nota como borrador)",
    )


def test_a_public_capsula_needs_video() -> None:
    assert only(item(tipo="capsula")) == at(
        LINE["tipo"],
        "una cápsula de video necesita 'video' (la dirección del video) (o deja la nota como borrador)",
    )


def test_a_public_spot_needs_audio() -> None:
    assert only(item(tipo="spot")) == at(
        LINE["tipo"], "un spot de radio necesita 'audio' (el archivo del spot) (o deja la nota como borrador)"
    )


@pytest.mark.parametrize("galeria", [None, "[]"])
def test_a_public_galeria_needs_at_least_one_photo(galeria: str | None) -> None:
    assert only(item(tipo="galeria", galeria=galeria)) == at(
        LINE["tipo"], "una galería necesita 'galeria' con al menos una foto (o deja la nota como borrador)"
    )


def test_actividad_needs_only_text() -> None:
    assert valid(item(tipo="actividad")).imagen is None
    assert only(item(tipo="actividad", body="")) == at(
        11,
        "una actividad municipal necesita texto debajo del encabezado; escríbelo después de esta línea '---' "
        "(o deja la nota como borrador)",
    )


# --- evento ----------------------------------------------------------------------------------


def test_a_valid_evento() -> None:
    found = valid(item(tipo="conferencia", evento=EVENT))
    assert found.evento is not None
    assert found.evento.inicio == dt.datetime(2026, 11, 27, 11, 0, tzinfo=MEXICO_CITY)
    assert found.evento.fin == dt.datetime(2026, 11, 27, 12, 0, tzinfo=MEXICO_CITY)
    assert found.evento.lugar == "Sede estatal del PT"
    assert found.evento.municipio is not None and found.evento.municipio.nombre == "Toluca"


@pytest.mark.parametrize("fin", ["2026-11-27 10:00", "2026-11-27 11:00", "2026-11-26 12:00"])
def test_evento_fin_before_or_at_inicio(fin: str) -> None:
    text = item(
        tipo="conferencia", evento=f"{{inicio: 2026-11-27 11:00, fin: {fin}, lugar: Sede, municipio: toluca}}"
    )
    assert only(text) == at(EXTRA - 1, "'evento.fin' debe ser después de 'evento.inicio'")


def test_evento_without_inicio() -> None:
    text = item(tipo="conferencia", evento="{lugar: Sede, municipio: toluca}")
    assert only(text) == at(EXTRA - 1, "falta 'inicio' en 'evento'")


def test_evento_with_an_unknown_municipio() -> None:
    text = item(tipo="conferencia", evento="{inicio: 2026-11-27 11:00, lugar: Sede, municipio: Tolúka}")
    assert only(text) == at(EXTRA - 1, "municipio 'Tolúka' no existe; ¿quisiste decir 'Toluca'?")


def test_evento_in_estatal_does_not_suggest_estatal_back() -> None:
    # an event happens in one place; whatever the model decides, it must not answer
    # "municipio 'estatal' no existe; ¿quisiste decir 'estatal'?"
    text = item(tipo="conferencia", evento="{inicio: 2026-11-27 11:00, lugar: Sede, municipio: estatal}")
    _found, problems = parse(text)
    for problem in problems:
        assert "¿quisiste decir 'estatal'?" not in problem.message


def test_evento_with_a_bad_date() -> None:
    text = item(tipo="conferencia", evento="{inicio: 27/11/2026, lugar: Sede, municipio: toluca}")
    assert only(text) == at(
        EXTRA - 1,
        "'evento.inicio' '27/11/2026' no es una fecha válida; usa AAAA-MM-DD HH:MM, por ejemplo 2026-11-25 10:30",
    )


# --- video -----------------------------------------------------------------------------------

VIDEO_ERROR = (
    "video '{url}' no es una dirección https de YouTube, Facebook o Vimeo; copia la dirección completa del "
    "video, por ejemplo https://www.youtube.com/watch?v=..."
)


@pytest.mark.parametrize(
    "url",
    [
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://example.com/video.mp4",
        "https://evilyoutube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com.example.net/watch?v=dQw4w9WgXcQ",
        "www.youtube.com/watch?v=dQw4w9WgXcQ",
        "ftp://vimeo.com/123",
    ],
)
def test_video_must_be_https_on_a_known_host(url: str) -> None:
    assert only(item(tipo="capsula", video=url)) == at(EXTRA - 1, VIDEO_ERROR.format(url=url))


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.facebook.com/ptedomex/videos/1234567890",
        "https://fb.watch/abcDEF123/",
        "https://vimeo.com/123456789",
    ],
)
def test_video_on_known_hosts(url: str) -> None:
    assert valid(item(tipo="capsula", video=url)).video == url


# --- when an item is public ------------------------------------------------------------------


def test_a_draft_is_never_public() -> None:
    found = valid(item(estado="borrador", fecha="2020-01-01 00:00", id="2020-01-01-abcde"))
    assert not found.is_public(NOW)
    assert not found.is_public(NOW + dt.timedelta(days=3650))


def test_embargo_lifts_exactly_at_its_instant() -> None:
    found = valid(item(estado="programado", embargo="2026-11-26 08:00"))
    assert found.embargo == NOW
    assert not found.is_public(NOW - ONE_SECOND)
    assert found.is_public(NOW)
    assert found.is_public(NOW + ONE_SECOND)


def test_future_fecha_appears_exactly_at_its_instant() -> None:
    found = valid(item(fecha="2026-11-26 08:00"))
    assert not found.is_public(NOW - ONE_SECOND)
    assert found.is_public(NOW)


def test_embargo_holds_even_a_publicado_item() -> None:
    found = valid(item(embargo="2026-11-26 08:00"))
    assert not found.is_public(NOW - ONE_SECOND)
    assert found.is_public(NOW)


def test_with_embargo_and_a_later_fecha_the_later_one_wins() -> None:
    found = valid(item(estado="programado", embargo="2026-11-26 08:00", fecha="2026-11-26 09:00"))
    assert not found.is_public(NOW)
    assert not found.is_public(NOW + dt.timedelta(hours=1) - ONE_SECOND)
    assert found.is_public(NOW + dt.timedelta(hours=1))


def test_is_public_compares_instants_not_wall_clocks() -> None:
    found = valid(item(fecha="2026-11-26 08:00"))
    utc_now = NOW.astimezone(dt.UTC)  # 14:00 UTC
    assert found.is_public(utc_now)
    assert not found.is_public(utc_now - ONE_SECOND)


def test_a_withdrawn_item_keeps_its_address() -> None:
    found = valid(item(estado="retirado", motivo_retiro="Error en las cifras."))
    assert found.is_public(NOW)


# --- addresses -------------------------------------------------------------------------------


def test_item_url_uses_section_year_month_and_slug() -> None:
    assert valid(item()).url == "/boletines/2026/11/alcaldesa-inaugura-clinica/"
    conference = valid(item(tipo="conferencia", evento=EVENT, slug="conferencia-presupuesto"))
    assert conference.url == "/conferencias/2026/11/conferencia-presupuesto/"


def test_item_url_uses_the_mexico_city_month() -> None:
    # 23:30 on 30 November in Mexico City is already 1 December in UTC
    found = valid(item(fecha="2026-11-30 23:30", id="2026-11-30-abcde"))
    assert found.url == "/boletines/2026/11/alcaldesa-inaugura-clinica/"


def test_image_and_audio_urls() -> None:
    found = valid(item())
    assert found.imagen is not None and found.imagen.url == "/imagenes/2026/11/clinica.jpg"
    assert (
        valid(item(tipo="spot", audio="audio/2026/11/vacunacion.mp3")).audio_url
        == "/audio/2026/11/vacunacion.mp3"
    )


# --- fixed pages -----------------------------------------------------------------------------


def parse_pg(text: str) -> tuple[object, list[str]]:
    page, problems = parse_page(PAGE_PATH, text.encode("utf-8"))
    return page, [str(p) for p in problems]


def test_a_valid_page() -> None:
    page, problems = parse_page(
        PAGE_PATH, header("titulo: Acerca de", "slug: acerca-de", body="Hola\n").encode()
    )
    assert problems == []
    assert page is not None
    assert (page.titulo, page.slug, page.resumen, page.body, page.url) == (
        "Acerca de",
        "acerca-de",
        "",
        "Hola\n",
        "/acerca-de/",
    )


def test_page_without_slug() -> None:
    assert parse_pg(header("titulo: Acerca de")) == (None, [at(1, "falta 'slug' en la página", PAGE_PATH)])


def test_page_with_an_item_key() -> None:
    page, problems = parse_pg(header("titulo: Acerca de", "slug: acerca-de", "fecha: 2026-11-25"))
    assert page is None
    assert problems == [
        at(
            4,
            "clave desconocida 'fecha' en una página; las claves válidas en una página son: titulo, slug, resumen",
            PAGE_PATH,
        )
    ]


def test_page_with_a_bad_slug() -> None:
    assert parse_pg(header("titulo: Acerca de", "slug: Acerca De")) == (
        None,
        [at(3, "slug 'Acerca De' no es válido; por ejemplo 'acerca-de'", PAGE_PATH)],
    )


def test_page_title_of_the_wrong_type_is_one_problem_not_two() -> None:
    assert parse_pg(header("titulo: [Acerca, de]", "slug: acerca-de")) == (
        None,
        [at(2, "'titulo' debe ser texto, no una lista", PAGE_PATH)],
    )


# --- reference data --------------------------------------------------------------------------


def test_all_125_municipalities_are_loaded_with_unique_slugs() -> None:
    assert len(REF.municipalities) == 125
    assert len({m.slug for m in REF.municipalities}) == 125
    assert len({m.clave for m in REF.municipalities}) == 125
    assert REF.municipality("Texcoco") == REF.municipality("texcoco") == REF.municipality("TEXCOCO")


def test_people_file_with_a_bad_cargo_and_a_repeated_id() -> None:
    people_text = (
        "- id: ana-perez\n"
        "  nombre: Ana Pérez\n"
        "  cargo: regidr\n"
        "- id: ana-perez\n"
        "  nombre: Ana Pérez Ruiz\n"
        "  cargo: Síndica\n"
    )
    people, problems = load_people("content/datos/personas.yml", people_text, REF)
    assert [str(p) for p in sorted(problems)] == [
        "content/datos/personas.yml:3: cargo 'regidr' no es válido; ¿quisiste decir 'regidor' o 'regidora'?; usa uno de: "
        "diputada, diputado, presidenta municipal, presidente municipal, regidora, regidor, síndica, síndico, "
        "dirigente",
        "content/datos/personas.yml:4: el id 'ana-perez' ya está en la línea 1; cada persona necesita un id único",
    ]
    assert list(people) == ["ana-perez"]
