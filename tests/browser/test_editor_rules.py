"""The web editor's rules in JavaScript (plugins/pressroom/editor/admin/reglas.js), run under Node,
give what the Python model gives: folding and slugs as `make nuevo`, ids of the same shape, dates
in Mexico City time as the validator reads them, and saved data the validator accepts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from typing import Any

import pytest
from browserkit import missing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressroom.content import load_ref
from pressroom.dates import long_datetime
from pressroom.editor import admin
from pressroom.model.fields import parse_date
from pressroom.model.item import MEXICO_CITY
from pressroom.model.problems import fold
from pressroom.model.validate import ID_RE, ITEM_KEYS, parse_item
from pressroom.scaffold import ID_ALPHABET, MAX_SLUG_WORDS, SLUG_FALLBACK, slugify
from sitekit import ROOT

RULES = ROOT / "plugins/pressroom/editor/admin/reglas.js"
RUNNER = """
const R = require(process.argv[1]);
const random = n => require('crypto').randomBytes(n);
let input = '';
process.stdin.on('data', d => (input += d)).on('end', () => {
  const out = JSON.parse(input).map(([name, args]) => {
    if (name === 'nuevoId' || name === 'normalizar') args = [...args, random];
    if (name === 'ahoraMx') args = [new Date(args[0])];
    return R[name](...args);
  });
  process.stdout.write(JSON.stringify(out));
});
"""
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def js(calls: list[tuple[str, list[Any]]]) -> list[Any]:
    """Call functions of reglas.js in one Node process: [(name, arguments)] → results."""
    node = shutil.which("node")
    if node is None:
        missing("Node.js (node)")
    done = subprocess.run(
        [node, "-e", RUNNER, str(RULES)],
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result: list[Any] = json.loads(done.stdout)
    return result


TITLES = [
    "Alcaldesa de Texcoco inaugura clínica: ¡nueva!",
    "¿Qué pasó en Nezahualcóyotl? Año 2026",
    "uno dos tres cuatro cinco seis siete ocho nueve diez once doce",
    "Ñandú, pingüino y CAFÉ — 16 días de activismo",
    "ﬁesta ＡＢＣ ½ ² İstanbul",
    "😀 🎉",
    "   ",
    "",
    "Valle_de-Chalco   Solidaridad",
    'Conferencia "sobre" agua # 1',
    "ǅemal Ǆ ß ẞ ΣΑΣ",
]


def test_slugs_and_folding_are_make_nuevo_s() -> None:
    calls: list[tuple[str, list[Any]]] = [("slugify", [t, MAX_SLUG_WORDS, SLUG_FALLBACK]) for t in TITLES]
    calls += [("fold", [t]) for t in TITLES]
    out = js(calls)
    assert out[: len(TITLES)] == [slugify(t) for t in TITLES]
    assert out[len(TITLES) :] == [fold(t) for t in TITLES]


@SETTINGS
@given(st.lists(st.text(max_size=60), min_size=1, max_size=60))
def test_slugs_match_for_any_title(titles: list[str]) -> None:
    assert js([("slugify", [t, MAX_SLUG_WORDS, SLUG_FALLBACK]) for t in titles]) == [
        slugify(t) for t in titles
    ]


def test_ids_have_make_nuevo_s_shape_and_alphabet() -> None:
    ids = js([("nuevoId", ["2026-11-25", ID_ALPHABET, 5]) for _ in range(400)])
    assert all(ID_RE.fullmatch(i) and i.startswith("2026-11-25-") for i in ids)
    assert len(set(ids)) == len(ids)
    tails = "".join(i[-5:] for i in ids)
    assert set(tails) <= set(ID_ALPHABET)
    assert len(set(tails)) >= 30  # 2,000 draws use (nearly) the whole alphabet, digits included


INSTANTS = [
    dt.datetime(2026, 12, 1, 1, 14, tzinfo=dt.UTC),  # still 30 Nov in Mexico City
    dt.datetime(2026, 11, 25, 16, 30, tzinfo=dt.UTC),
    dt.datetime(2022, 6, 1, 12, 0, tzinfo=dt.UTC),  # summer time, before Mexico dropped it
    dt.datetime(2027, 1, 1, 5, 59, tzinfo=dt.UTC),
    dt.datetime(2027, 1, 1, 6, 0, tzinfo=dt.UTC),
]


def test_now_is_mexico_city_time_in_the_model_format() -> None:
    out = js([("ahoraMx", [int(i.timestamp() * 1000)]) for i in INSTANTS])
    assert out == [f"{i.astimezone(MEXICO_CITY):%Y-%m-%d %H:%M}" for i in INSTANTS]
    assert out[0] == "2026-11-30 19:14"


DATES = [
    "2026-11-25 10:30",
    "2026-11-25",
    "2026-1-5 9:00",
    "2026-11-25T10:30",
    "2026-11-25 10:30:59",
    "2024-02-29 00:00",
    "2026-02-29 10:00",
    "2026-11-25 24:00",
    "2026-11-25 10:60",
    "2026-13-01",
    "0050-01-01 08:00",
    "25/11/2026",
    "mañana",
    "",
    " 2026-11-25 10:30 ",
]


def test_dates_read_as_the_validator_reads_them() -> None:
    out = js([("leerFecha", [d]) for d in DATES])
    for text, parts in zip(DATES, out, strict=True):
        expected = parse_date(text, lambda message: None)
        if expected is None:
            assert parts is None, text
        else:
            got = dt.datetime(*(parts[k] for k in ("year", "month", "day", "hour", "minute", "second")))
            assert got == expected.replace(tzinfo=None), text


def test_input_values_round_trip_in_the_model_format() -> None:
    valid = [d for d in DATES if parse_date(d, lambda m: None)]
    inputs = js([("aEntrada", [d]) for d in valid])
    back = js([("deEntrada", [i]) for i in inputs])
    for text, written in zip(valid, back, strict=True):
        parsed = parse_date(text, lambda m: None)
        assert parsed is not None
        assert written == f"{parsed.year:04d}-{parsed:%m-%d %H:%M}"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", written)


def test_long_dates_are_the_site_s() -> None:
    values = ["2026-11-25 10:30", "2026-01-01 09:05", "2027-02-28 23:59", "2024-02-29 00:00", "2026-9-1 7:00"]
    out = js([("fechaLarga", [v]) for v in values])
    expected = []
    for value in values:
        parsed = parse_date(value, lambda m: None)
        assert parsed is not None
        expected.append(long_datetime(parsed))
    assert out == expected


def test_saved_data_is_what_make_nuevo_writes_and_the_validator_accepts() -> None:
    ref, _ = load_ref(ROOT / "content")
    model = admin.model(ref, False, "/tema/")
    decap = {  # as Decap hands it to preSave: keys in any order, empty values, an untouched group
        "body": "El texto.",
        "estado": "publicado",
        "imagen": {
            "credito": "Comunicación PT",
            "pie": "La alcaldesa",
            "archivo": "imagenes/2026/11/clinica.jpg",
        },
        "titulo": "Alcaldesa de Texcoco inaugura clínica: ¡nueva!",
        "tipo": "boletin",
        "fecha": "2026-11-25 10:30",
        "municipios": ["texcoco", ""],
        "personas": None,
        "resumen": "Una o dos frases.",
        "embargo": "",
        "canales": [],
        "destacado": False,
        "motivo_retiro": "",
        "etiquetas": None,
        "slug": "",
        "evento": {"inicio": "", "fin": "", "lugar": "", "municipio": None},
    }
    kept = {
        "id": "2026-11-20-abcde",
        "slug": "otra-direccion",
        **{k: v for k, v in decap.items() if k not in ("slug",)},
    }
    [saved, again] = js([("normalizar", [decap, model]), ("normalizar", [kept, model])])
    assert list(saved) == [k for k in ITEM_KEYS if k in saved] + ["body"]
    assert list(saved) == [
        "id", "titulo", "slug", "fecha", "tipo", "municipios", "personas", "resumen", "imagen", "estado", "etiquetas", "body",
    ]  # fmt: skip
    assert ID_RE.fullmatch(saved["id"]) and saved["id"].startswith("2026-11-25-")
    assert saved["slug"] == slugify(decap["titulo"])
    assert saved["municipios"] == ["texcoco"]
    assert saved["personas"] == [] and saved["etiquetas"] == []
    assert list(saved["imagen"]) == ["archivo", "pie", "credito"]
    # the id and the slug, once written, stay
    assert (again["id"], again["slug"]) == ("2026-11-20-abcde", "otra-direccion")
    front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in saved.items() if k != "body")
    text = f"---\n{front}\n---\n{saved['body']}\n"
    found, problems = parse_item(
        "content/boletines/2026/x.md", text.encode(), ref, {"imagenes/2026/11/clinica.jpg"}
    )
    assert problems == [] and found is not None
    assert found.fecha == dt.datetime(2026, 11, 25, 10, 30, tzinfo=MEXICO_CITY)


@pytest.mark.parametrize("value", [None, "", "  ", [], [""], {}, {"a": ""}, False])
def test_empty_values_are_left_out(value: Any) -> None:
    assert js([("vacio", [value])]) == [True]


@pytest.mark.parametrize("value", ["x", ["x"], {"a": "x"}, True, 0])
def test_values_are_kept(value: Any) -> None:
    assert js([("vacio", [value])]) == [False]
