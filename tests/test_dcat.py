"""The DCAT-AP.de catalogue parses and has every property a harvester needs, for every dataset and
distribution; every download URL names a file the build writes.

The required properties are written down here from the DCAT-AP.de notes in shared/ECOSYSTEM.md
("Open data"), not taken from the generator.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from macros.data.dataset import load_dataset
from macros.data.model import Dataset
from macros.publish.opendata import catalog_files, write_open_data
from macros.publish.settings import OpenDataSettings
from tests.support import REPO

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")

SITE_URL = "https://kik.example.org/kik/"
LICENCE = URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
KEMPTEN = URIRef("http://dcat-ap.de/def/politicalGeocoding/regionalKey/097630000000")
MUNICIPALITY = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/municipality")
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"

CATALOG_REQUIRED = [DCT.title, DCT.description, DCT.publisher, DCAT.dataset]
DATASET_REQUIRED = [
    DCT.title,
    DCT.description,
    DCT.publisher,
    DCAT.distribution,
    DCAT.contactPoint,
    DCAT.keyword,
    DCAT.theme,
    DCATDE.politicalGeocodingURI,
    DCATDE.politicalGeocodingLevelURI,
    DCT.modified,
]
DISTRIBUTION_REQUIRED = [
    DCAT.accessURL,
    DCAT.downloadURL,
    DCT["format"],
    DCT.license,
    DCATDE.licenseAttributionByText,
]


@pytest.fixture(scope="module")
def real() -> Dataset:
    return load_dataset(REPO / "data")


@pytest.fixture(scope="module")
def graph(real: Dataset) -> Graph:
    files = catalog_files(real, OpenDataSettings.from_extra({}), SITE_URL)
    g = Graph()
    g.parse(data=files["katalog.rdf"], format="xml")
    turtle = Graph()
    turtle.parse(data=files["katalog.ttl"], format="turtle")
    assert isomorphic(g, turtle), "RDF/XML and Turtle describe different graphs"
    return g


def missing(g: Graph, node: URIRef, required: list[URIRef]) -> list[str]:
    return [str(p) for p in required if g.value(node, p) is None]


def test_catalogue_has_its_required_properties(graph: Graph) -> None:
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    assert missing(graph, catalogs[0], CATALOG_REQUIRED) == []
    titles = {t.language for t in graph.objects(catalogs[0], DCT.title)}
    assert {"de", "en", "ar"} <= titles


def test_every_dataset_has_its_required_properties(graph: Graph) -> None:
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 11  # ten tables and the complete data
    for ds in datasets:
        assert missing(graph, ds, DATASET_REQUIRED) == [], ds
        assert graph.value(ds, DCATDE.politicalGeocodingURI) == KEMPTEN
        assert graph.value(ds, DCATDE.politicalGeocodingLevelURI) == MUNICIPALITY
        publisher = graph.value(ds, DCT.publisher)
        assert (publisher, RDF.type, FOAF.Agent) in graph
        assert graph.value(publisher, FOAF.name) == Literal("Stadt Kempten (Allgäu)", lang="de")
        contact = graph.value(ds, DCAT.contactPoint)
        assert graph.value(contact, VCARD.fn) is not None
        assert graph.value(contact, VCARD.hasEmail) or graph.value(contact, VCARD.hasURL)
        assert len(list(graph.objects(ds, DCAT.distribution))) >= 8  # every language


def test_every_distribution_has_its_required_properties(graph: Graph) -> None:
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == 10 * 8 + 2 * 8  # CSV per table and language; JSON and ZIP per language
    for dist in distributions:
        assert missing(graph, dist, DISTRIBUTION_REQUIRED) == [], dist
        assert graph.value(dist, DCAT.accessURL) == graph.value(dist, DCAT.downloadURL)
        assert str(graph.value(dist, DCAT.downloadURL)).startswith(SITE_URL)
        assert str(graph.value(dist, DCT["format"])).removeprefix(FILE_TYPES) in {"CSV", "JSON", "ZIP"}
        assert graph.value(dist, DCT.license) == LICENCE
        assert str(graph.value(dist, DCATDE.licenseAttributionByText)) == "Stadt Kempten (Allgäu)"


def test_every_download_url_is_a_file_of_the_build(real: Dataset, graph: Graph, tmp_path: Path) -> None:
    langs = [lg.id for lg in real.languages]
    write_open_data(tmp_path, real, langs, OpenDataSettings.from_extra({}), SITE_URL)
    for url in graph.objects(None, DCAT.downloadURL):
        path = tmp_path / str(url).removeprefix(SITE_URL)
        assert path.is_file(), url
        size = graph.value(graph.value(None, DCAT.downloadURL, url), DCAT.byteSize)
        assert int(size) == path.stat().st_size, url


def test_contact_email_is_the_configured_one(real: Dataset) -> None:
    settings = OpenDataSettings.from_extra(
        {"open_data": {"contact": {"email": None, "url": "https://x.example/"}}}
    )
    g = Graph().parse(data=catalog_files(real, settings, SITE_URL)["katalog.ttl"], format="turtle")
    contact = next(g.subjects(RDF.type, VCARD.Organization))
    assert g.value(contact, VCARD.hasEmail) is None
    assert g.value(contact, VCARD.hasURL) == URIRef("https://x.example/")
