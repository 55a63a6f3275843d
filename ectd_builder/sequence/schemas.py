"""The one backbone validator: DTD/XSD validation against the official files in the standards store.

Used by ``ectd build`` (its own backbones, before the sequence is renamed into place) and by
``ectd check`` (anyone's). :func:`choose` picks the schema from what a backbone declares
(``dtd-version`` / ``schema-version``), never from the copy inside the sequence's ``util/``
folder; when no schema exists for the declared version (JP), it says why, and the caller reports
the check as not run.

The CN XSD imports ``xlink.xsd`` and ``xml.xsd``, which the CDE package carries but the store does
not; the small stand-ins written for this project (``sequence/xsd/``) are served through a
resolver, so nothing is fetched from the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ectd_builder.check import xmlsafe
from ectd_builder.ectd import standards
from ectd_builder.sequence.model import Backbone

STANDINS = Path(__file__).resolve().parent / "xsd"
MAX_SCHEMA_ERRORS = 25
_ICH_INDEX = ("ich-ectd-3.2", "ich-ectd-3-2.dtd")


@dataclass(frozen=True)
class SchemaChoice:
    set_name: str | None
    file_name: str | None
    reason: str = ""  # why there is no schema (when set_name is None)


@dataclass(frozen=True)
class SchemaError:
    line: int | None
    message: str

    def text(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


def choose(backbone: Backbone) -> SchemaChoice:
    """Which official schema validates ``backbone``."""
    if backbone.path == "index.xml":
        if backbone.dtd_version not in (None, "3.2"):
            return SchemaChoice(None, None, f"no ICH DTD for dtd-version '{backbone.dtd_version}'")
        return SchemaChoice(*_ICH_INDEX)
    region, version = backbone.region, backbone.dtd_version
    if region == "eu":
        set_name = f"eu-m1-{version}"
        if set_name not in standards.SETS:
            return SchemaChoice(None, None, f"no EU Module 1 DTD known for dtd-version '{version}'")
        return SchemaChoice(set_name, "eu-regional.dtd")
    if region == "us":
        if version != "3.3":
            return SchemaChoice(None, None, f"no FDA Module 1 DTD known for dtd-version '{version}'")
        return SchemaChoice("fda-m1-3.3", "us-regional-v3-3.dtd")
    if region == "cn":
        if backbone.schema_version != "1.0":
            return SchemaChoice(None, None, f"no CN Module 1 XSD known for schema-version '{backbone.schema_version}'")
        return SchemaChoice("cn-m1-1.0", "cn-regional-1-0.xsd")
    if region == "jp":
        return SchemaChoice(None, None, "the Japanese regional Module 1 schema is not available to this tool")
    return SchemaChoice(None, None, f"unknown regional backbone root '{backbone.root}'")


class _StandIns(etree.Resolver):
    """Serve the XLink and xml: attribute schemas the CN XSD imports, without the network."""

    # lxml calls resolve(system_url, public_id, context); lxml-stubs leaves out the context and resolve_filename
    def resolve(self, system_url: str, public_id: str, context: object) -> object:  # type: ignore[override]
        name = (system_url or "").rsplit("/", 1)[-1]
        if name in ("xlink.xsd", "xml.xsd"):
            return self.resolve_filename(str(STANDINS / name), context)  # type: ignore[attr-defined]
        return None


@lru_cache(maxsize=32)
def load(path: str) -> etree.DTD | etree.XMLSchema:
    """The compiled DTD or XSD at ``path`` (cached: the store's files do not change during a run)."""
    if path.endswith(".xsd"):
        parser = xmlsafe.parser()
        parser.resolvers.add(_StandIns())
        return etree.XMLSchema(etree.parse(path, parser))
    return etree.DTD(path)


def validate(tree: etree._ElementTree, schema_path: Path, limit: int | None = MAX_SCHEMA_ERRORS) -> list[SchemaError]:
    """Validate ``tree``; at most ``limit`` errors (all when ``None``), empty when valid."""
    schema = load(str(schema_path))
    if schema.validate(tree):
        return []
    out = []
    for entry in schema.error_log:  # type: ignore[attr-defined]  # _ErrorLog is iterable; lxml-stubs says not
        out.append(SchemaError(entry.line if entry.line > 0 else None, entry.message))
        if limit is not None and len(out) >= limit:
            break
    return out
