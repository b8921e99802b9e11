"""The key of a page: a digest of everything its template reads, so an unchanged page is not
rendered again but carried over from the previous build.

What a template reads is found from the templates themselves: Jinja lists the names each template
takes from its context, and the templates it extends, imports and includes are followed. The key
of a page is the digest of the build's code, theme and settings (`site`), the page's output path,
its template, and the value of each of those names in the page's context: an article by its item,
its rendered HTML, its media and metadata; a list by its elements; a paginator page by its number
and its articles. A value that cannot be described the same way twice (an object with no stable
representation) gets a key of its own, so that page is always rendered: a page is carried over
only when every input is known to be the same.

`build_now` is the one input that changes on every build: on a page that shows one article it is
keyed by what the template does with it (whether the article's event has started), elsewhere by
its value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import is_dataclass
from typing import Any

from jinja2 import Environment, meta

NOW_NAME = "build_now"
LONG = 20
_UNSTABLE = " at 0x"  # in the repr of an object that has no repr of its own


class TemplateInputs:
    """Which context names each template (with everything it pulls in) reads."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._names: dict[str, frozenset[str]] = {}
        self._own: dict[str, tuple[set[str], list[str | None]]] = {}  # parsed once per template

    def names(self, template_name: str) -> frozenset[str]:
        found = self._names.get(template_name)
        if found is None:
            found = self._names[template_name] = frozenset(self._collect(template_name, set()))
        return found

    def _parsed(self, template_name: str) -> tuple[set[str], list[str | None]]:
        found = self._own.get(template_name)
        if found is None:
            assert self.env.loader is not None
            source, _, _ = self.env.loader.get_source(self.env, template_name)
            tree = self.env.parse(source)
            found = (set(meta.find_undeclared_variables(tree)), list(meta.find_referenced_templates(tree)))
            self._own[template_name] = found
        return found

    def _collect(self, template_name: str, visited: set[str]) -> set[str]:
        if template_name in visited:
            return set()
        visited.add(template_name)
        own, referenced = self._parsed(template_name)
        names = set(own)
        for other in referenced:
            if other is None:  # a template chosen at render time: read everything
                names.add("*")
                continue
            names |= self._collect(other, visited)
        return names


class PageKeys:
    """Digests of template inputs, with each article described once per build."""

    def __init__(self, site: str, now: dt.datetime) -> None:
        self.site = site
        self.now = now
        self._articles: dict[int, str] = {}
        self._globals: dict[int, str] = {}
        self._lists: dict[int, tuple[Any, str]] = {}  # long lists, with a reference so ids stay theirs

    def key(
        self, name: str, template: str, names: frozenset[str], context: dict[str, Any], own: set[str]
    ) -> str:
        """`own`: the names given to this page alone; the rest are shared by all pages."""
        sha = hashlib.sha256(f"{self.site}\x1f{name}\x1f{template}".encode())
        if "*" in names:
            return secrets.token_hex(16)  # cannot know what it reads: always rendered
        for variable in sorted(names):
            if variable not in context or variable.isupper():  # settings: part of `site`
                continue
            value = context[variable]
            if variable == NOW_NAME:
                described = self._now_for(context)
            elif variable in own:
                described = self.describe(value)
            else:
                described = self.global_value(value)
            sha.update(f"\x1e{variable}\x1f{described}".encode())
        return sha.hexdigest()

    def global_value(self, value: Any) -> str:
        """A value shared by every page (the list of all articles): described once."""
        found = self._globals.get(id(value))
        if found is None:
            found = self._globals[id(value)] = self.describe(value)
        return found

    def _now_for(self, context: dict[str, Any]) -> str:
        article = context.get("article")
        item = getattr(article, "item", None)
        if item is None:
            return self.now.isoformat()
        event = getattr(item, "evento", None)
        return "started" if event is not None and event.inicio < self.now else "not started"

    def describe(self, value: Any) -> str:
        if value is None or isinstance(value, str | int | float | bool):
            return repr(value)
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        if hasattr(value, "_content") and hasattr(value, "metadata"):  # an article or a fixed page
            return self.article(value)
        if isinstance(value, dict):
            return (
                "{"
                + ",".join(f"{k!r}:{self.describe(v)}" for k, v in sorted(value.items(), key=_first))
                + "}"
            )
        if isinstance(value, list | tuple):
            return self._sequence(value)
        if callable(value) and not is_dataclass(value):
            return f"callable:{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
        if hasattr(value, "object_list") and hasattr(value, "paginator"):  # a paginator page
            paginator = value.paginator
            return (
                f"page:{value.number}/{paginator.num_pages}/{paginator.count}:{value.url}:{value.save_as}:"
                + self._sequence(value.object_list)
            )
        if hasattr(value, "num_pages") and hasattr(value, "per_page"):  # the paginator
            return f"paginator:{value.name}:{value.count}:{value.num_pages}:{value.per_page}"
        if hasattr(value, "slug") and hasattr(value, "name") and hasattr(value, "url"):  # category, tag
            return f"{type(value).__name__}:{value.name}:{value.slug}:{value.url}"
        text = repr(value)
        return secrets.token_hex(16) if _UNSTABLE in text else f"{type(value).__name__}:{text}"

    def _sequence(self, values: Iterable[Any]) -> str:
        if isinstance(values, list | tuple) and len(values) > LONG:  # e.g. a municipality's items,
            known = self._lists.get(id(values))  # the same list on each of its pages
            if known is not None and known[0] is values:
                return known[1]
            described = "[" + ",".join(self.describe(v) for v in values) + "]"
            self._lists[id(values)] = (values, described)
            return described
        return "[" + ",".join(self.describe(v) for v in values) + "]"

    def article(self, article: Any) -> str:
        found = self._articles.get(id(article))
        if found is None:
            metadata = {k: v for k, v in article.metadata.items() if k not in ("item", "page")}
            parts = [
                repr(getattr(article, "item", None)),
                repr(article.metadata.get("page")),
                article.content,
                repr(getattr(article, "medios", None)),
                article.url,
                article.save_as,
                article.status,
                self.describe(metadata),
            ]
            found = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
            self._articles[id(article)] = found
        return found


def _first(pair: tuple[Any, Any]) -> str:
    return str(pair[0])
