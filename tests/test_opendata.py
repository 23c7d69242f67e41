"""Open data: the downloadable files hold exactly the published data, validate against their own
schemas, and are the same bytes for the same data.

Expected records are computed here from the Dataset directly (not with the generator's own
`records`), and the files are read back with plain `csv`/`json`, so a column the generator
drops, renames or mis-types fails a test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

from macros.data.dataset import load_dataset
from macros.data.model import Dataset
from macros.publish import formats
from macros.publish.opendata import catalog_files, language_files, write_open_data
from macros.publish.settings import OpenDataSettings, load_settings, public_site_url
from macros.publish.tables import COLLECTIONS
from tests.support import REPO
from tests.synthetic import write_dataset

SITE_URL = "https://kik.example.org/kik/"
SETTINGS = OpenDataSettings.from_extra({})
CSV_FILES = {
    "fields": "handlungsfelder.csv",
    "goals": "ziele.csv",
    "measures": "massnahmen.csv",
    "measure_history": "massnahmen-verlauf.csv",
    "statuses": "statuswerte.csv",
    "actors": "akteure.csv",
    "indicators": "kennzahlen.csv",
    "indicator_values": "kennzahlen-werte.csv",
    "sources": "quellen.csv",
    "themes": "querschnittsthemen.csv",
}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    data_dir = tmp_path_factory.mktemp("opendata") / "data"
    write_dataset(data_dir, scale=1, seed=3)
    return load_dataset(data_dir)


@pytest.fixture(scope="module")
def real() -> Dataset:
    return load_dataset(REPO / "data")


def text(data: Dataset, collection: str, item_id: str, key: str, lang: str) -> str | None:
    value = data.text(collection, item_id, key, lang)
    return None if value is None else str(value)


def expected(data: Dataset, lang: str) -> dict[str, set[tuple]]:
    """The published facts of every collection as comparable tuples, straight from the Dataset."""
    sources = {s.id: s for s in data.sources}
    history = set()
    for m in data.measures:
        for entry in m.history:
            notes = [
                (data.texts.get(candidate, {}).get("measures", {}).get(m.id, {}).get("notes") or {})
                for candidate in (lang, "de")
            ]
            key = entry.date.isoformat()
            note = notes[0].get(key, notes[1].get(key))
            history.add((m.id, key, entry.status, None if note is None else str(note)))
    return {
        "fields": {
            (f.id, f.number, text(data, "fields", f.id, "title", lang), f.declared_goals, f.declared_measures)
            for f in data.fields
        },
        "goals": {(g.id, g.number, g.field, text(data, "goals", g.id, "title", lang)) for g in data.goals},
        "measures": {
            (
                m.id,
                m.number,
                m.goal,
                m.status,
                m.status_date.isoformat() if m.status_date else None,
                text(data, "measures", m.id, "title", lang),
                tuple(m.lead),
                tuple(m.partners),
                tuple(m.indicators),
                tuple(m.themes),
                m.vote_rank,
                tuple(str(t) for t in data.text("measures", m.id, "target_groups", lang) or ()),
            )
            for m in data.measures
        },
        "measure_history": history,
        "statuses": {
            (s.id, s.icon, s.reported, text(data, "statuses", s.id, "label", lang)) for s in data.statuses
        },
        "actors": {(a.id, a.kind, text(data, "actors", a.id, "name", lang)) for a in data.actors},
        "indicators": {
            (i.id, i.unit, text(data, "indicators", i.id, "title", lang)) for i in data.indicators
        },
        "indicator_values": {
            (i.id, v.date.isoformat(), float(v.value), v.approximate, v.source, not sources[v.source].kik)
            for i in data.indicators
            for v in i.values
        },
        "sources": {
            (s.id, s.kik, s.date.isoformat() if s.date else None, text(data, "sources", s.id, "title", lang))
            for s in data.sources
        },
        "themes": {(t.id, t.number, text(data, "themes", t.id, "title", lang)) for t in data.themes},
    }


def as_tuples(key: str, rows: list[dict]) -> set[tuple]:
    """Rows read back (already typed) in the shape of `expected`."""
    pick = {
        "fields": ("id", "number", "title", "declared_goals", "declared_measures"),
        "goals": ("id", "number", "field", "title"),
        "measures": (
            "id",
            "number",
            "goal",
            "status",
            "status_date",
            "title",
            "lead",
            "partners",
            "indicators",
            "themes",
            "vote_rank",
            "target_groups",
        ),
        "measure_history": ("measure_id", "date", "status", "note"),
        "statuses": ("id", "icon", "reported", "label"),
        "actors": ("id", "kind", "name"),
        "indicators": ("id", "unit", "title"),
        "indicator_values": ("indicator_id", "date", "value", "approximate", "source", "context"),
        "sources": ("id", "kik", "date", "title"),
        "themes": ("id", "number", "title"),
    }[key]
    out = set()
    for row in rows:
        values = []
        for name in pick:
            value = row[name]
            values.append(tuple(value) if isinstance(value, list) else value)
        out.add(tuple(values))
    return out


# CSV cells are text; the types below are what the README and the Data Package promise.
_INTEGER = {"number", "declared_goals", "declared_measures", "vote_rank", "pages_from", "pages_to"}
_BOOLEAN = {"reported", "kik", "approximate", "context"}
_LIST = {"lead", "partners", "indicators", "themes", "target_groups"}


def read_csv(content: bytes, key: str) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))
    typed = []
    for row in rows:
        out = {}
        for name, cell in row.items():
            if name in _LIST:
                out[name] = cell.split(";") if cell else []
            elif cell == "":
                out[name] = None
            elif name in _BOOLEAN:
                assert cell in ("true", "false"), f"{key}.{name}: {cell!r}"
                out[name] = cell == "true"
            elif name == "number" and key == "measures":
                out[name] = cell  # the published number "2.4" is text
            elif name in _INTEGER:
                out[name] = int(cell)
            elif name == "value":
                out[name] = float(cell)
            else:
                out[name] = cell
        typed.append(out)
    return typed


@pytest.mark.parametrize("lang", ["de", "en"])
def test_csv_files_hold_exactly_the_published_records(synthetic: Dataset, lang: str) -> None:
    files = language_files(synthetic, lang, SETTINGS, SITE_URL)
    want = expected(synthetic, lang)
    assert want["measure_history"], "the synthetic data should have progress notes to export"
    for key, name in CSV_FILES.items():
        rows = read_csv(files[name], key)
        assert as_tuples(key, rows) == want[key], name
        assert len(rows) == len(want[key]), f"{name}: duplicate rows"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_json_holds_exactly_the_published_records(synthetic: Dataset, lang: str) -> None:
    doc = json.loads(language_files(synthetic, lang, SETTINGS, SITE_URL)[formats.JSON_FILE])
    want = expected(synthetic, lang)
    for key in CSV_FILES:
        rows = doc[key]
        for row in rows:
            if "value" in row:
                row["value"] = float(row["value"])
        assert as_tuples(key, rows) == want[key], key
    assert doc["meta"]["language"] == lang
    assert doc["meta"]["licence_uri"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    assert doc["meta"]["attribution"] == "Stadt Kempten (Allgäu)"


def test_texts_missing_in_a_translation_are_german_and_say_so(synthetic: Dataset) -> None:
    rows = json.loads(language_files(synthetic, "en", SETTINGS, SITE_URL)[formats.JSON_FILE])["measures"]
    for row in rows:
        own = synthetic.texts.get("en", {}).get("measures", {}).get(row["id"], {}).get("title")
        assert row["title_lang"] == ("en" if own else "de"), row["id"]


def test_measure_urls_point_to_the_measure_in_the_page_language(real: Dataset) -> None:
    rows = json.loads(language_files(real, "en", SETTINGS, SITE_URL)[formats.JSON_FILE])["measures"]
    assert rows[0]["url"] == f"{SITE_URL}en/handlungsfelder/sprache-und-bildung/#{rows[0]['id']}"
    local = json.loads(language_files(real, "en", SETTINGS, "http://127.0.0.1:8000/")[formats.JSON_FILE])
    assert all(row["url"] is None for row in local["measures"]), "no loopback addresses in published data"


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_json_validates_against_its_schema(real: Dataset, lang: str) -> None:
    files = language_files(real, lang, SETTINGS, SITE_URL)
    schema = json.loads(files[formats.SCHEMA_FILE])
    doc = json.loads(files[formats.JSON_FILE])
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(doc)
    # The schema is strict enough to catch a wrong date, a missing column and an unknown one.
    broken = json.loads(files[formats.JSON_FILE])
    broken["indicator_values"][0]["date"] = "31.12.2020"
    del broken["measures"][0]["status"]
    broken["actors"][0]["email"] = "x"
    messages = {error.validator for error in validator.iter_errors(broken)}
    assert {"pattern", "required", "additionalProperties"} <= messages


def test_data_package_validates_with_frictionless(real: Dataset, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    for name, content in language_files(real, "de", SETTINGS, SITE_URL).items():
        (tmp_path / name).write_bytes(content)
    report = frictionless.validate(tmp_path / formats.PACKAGE_FILE)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # A number column with text in it, and a measure pointing at an unknown goal, are found.
    values = tmp_path / "kennzahlen-werte.csv"
    values.write_text(values.read_text("utf-8").replace("38.2", "viel", 1), encoding="utf-8")
    measures = tmp_path / "massnahmen.csv"
    measures.write_text(measures.read_text("utf-8").replace(",sb-z2,", ",sb-z99,", 1), encoding="utf-8")
    errors = {e[0] for e in frictionless.validate(tmp_path / formats.PACKAGE_FILE).flatten(["type"])}
    assert {"type-error", "foreign-key"} <= errors


def test_data_package_documents_every_csv_column(real: Dataset) -> None:
    files = language_files(real, "de", SETTINGS, SITE_URL)
    package = json.loads(files[formats.PACKAGE_FILE])
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == set(CSV_FILES.values())
    for path, resource in resources.items():
        header = files[path].decode("utf-8").splitlines()[0].split(",")
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header, path
        for f in fields:
            assert f["title"].strip() and len(f["description"]) > 10, f"{path}: {f['name']} undocumented"
    assert package["licenses"][0]["path"] == "https://www.govdata.de/dl-de/by-2-0"


@pytest.mark.parametrize("lang", ["de", "en", "tr", "it", "ro", "ar", "uk", "ru"])
def test_zip_holds_readme_licence_and_every_file(real: Dataset, lang: str) -> None:
    files = language_files(real, lang, SETTINGS, SITE_URL)
    with zipfile.ZipFile(io.BytesIO(files[formats.ZIP_FILE])) as archive:
        names = set(archive.namelist())
        expected_names = {n for n in files if n != formats.ZIP_FILE} | {"LIESMICH.txt", "LIZENZ.txt"}
        assert names == expected_names
        for name in files:
            if name != formats.ZIP_FILE:
                assert archive.read(name) == files[name], name
        readme = archive.read("LIESMICH.txt").decode("utf-8")
        licence = archive.read("LIZENZ.txt").decode("utf-8")
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in licence
    assert "Stadt Kempten (Allgäu)" in licence
    for name in CSV_FILES.values():
        assert name in readme
    assert ("English" in readme) == (lang != "de")


def test_licence_and_contact_are_configurable() -> None:
    settings = OpenDataSettings.from_extra(
        {"open_data": {"licence": {"title": "CC0", "uri": "http://example.org/cc0"}, "attribution": "X"}}
    )
    assert (settings.licence_title, settings.licence_uri, settings.attribution) == (
        "CC0",
        "http://example.org/cc0",
        "X",
    )
    assert settings.licence_url == "https://www.govdata.de/dl-de/by-2-0"  # untouched keys keep defaults
    # mkdocs.yml has !ENV and !!python tags; the settings reader copes without MkDocs.
    assert load_settings(REPO / "mkdocs.yml").publisher == "Stadt Kempten (Allgäu)"


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://kik.example.org/kik", "https://kik.example.org/kik/"),
        ("http://127.0.0.1:8000/", None),
        ("http://localhost:8000/", None),
        ("http://[::1]/", None),
        (None, None),
    ],
)
def test_only_public_addresses_reach_the_data(url: str | None, public: str | None) -> None:
    assert public_site_url(url) == public


_DETERMINISM_SCRIPT = """
import hashlib, sys
from pathlib import Path
from macros.data.dataset import load_dataset
from macros.publish.opendata import write_open_data
from macros.publish.settings import OpenDataSettings
out = Path(sys.argv[1])
write_open_data(out, load_dataset(), ["de", "en", "ar"], OpenDataSettings.from_extra({}), sys.argv[2])
"""


def test_same_data_gives_byte_identical_files_across_processes(tmp_path: Path) -> None:
    """RDF/XML from rdflib changes with Python's hash seed: two runs with different seeds."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run(
            [sys.executable, "-c", _DETERMINISM_SCRIPT, str(out), SITE_URL],
            cwd=REPO,
            env=env,
            check=True,
            timeout=120,
        )
        outs.append(
            {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        )
    assert "daten/katalog.rdf" in outs[0] and "ar/daten/kik-daten.zip" in outs[0]
    assert outs[0].keys() == outs[1].keys()
    for name in outs[0]:
        assert outs[0][name] == outs[1][name], f"{name} differs between two builds of the same data"


def test_files_are_written_where_the_catalogue_says(real: Dataset, tmp_path: Path) -> None:
    written = write_open_data(tmp_path, real, ["de", "en"], SETTINGS, SITE_URL)
    assert tmp_path / "daten" / "massnahmen.csv" in written
    assert tmp_path / "en" / "daten" / "massnahmen.csv" in written
    assert (tmp_path / "daten" / "katalog.rdf").is_file() and (tmp_path / "daten" / "katalog.ttl").is_file()
    assert catalog_files(real, SETTINGS, "http://127.0.0.1:8000/") == {}
    assert len(COLLECTIONS) == len(CSV_FILES)
