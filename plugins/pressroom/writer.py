"""Pelican's writer, rendering only pages whose inputs changed (see pagekeys.py and carryover.py).

`write_file` is Pelican 4.12's own, with one difference: before a page is rendered its key is
computed, and when the previous build wrote the same page from the same key, that file is hard-
linked into the new output instead. Paths, pagination and the refusal of double writes are Pelican's.
"""

from __future__ import annotations

import os
from typing import Any

from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from .carryover import CARRY_OVER_SETTING, CarryOver


class CarryOverWriter(Writer):
    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings)
        self._folders: set[str] = set()  # made already: tens of thousands of pages, few folders

    @property
    def carry_over(self) -> CarryOver | None:
        found: CarryOver | None = self.settings.get(CARRY_OVER_SETTING)
        return found

    def write_file(
        self,
        name: str | bool,
        template: Any,
        context: dict[str, Any],
        relative_urls: bool = False,
        paginated: dict[str, Any] | None = None,
        template_name: str | None = None,
        override_output: bool = False,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        if not name or not isinstance(name, str):
            return
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            local = self._local(context, name, kwargs, relative_urls)
            self._write(template, local, name, override_output, context, set(kwargs))
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {
            key: Paginator(name, url, val, self.settings, per_page) for key, val in paginated.items()
        }
        for number in range(next(iter(paginators.values())).num_pages):
            page_kwargs = kwargs.copy()
            for key, paginator in paginators.items():
                page = paginator.page(number + 1)
                page_kwargs.update(
                    {
                        f"{key}_paginator": paginator,
                        f"{key}_page": page,
                        f"{key}_previous_page": paginator.page(number) if number > 0 else None,
                        f"{key}_next_page": paginator.page(number + 2)
                        if number + 1 < paginator.num_pages
                        else None,
                    }
                )
            local = self._local(context, page.save_as, page_kwargs, relative_urls)
            self._write(template, local, page.save_as, override_output, context, set(page_kwargs))

    def _local(
        self, context: dict[str, Any], name: str, kwargs: dict[str, Any], relative: bool
    ) -> dict[str, Any]:
        local = context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if relative:
            relative_url = path_to_url(get_relative_path(name))
            local["SITEURL"] = relative_url
            local["localsiteurl"] = relative_url
        local["output_file"] = name
        local.update(kwargs)
        return local

    def _write(
        self,
        template: Any,
        local: dict[str, Any],
        name: str,
        override: bool,
        context: dict[str, Any],
        own: set[str],
    ) -> None:
        if local["localsiteurl"]:
            context["localsiteurl"] = local["localsiteurl"]
        path = sanitised_join(self.output_path, name)
        folder = os.path.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        carry = self.carry_over
        key = carry.page_key(name, template, local, own) if carry is not None else None
        if carry is not None and key is not None and carry.reuse(name, key, path, self._written_files):
            return
        output = template.render(local)
        if carry is not None:
            carry.release(path)
        with self._open_w(path, "utf-8", override=override) as stream:
            stream.write(output)
        if carry is not None and key is not None:
            carry.rendered(name, key)
        signals.content_written.send(path, context=local)
