"""Language layout of the site: German at the root, every other language in /<lang>/.

Pure functions used by the MkDocs hooks and by the translation tools.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import SOURCE_LANGUAGE, Dataset, Language


@dataclass(frozen=True)
class SiteLanguages:
    languages: tuple[Language, ...]

    @classmethod
    def from_dataset(cls, data: Dataset) -> SiteLanguages:
        return cls(data.languages)

    @property
    def codes(self) -> list[str]:
        return [lg.id for lg in self.languages]

    @staticmethod
    def prefix(lang: str) -> str:
        """Folder of a language below the site root ('' for German, 'en/' for English)."""
        return "" if lang == SOURCE_LANGUAGE else f"{lang}/"

    def language_root_url(self, site_url: str, lang: str) -> str:
        return site_url.rstrip("/") + "/" + self.prefix(lang)

    def root_from(self, lang: str) -> str:
        """Relative path from a language's root folder back to the site root."""
        return "" if lang == SOURCE_LANGUAGE else "../"

    def alternates(self, current: str) -> list[dict[str, Any]]:
        """Entries for Material's language switcher, relative to the current language root."""
        back = self.root_from(current)
        return [
            {"name": lg.name, "lang": lg.id, "link": (back + self.prefix(lg.id)) or "./"}
            for lg in self.languages
        ]


def translate_nav(nav: Any, translate: Callable[[str], str]) -> Any:
    """Replace section keys (label keys such as 'nav_fields') with their translation."""
    if isinstance(nav, list):
        return [translate_nav(item, translate) for item in nav]
    if isinstance(nav, dict):
        return {
            (translate(key) if isinstance(value, list) else key): translate_nav(value, translate)
            for key, value in nav.items()
        }
    return nav
