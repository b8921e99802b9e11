"""libyaml's loader (used when PyYAML has it, for speed) gives what PyYAML's own loader gives.

Wherever the fast loader accepts a front matter, the pure-Python loader must accept it too and
compose the same values on the same lines; where it refuses, the pure loader's message is used.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from test_model_fuzz import FUZZ, yamlish

from pressroom.model import frontmatter


def composed(text: str, loader: type[yaml.BaseLoader]) -> frontmatter.Node | None:
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return None
    problems: list[object] = []
    return frontmatter.Node("", 1) if root is None else frontmatter._convert("x.md", root, 1, problems)


pytestmark = pytest.mark.skipif(not hasattr(yaml, "CBaseLoader"), reason="PyYAML sin libyaml")


@FUZZ
@given(st.lists(st.tuples(yamlish, yamlish), max_size=5), st.lists(yamlish, max_size=4))
def test_fast_loader_agrees_with_pyyaml(pairs: list[tuple[str, str]], lines: list[str]) -> None:
    for text in ("".join(f"{k}: {v}\n" for k, v in pairs), "\n".join(lines)):
        if "\t" in text:  # never given to libyaml (see frontmatter._compose)
            continue
        fast = composed(text, yaml.CBaseLoader)
        if fast is not None:
            assert composed(text, yaml.BaseLoader) == fast
