"""MkDocs hooks: wire one language build (folders, titles, language switcher, German fallbacks).

The site is built once per language (see README, "Entscheidung: ein MkDocs-Bau pro Sprache"):
every build is a plain MkDocs build of docs/<lang>/ (the search index is built afterwards).
mkdocs-macros offers no file-collection or page-context event, so this second adapter file
exists. All decisions are taken by the pure functions in `macros.i18n` and `macros.translations`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from macros import STASH, context_factory, dataset_for, project_root
from macros.data.model import SOURCE_LANGUAGE
from macros.data.problems import format_problems
from macros.i18n.formats import format_date
from macros.i18n.languages import SiteLanguages, translate_nav
from macros.i18n.translations import page_checksum
from macros.i18n.urls import page_url, relative_url
from macros.publish.feed import FEED_NAME, atom_feed
from macros.render.monitoring import GeneratedPage, generated_pages
from macros.render.pagecheck import check_all_pages
from macros.render.renderers import escape_text
from macros.site import stamping
from macros.site.operator import placeholders, refusal
from macros.site.search_index import search_facets


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
        raise PluginError(f"Ordner docs/{lang}/ fehlt; neue Sprachen legt 'python -m macros i18n add' an")
    problems = page_problems(root, data, lang, config)
    if problems:
        raise PluginError("\n" + format_problems(problems))
    if production_build() and not os.environ.get("KIK_ALLOW_PLACEHOLDERS"):
        found = placeholders(config.extra, Path(config.config_file_path).read_text(encoding="utf-8"))
        if found:
            raise PluginError("\n" + refusal(found))
    site_url = config.site_url

    def html_label(key: str) -> Markup:
        # Material prints config values and extra without escaping (PITFALLS 16); Markup is
        # printed as it is and never escaped twice where Material does say `|e`.
        return escape_text(data.label(key, lang).text)

    config.docs_dir = str(docs)
    config.site_name = html_label("site_name")
    config.site_description = html_label("site_description")
    if site_url:
        config.site_url = site.language_root_url(site_url, lang)
    config.nav = translate_nav(config.nav, html_label)
    config.extra["alternate"] = site.alternates(lang)
    # The palette toggle's accessible names live in mkdocs.yml; give them the build's language.
    for palette in config.theme.get("palette") or []:
        toggle = palette.get("toggle") if isinstance(palette, dict) else None
        if toggle:
            key = "palette_to_dark" if palette.get("scheme") == "default" else "palette_to_light"
            toggle["name"] = html_label(key)
    snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [str(docs), str(root / "docs" / SOURCE_LANGUAGE)]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = data.label("permalink_title", lang).text
    config.extra["kik"] = {
        "lang": lang,
        "site": site,
        "site_url": site_url,
        "labels": {key: html_label(key) for key in data.labels[SOURCE_LANGUAGE]},
        "date_pattern": data.label("date_pattern", lang).text,
        "source_docs": str(root / "docs" / SOURCE_LANGUAGE),
        # For pages without a place in the tree (404 is served at any path): an absolute link.
        "easy_language_absolute": site.language_root_url(site_url or "/", SOURCE_LANGUAGE)
        + "leichte-sprache/",
        # The 404 page's link home (served at any path, so absolute; "/" without a public address).
        "home_absolute": site.language_root_url(site_url or "/", lang),
        # Filled by on_files: shell page -> the stamped pages it stands for (site/stamping.py).
        "shells": {},
        "stamped_urls": {},
    }
    return config


def production_build() -> bool:
    """A build with a public address (KIK_SITE_URL) is one that may be published."""
    return bool(os.environ.get("KIK_SITE_URL", "").strip())


def page_problems(root: Path, data: Any, lang: str, config: MkDocsConfig) -> list:
    """Every page this build renders (German ones are fallbacks too) is checked before rendering,
    by the same function as `python -m macros check`, with the macros plugin's own Jinja
    environment."""
    plugin = config.plugins.get("macros")
    env = getattr(plugin, "env", None) if plugin is not None else None
    return check_all_pages(root, data, [SOURCE_LANGUAGE, lang], config, env)


def add_generated_pages(files: Files, config: MkDocsConfig, pages: list[GeneratedPage]) -> Files:
    """Add pages built from data (render stage: a docs-relative path and its Markdown) to a build.

    The reusable mechanism for every page without a Markdown file in docs/ (measure and indicator
    pages): append a generator to `render.monitoring.PAGE_GENERATORS`. A stamped page gets no
    file of its own: one shell page per folder stands in for all of them until on_post_build
    fills it in per page (site/stamping.py). A generated page must not shadow a real page; that
    would hide an editor's file.
    """
    present = {f.src_uri for f in files}
    shells: dict[str, list[GeneratedPage]] = {}
    for page in pages:
        if page.src_uri in present:
            raise PluginError(f"erzeugte Seite {page.src_uri} gibt es schon als Datei in docs/")
        if page.stamped:
            shells.setdefault(stamping.shell_uri(stamping.folder_of(page.src_uri)), []).append(page)
            continue
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
    for shell in shells:
        markdown = stamping.shell_markdown()
        files.append(File.generated(config, shell, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    kik = config.extra["kik"]
    kik["shells"] = shells
    # For the sitemap template: the pages each shell stands for.
    kik["stamped_urls"] = {
        page_url(shell, config.use_directory_urls): [page_url(p.src_uri, config.use_directory_urls) for p in stamped]
        for shell, stamped in shells.items()
    }
    return files


def stamp_pages(config: MkDocsConfig) -> None:
    """Fill every shell page in, once per page it stands for, and remove the shell."""
    kik = config.extra["kik"]
    lang = kik["lang"]
    data = dataset_for(config)
    make_context = context_factory(config, data)
    site_dir = Path(config.site_dir)
    for shell_src, pages in kik["shells"].items():
        shell_url = page_url(shell_src, config.use_directory_urls)
        shell_file = site_dir / output_path(shell_url)
        keys = tuple(search_facets(pages[0].src_uri, data, lang))
        try:
            shell = stamping.Shell(shell_file.read_text(encoding="utf-8"), shell_url, keys)
            for page in pages:
                url = page_url(page.src_uri, config.use_directory_urls)
                body = page.body(make_context(page.src_uri, lang))
                facets = search_facets(page.src_uri, data, lang)
                target = site_dir / output_path(url)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(shell.fill(stamping.Stamp(url, page.title, body, facets)), encoding="utf-8")
        except PluginError:
            raise
        except Exception as err:  # validated data should make this unreachable; if not, say why
            raise PluginError(f"Seiten aus den Daten ({shell_src}): {err or type(err).__name__}") from None
        shell_file.unlink()
        if shell_file.parent != site_dir and not any(shell_file.parent.iterdir()):
            shell_file.parent.rmdir()


def output_path(url: str) -> str:
    """The file a site-relative page URL is served from ('a/b/' -> 'a/b/index.html')."""
    return url + "index.html" if url.endswith("/") or not url else url


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, and the German page wherever a translation is missing, so every
    URL exists in every language."""
    data = dataset_for(config)
    add_generated_pages(files, config, generated_pages(data, config.extra["kik"]["lang"]))
    source_docs = Path(config.extra["kik"]["source_docs"])
    if Path(config.docs_dir) == source_docs:
        return files
    present = {f.src_uri for f in files}
    for path in sorted(source_docs.rglob("*.md")):
        src_uri = path.relative_to(source_docs).as_posix()
        if src_uri.startswith("_"):  # snippet folders are not pages
            continue
        if src_uri not in present:
            files.append(File(src_uri, str(source_docs), config.site_dir, config.use_directory_urls))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Record for the template whether the page is a German fallback or an outdated translation."""
    kik = config.extra["kik"]
    source_docs = Path(kik["source_docs"])
    generated = page.file.generated_by is not None or page.file.abs_src_path is None
    is_source = not generated and Path(page.file.abs_src_path).resolve().is_relative_to(source_docs)
    page.meta["kik_fallback"] = kik["lang"] != SOURCE_LANGUAGE and is_source
    # What the search shows and filters by (overrides/partials/kik-search.html).
    page.meta["kik_search"] = dict(
        search_facets(page.file.src_uri, dataset_for(config), kik["lang"]),
        section=page.parent.title if page.parent else None,
    )
    stamped = kik["shells"].get(page.file.src_uri)
    if stamped:  # a shell page: each stamped page fills in its own facets
        keys = search_facets(stamped[0].src_uri, dataset_for(config), kik["lang"])
        page.meta["kik_search"] = dict({k: stamping.facet_slot(k) for k in keys}, section=None)
    translation = page.meta.get("translation")
    outdated = bool(
        not is_source
        and not generated
        and isinstance(translation, dict)
        and translation.get("source") != page_checksum(source_docs / page.file.src_uri)
    )
    page.meta["kik_outdated"] = outdated
    # Leichte Sprache is German only and lives in the German site, like every German original.
    here = kik["site"].prefix(kik["lang"]) + page.url
    page.meta["kik_easy_language_url"] = relative_url(here, "leichte-sprache/")
    page.meta["kik_german_url"] = relative_url(here, page.url)
    # A generated page is in the build's language; each text that is not marks itself (lang=de).
    page.meta["kik_notice"] = None if generated else provenance_notice(
        kik,
        page.meta["kik_fallback"],
        translation if not is_source else None,
        outdated,
        page.meta["kik_german_url"],
        german_only=page.meta.get("translate") is False,
    )
    return markdown


def provenance_notice(
    kik: dict[str, Any],
    fallback: bool,
    translation: dict[str, Any] | None,
    outdated: bool,
    german_url: str,
    german_only: bool = False,
) -> dict[str, Any] | None:
    """What the reader is told about where the text of this page comes from, in their language."""
    labels = kik["labels"]
    if kik["lang"] == SOURCE_LANGUAGE:
        return None
    if fallback:
        key = "german_only_notice" if german_only else "language_fallback_notice"
        return {"kind": "fallback", "texts": [labels[key]], "german_url": None, "outdated": False}
    translation = translation or {}
    reviewed = translation.get("reviewed")
    if isinstance(reviewed, dt.date):
        when = format_date(reviewed, kik["lang"], kik["date_pattern"])
        texts = [labels["translation_reviewed_notice"].format(date=when)]
        kind = "reviewed"
    elif translation.get("method") == "human":
        texts, kind = [labels["translation_human_notice"]], "human"
    else:
        texts, kind = [labels["translation_machine_notice"]], "machine"
    if outdated:
        texts.append(labels["translation_outdated_notice"])
    return {"kind": kind, "texts": texts, "german_url": german_url, "outdated": outdated}


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Point the language switcher and the hreflang links at this page in every language."""
    kik = config.extra["kik"]
    config.extra["alternate"] = kik["site"].alternates(kik["lang"], page.url, kik["site_url"])
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Fill in the stamped pages; write the Atom feed of "Was ist neu?" into this language's root."""
    stamp_pages(config)
    kik = config.extra["kik"]
    data = dataset_for(config)
    # Without a public address the feed links stay site-relative: never the build machine.
    site_url = kik["site_url"] or "/"
    feed = atom_feed(data, kik["lang"], site_url)
    (Path(config.site_dir) / FEED_NAME).write_text(feed, encoding="utf-8")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the macros' block output back in; let the page title come from the rendered heading.

    mkdocs-macros renders a title like `{{ field_title("sb") }}` on its own and stores the raw
    macro output as the page title, which Python-Markdown never sees: its backslash escapes
    (macros/render/renderers.py, escape_text) would show up in the navigation. Page titles in this
    project always come from the first heading (mkdocs.yml gives none), so the stored value is
    dropped and MkDocs uses the heading as rendered.
    """
    if "title" not in page.meta:
        page.__dict__.pop("title", None)
    # The macros' block output comes back now that Markdown is done with the page; its IDs join
    # the anchors MkDocs checks links against.
    html, ids = STASH.restore(html)
    page.present_anchor_ids = (page.present_anchor_ids or set()) | ids
    return html
