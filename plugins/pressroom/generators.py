"""Pelican generators for pages Pelican does not know: municipalities, people, press room, 404."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from .content import load_ref
from .listings import alphabetical, by_municipality, by_person, people_with_counts
from .media import copy_media
from .model.item import TYPES
from .reader import section_category


class SitePages(Generator):
    """Writes /municipios/, the 125 municipality pages, /personas/, /sala-de-prensa/ and 404."""

    def generate_context(self) -> None:
        ref, _ = load_ref(Path(self.settings["PATH"]))  # problems were reported by the reader
        self.ref = ref

    def _write(self, writer: Any, save_as: str, template: str, **extra: Any) -> None:
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=save_as.removesuffix("index.html"),
            **extra,
        )

    def generate_output(self, writer: Any) -> None:
        articles = self.context["articles"]
        per_municipality = by_municipality(articles)
        counts = {slug: len(found) for slug, found in per_municipality.items()}
        self._write(
            writer,
            "municipios/index.html",
            "municipios",
            municipios_por_letra=alphabetical(self.ref.municipalities, counts),
            total_con_notas=len(counts),
            total_municipios=len(self.ref.municipalities),
        )
        for municipality in self.ref.municipalities:
            self._write(
                writer,
                f"municipios/{municipality.slug}/index.html",
                "municipio",
                municipio=municipality,
                items=per_municipality.get(municipality.slug, []),
                personas=[p for p in self.ref.people.values() if p.municipio == municipality],
            )
        per_person = by_person(articles)
        self._write(
            writer,
            "personas/index.html",
            "personas",
            personas=people_with_counts(self.ref.people, {k: len(v) for k, v in per_person.items()}),
        )
        for person in self.ref.people.values():
            self._write(
                writer,
                f"personas/{person.id}/index.html",
                "persona",
                persona=person,
                items=per_person.get(person.id, []),
            )
        self._write_empty_sections(writer)
        self._write(writer, "sala-de-prensa/index.html", "sala-de-prensa")
        self._write(writer, "404.html", "404")

    def _write_empty_sections(self, writer: Any) -> None:
        """Every section has its page, with an empty state when it has nothing listed yet."""
        listed = {category.slug for category, _ in self.context["categories"]}
        for tipo in TYPES.values():
            if tipo.section in listed:
                continue
            category = section_category(tipo, self.settings)
            save_as = f"{tipo.section}/index.html"
            writer.write_file(
                save_as,
                self.get_template("category"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                paginated={"articles": [], "dates": []},
                template_name="category",
                url=f"{tipo.section}/",
                category=category,
                articles=[],
                dates=[],
            )


class MediaFiles(Generator):
    """Copies the photos and audio of every written item (listed or withdrawn)."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        written = list(self.context["articles"]) + list(self.context["hidden_articles"])
        copy_media(written, Path(self.settings["PATH"]), Path(self.output_path))
