"""Issue 9: what an editor can put into data/ and docs/ never crashes the tools and never slips
through. One table of bad inputs per class of the issue (golden messages for single rules are in
tests/fixtures/invalid/, the property-based test for class 2 in tests/test_properties.py, the
escaping of class 7 in tests/test_escaping.py).

The tables run the check in process (fast); the build paths run as editors run them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.data.dataset import check, load_dataset
from macros.render.pagecheck import check_all_pages
from macros.site import deploy
from macros.site.operator import PLACEHOLDER_MARK, placeholders
from tests.support import (
    INVALID_FIXTURES,
    REPO,
    VALID_FIXTURE,
    compose_fixture,
    macros_build,
    make_project,
    mkdocs_build,
    run_macros,
    stamp_translations,
    subprocess_env,
)
from tests.synthetic import write_dataset

# `file:line:col: path: message` or, for a whole file, `file: message`.
PROBLEM = re.compile(r"^(data/|docs/|mkdocs\.yml)[^\s:]*(:\d+:\d+)?: \S")


def problems_of(data: Path) -> list[str]:
    """The check's problems as printed, asserting the form of every line."""
    found = [str(p) for p in check(data)]
    for line in found:
        assert PROBLEM.match(line), line
        assert "Traceback" not in line and "Error" not in line.split(":", 3)[-1][:20]
    return found


def edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        path = data / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def write_bytes(rel: str, raw: bytes) -> Callable[[Path], None]:
    return lambda data: (data / rel).write_bytes(raw)


def replace_by_folder(rel: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        (data / rel).unlink(missing_ok=True)
        (data / rel).mkdir(parents=True)
        (data / rel / "inhalt.yml").write_text("x: 1\n", encoding="utf-8")

    return apply


def symlink_loop(rel: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        (data / rel).unlink()
        (data / rel).symlink_to(data / rel)

    return apply


def dangling_symlink(rel: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        (data / rel).unlink()
        (data / rel).symlink_to(data / "gibt-es-nicht.yml")

    return apply


# -- class 1: tracebacks instead of messages ---------------------------------------------------

CLASS_1 = {
    "vertical tab from Word": (
        edit("measures.yml", "goal: sb-z1", "goal: sb-z1\x0b"),
        "data/measures.yml:4:16: unsichtbares Steuerzeichen U+000B (vertikaler Tabulator",
    ),
    "NUL byte": (
        edit("i18n/de/texts.yml", "Noch kein Bericht", "Noch kein\x00Bericht"),
        "data/i18n/de/texts.yml:3:21: unsichtbares Steuerzeichen U+0000 (NUL-Byte)",
    ),
    "line separator pasted from a PDF": (
        edit("goals.yml", "sb-z1", "sb-z1\u2028"),
        "data/goals.yml:2:14: unsichtbares Steuerzeichen U+2028",
    ),
    "very deep nesting": (
        write_bytes("themes.yml", b"themes: " + b"[" * 5000 + b"]" * 5000 + b"\n"),
        "data/themes.yml:1:",
    ),
    "labels saved as Latin-1": (
        write_bytes("i18n/de/labels.yml", "site_name: Gr\u00fc\u00dfe\n".encode("latin-1")),
        "data/i18n/de/labels.yml:1:14: Datei ist nicht in UTF-8 gespeichert",
    ),
    "symlink loop": (symlink_loop("actors.yml"), "data/actors.yml: Verknüpfung (Symlink) zeigt im Kreis"),
    "dangling symlink": (
        dangling_symlink("sources.yml"),
        "data/sources.yml: Verknüpfung (Symlink) zeigt auf",
    ),
    "folder named like a collection file": (
        replace_by_folder("statuses.yml"),
        "data/statuses.yml: hier steht ein Ordner",
    ),
    "folder named like a file of a split collection": (
        replace_by_folder("measures/mehr.yml"),
        "data/measures/mehr.yml: hier steht ein Ordner",
    ),
    "folder named like a language's labels": (
        replace_by_folder("i18n/en/labels.yml"),
        "data/i18n/en/labels.yml: hier steht ein Ordner",
    ),
}


@pytest.mark.parametrize("case", sorted(CLASS_1))
def test_class1_every_unreadable_data_file_is_a_message(case: str, tmp_path: Path) -> None:
    change, expected = CLASS_1[case]
    data = compose_fixture(VALID_FIXTURE, tmp_path)
    change(data)
    found = problems_of(data)
    assert any(line.startswith(expected) for line in found), found


def page_project(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "project")
    write_dataset(project / "data", scale=1, seed=1)
    return project


def page_problems(project: Path, langs: tuple[str, ...] = ("de",)) -> list[str]:
    data = load_dataset(project / "data")
    found = [str(p) for p in check_all_pages(project, data, list(langs))]
    for line in found:
        assert PROBLEM.match(line), line
    return found


PAGE_CASES = {
    "page saved as Latin-1": (
        lambda d: (d / "latin.md").write_bytes("# Gr\u00fc\u00dfe\n".encode("latin-1")),
        "docs/de/latin.md:1:5: Datei ist nicht in UTF-8 gespeichert",
    ),
    "page with a vertical tab": (
        lambda d: (d / "ctrl.md").write_text("# Titel\n\nText\x0bmehr\n", encoding="utf-8"),
        "docs/de/ctrl.md:3:5: unsichtbares Steuerzeichen U+000B",
    ),
    "page that is a symlink loop": (
        lambda d: (d / "loop.md").symlink_to(d / "loop.md"),
        "docs/de/loop.md: Verknüpfung (Symlink) zeigt im Kreis",
    ),
    "dangling symlink page": (
        lambda d: (d / "weg.md").symlink_to(d / "nirgends.md"),
        "docs/de/weg.md: Verknüpfung (Symlink) zeigt auf eine Datei, die es nicht gibt",
    ),
    "folder named like a page": (
        lambda d: (d / "ordner.md").mkdir(),
        "docs/de/ordner.md: hier steht ein Ordner",
    ),
    "front matter with an unclosed list": (
        lambda d: (d / "kopf.md").write_text(
            "---\ntitle: Seite\ntags: [a, b\n---\n# Seite\n", encoding="utf-8"
        ),
        "docs/de/kopf.md:3:7: YAML-Syntaxfehler: Liste in [ ] wird nicht geschlossen",
    ),
    "front matter with a tab": (
        lambda d: (d / "tab.md").write_text("---\ntranslate:\n\tfalse\n---\n# Seite\n", encoding="utf-8"),
        "docs/de/tab.md:3:1: Tabulator-Zeichen",
    ),
    "front matter with a python tag": (
        lambda d: (d / "tag.md").write_text(
            "---\nx: !!python/name:os.system\n---\n# Seite\n", encoding="utf-8"
        ),
        "docs/de/tag.md:2:4: x: YAML-Markierung '!!python/name:os.system' ist in Datendateien nicht erlaubt",
    ),
}


@pytest.mark.parametrize("case", sorted(PAGE_CASES))
def test_class1_every_unreadable_page_is_a_message(case: str, tmp_path: Path) -> None:
    project = page_project(tmp_path)
    change, expected = PAGE_CASES[case]
    change(project / "docs" / "de")
    found = page_problems(project)
    assert any(line.startswith(expected) for line in found), found


def test_class1_check_command_prints_no_traceback_for_a_broken_project(tmp_path: Path) -> None:
    project = page_project(tmp_path)
    docs = project / "docs" / "de"
    for change, _ in PAGE_CASES.values():
        change(docs)
    result = run_macros(project, "check", timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert lines[-1].startswith(f"{len(lines) - 1} Probleme gefunden")


# -- class 2 (the parts a table shows; the property-based test is tests/test_properties.py) -----

CLASS_2_PAGES = {
    "include": (
        '{% include "index.md" %}',
        "docs/de/index.md:3:1: Anweisung {% include %} ist in Seiten nicht erlaubt",
    ),
    "for loop": ("{% for x in [1] %}{{ x }}{% endfor %}", "docs/de/index.md:3:1: Anweisung {% for %}"),
    "unknown filter": ("{{ field_cards() | gibtsnicht }}", "docs/de/index.md:3:1: Filter '|gibtsnicht'"),
    "known filter": ('{{ "x" | upper }}', "docs/de/index.md:3:1: Filter '|upper'"),
    "unknown macro": ("{{ field_crads() }}", "docs/de/index.md:3:1: unbekanntes Makro 'field_crads'"),
    "plugin's own macro": ("{{ now() }}", "docs/de/index.md:3:1: unbekanntes Makro 'now'"),
    "computed argument": ('{{ field_title("s" ~ "b") }}', "docs/de/index.md:3:1: 'field_title': Angaben"),
    "unknown setting": (
        "{{ config.extra.gibtsnicht }}",
        "docs/de/index.md:3:1: Einstellung 'config.extra.gibtsnicht'",
    ),
}


@pytest.mark.parametrize("case", sorted(CLASS_2_PAGES))
def test_class2_page_constructs_the_build_cannot_render_are_refused(case: str, tmp_path: Path) -> None:
    project = page_project(tmp_path)
    snippet, expected = CLASS_2_PAGES[case]
    (project / "docs" / "de" / "index.md").write_text(f"# Start\n\n{snippet}\n", encoding="utf-8")
    found = page_problems(project)
    assert any(line.startswith(expected) for line in found), found


def test_class2_a_language_without_docs_folder_is_reported(tmp_path: Path) -> None:
    project = page_project(tmp_path)
    found = page_problems(project, ("de", "en", "fr"))
    expected = "docs/fr/: Ordner fehlt für die Sprache 'fr' aus data/languages.yml"
    assert any(line.startswith(expected) for line in found), found


def test_class2_computed_label_keys_are_all_resolved() -> None:
    """Every label lookup in the code is understood by the check (none is left unresolved), so a
    label the templates build at run time cannot be missing at build time."""
    from macros.data.label_uses import label_uses

    uses = label_uses(REPO)
    assert uses.unresolved == []
    assert {"palette_to_dark", "palette_to_light", "german_only_notice", "language_fallback_notice"} <= set(
        uses.keys
    )
    assert {"translations_state_missing", "translations_state_outdated", "unit_percent"} <= set(uses.keys)
    assert uses.keys["count_of_declared"] == {"shown", "total"}


def test_class2_computed_label_families_match_their_sources() -> None:
    from macros.data.label_uses import COMPUTED_KEYS
    from macros.i18n import translations

    assert set(COMPUTED_KEYS["translations_state_"]) == {translations.MISSING, translations.OUTDATED}


# -- class 3: silent acceptance ------------------------------------------------------------------

CLASS_3 = {
    "German texts.yml replaced by a folder": (
        replace_by_folder("i18n/de/texts.yml"),
        "data/i18n/de/texts.yml: hier steht ein Ordner",
    ),
    "English texts.yml replaced by a folder": (
        replace_by_folder("i18n/en/texts.yml"),
        "data/i18n/en/texts.yml: hier steht ein Ordner",
    ),
    "python tag on a mapping": (
        edit("fields.yml", "pages: {from: 57", "pages: !!python/object:os.system {from: 57"),
        "YAML-Markierung '!!python/object:os.system' ist in Datendateien nicht erlaubt",
    ),
    "set tag on a mapping": (
        edit("fields.yml", "pages: {from: 63", "pages: !!set {from: 63"),
        "YAML-Markierung '!!set' ist in Datendateien nicht erlaubt",
    ),
    "omap tag on a list": (
        edit("measures.yml", "lead: [stadt]", "lead: !!omap [{a: stadt}]"),
        "data/measures.yml:5:11: measures[0].lead: YAML-Markierung '!!omap'",
    ),
    "custom tag on a scalar": (
        edit("measures.yml", "goal: sb-z1", "goal: !ref sb-z1"),
        "data/measures.yml:4:11: measures[0].goal: YAML-Markierung '!ref'",
    ),
}


@pytest.mark.parametrize("case", sorted(CLASS_3))
def test_class3_nothing_is_silently_ignored(case: str, tmp_path: Path) -> None:
    change, expected = CLASS_3[case]
    data = compose_fixture(VALID_FIXTURE, tmp_path)
    change(data)
    found = problems_of(data)
    assert any(expected in line for line in found), found


# -- class 4: the right problem at the right place (golden files: tests/fixtures/invalid/) ------

CLASS_4_GOLDEN = {
    "unclosed_quote": 'data/measures.yml:8:13: Anführungszeichen " wird in dieser Zeile nicht geschlossen',
    "tab_indentation": "data/goals.yml:4:1: Tabulator-Zeichen",
    "decimal_comma_in_flow": "Zahl mit Komma '38,2': YAML schreibt Dezimalzahlen mit Punkt (38.2)",
    "quoted_date": "Datum in Anführungszeichen wird als Text gelesen: Anführungszeichen entfernen",
    "empty_german_texts": "data/i18n/de/texts.yml:1:1: die Datei ist leer",
}


@pytest.mark.parametrize("rule", sorted(CLASS_4_GOLDEN))
def test_class4_problems_are_told_where_they_are(rule: str, tmp_path: Path) -> None:
    data = compose_fixture(INVALID_FIXTURES / rule, tmp_path)
    found = problems_of(data)
    assert len(found) == 1, found  # one mistake, one message — not 61 in other files
    assert CLASS_4_GOLDEN[rule] in found[0]


def test_class4_unclosed_quote_on_the_last_value_points_where_it_opened(tmp_path: Path) -> None:
    data = compose_fixture(VALID_FIXTURE, tmp_path)
    (data / "themes.yml").write_text('themes:\n  - id: "transparenz\n    number: 1\n', encoding="utf-8")
    assert problems_of(data)[0].startswith("data/themes.yml:2:9: Anführungszeichen")


def test_class4_front_matter_error_is_on_its_line_without_a_pyyaml_dump(tmp_path: Path) -> None:
    project = page_project(tmp_path)
    page = project / "docs" / "de" / "umsetzung" / "akteure.md"
    page.write_text("---\ntitle: Seite\nsearch: {boost: 2\nfoo: bar\n---\n# Seite\n", encoding="utf-8")
    found = page_problems(project)
    assert len(found) == 1 and found[0].startswith("docs/de/umsetzung/akteure.md:3:9: YAML-Syntaxfehler"), (
        found
    )
    assert "\n" not in found[0] and "line" not in found[0]


# -- class 5: no follow-up noise -----------------------------------------------------------------


def test_class5_a_typo_in_a_german_macro_call_is_reported_once(tmp_path: Path) -> None:
    project = page_project(tmp_path)
    stamp_translations(project)
    index = project / "docs" / "de" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("field_cards", "field_crads"), encoding="utf-8"
    )
    found = page_problems(project, ("de", "en"))
    assert found == ["docs/de/index.md:5:1: unbekanntes Makro 'field_crads' (meinten Sie 'field_cards'?)"]


@pytest.mark.parametrize(
    "rule", ["german_text_key_typo", "german_label_key_typo", "label_unknown_placeholder"]
)
def test_class5_a_broken_german_source_gives_one_message_at_the_source(rule: str, tmp_path: Path) -> None:
    data = compose_fixture(INVALID_FIXTURES / rule, tmp_path)
    found = problems_of(data)
    assert len(found) == 1, found
    assert found[0].startswith("data/i18n/de/"), found


# -- class 6: resource blow-up -------------------------------------------------------------------


def alias_bomb(levels: int = 9) -> bytes:
    """The classic billion-laughs file, about 600 bytes."""
    lines = ['lol1: &lol1 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(2, levels + 1):
        lines.append(f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


BOMBS = {
    "alias bomb": (alias_bomb(), "data/actors.yml:1:7: Anker '&lol1'"),
    "deep list": (b"actors: " + b"[" * 200_000, "zu tief verschachtelt"),
    "deep mapping": (
        b"actors:\n" + b"".join(b"  " * i + b"k%d:\n" % i for i in range(60)),
        "zu tief verschachtelt",
    ),
}


@pytest.mark.parametrize("case", sorted(BOMBS))
def test_class6_bombs_get_one_message_with_bounded_memory(case: str, tmp_path: Path) -> None:
    raw, expected = BOMBS[case]
    assert len(raw) < 700_000
    data = compose_fixture(VALID_FIXTURE, tmp_path)
    (data / "actors.yml").write_bytes(raw)
    tracemalloc.start()
    try:
        found = problems_of(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert any(expected in line for line in found), found
    assert peak < 100 * len(raw) + 30_000_000  # linear in the file: no expansion of aliases


def test_class6_alias_bomb_is_the_size_the_issue_names() -> None:
    assert 500 < len(alias_bomb()) < 700


# -- class 8: every build path shows the editor's message -----------------------------------------


@pytest.fixture(scope="module")
def crashing_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose field_title renderer fails at build time: a failure the check cannot see
    (it stands in for any bug), so the build's own error path is what is tested."""
    project = make_project(tmp_path_factory.mktemp("crash") / "project")
    write_dataset(project / "data", scale=1, seed=1)
    stamp_translations(project)
    renderers = project / "macros" / "render" / "renderers.py"
    text = renderers.read_text(encoding="utf-8")
    head = "def field_title(ctx: Context, field_id: str) -> Markup:\n"
    renderers.write_text(text.replace(head, head + '    raise KeyError("kaputt")\n'), encoding="utf-8")
    return project


def test_class8_macros_build_shows_the_reason_of_a_render_failure(
    crashing_project: Path, tmp_path: Path
) -> None:
    result = macros_build(crashing_project, tmp_path / "site", "--lang", "de")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert re.search(
        r"docs/de/handlungsfelder/[a-z-]+\.md:1:1: Makro field_title\('[a-z]+'\) ist fehlgeschlagen: 'kaputt'",
        output,
    ), output
    section = output.split("--- Sprache de ---", 1)[1]
    assert section.strip().splitlines()[0].strip(), "empty error section"


def test_class8_mkdocs_build_strict_shows_the_reason_without_traceback(
    crashing_project: Path, tmp_path: Path
) -> None:
    result = mkdocs_build(crashing_project, "de", tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "ist fehlgeschlagen: 'kaputt'" in result.stderr
    assert "Macro Rendering Error" not in result.stderr  # the plugin's dump is held back


def test_class8_mkdocs_build_shows_data_problems_without_traceback(tmp_path: Path) -> None:
    project = page_project(tmp_path)
    edit("measures.yml", "goal:", "goal: [")(project / "data")
    result = mkdocs_build(project, "de", tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(r"^data/measures\.yml:\d+:\d+: YAML-Syntaxfehler", result.stderr, re.M), result.stderr


# -- published folder stays byte-identical; classes 9 and 10 ---------------------------------------


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A mini project built with `python -m macros build`, without a public address."""
    project = make_project(tmp_path_factory.mktemp("preview") / "project")
    write_dataset(project / "data", scale=1, seed=1)
    stamp_translations(project)
    out = project.parent / "site"
    result = macros_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, out


def test_failed_builds_leave_the_published_folder_byte_identical(preview: tuple[Path, Path]) -> None:
    project, out = preview
    before = tree_digest(out)
    neighbours = sorted(p.name for p in out.parent.iterdir())
    goals = project / "data" / "goals.yml"
    original = goals.read_text(encoding="utf-8")
    failures = [
        ("data", lambda: goals.write_text(original.replace("field:", "field: [", 1), encoding="utf-8")),
        ("placeholders", lambda: goals.write_text(original, encoding="utf-8")),
    ]
    try:
        for name, change in failures:
            change()
            args = ("--site-url", "https://example.org/kik/") if name == "placeholders" else ()
            result = macros_build(project, out, *args)
            assert result.returncode == 1, name
            assert "Traceback" not in result.stdout + result.stderr
            assert tree_digest(out) == before, name
            assert sorted(p.name for p in out.parent.iterdir()) == neighbours, name  # no staging left
    finally:
        goals.write_text(original, encoding="utf-8")


def test_class9_production_build_names_every_placeholder(preview: tuple[Path, Path], tmp_path: Path) -> None:
    project, _ = preview
    result = macros_build(project, tmp_path / "site", "--site-url", "https://example.org/")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    keys = [p.key for p in placeholders(_extra(project))]
    assert keys, "mkdocs.yml has placeholders to test with"
    for key in keys:
        assert re.search(
            rf"^mkdocs\.yml:\d+:1: {re.escape(key)}: Platzhalter noch nicht ersetzt – eintragen: ",
            output,
            re.M,
        )
    assert not (tmp_path / "site").exists()


def test_class9_mkdocs_build_with_a_public_address_refuses_placeholders(
    preview: tuple[Path, Path], tmp_path: Path
) -> None:
    project, _ = preview
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(tmp_path / "o"),
        ],
        cwd=project,
        env=subprocess_env(KIK_LANG="de", KIK_SITE_URL="https://example.org/"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "extra.operator.hosting_provider: Platzhalter noch nicht ersetzt" in result.stderr


def _extra(project: Path) -> dict:
    from macros.render.pagecheck import site_config

    return site_config(project).get("extra") or {}


def test_class9_placeholders_are_found_under_any_operator_key() -> None:
    extra = {
        "operator": {
            "hosting_provider": "Beispiel GmbH",
            "new_key": "[vom Betrieb einzutragen: etwas Neues]",
            "nested": {"contact": ["ok", "[vom Betrieb einzutragen: Telefon]"]},
        }
    }
    found = placeholders(extra)
    assert [(p.key, p.what) for p in found] == [
        ("extra.operator.new_key", "etwas Neues"),
        ("extra.operator.nested.contact.1", "Telefon"),
    ]


def test_class10_a_build_without_public_address_never_calls_the_readers_machine(
    preview: tuple[Path, Path],
) -> None:
    _, out = preview
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".txt", ".json", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "127.0.0.1" not in text and "localhost" not in text, path
    html = (out / "en" / "handlungsfelder" / "index.html").read_text(encoding="utf-8")
    alternates = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)
    assert alternates and all(not href.startswith(("http:", "https:", "//")) for href, _ in alternates)
    # The switcher still goes to the same page in the other language.
    folder = out / "en" / "handlungsfelder"
    for href, lang in alternates:
        assert (folder / href / "index.html").resolve().is_file(), (lang, href)
    assert "Sitemap:" not in (out / "robots.txt").read_text(encoding="utf-8")


def test_class9_and_10_deploy_check_refuses_a_preview_and_placeholders(preview: tuple[Path, Path]) -> None:
    _, out = preview
    problems = deploy.check(out)
    assert any("ohne öffentliche Adresse gebaut" in p for p in problems), problems
    assert any("extra.operator.hosting_provider: Platzhalter noch nicht ersetzt" in p for p in problems), (
        problems
    )
    manifest = json.loads((out / deploy.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["site_url"] is None
    assert f'<Files "{deploy.MANIFEST}">' in (out / ".htaccess").read_text(encoding="utf-8")


def test_deploy_check_finds_placeholder_text_on_pages(preview: tuple[Path, Path], tmp_path: Path) -> None:
    import shutil

    _, out = preview
    copy = tmp_path / "site"
    shutil.copytree(out, copy)
    manifest = {"site_url": "https://example.org/", "operator_placeholders": []}
    (copy / deploy.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    page = copy / "umsetzung" / "akteure" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8") + f"<p>{PLACEHOLDER_MARK}: Anschrift]</p>", encoding="utf-8"
    )
    problems = deploy.publication_problems(copy)
    assert problems == ["Seiten zeigen noch „[vom Betrieb einzutragen …]“: umsetzung/akteure/index.html"]


def test_deploy_check_command_exit_code(preview: tuple[Path, Path]) -> None:
    _, out = preview
    result = run_macros(REPO, "--help")  # the package is importable from the repository
    assert result.returncode == 0
    import subprocess
    import sys

    check = subprocess.run(
        [sys.executable, "-m", "macros.site.deploy", "check", str(out)],
        cwd=REPO,
        env=dict(os.environ),
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1
    assert "ohne öffentliche Adresse gebaut" in check.stderr


def test_class2_pages_are_checked_with_the_environment_the_plugin_renders_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m macros check` builds the Jinja environment itself (no MkDocs there); it must be
    the one mkdocs-macros renders pages with, for our mkdocs.yml."""
    from mkdocs.config import load_config

    from macros.render.pagecheck import page_environment

    project = page_project(tmp_path)
    monkeypatch.setenv("KIK_LANG", "de")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["macros"]
    plugin.on_config(config)
    real, ours = plugin.env, page_environment(project / "docs" / "de")
    assert real.undefined is ours.undefined
    for setting in (
        "block_start_string",
        "variable_start_string",
        "comment_start_string",
        "line_statement_prefix",
        "autoescape",
        "extensions",
    ):
        assert getattr(real, setting) == getattr(ours, setting), setting
    # The plugin's own filters differ, but pages may use no filter at all (refused by the check).
    assert set(ours.filters) <= set(real.filters)
