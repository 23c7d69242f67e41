"""MkDocs hooks: wire one language build (folders, titles, language switcher, German fallbacks).

The site is built once per language (see README, "Mehrsprachigkeit"): every build is a plain
MkDocs build of docs/<lang>/ with its own search index and stemmer. mkdocs-macros offers no
file-collection event, so this second adapter file exists for `on_config` and `on_files`.
All decisions are taken by the pure functions in `macros.i18n`.
"""

from __future__ import annotations

from pathlib import Path
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros import dataset_for, project_root
from macros.i18n import SiteLanguages, translate_nav
from macros.model import SOURCE_LANGUAGE


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = project_root(config)
    data = dataset_for(config)
    lang = config.theme["language"]
    site = SiteLanguages.from_dataset(data)
    if lang not in site.codes:
        raise PluginError(
            f"KIK_LANG={lang!r}: diese Sprache steht nicht in data/languages.yml "
            f"(vorhanden: {', '.join(site.codes)})"
        )
    docs = root / "docs" / lang
    if not docs.is_dir():
        raise PluginError(f"Ordner docs/{lang}/ fehlt; neue Sprachen legt 'python -m macros add-language' an")
    config.docs_dir = str(docs)
    config.site_name = data.label("site_name", lang).text
    config.site_description = data.label("site_description", lang).text
    if config.site_url:
        config.site_url = site.language_root_url(config.site_url, lang)
    config.nav = translate_nav(config.nav, lambda key: data.label(key, lang).text)
    config.extra["alternate"] = site.alternates(lang)
    config.extra["kik"] = {
        "lang": lang,
        "labels": {key: data.label(key, lang).text for key in data.labels[SOURCE_LANGUAGE]},
        "source_docs": str(root / "docs" / SOURCE_LANGUAGE),
        # Leichte Sprache is German only and lives in the German site.
        "easy_language_url": site.root_from(lang) + "leichte-sprache/",
    }
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the German page wherever a translation is missing, so every URL exists in every language."""
    source_docs = Path(config.extra["kik"]["source_docs"])
    if Path(config.docs_dir) == source_docs:
        return files
    present = {f.src_uri for f in files}
    for path in sorted(source_docs.rglob("*.md")):
        src_uri = path.relative_to(source_docs).as_posix()
        if src_uri not in present:
            files.append(
                File(src_uri, str(source_docs), config.site_dir, config.use_directory_urls)
            )
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Mark German fallback pages; the template shows the notice and sets lang="de" on the content."""
    source_docs = Path(config.extra["kik"]["source_docs"])
    fallback = config.extra["kik"]["lang"] != SOURCE_LANGUAGE and Path(
        page.file.abs_src_path
    ).resolve().is_relative_to(source_docs)
    page.meta["kik_fallback"] = fallback
    return markdown
