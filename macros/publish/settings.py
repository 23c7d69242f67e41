"""Open-data settings: licence, attribution, publisher and contact, from `extra.open_data` in mkdocs.yml.

Every value has a default that is true for the KIK (the city's public contact from its own pages,
the licence the city's open data usually carries), so a build without the block is complete.
The operator overrides any of them in mkdocs.yml:

    extra:
      open_data:
        licence: {title: …, uri: …, url: …, spdx: …}
        attribution: "Stadt Kempten (Allgäu)"
        contact: {name: …, email: …, url: …}
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

# Datenlizenz Deutschland – Namensnennung – 2.0: the URI is the one DCAT-AP.de names, the URL the
# licence text published by GovData.
DEFAULT_LICENCE = {
    "title": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "uri": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
    "spdx": "DL-DE-BY-2.0",
}
DEFAULT_PUBLISHER = "Stadt Kempten (Allgäu)"
# The city's public contact as printed on its own pages (see shared sources, "Kontaktangaben").
DEFAULT_CONTACT = {"name": "Stadt Kempten (Allgäu) – Amt für Integration", "email": "poststelle@kempten.de"}
# Kempten's regional key (Amtlicher Regionalschlüssel) for dcatde:politicalGeocodingURI.
REGIONAL_KEY = "097630000000"

_LOCAL_HOSTS = {"localhost", ""}


@dataclass(frozen=True)
class OpenDataSettings:
    licence_title: str
    licence_uri: str
    licence_url: str
    licence_spdx: str
    attribution: str
    publisher: str
    contact_name: str
    contact_email: str | None
    contact_url: str | None

    @classmethod
    def from_extra(cls, extra: dict[str, Any] | None) -> OpenDataSettings:
        """Settings from the `extra` mapping of mkdocs.yml (missing keys take the defaults)."""
        block = (extra or {}).get("open_data") or {}
        licence = {**DEFAULT_LICENCE, **(block.get("licence") or {})}
        contact = {**DEFAULT_CONTACT, **(block.get("contact") or {})}
        publisher = str(block.get("publisher") or DEFAULT_PUBLISHER)
        return cls(
            licence_title=str(licence["title"]),
            licence_uri=str(licence["uri"]),
            licence_url=str(licence["url"]),
            licence_spdx=str(licence["spdx"]),
            attribution=str(block.get("attribution") or publisher),
            publisher=publisher,
            contact_name=str(contact["name"]),
            contact_email=str(contact["email"]) if contact.get("email") else None,
            contact_url=str(contact["url"]) if contact.get("url") else None,
        )


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: `!ENV` and `!!python/…` tags become None."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def load_settings(config_file: Path) -> OpenDataSettings:
    """Settings from a project's mkdocs.yml, for the build orchestrator (which runs without MkDocs)."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    return OpenDataSettings.from_extra(config.get("extra"))


def public_site_url(site_url: str | None) -> str | None:
    """The site's public address, or None when the site is built for this machine only.

    Absolute addresses in open data and in the DCAT catalogue only make sense for a published
    site: a catalogue naming http://127.0.0.1:8000/ would send a harvester (and every reader who
    follows a link) to their own machine. So a loopback or missing address counts as none.
    """
    if not site_url:
        return None
    parts = urlsplit(site_url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or host in _LOCAL_HOSTS:
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass  # a host name, not an address
    return site_url if site_url.endswith("/") else site_url + "/"
