"""libyaml's parser (used when PyYAML has it, for speed) gives what PyYAML's own parser gives.

Wherever the fast parser accepts a front matter, the pure-Python parser must accept it too and
build the same values on the same lines, or refuse it (an alias, too deep) at the same place;
where the fast parser fails, the pure parser's message is used.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from test_model_fuzz import FUZZ, yamlish

from pressroom.model import yamlnodes
from pressroom.model.problems import Problem

Outcome = tuple[yamlnodes.Node | None, list[Problem]] | tuple[str, Problem] | None


def built(text: str, loader: type[yaml.BaseLoader]) -> Outcome:
    problems: list[Problem] = []
    try:
        root = yamlnodes._build("x.md", yaml.parse(text, Loader=loader), 1, problems)
    except yaml.YAMLError:
        return None
    except yamlnodes._Stop as stop:
        return ("rechazado", stop.problem)
    return root, problems


pytestmark = pytest.mark.skipif(not hasattr(yaml, "CBaseLoader"), reason="PyYAML sin libyaml")


@FUZZ
@given(st.lists(st.tuples(yamlish, yamlish), max_size=5), st.lists(yamlish, max_size=4))
def test_fast_parser_agrees_with_pyyaml(pairs: list[tuple[str, str]], lines: list[str]) -> None:
    for text in ("".join(f"{k}: {v}\n" for k, v in pairs), "\n".join(lines)):
        if "\t" in text:  # never given to libyaml (see yamlnodes._read)
            continue
        fast = built(text, yaml.CBaseLoader)
        if fast is not None:
            assert built(text, yaml.BaseLoader) == fast


@pytest.mark.parametrize(
    "text",
    ["a: &a [x, *a]\n", "x: " + "[" * 50 + "\n", "a: 1\na: 2\n", "- id: a\n---\n- id: b\n", "[x]: 1\n"],
)
def test_refusals_are_the_same_with_either_parser(text: str) -> None:
    assert built(text, yaml.CBaseLoader) == built(text, yaml.BaseLoader) is not None
