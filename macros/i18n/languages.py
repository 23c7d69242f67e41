"""Language layout of the site: German at the root, every other language in /<lang>/.

Pure functions used by the MkDocs hooks and by the translation tools.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..data.model import SOURCE_LANGUAGE, Dataset, Language


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

    def alternates(
        self, current: str, page_url: str = "", site_url: str | None = None
    ) -> list[dict[str, Any]]:
        """The same page in every language, for the language switcher and hreflang links.

        Every page exists in every language (missing translations are German fallbacks), so the
        switcher can always go to the same page. With a site_url the links are absolute, as search
        engines expect for hreflang; otherwise relative to the current language root.
        """
        entries = []
        for lg in self.languages:
            if site_url:
                link = self.language_root_url(site_url, lg.id) + page_url
            else:
                link = (self.root_from(current) + self.prefix(lg.id) + page_url) or "./"
            entries.append({"name": lg.name, "lang": lg.id, "link": link})
        return entries


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
