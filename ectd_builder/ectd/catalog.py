"""The official schema files the tool knows, with their published checksums and where they come from.

One table of facts. Each entry names the checksum's source:

* ``ectd-spec 1.1`` / ``ectd-spec 2.2``: the values given in ``reference/ectd-spec.md`` (the ICH DTD
  and stylesheet values match the EU validation criteria 1.3/2.3; the EU 3.1 values were hashed
  from the EMA files as carried by dayzero/ectd_indexer and are still to be compared with EMA's
  own checksum table).
* ``shared MD5SUMS``: the checksum of the byte copies described in ``shared/standards/PROVENANCE.md``
  (public repositories that carry the agency files unchanged). No agency-published value was
  available for these; they pin the exact bytes the project was tested with.

``url`` is an official direct download address where one is known, ``None`` where the publisher
ships the file only inside a package (ZIP) or the address could not be verified; ``url_note`` says which.
"""

from __future__ import annotations

from dataclasses import dataclass

SRC_SPEC_ICH = "ectd-spec.md 1.1 (matches EU validation criteria 1.3 / 2.3)"
SRC_SPEC_EU31 = "ectd-spec.md 2.2 (hashed from the EMA v3.1 files; not yet compared with EMA's table)"
SRC_COPIES = "shared/standards/MD5SUMS: byte copies described in PROVENANCE.md"

_ICH_PAGE = "ICH eCTD v3.2.2 specification package (ZIP) on ich.org; no direct file address"
_EU_PAGE = "EMA eSubmission EU Module 1 package (ZIP) on esubmission.ema.europa.eu; no direct file address"
_FDA_CV = "FDA eCTD value list (XML) published on fda.gov; direct address not verified here"
_CN_PAGE = "CDE eCTD technical specification V1.1 attachment package (ZIP); no direct file address"
_EU_M1_PAGE = "https://esubmission.ema.europa.eu/eumodule1/index.htm"


@dataclass(frozen=True)
class StandardPackage:
    """A publisher's ZIP package; ``verified`` is False while the address was not confirmed online.

    ``url`` is the package's own download address (``None`` while none is known: fetch cannot take
    files from it, and says where the package is offered: ``page``).
    """

    url: str | None
    source: str
    verified: bool
    page: str = ""  # the publisher's page that offers the package


# Candidate address of the ICH eCTD v3.2.2 specification package. It could not be confirmed online
# from here (no network), hence verified=False. The member paths (util/dtd, util/style: the layout a
# sequence's util folder uses) are equally unconfirmed against the real package.
PACKAGES: dict[str, StandardPackage] = {
    "ich-ectd-3.2.2": StandardPackage(
        "https://admin.ich.org/sites/default/files/inline-files/eCTD_Specification_v3_2_2_0.zip",
        "ich.org eCTD page, 'eCTD Specification v3.2.2' download (candidate; not confirmed online)",
        False,
    ),
    # EU Module 1: EMA's eSubmission EU Module 1 page offers each version's DTD/stylesheet package;
    # the page address is confirmed by public sources (e.g. dayzero/ectd_indexer README), the ZIPs'
    # own addresses and member paths were not found (a public note calls the v3.1 download a "util"
    # package holding the eCTD util folder: util/dtd/*.dtd|mod, util/style/*.xsl -> assumed here).
    **{
        f"eu-m1-{version}": StandardPackage(
            None,
            f"EMA eSubmission EU Module 1 page, EU M1 {version} DTD package "
            "(address of the ZIP not found; members assumed util/dtd, util/style)",
            False,
            _EU_M1_PAGE,
        )
        for version in ("3.1", "3.0.1", "2.0", "1.4")
    },
    # CN: CDE's notice of the eCTD technical specification offers "eCTD技术规范V1.1附件包" (attachment
    # package); its 2020 draft notice lists 附件1-1 区域Schema文件 (cn-regional-1-0.xsd) and 附件1-2
    # 受控词汇文件包 (code lists). A public extracted copy (juyuanjuyuan/eCTD_tool, reference/
    # eCTD技术规范V1.1附件包/附件1-2：受控词汇文件包/cv-regulatory-activity-type.xml) shows the folder
    # names; the ZIP's address and the schema's folder were not confirmed.
    "cn-m1-1.0": StandardPackage(
        None,
        "CDE eCTD技术规范V1.1附件包 (address of the ZIP not found; members from a public extracted copy)",
        False,
        "https://www.cde.org.cn (eCTD 技术规范 V1.1 notice, 技术规范附件)",
    ),
}
_ICH_PKG = "ich-ectd-3.2.2"


@dataclass(frozen=True)
class StandardFile:
    """One official file of the standards store, stored at ``<set_name>/<file_name>``."""

    set_name: str
    file_name: str
    md5: str
    checksum_source: str
    publisher: str
    url: str | None = None
    url_note: str = ""
    package: str | None = None  # key into PACKAGES: the ZIP fetch takes the file from (its address is known)
    member: str | None = None  # the file's path inside that ZIP (or inside ``offered_in``'s)
    offered_in: str | None = None  # key into PACKAGES: the publisher's ZIP, while its address is unknown

    @property
    def source_package(self) -> str | None:
        """The package the file comes in, whether fetch can download it (``package``) or not."""
        return self.package or self.offered_in

    @property
    def key(self) -> str:
        return f"{self.set_name}/{self.file_name}"


def _eu(version: str, sums: dict[str, str], source: str) -> tuple[StandardFile, ...]:
    package = f"eu-m1-{version}" if f"eu-m1-{version}" in PACKAGES else None
    return tuple(
        StandardFile(f"eu-m1-{version}", name, md5, source, "EMA eSubmission", None, _EU_PAGE,
                     member=f"util/{'style' if name.endswith('.xsl') else 'dtd'}/{name}" if package else None,
                     offered_in=package)
        for name, md5 in sums.items()
    )


def _cn(file_name: str, md5: str, folder: str) -> StandardFile:
    return StandardFile("cn-m1-1.0", file_name, md5, SRC_COPIES, "NMPA / CDE", None, _CN_PAGE,
                        member=f"{folder}/{file_name}", offered_in="cn-m1-1.0")


_CN_SCHEMA = "附件1-1：区域Schema文件"  # folder name from the CDE notice's attachment list (not seen in a copy)
_CN_CV = "附件1-2：受控词汇文件包"  # folder name seen in the public extracted copy


CATALOG: tuple[StandardFile, ...] = (
    StandardFile(
        "ich-ectd-3.2",
        "ich-ectd-3-2.dtd",
        "1d6f631cc6b6357f0f4fe378e5f79a27",
        SRC_SPEC_ICH,
        "ICH",
        None,
        _ICH_PAGE,
        package=_ICH_PKG,
        member="util/dtd/ich-ectd-3-2.dtd",
    ),
    StandardFile(
        "ich-ectd-3.2",
        "ectd-2-0.xsl",
        "3a07a202455e954a2eb203c5bb443f77",
        SRC_SPEC_ICH,
        "ICH",
        None,
        _ICH_PAGE,
        package=_ICH_PKG,
        member="util/style/ectd-2-0.xsl",
    ),
    StandardFile("ich-stf-2.2", "ich-stf-v2-2.dtd", "0972c10a4dadf3df5d2f41b2026a4a5c", SRC_COPIES, "ICH", None, _ICH_PAGE),
    *_eu(
        "3.1",
        {
            "eu-regional.dtd": "f8e473246d58499f9ffff8e51a32380d",
            "eu-envelope.mod": "cf059a8f48c68fe4ce9ad2947ab854ca",
            "eu-leaf.mod": "23b854174e61c68044b9f53c0009af95",
            "eu-regional.xsl": "474f3fe1fdadb31c74477793e060383d",
        },
        SRC_SPEC_EU31,
    ),
    *_eu(
        "3.0.1",
        {
            "eu-regional.dtd": "290503bf171e7e2e80ef90f0bde5d91e",
            "eu-envelope.mod": "d0727ae0fb68b19edae49ab9e2e22a4a",
            "eu-leaf.mod": "23b854174e61c68044b9f53c0009af95",
            "eu-regional.xsl": "0107179c3739ebbd6b00ce492fe6e1e7",
        },
        SRC_COPIES,
    ),
    *_eu(
        "2.0",
        {
            "eu-regional.dtd": "487d2fedece3c41073884bfe00c88b8c",
            "eu-envelope.mod": "5e40c1c7971e6974c1688756f3fc3bb4",
            "eu-leaf.mod": "abcff304aa9b094b905f18f4a729b58e",
            "eu-regional.xsl": "bf40b657579356c7b4d6c866625d8171",
        },
        SRC_COPIES,
    ),
    *_eu(
        "1.4",
        {
            "eu-regional.dtd": "1150058c36f616a7885a1a1ba2168a82",
            "eu-envelope.mod": "8233677b30c5621e593080dcb8696119",
            "eu-leaf.mod": "f3a69e8e81bb83842ceeca044d5cf7b1",
            "eu-regional.xsl": "54f9889822e1d08cc23b902fc6a66aaa",
        },
        SRC_COPIES,
    ),
    *_eu(
        "1.3",
        {
            "eu-regional.dtd": "ababfd5cebcd84d0a7be0871384208f6",
            "eu-envelope.mod": "ff37e2a27943b8aeb9282b45a095d628",
            "eu-leaf.mod": "89a7f37f4f9730b0b08a7cbe55b20822",
            "eu-regional.xsl": "67405509ea89c629e21e56788698c6e8",
        },
        SRC_COPIES,
    ),
    StandardFile(
        "fda-m1-3.3",
        "us-regional-v3-3.dtd",
        "bea39be6d3a1716262a30a87657bce2d",
        SRC_COPIES,
        "FDA",
        "https://www.accessdata.fda.gov/static/eCTD/us-regional-v3-3.dtd",
        "address from FDA M1 backbone specification v2.6 (ectd-spec.md 2.1, S5); byte identity not verified online",
    ),
    StandardFile("fda-m1-3.3", "application-type.xml", "42918a001f9d32d0482a54eeb3a1c5e4", SRC_COPIES, "FDA", None, _FDA_CV),
    StandardFile(
        "fda-m1-3.3", "applicant-contact-type.xml", "027a5d401af7d612889a9959b15e81fa", SRC_COPIES, "FDA", None, _FDA_CV
    ),
    StandardFile("fda-m1-3.3", "telephone-number-type.xml", "68a98744b1cc00754805ddd3e3275de1", SRC_COPIES, "FDA", None, _FDA_CV),
    _cn("cn-regional-1-0.xsd", "2ec24c065397df60d8822becbda3dfde", _CN_SCHEMA),
    _cn("cv-regulatory-activity-type.xml", "fbb303d4a798b99071c44ac213de00d3", _CN_CV),
    _cn("cv-sequence-type.xml", "2c84399af458abba8b8ef141171c307e", _CN_CV),
)

SETS: tuple[str, ...] = tuple(dict.fromkeys(f.set_name for f in CATALOG))

# Files each region's sequence carries in util/ (store key -> path inside the sequence).
# FDA: the us-regional.xml DOCTYPE points at FDA's web address (M1 spec >= 2.0), the local copy
# in util/dtd is for offline reading. JP: no regional file is available (see PROVENANCE.md).
_ICH_UTIL = (
    ("ich-ectd-3.2/ich-ectd-3-2.dtd", "util/dtd/ich-ectd-3-2.dtd"),
    ("ich-ectd-3.2/ectd-2-0.xsl", "util/style/ectd-2-0.xsl"),
)
UTIL_FILES: dict[str, tuple[tuple[str, str], ...]] = {
    "us": _ICH_UTIL + (("fda-m1-3.3/us-regional-v3-3.dtd", "util/dtd/us-regional-v3-3.dtd"),),
    "eu": _ICH_UTIL
    + (
        ("eu-m1-3.1/eu-regional.dtd", "util/dtd/eu-regional.dtd"),
        ("eu-m1-3.1/eu-envelope.mod", "util/dtd/eu-envelope.mod"),
        ("eu-m1-3.1/eu-leaf.mod", "util/dtd/eu-leaf.mod"),
        ("eu-m1-3.1/eu-regional.xsl", "util/style/eu-regional.xsl"),
    ),
    "jp": _ICH_UTIL,
    "cn": _ICH_UTIL + (("cn-m1-1.0/cn-regional-1-0.xsd", "util/dtd/cn-regional-1-0.xsd"),),
}


def catalog_entry(set_name: str, file_name: str) -> StandardFile | None:
    """The catalog entry for ``set_name/file_name``, or None when the tool does not know the file."""
    for entry in CATALOG:
        if entry.set_name == set_name and entry.file_name == file_name:
            return entry
    return None
