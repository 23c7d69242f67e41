"""DCAT-AP.de catalogue of the open data, for harvesters (open bydata, GovData via CKAN ckanext-dcat).

The graph is built with rdflib: one dcat:Dataset per collection (its CSV in every language as
distributions) and one for the complete data (JSON, Data Package, ZIP per language). Turtle
comes from rdflib; RDF/XML is written here from the sorted triples, because rdflib's RDF/XML
output changes its order from run to run (it depends on Python's string hashing), and a
harvester – and our byte-identity tests – must see the same file for the same data.

All node URIs are absolute and derived from the public site address, so there are no blank
nodes (which would get new names on every run). Without a public address there is no
catalogue: see `settings.public_site_url`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from ..data.model import Dataset
from ..i18n.languages import SiteLanguages
from .settings import REGIONAL_KEY, OpenDataSettings

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
DATA_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
IANA = "http://www.iana.org/assignments/media-types/"
GEOCODING = URIRef(f"http://dcat-ap.de/def/politicalGeocoding/regionalKey/{REGIONAL_KEY}")
GEOCODING_LEVEL = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/municipality")

PREFIXES = {
    "rdf": str(RDF),
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "dcatde": str(DCATDE),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
}

# ISO 639-1 (our language codes) -> EU language authority (ISO 639-3 based).
EU_LANGUAGES = {
    "de": "DEU",
    "en": "ENG",
    "tr": "TUR",
    "it": "ITA",
    "ro": "RON",
    "ar": "ARA",
    "uk": "UKR",
    "ru": "RUS",
    "fr": "FRA",
    "es": "SPA",
    "pl": "POL",
}

CATALOG_RDF = "katalog.rdf"
CATALOG_TTL = "katalog.ttl"


@dataclass(frozen=True)
class Distribution:
    """One downloadable file of one language."""

    lang: str
    path: str  # relative to the site root, e.g. "en/daten/massnahmen.csv"
    format: str  # EU file type: CSV, JSON, ZIP
    media_type: str
    size: int
    conforms_to: str | None = None  # site-relative path of a schema the file follows


@dataclass(frozen=True)
class DatasetEntry:
    key: str  # anchor on the Daten page and part of the node URI
    titles: dict[str, str]  # language -> title
    description: str  # German
    modified: dt.date | None
    distributions: tuple[Distribution, ...]


def catalog_graph(
    data: Dataset,
    entries: Iterable[DatasetEntry],
    settings: OpenDataSettings,
    site_url: str,
    modified: dt.date | None,
) -> Graph:
    """The DCAT-AP.de graph of the whole site (all languages)."""
    site = SiteLanguages.from_dataset(data)
    page = URIRef(site.language_root_url(site_url, "de") + "daten/")
    base = str(page)
    g = Graph(bind_namespaces="none")
    for prefix, uri in PREFIXES.items():
        g.bind(prefix, uri)

    publisher = URIRef(base + "#herausgeberin")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(settings.publisher, lang="de")))

    contact = URIRef(base + "#kontakt")
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(settings.contact_name, lang="de")))
    if settings.contact_email:
        g.add((contact, VCARD.hasEmail, URIRef("mailto:" + settings.contact_email)))
    if settings.contact_url:
        g.add((contact, VCARD.hasURL, URIRef(settings.contact_url)))

    catalog = URIRef(base + "#katalog")
    g.add((catalog, RDF.type, DCAT.Catalog))
    for lang in site.codes:
        g.add((catalog, DCTERMS.title, Literal(data.label("data_catalog_title", lang).text, lang=lang)))
        if lang in EU_LANGUAGES:
            g.add((catalog, DCTERMS.language, LANGUAGE[EU_LANGUAGES[lang]]))
    g.add(
        (
            catalog,
            DCTERMS.description,
            Literal(
                "Offene Daten des Kommunalen Integrationskonzepts Kempten (KIK): Handlungsfelder, "
                "Ziele, Maßnahmen mit Stand und Verlauf, Beteiligte, Kennzahlen und Quellen, in "
                "allen Sprachen von KIK online.",
                lang="de",
            ),
        )
    )
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, FOAF.homepage, URIRef(site.language_root_url(site_url, "de"))))
    g.add((catalog, DCTERMS.license, URIRef(settings.licence_uri)))
    if modified:
        g.add((catalog, DCTERMS.modified, Literal(modified, datatype=XSD.date)))

    for entry in entries:
        ds = URIRef(f"{base}#{entry.key}")
        g.add((catalog, DCAT.dataset, ds))
        g.add((ds, RDF.type, DCAT.Dataset))
        g.add((ds, DCTERMS.identifier, Literal(f"{base}#{entry.key}")))
        for lang, title in sorted(entry.titles.items()):
            g.add((ds, DCTERMS.title, Literal(title, lang=lang)))
        g.add((ds, DCTERMS.description, Literal(entry.description, lang="de")))
        g.add((ds, DCTERMS.publisher, publisher))
        g.add((ds, DCAT.contactPoint, contact))
        g.add((ds, DCAT.landingPage, page))
        g.add((ds, DCAT.theme, DATA_THEME.SOCI))
        for keyword in ("Integration", "Integrationskonzept", "Kempten", "Migration"):
            g.add((ds, DCAT.keyword, Literal(keyword, lang="de")))
        g.add((ds, DCATDE.politicalGeocodingURI, GEOCODING))
        g.add((ds, DCATDE.politicalGeocodingLevelURI, GEOCODING_LEVEL))
        g.add((ds, DCTERMS.spatial, GEOCODING))
        if entry.modified:
            g.add((ds, DCTERMS.modified, Literal(entry.modified, datatype=XSD.date)))
        for dist in entry.distributions:
            url = URIRef(site_url + dist.path)
            node = URIRef(f"{base}#{entry.key}-{dist.format.lower()}-{dist.lang}")
            g.add((ds, DCAT.distribution, node))
            g.add((node, RDF.type, DCAT.Distribution))
            title = f"{entry.titles.get(dist.lang, entry.titles['de'])} ({dist.format}, {dist.lang})"
            g.add((node, DCTERMS.title, Literal(title, lang=dist.lang)))
            g.add((node, DCAT.accessURL, url))
            g.add((node, DCAT.downloadURL, url))
            g.add((node, DCTERMS.format, FILE_TYPE[dist.format]))
            g.add((node, DCAT.mediaType, URIRef(IANA + dist.media_type)))
            g.add((node, DCAT.byteSize, Literal(dist.size, datatype=XSD.nonNegativeInteger)))
            g.add((node, DCTERMS.license, URIRef(settings.licence_uri)))
            g.add((node, DCATDE.licenseAttributionByText, Literal(settings.attribution, lang="de")))
            if dist.lang in EU_LANGUAGES:
                g.add((node, DCTERMS.language, LANGUAGE[EU_LANGUAGES[dist.lang]]))
            if dist.conforms_to:
                g.add((node, DCTERMS.conformsTo, URIRef(site_url + dist.conforms_to)))
            if entry.modified:
                g.add((node, DCTERMS.modified, Literal(entry.modified, datatype=XSD.date)))
    return g


def to_turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")


def to_rdfxml(graph: Graph) -> bytes:
    """RDF/XML with subjects and statements in sorted order: the same graph gives the same bytes.

    Every subject is a URI (no blank nodes) and every predicate lies in one of `PREFIXES`, so a
    flat list of rdf:Description elements is complete and valid RDF/XML.
    """
    reverse = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))

    def qname(uri: URIRef) -> str:
        for prefix, ns in reverse:
            if str(uri).startswith(ns) and str(uri)[len(ns) :].isidentifier():
                return f"{prefix}:{str(uri)[len(ns) :]}"
        raise ValueError(f"predicate outside the known namespaces: {uri}")

    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    lines += [f"  xmlns:{prefix}={quoteattr(ns)}" for prefix, ns in sorted(PREFIXES.items())]
    lines[-1] += ">"
    for subject in sorted({s for s in graph.subjects()}, key=str):
        lines.append(f"  <rdf:Description rdf:about={quoteattr(str(subject))}>")
        statements = sorted(graph.predicate_objects(subject), key=lambda po: (str(po[0]), _sort_key(po[1])))
        for predicate, obj in statements:
            name = qname(predicate)
            if isinstance(obj, Literal):
                attrs = ""
                if obj.language:
                    attrs = f" xml:lang={quoteattr(obj.language)}"
                elif obj.datatype:
                    attrs = f" rdf:datatype={quoteattr(str(obj.datatype))}"
                lines.append(f"    <{name}{attrs}>{escape(str(obj))}</{name}>")
            else:
                lines.append(f"    <{name} rdf:resource={quoteattr(str(obj))}/>")
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _sort_key(obj: object) -> tuple[str, str, str]:
    if isinstance(obj, Literal):
        return ("1", str(obj), obj.language or str(obj.datatype or ""))
    return ("0", str(obj), "")
