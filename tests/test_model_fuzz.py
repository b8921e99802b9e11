"""Fuzzing the content model: whatever an editor saves, the answer is an item or `path:line` problems.

Never a traceback, never an item *and* problems, never a line outside the file, never an empty or
half-English message. Examples are derandomized so CI is reproducible; the `@example`s pin the
inputs that once broke (or still break) the promise.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, find, given, settings
from hypothesis import strategies as st
from test_model import FILES, REF

from pressroom.model.item import TYPES
from pressroom.model.problems import Problem
from pressroom.model.refdata import load_districts, load_people
from pressroom.model.validate import ITEM_KEYS, MAX_SUMMARY, MAX_TITLE, SLUG_RE, parse_item, parse_page
from sitekit import item

PATH = "content/boletines/2026/fuzz.md"
PAGE_PATH = "content/paginas/fuzz.md"
FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# what must never reach an editor: Python or PyYAML internals
LEAKS = ("Traceback", "<unicode string>", "Error(", "position ", "unacceptable character")

# --- strategies ------------------------------------------------------------------------------

# fmt: off
PIECES = [
    ":", ": ", " #", "#", "'", '"', "''", '""', "[", "]", "{", "}", ",", ", ", "-", "- ", "---", "...",
    "\t", "\n", "\n  ", "\n- ", "\n  - ", "|", "|\n  ", ">", "*", "&", "!", "!!", "%", "@", "`", "?", "? ",
    "~", "null", "No", "Sí", "sí", "yes", "10:30", "2026-11-25", "2026-11-25 10:30", "2026-02-30 10:00",
    "estatal", "texcoco", "Texcoko", "Valle de Chalco Solidaridad", "\ufeff", "\u2028", "\x85", "\x00",
    "\x0b", "ñ", "é", "Ü", "😀", "\\", "\\x", "\r", "\r\n", " ", "  ", "http://", "https://youtu.be/x",
    "imagenes/2026/11/clinica.jpg", "../", "archivo: ", "pie: ", "inicio: ", "<<: ", "&a ", "*a",
]
VALID_VALUES = [
    "2026-11-25-abcde", "Alcaldesa inaugura clínica", "alcaldesa-inaugura-clinica", "2026-11-25 10:30",
    "boletin", "actividad", "conferencia", "capsula", "spot", "galeria", "reportaje", "[texcoco]",
    "[estatal]", "[ana-perez]", "Resumen de la nota.", "borrador", "publicado", "programado", "retirado",
    "{archivo: imagenes/2026/11/clinica.jpg, pie: Listón}", "[{archivo: imagenes/2026/11/comedor.jpg, pie: x}]",
    "audio/2026/11/vacunacion.mp3", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "{inicio: 2026-11-27 11:00, fin: 2026-11-27 12:00, lugar: Sede, municipio: toluca}",
    "2026-11-26 08:00", "[salud]", "[x, correo]", "sí", "no", "Se retiró por un error.", "", "[]", "{}",
]
BAD_KEYS = [
    "titlo", "título", "Titulo", "autor", "", " ", "a b", "-", "?", "x:y", "'titulo'", '"slug"', "[a]",
    "{b: c}", "&a", "*a", "!!str", "# comentario", "- id", "<<", "ñ", "\t", "titulo ",
]

# fmt: on

yamlish = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=10).map("".join)
values = st.one_of(st.sampled_from(VALID_VALUES), yamlish)
keys = st.one_of(st.sampled_from(ITEM_KEYS), st.sampled_from(BAD_KEYS), st.text(max_size=8))


@st.composite
def header_lines(draw: st.DrawFn) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(["field", "field", "field", "raw", "blank", "indented"]))
        if kind == "field":
            separator = draw(st.sampled_from([": ", ":", " : ", ":\t", ": \n  ", ":  "]))
            lines.append(draw(keys) + separator + draw(values))
        elif kind == "raw":
            lines.append(draw(yamlish))
        elif kind == "blank":
            lines.append(draw(st.sampled_from(["", " ", "\t", "   "])))
        else:
            lines.append(
                draw(st.sampled_from(["  ", "\t", " ", "    - "])) + draw(keys) + ": " + draw(values)
            )
    return lines


@st.composite
def front_matter_files(draw: st.DrawFn) -> bytes:
    """A file made of a header of random valid and invalid keys and YAML-ish values."""
    opening = draw(st.sampled_from(["---\n", "---\n", "\ufeff---\n", "--- \n", "", "---\r\n"]))
    closing = draw(st.sampled_from(["---\n", "---\n", "...\n", "", "--- x\n", "----\n"]))
    body = draw(st.one_of(st.just(""), st.text(max_size=40), yamlish))
    text = opening + "\n".join(draw(header_lines())) + "\n" + closing + body
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r"])))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "latin-1", "utf-16"]))
    return text.encode(encoding, errors="replace")


@st.composite
def mutated_items(draw: st.DrawFn) -> bytes:
    """A valid item with one to three lines changed, removed or added: reaches the deep checks."""
    tipo = draw(st.sampled_from(sorted(TYPES)))
    estado = draw(st.sampled_from(["publicado", "borrador", "programado", "retirado"]))
    lines = item(tipo=tipo, estado=estado).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(1, len(lines) - 1))
        action = draw(st.sampled_from(["value", "value", "delete", "insert"]))
        if action == "value" and ":" in lines[at]:
            lines[at] = lines[at].split(":", 1)[0] + ": " + draw(values)
        elif action == "delete":
            del lines[at]
        else:
            lines.insert(at, draw(keys) + ": " + draw(values))
    return "\n".join(lines).encode("utf-8")


# --- the property ----------------------------------------------------------------------------


def line_count(data: bytes) -> int:
    """Lines as an editor counts them."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.count(b"\n") + 1
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def check_problems(path: str, data: bytes, problems: list[Problem]) -> None:
    limit = line_count(data) + 1
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path == path
        assert isinstance(problem.line, int)
        assert 1 <= problem.line <= limit, (problem, limit)
        assert isinstance(problem.message, str) and problem.message.strip()
        assert str(problem) == f"{path}:{problem.line}: {problem.message}"
        for leak in LEAKS:
            assert leak not in problem.message, problem


def check_item(data: bytes) -> None:
    found, problems = parse_item(PATH, data, REF, FILES)
    check_problems(PATH, data, problems)
    if found is None:
        assert len(problems) >= 1
        return
    assert problems == []
    assert found.path == PATH
    assert found.titulo and len(found.titulo) <= MAX_TITLE
    assert len(found.resumen) <= MAX_SUMMARY
    assert SLUG_RE.match(found.slug)
    assert found.fecha.tzinfo is not None
    assert found.tipo in TYPES.values()
    assert found.estatal or found.municipios
    assert found.url == f"/{found.tipo.section}/{found.fecha:%Y}/{found.fecha:%m}/{found.slug}/"


def check_page(data: bytes) -> None:
    found, problems = parse_page(PAGE_PATH, data)
    check_problems(PAGE_PATH, data, problems)
    if found is None:
        assert len(problems) >= 1
    else:
        assert problems == []
        assert found.titulo and SLUG_RE.match(found.slug)


# --- parse_item ------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=600))
@example(b"\xff\xfe---\n")
@example(b"---\ntitulo: \xe9\n---\n")
def test_item_from_arbitrary_bytes(data: bytes) -> None:
    check_item(data)


@FUZZ
@given(st.text(max_size=600))
@example("---\ntitulo: a\x00b\n---\n")
@example("---\n" + "titulo: a\u2028\u2028\u2028\u2028b\n" + "slug: [\n---\n")
def test_item_from_arbitrary_text(text: str) -> None:
    check_item(text.encode("utf-8"))


@FUZZ
@given(st.text(max_size=400).map(lambda t: "---\n" + t + "\n---\nTexto\n"))
def test_item_from_arbitrary_text_between_fences(text: str) -> None:
    check_item(text.encode("utf-8"))


@FUZZ
@given(front_matter_files())
@example(b"---\n---\n")
@example(b"---\n[a, b]: c\n---\n")
@example(b"---\ntitulo: 'a\n---\nb'\n---\n")
def test_item_from_random_front_matter(data: bytes) -> None:
    check_item(data)


@FUZZ
@given(mutated_items())
def test_item_from_mutated_valid_items(data: bytes) -> None:
    check_item(data)


def test_the_mutation_strategy_reaches_both_valid_and_rejected_items() -> None:
    # a fuzz run where everything is rejected would prove little about the valid path
    def accepted(data: bytes) -> bool:
        return parse_item(PATH, data, REF, FILES)[0] is not None

    assert accepted(find(mutated_items(), accepted, settings=settings(database=None, derandomize=True)))
    assert not accepted(
        find(mutated_items(), lambda d: not accepted(d), settings=settings(database=None, derandomize=True))
    )


# --- parse_page ------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=400))
def test_page_from_arbitrary_bytes(data: bytes) -> None:
    check_page(data)


@FUZZ
@given(front_matter_files())
@example(b"---\ntitulo: [a]\nslug: b\n---\n")
def test_page_from_random_front_matter(data: bytes) -> None:
    check_page(data)


# --- reference data files --------------------------------------------------------------------


@st.composite
def people_files(draw: st.DrawFn) -> str:
    entries = []
    for _ in range(draw(st.integers(0, 4))):
        fields = draw(
            st.lists(
                st.tuples(st.sampled_from(["id", "nombre", "cargo", "municipio", "otro"]), values), max_size=5
            )
        )
        entries.append(
            "\n".join(("- " if i == 0 else "  ") + f"{k}: {v}" for i, (k, v) in enumerate(fields)) or "-"
        )
    return "\n".join(entries) + "\n"


@FUZZ
@given(st.one_of(people_files(), yamlish, st.text(max_size=200)))
def test_reference_files_never_raise(text: str) -> None:
    for loader, path in (
        (load_people, "content/datos/personas.yml"),
        (load_districts, "content/datos/distritos.yml"),
    ):
        _, problems = loader(path, text, REF)
        check_problems(path, text.encode("utf-8"), problems)
