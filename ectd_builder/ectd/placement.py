"""Where a planned file goes: backbone, heading chain (with keyed attributes), folder and file name."""

from __future__ import annotations

import hashlib
import posixpath
from collections import Counter
from dataclasses import dataclass

from ectd_builder import ctd
from ectd_builder.ectd import naming
from ectd_builder.ectd.model import REGIONAL_KEY, Heading, PlannedFile
from ectd_builder.errors import EctdError
from ectd_builder.sequence.model import regional_file

M1_ELEMENT = "m1-administrative-information-and-prescribing-information"
# The regions this tool writes a regional backbone for (JP has no v3.2.2 regional schema here).
REGIONAL_ROOT = {"us": "m1-regional", "eu": "m1-eu", "cn": "cn-content"}
REGIONAL_FILE = {region: regional_file(region) for region in REGIONAL_ROOT}


@dataclass(frozen=True)
class Placed:
    """A planned file with its place in the sequence (``rel`` is relative to the sequence folder)."""

    planned: PlannedFile
    id: str
    placement: tuple[Heading, ...]
    backbone: str  # "index" or "regional"
    rel: str


def leaf_id(key: str) -> str:
    """Stable XML ID from a content key (an XML Name: starts with a letter)."""
    return "L" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def regional_leaf_id() -> str:
    return leaf_id(REGIONAL_KEY)


def _attrs(pairs: list[tuple[str, str | None]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in pairs if v))


def _need(planned: PlannedFile, what: str, value: str | None) -> str:
    if not value:
        raise EctdError(
            f"'{planned.key}' at {planned.section} has no {what}",
            hint=f"the eCTD heading for {planned.section} requires the {what} attribute",
        )
    return value


def _keyed(code: str, p: PlannedFile) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """Attributes of the keyed heading ``code`` and the sub-folder its block gets (if any)."""
    if code in ("2.3.S", "3.2.S"):
        substance, manufacturer = _need(p, "substance", p.substance), _need(p, "manufacturer", p.manufacturer)
        return _attrs([("substance", substance), ("manufacturer", manufacturer)]), naming.slug(f"{substance}-{manufacturer}", 30)
    if code in ("2.3.P", "3.2.P"):
        name = _need(p, "product name", p.product_name)
        attrs = _attrs([("product-name", name), ("dosageform", p.dosage_form), ("manufacturer", p.manufacturer)])
        return attrs, naming.slug("-".join(x for x in (name, p.dosage_form) if x), 30)
    if code == "3.2.P.4":
        name = _need(p, "excipient", p.excipient)
        return _attrs([("excipient", name)]), naming.slug(name, 30)
    if code in ("3.2.A.1", "3.2.A.2"):
        attrs = _attrs(
            [
                ("manufacturer", p.manufacturer),
                ("substance", p.substance),
                ("dosageform", p.dosage_form),
                ("product-name", p.product_name),
            ]
        )
        return attrs, None
    return (), None


def place_ctd(p: PlannedFile) -> tuple[tuple[Heading, ...], str, str]:
    """Heading chain, folder and default stem for a Module 2.3 / 3 file."""
    chain = ctd.lineage(p.section)
    if not chain[-1].lowest:
        raise EctdError(
            f"'{p.key}' is placed at {p.section}, which is not a lowest-level heading",
            hint="place documents only in lowest-level sections (EU criterion 10.1)",
        )
    headings: list[Heading] = []
    folders: list[str] = []
    for s in chain:
        attrs, sub = _keyed(s.code, p)
        headings.append(Heading(s.element, attrs))
        if s.folder:
            folders.append(s.folder)
        if sub and s.folder:
            folders.append(sub)
    stem = p.file_stem or chain[-1].file or naming.slug(p.title)
    if not p.file_stem and chain[-1].code in ("2.3.S", "2.3.P", "3.2.A.1", "3.2.A.2"):
        keyed = "-".join(x for x in (p.substance, p.product_name, p.dosage_form, p.manufacturer) if x)
        stem = f"{stem}-{naming.slug(keyed, 30)}" if keyed else stem
    return tuple(headings), "/".join(folders), stem


def place_m1(p: PlannedFile, region: str, countries: tuple[str, ...]) -> tuple[tuple[Heading, ...], str, str, str]:
    """Heading chain, folder, stem and backbone for a Module 1 attachment."""
    entry = ctd.m1_section(region, p.section)
    if entry is None:
        raise EctdError(
            f"'{p.key}': Module 1 section '{p.section}' has no place in the {region} Module 1",
            hint=(
                "use a regional Module 1 code or purpose listed in ectd_builder/ctd/m1.yaml,"
                " or limit the attachment's jurisdictions"
            ),
        )
    wanted = p.section.strip().lower()
    stem = p.file_stem or (wanted if wanted in entry.purposes else entry.purposes[0] if entry.purposes else naming.slug(p.title))
    folder = posixpath.join("m1", region, entry.folder) if entry.folder else posixpath.join("m1", region)
    if region == "jp":
        return (Heading(M1_ELEMENT),), folder, stem, "index"
    headings = [Heading(REGIONAL_ROOT[region])]
    for name in entry.path:
        attrs = (("form-type", entry.form_type),) if name == "form" and entry.form_type else ()
        headings.append(Heading(name, attrs))
    if entry.specific:
        country = countries[0] if len(countries) == 1 else "common"
        headings.append(Heading("specific", (("country", country),)))
        folder = posixpath.join(folder, country)
    return tuple(headings), folder, stem, "regional"


def place_all(
    files: tuple[PlannedFile, ...] | list[PlannedFile],
    region: str,
    countries: tuple[str, ...] = (),
) -> list[Placed]:
    """Place every file; names are made unique per folder deterministically (by content key)."""
    keys = [f.key for f in files]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise EctdError(f"content key(s) used twice: {', '.join(duplicates)}", hint="every document needs its own key")
    staged: list[tuple[PlannedFile, tuple[Heading, ...], str, str, str]] = []
    for p in files:
        if not p.title.strip():
            raise EctdError(f"'{p.key}' has an empty title", hint="every leaf needs a title (EU criterion 11.3)")
        if ctd.is_known(p.section):
            headings, folder, stem = place_ctd(p)
            backbone = "index"
        else:
            headings, folder, stem, backbone = place_m1(p, region, countries)
        staged.append((p, headings, folder, naming.file_name(stem, p.ext), backbone))
    counts = Counter((folder, name) for _, _, folder, name, _ in staged)
    crowded = {spot for spot, n in counts.items() if n > 1}
    staged = [
        (
            p,
            h,
            folder,
            naming.file_name(naming.slug(p.title), p.ext) if (folder, name) in crowded and not p.file_stem else name,
            b,
        )
        for p, h, folder, name, b in staged
    ]
    taken: dict[str, str] = {}
    placed: list[Placed] = []
    for p, headings, folder, name, backbone in sorted(staged, key=lambda s: s[0].key):
        rel = posixpath.join(folder, name)
        if rel in taken:
            rel = posixpath.join(folder, naming.shorten(name, naming.MAX_NAME, p.key))
        taken[rel] = p.key
        placed.append(Placed(p, leaf_id(p.key), headings, backbone, rel))
    order = {p.key: i for i, p in enumerate(files)}
    return sorted(placed, key=lambda x: order[x.planned.key])


def fit_paths(placed: list[Placed], sequence: str, max_path: int) -> tuple[list[Placed], list[str]]:
    """Shorten file names whose ``NNNN/path`` exceeds ``max_path``; report folders that cannot fit."""
    out: list[Placed] = []
    errors: list[str] = []
    for item in placed:
        full = f"{sequence}/{item.rel}"
        if len(full) > max_path:
            folder, name = posixpath.split(item.rel)
            budget = max_path - len(sequence) - 2 - len(folder)
            try:
                item = Placed(
                    item.planned,
                    item.id,
                    item.placement,
                    item.backbone,
                    posixpath.join(folder, naming.shorten(name, min(budget, naming.MAX_NAME), item.planned.key)),
                )
            except ValueError:
                errors.append(f"{full} ({len(full)} characters; limit {max_path})")
        for part in item.rel.split("/"):
            reason = naming.check_name(part)
            if reason:
                errors.append(f"{item.rel}: {reason}")
        out.append(item)
    return out, errors


def place_sequence(
    files: tuple[PlannedFile, ...] | list[PlannedFile],
    region: str,
    countries: tuple[str, ...],
    sequence: str,
    max_path: int,
) -> list[Placed]:
    """Every file placed and fitted to the path limit; known before anything is rendered (the
    renderer links documents by these paths). Raises :class:`EctdError` when a path cannot fit."""
    placed, errors = fit_paths(place_all(files, region, countries), sequence, max_path)
    if errors:
        raise EctdError(f"{len(errors)} file path(s) break the naming rules: {'; '.join(errors[:5])}")
    return placed
