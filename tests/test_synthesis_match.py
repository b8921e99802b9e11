"""What a note talks about, what counts as the same link and the same story, and the suggested tone:
the transparent rules of the press synthesis, each pinned."""

from __future__ import annotations

import datetime as dt

import pytest
from feedkit import ROOT, reference
from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.model.refdata import RefData, load_municipalities, load_people
from publish.synthesis.dedupe import Candidate, TitleIndex, same_story, similarity, words
from publish.synthesis.extract import parse_feed
from publish.synthesis.links import normalize
from publish.synthesis.tone import load_lexicon
from publish.synthesis.topics import Matcher, Matches, load_rules, name_variants

MATCHER = Matcher(reference(), load_rules())


@pytest.mark.parametrize(
    "text",
    [
        "Trabajadores exigen el reparto de PTU en Toluca",
        "La APT anuncia paro",
        "Descarga el archivo en formato pt",
        "PTs y PTE no son el partido",
        "Capítulo del reporte",
    ],
)
def test_pt_only_as_a_whole_word_in_capitals(text: str) -> None:
    assert not MATCHER.match(text).partido


@pytest.mark.parametrize(
    "text",
    [
        "El PT presenta iniciativa",
        "Alianza PT-Morena en el Congreso",
        "Diputados del PT, PRI y PAN",
        "(PT) propone reforma",
        "El partido del trabajo celebra asamblea",
        "PARTIDO DEL TRABAJO: comunicado",
        "Legisladores petistas votan en contra",
    ],
)
def test_the_party_by_its_initials_or_its_name(text: str) -> None:
    assert MATCHER.match(text).partido


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Héctor Salgado Noriega visita Metepec", "hector-salgado"),
        ("HECTOR SALGADO NORIEGA visita Metepec", "hector-salgado"),
        ("hector salgado, dirigente estatal", "hector-salgado"),
        ("La diputada Lucia Fernandez Ocampo", "lucia-fernandez"),
        ("Lucy Fernández entrega becas", "lucia-fernandez"),  # a variant from the people file
        ("LUCÍA FERNÁNDEZ", "lucia-fernandez"),
        ("La regidora María de la Luz Pérez", "maria-de-la-luz"),
        ("maria de la luz perez", "maria-de-la-luz"),
    ],
)
def test_people_across_accents_and_case(text: str, person: str) -> None:
    assert MATCHER.match(text).personas == (person,)


@pytest.mark.parametrize(
    "text",
    [
        "Salgado gana el torneo",  # a surname alone is anybody's
        "Héctor Salgadoz",  # not a whole word
        "María de la Luz",  # a name with particles gets no shortened forms: only its variants
        "Fernández Ocampo pide licencia",  # the surnames alone are not the person
    ],
)
def test_no_person_from_part_of_a_name(text: str) -> None:
    assert MATCHER.match(text).personas == ()


def test_name_variants_follow_the_spanish_order_of_surnames() -> None:
    people = reference().people
    assert name_variants(people["hector-salgado"]) == (
        "Héctor Salgado Noriega",
        "Héctor Salgado",
    )
    assert name_variants(people["lucia-fernandez"]) == (
        "Lucía Fernández Ocampo",
        "Lucy Fernández",
        "Lucía Fernández",
    )
    assert name_variants(people["maria-de-la-luz"]) == ("María de la Luz Pérez",)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Inauguran hospital en Ecatepec de Morelos", ("ecatepec-de-morelos",)),
        ("Bacheo en ECATEPEC y Neza", ("ecatepec-de-morelos", "nezahualcoyotl")),
        ("Lluvias en Valle de Chalco", ("valle-de-chalco-solidaridad",)),
        ("Lluvias en Chalco", ("chalco",)),
        ("Operativo en Atizapán", ("atizapan-de-zaragoza",)),
        ("Feria en Santa Cruz Atizapán", ("atizapan",)),
        ("Cuautitlán Izcalli y Cuautitlán", ("cuautitlan", "cuautitlan-izcalli")),
        ("Vecinos de La Paz piden agua", ("la-paz",)),
        ("Marcha por la paz en el centro", ()),
        ("Precio del oro sube; minas de El Oro", ("el-oro",)),
        ("Lluvias en el estado de Morelos", ()),
        ("El ayuntamiento de Morelos aprueba presupuesto", ("morelos",)),
        ("Ixtapan del Oro celebra su feria", ("ixtapan-del-oro",)),
        ("Tecamac y Tepotzotlan", ("tecamac", "tepotzotlan")),
    ],
)
def test_municipalities_by_official_and_press_names(text: str, places: tuple[str, ...]) -> None:
    assert MATCHER.match(text).municipios == places


def test_an_unrelated_note_is_not_relevant() -> None:
    assert MATCHER.match("Clima: lluvias por la tarde", "Pronóstico del servicio meteorológico") == Matches()
    assert not Matches().relevant


def test_the_fingerprint_changes_with_the_people() -> None:
    other = Matcher(
        reference(people="- id: ana-perez\n  nombre: Ana Pérez Ruiz\n  cargo: regidora\n"), load_rules()
    )
    assert other.fingerprint != MATCHER.fingerprint
    assert Matcher(reference(), load_rules()).fingerprint == MATCHER.fingerprint


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://diario.example.org/nota/", "https://diario.example.org/nota"),
        ("HTTPS://Diario.Example.ORG/nota", "https://diario.example.org/nota"),
        ("http://www.diario.example.org/nota", "https://diario.example.org/nota"),
        ("https://diario.example.org:443/nota#comentarios", "https://diario.example.org/nota"),
        (
            "https://diario.example.org/nota?utm_source=rss&utm_medium=feed&id=7&fbclid=abc",
            "https://diario.example.org/nota?id=7",
        ),
        ("https://diario.example.org/nota?b=2&a=1", "https://diario.example.org/nota?a=1&b=2"),
    ],
)
def test_the_same_link_written_differently(one: str, other: str) -> None:
    assert normalize(one) == normalize(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://diario.example.org/nota-1", "https://diario.example.org/nota-2"),
        ("https://diario.example.org/nota?id=7", "https://diario.example.org/nota?id=8"),
        ("https://diario.example.org/nota", "https://otro.example.org/nota"),
        ("https://diario.example.org/Nota", "https://diario.example.org/nota"),  # paths keep their case
    ],
)
def test_different_links_stay_different(one: str, other: str) -> None:
    assert normalize(one) != normalize(other)


WIRE = [
    "Alcaldesa de Texcoco inaugura clínica comunitaria con apoyo del PT",
    "Inaugura alcaldesa de Texcoco clínica comunitaria con apoyo del PT",
    "Texcoco: alcaldesa inaugura clínica comunitaria, con apoyo del PT",
]


def test_the_same_wire_title_rewritten_is_one_story() -> None:
    first = words(WIRE[0])
    assert first == frozenset({"alcaldesa", "texcoco", "inaugura", "clinica", "comunitaria", "apoyo", "pt"})
    for title in WIRE[1:]:
        assert similarity(first, words(title)) == 1.0
    near = words("Alcaldesa de Texcoco inaugura nueva clínica comunitaria")
    assert similarity(first, near) == pytest.approx(5 / 8)


def test_best_match_within_the_window_and_above_the_threshold() -> None:
    day = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    index = TitleIndex(
        [
            Candidate(1, words(WIRE[0]), day),
            Candidate(2, words("Alcaldesa de Chalco inaugura biblioteca pública"), day),
            Candidate(3, words(WIRE[0]), day - dt.timedelta(days=10)),
            Candidate(4, words("Lluvias en Toluca"), day),
        ]
    )
    assert index.best_match(words(WIRE[2]), day + dt.timedelta(hours=5), 0.6) == 1
    assert index.best_match(words("Alcaldesa de Chalco inaugura clínica"), day, 0.6) is None
    assert index.best_match(words(WIRE[1]), day - dt.timedelta(days=9), 0.6) == 3
    # short titles must have the very same words
    assert index.best_match(words("Toluca: lluvias"), day, 0.6) == 4
    assert index.best_match(words("Lluvias fuertes en Toluca"), day, 0.6) is None


@pytest.mark.parametrize(
    ("text", "tone", "positive", "negative"),
    [
        ("Alcaldesa inaugura clínica y entrega apoyos", "positivo", ("inaugur*", "apoy*", "entreg*"), ()),
        ("Denuncian corrupción en obra", "negativo", (), ("denunci*", "corrup*")),
        ("Inauguran obra entre denuncias de vecinos", "neutral", ("inaugur*",), ("denunci*",)),
        ("Sesión ordinaria del cabildo", "neutral", (), ()),
        ("CORRUPCIÓN Y ESCÁNDALO", "negativo", (), ("corrup*", "escándalo*")),
    ],
)
def test_suggested_tone_says_which_words_counted(
    text: str, tone: str, positive: tuple[str, ...], negative: tuple[str, ...]
) -> None:
    suggestion = load_lexicon().suggest(text)
    assert (suggestion.tono, suggestion.positivas, suggestion.negativas) == (tone, positive, negative)


def test_latin1_named_only_by_the_http_header() -> None:
    body = (
        '<rss version="2.0"><channel><title>R</title><item><title>Tecámac y Zumpahuacán</title>'
        "<link>https://radio.example.org/a</link></item></channel></rss>"
    ).encode("latin-1")
    parsed = parse_feed(
        body, {"content-type": "text/xml; charset=ISO-8859-1"}, "https://radio.example.org/rss"
    )
    assert [e.titulo for e in parsed.entries] == ["Tecámac y Zumpahuacán"] and not parsed.error


def test_a_feed_partly_readable_is_read_with_a_warning() -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>D</title>'
        b"<item><title>Uno</title><link>https://d.example.org/1</link></item>"
        b"<item><title>Dos & tres</title><link>https://d.example.org/2</link></item>"
        b"<item><title>Sin enlace</title></item>"
    )
    parsed = parse_feed(body, {}, "https://d.example.org/rss")
    assert [e.titulo for e in parsed.entries] == ["Uno", "Dos & tres"]
    assert parsed.warning == (
        "el XML del feed está mal formado en la línea 1; se leyó lo que se pudo; "
        "1 notas sin título o sin enlace se omitieron"
    )


def test_a_web_page_is_not_a_feed() -> None:
    parsed = parse_feed(
        b"<html><body><h1>Diario</h1></body></html>", {"content-type": "text/html"}, "https://d.example.org/"
    )
    assert (
        parsed.error == "la dirección no es un feed RSS ni Atom (¿es la página web del medio?); busca su feed"
    )


def test_relative_links_and_missing_dates() -> None:
    body = (
        b'<rss version="2.0"><channel><title>D</title><item><title>Relativa</title><link>/nota/1</link></item>'
        b"<item><title>Javascript</title><link>javascript:alert(1)</link></item></channel></rss>"
    )
    parsed = parse_feed(body, {}, "https://d.example.org/feeds/rss.xml")
    assert [(e.titulo, e.enlace, e.fecha) for e in parsed.entries] == [
        ("Relativa", "https://d.example.org/nota/1", None)
    ]


def test_name_variants_in_the_people_file_are_checked() -> None:

    ref = RefData(
        load_municipalities((ROOT / "content/datos/municipios_edomex.csv").read_text(encoding="utf-8"))
    )
    text = (
        "- id: ana-perez\n  nombre: Ana Pérez Ruiz\n  cargo: regidora\n  variantes: [Anita Pérez, Anita]\n"
        "- id: luis-mora\n  nombre: Luis Mora Díaz\n  cargo: regidor\n  variantes: {a: b}\n"
    )
    people, problems = load_people("content/datos/personas.yml", text, ref)
    assert [str(p) for p in problems] == [
        "content/datos/personas.yml:4: la variante 'Anita' tiene una sola palabra y confundiría a otras personas; "
        "usa nombre y apellido, por ejemplo 'Rosy Martínez'",
        "content/datos/personas.yml:8: 'variantes' debe ser una lista: [Nombre Corto, Otro Nombre]",
    ]
    assert people["ana-perez"].variantes == ("Anita Pérez",)


VOCABULARY = ["alcaldesa", "texcoco", "clinica", "pt", "obra", "agua", "toluca", "chalco", "becas", "feria"]


@settings(deadline=None, derandomize=True)  # no timing on a shared machine; the same examples every run
@given(
    st.lists(st.frozensets(st.sampled_from(VOCABULARY), min_size=1, max_size=8), min_size=1, max_size=25),
    st.frozensets(st.sampled_from(VOCABULARY), min_size=1, max_size=8),
    st.sampled_from([0.5, 0.6, 0.75, 0.9]),
)
def test_the_word_index_finds_what_comparing_every_pair_finds(
    stored: list[frozenset[str]], title: frozenset[str], threshold: float
) -> None:
    day = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    candidates = [Candidate(n, w, day) for n, w in enumerate(stored)]
    scored = [
        (similarity(title, c.words), -c.story_id) for c in candidates if same_story(title, c.words, threshold)
    ]
    expected = -max(scored)[1] if scored else None
    assert TitleIndex(candidates).best_match(title, day, threshold) == expected
