"""KIK macros for mkdocs-macros: the only place that talks to the macros plugin.

Everything below is glue: it finds the language of the page being rendered, builds a render
Context and calls a pure renderer from `render.renderers`. Data problems stop the build with the
compiler-style list from `problems`, never with a traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .data.dataset import load_dataset
from .data.model import SOURCE_LANGUAGE
from .data.problems import DataError
from .i18n.urls import page_url, relative_url
from .render import download, indicators, monitoring, renderers
from .render import downloads as downloads_renderers
from .render.stash import HtmlStash

# Block output of the macros, kept from Python-Markdown until the page is rendered (stash.py);
# site/hooks.py puts it back in on_page_content.
STASH = HtmlStash()


def project_root(config: Any) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def dataset_for(config: Any):
    """The validated dataset of the project the config belongs to; PluginError on problems."""
    try:
        return load_dataset(project_root(config) / "data")
    except DataError as err:
        raise build_error("\n" + str(err)) from None


def build_error(message: str) -> Exception:
    """MkDocs prints a PluginError as one clean message, without a traceback.

    Imported here, not at module level, so `python -m macros check` runs without loading MkDocs.
    """
    from mkdocs.exceptions import PluginError

    return PluginError(message)


def page_language(config: Any, page: Any) -> str:
    """The language the page's text is in: a German fallback page renders its tables in German."""
    build_lang = config["theme"]["language"]
    source_docs = project_root(config) / "docs" / SOURCE_LANGUAGE
    if page is None or page.file.abs_src_path is None:  # generated pages are in the build's language
        return build_lang
    if Path(page.file.abs_src_path).resolve().is_relative_to(source_docs):
        return SOURCE_LANGUAGE
    return build_lang


def context_factory(conf: Any, data: Any) -> Callable[[str, str], renderers.Context]:
    """(docs-relative path of a page, language) -> the render Context for that page: links are
    checked against docs/ and the generated pages, and made relative to the page."""
    use_directory_urls = conf["use_directory_urls"]
    source_docs = project_root(conf) / "docs" / SOURCE_LANGUAGE
    # Pages built from data and files written next to the pages (the Atom feed) exist only in the
    # built site, not in docs/.
    generated = monitoring.generated_uris(data) | {"atom.xml"}
    stale_months = int(conf["extra"].get("stale_after_months", monitoring.DEFAULT_STALE_MONTHS))

    def make(src_uri: str, lang: str) -> renderers.Context:
        here = page_url(src_uri, use_directory_urls) if src_uri else ""

        def link(target: str) -> str:
            path, _, anchor = target.partition("#")
            if path not in generated and not (source_docs / path).is_file():
                raise build_error(f"Verweis auf eine Seite, die es nicht gibt: docs/{SOURCE_LANGUAGE}/{path}")
            url = page_url(path, use_directory_urls) if path.endswith(".md") else path
            return relative_url(here, f"{url}#{anchor}" if anchor else url)

        return renderers.Context(data, lang, link, stale_months=stale_months)

    return make


def define_env(env: Any) -> None:
    """Register the macros. The data is validated here, before any page is rendered."""
    data = dataset_for(env.conf)
    use_directory_urls = env.conf["use_directory_urls"]
    make_context = context_factory(env.conf, data)

    def context() -> renderers.Context:
        # Read language and page when the macro runs, never when it is defined.
        page = env.page
        return make_context(page.file.src_uri if page else "", page_language(env.conf, page))

    def macro(renderer):
        def call(*args: Any) -> str:
            try:
                return STASH.put(renderer(context(), *args))
            except Exception as err:  # the page check should make this unreachable; if not, say why
                shown = ", ".join(repr(a) for a in args)
                raise build_error(
                    f"Makro {renderer.__name__}({shown}) ist fehlgeschlagen: {_reason(err)}"
                ) from None

        call.__name__ = renderer.__name__
        call.__doc__ = renderer.__doc__
        return call

    for renderer in (
        renderers.fields_overview,
        renderers.field_cards,
        renderers.completeness,
        renderers.goals_table,
        renderers.measures_by_goal,
        renderers.status_legend,
        renderers.actors_index,
        renderers.indicator_table,
        renderers.field_title,
        renderers.field_summary,
        renderers.indicator_latest,
        monitoring.measure_page,
        monitoring.progress_overview,
        monitoring.whats_new,
        monitoring.measure_explorer,
        indicators.indicator_page,
        indicators.indicator_chart,
        indicators.indicators_overview,
    ):
        env.macro(macro(renderer))

    def translation_status() -> str:
        """Translation state of every language, read from docs/ and data/ when the page renders."""
        from .i18n.translations import build_report

        return STASH.put(renderers.translation_status(context(), build_report(project_root(env.conf), data)))

    env.macro(translation_status)

    def pdf_download() -> str:
        """Links to this language's PDF and print page, with size (filled in after the build) and date."""
        from .data.edition import content_edition

        ctx = context()
        here = page_url(env.page.file.src_uri, use_directory_urls) if env.page else ""
        build_lang = env.conf["theme"]["language"]  # the files of the reader's language folder
        return STASH.put(
            download.pdf_download(
                ctx,
                relative_url(here, download.pdf_path(build_lang)),
                relative_url(here, download.print_page_path()),
                build_lang,
                content_edition(project_root(env.conf), data).date,
            )
        )

    env.macro(pdf_download)

    built_on = build_day()

    def build_date() -> str:
        """The day of this build (accessibility statement: which version the checks describe)."""
        return renderers.build_date(context(), built_on)

    env.macro(build_date)

    def open_data_args() -> tuple:
        from .publish.settings import OpenDataSettings

        # The site's root address (hooks keep it before making it language-specific).
        return OpenDataSettings.from_extra(env.conf["extra"]), env.conf["extra"]["kik"]["site_url"]

    def data_downloads() -> str:
        """The download table of the Daten page: the very files the build writes, with sizes."""
        from .publish.opendata import downloads

        ctx = context()
        settings, site_url = open_data_args()
        return STASH.put(
            downloads_renderers.data_downloads(ctx, downloads(data, ctx.lang, settings, site_url))
        )

    def data_licence() -> str:
        """Licence, attribution and citation of the open data (configurable in extra.open_data)."""
        from .publish.tables import last_modified

        settings, _ = open_data_args()
        return STASH.put(
            downloads_renderers.data_licence(
                context(),
                settings.licence_title,
                settings.licence_url,
                settings.attribution,
                last_modified(data),
            )
        )

    env.macro(data_downloads)
    env.macro(data_licence)
    guard_rendering(env)


def build_day() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH: reproducible builds of the same sources agree."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def guard_rendering(env: Any) -> None:
    """A failing page stops the build with the editor's message: file, line, reason.

    mkdocs-macros (`on_error_fail: true`) logs the failure as a warning with a Python traceback
    and then calls exit(), which `mkdocs build --quiet` (python -m macros build) turns into an
    empty error section and `mkdocs build`/`mkdocs serve` into a traceback. Its log record is
    held back while a page renders; on failure the page is rendered once more to learn the
    reason, which is raised as a PluginError: MkDocs prints that as one clean message.
    """
    original = env.render

    def render(markdown: str, force_rendering: bool = False) -> str:
        with _held_back(logging.getLogger("mkdocs.plugins.mkdocs_macros.util")):
            try:
                return original(markdown=markdown, force_rendering=force_rendering)
            except SystemExit:
                pass
        raise build_error(_render_failure(env, markdown))

    env.render = render


def _render_failure(env: Any, markdown: str) -> str:
    page = env.page
    shown, offset = _page_position(env.conf, page)
    variables = {**env.variables, **(dict(page.meta) if page is not None else {})}
    try:
        env.env.from_string(markdown).render(**variables)
    except Exception as err:
        line = getattr(err, "lineno", None) or _template_line(err)
        where = f"{shown}:{line + offset}:1" if line else shown
        message = getattr(err, "message", None) if hasattr(err, "lineno") else None
        return f"{where}: {message or _reason(err)}"
    return f"{shown}: die Seite konnte nicht gerendert werden"  # pragma: no cover - failed once, not twice


def _page_position(config: Any, page: Any) -> tuple[str, int]:
    """The page as editors name it (docs/<lang>/…) and the lines of its front matter."""
    if page is None:
        return "docs", 0
    path = Path(page.file.abs_src_path)
    try:
        shown = path.resolve().relative_to(project_root(config)).as_posix()
    except ValueError:
        shown = page.file.src_uri
    from .data.editor_files import EditorFileError, read_editor_file
    from .i18n.translations import body_line_offset

    try:
        offset = body_line_offset(read_editor_file(path, shown))
    except EditorFileError:
        offset = 0
    return shown, offset


def _template_line(err: BaseException) -> int:
    """Line in the page of the innermost template frame of a rendering error (0: unknown)."""
    line = 0
    for frame, lineno in traceback.walk_tb(err.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def _reason(err: BaseException) -> str:
    text = str(err).strip().removeprefix("\n")
    return text if text else type(err).__name__


@contextmanager
def _held_back(logger: logging.Logger) -> Iterator[None]:
    """Drop the plugin's warnings (its traceback dump) while a page renders."""

    def drop(record: logging.LogRecord) -> bool:
        return record.levelno < logging.WARNING

    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)
