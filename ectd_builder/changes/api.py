"""``ectd changes``: what changed in the process knowledge since each jurisdiction's last frozen sequence.

For each jurisdiction the baseline is the facts record ``submissions/<j>/NNNN.facts.json`` of its
last frozen sequence (or of ``since``); the dossier's current facts are compared with it, each
change is classified for each asked region, and a filing is proposed per region.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ectd_builder.changes.compare import Change, compare
from ectd_builder.changes.facts import collect_facts, write_facts
from ectd_builder.changes.record import FactsRecord, read_record
from ectd_builder.changes.rules import Category, RuleSet, classify, load_rules
from ectd_builder.dossier.model import Dossier
from ectd_builder.dossier.provenance import sources_of
from ectd_builder.ectd.api import HISTORY_DIR, FreezeResult, freeze_sequence
from ectd_builder.errors import EctdError
from ectd_builder.sequence.model import SEQUENCE_RE

FACTS_SUFFIX = ".facts.json"


def facts_path(root: Path, jurisdiction: str, sequence: str) -> Path:
    """Where the facts record of a frozen sequence lives: beside it, outside the eCTD folder."""
    return root / HISTORY_DIR / jurisdiction / f"{sequence}{FACTS_SUFFIX}"


@dataclass(frozen=True)
class Baseline:
    jurisdiction: str
    sequence: str
    path: Path


@dataclass
class Item:
    """A change with the jurisdictions whose baseline it differs from and its category in each."""

    change: Change
    file: str | None
    line: int | None
    col: int | None
    jurisdictions: list[str] = field(default_factory=list)
    categories: dict[str, Category] = field(default_factory=dict)


@dataclass(frozen=True)
class Filing:
    """The proposed filing of one region: its highest category over the changes classified."""

    region: str
    category: str | None
    filing: str
    codes: tuple[str, ...]
    classified: int
    pending: int  # changes that need assessment
    grouping: str | None = None


@dataclass
class ChangeReport:
    baselines: dict[str, Baseline]
    items: list[Item]
    filings: dict[str, Filing]

    @property
    def pending(self) -> int:
        """How many changes need assessment in at least one region (``ectd changes`` exits 1 then)."""
        return sum(1 for i in self.items if any(c.category is None for c in i.categories.values()))


def find_baseline(root: Path, jurisdiction: str, since: str | None = None) -> Baseline:
    """The facts record to compare with; EctdError naming the fix when there is none."""
    app_dir = root / HISTORY_DIR / jurisdiction
    if since is not None:
        if not SEQUENCE_RE.match(since):
            raise EctdError(f"--since '{since}' is not a four-digit sequence number", hint="use e.g. --since 0003")
        path = facts_path(root, jurisdiction, since)
        if not path.is_file():
            raise EctdError(
                f"{jurisdiction} has no facts record for sequence {since} ({path} is missing)",
                hint=f"give a sequence frozen with 'ectd freeze -j {jurisdiction}', which records the facts beside it",
            )
        return Baseline(jurisdiction, since, path)
    names: set[str] = set()
    if app_dir.is_dir():
        for entry in app_dir.iterdir():
            name = entry.name[: -len(FACTS_SUFFIX)] if entry.name.endswith(FACTS_SUFFIX) else entry.name
            if SEQUENCE_RE.match(name):
                names.add(name)
    if not names:
        raise EctdError(
            f"{jurisdiction} has no frozen sequence to compare with ({app_dir} holds none)",
            hint=f"build and freeze the sequence the agency has: 'ectd build -j {jurisdiction}' then "
            f"'ectd freeze -j {jurisdiction} --sequence NNNN' records what it was built from",
        )
    last = max(names)
    path = facts_path(root, jurisdiction, last)
    if not path.is_file():
        raise EctdError(
            f"the last frozen {jurisdiction} sequence {last} has no facts record ({path} is missing)",
            hint="it was frozen before 'ectd freeze' recorded facts; compare with an earlier record "
            "(--since NNNN) or freeze the next sequence with 'ectd freeze'",
        )
    return Baseline(jurisdiction, last, path)


def loaded_dossier(root: Path, purpose: str) -> Dossier:
    """The dossier at ``root``, loaded without errors; EctdError naming the fix otherwise."""
    from ectd_builder.dossier.loader import load_dossier

    loaded = load_dossier(root)
    if not loaded.ok or loaded.dossier is None:
        errors = sum(1 for p in loaded.problems if p.severity.value == "error")
        raise EctdError(
            f"the dossier at {root} has {errors} error(s); {purpose}",
            hint="run 'ectd validate' and fix them first",
        )
    return loaded.dossier


def freeze_with_facts(root: Path, jurisdiction: str, sequence: str, *, out_root: Path | None = None) -> tuple[FreezeResult, Path]:
    """Freeze a built sequence and record the dossier facts behind it (``submissions/<j>/NNNN.facts.json``).

    The dossier is loaded first: when it does not load, nothing is frozen."""
    dossier = loaded_dossier(root, "its facts cannot be recorded, so the sequence is not frozen")
    result = freeze_sequence(root, jurisdiction, sequence, out_root=out_root)
    return result, write_facts(dossier, facts_path(root, jurisdiction, sequence))


def _folded(changes: list[Change]) -> list[Change]:
    """A site added or removed together with its manufacturer entry is one change, the manufacturer's
    (it carries the roles the rules match on); the site's own facts go into its values."""
    sites = {c.entity: c for c in changes if c.entity_kind == "site" and c.field is None}
    out: list[Change] = []
    for c in changes:
        if c.entity_kind == "manufacturer" and c.field is None:
            site = sites.get("site:" + c.entity.rsplit("manufacturer:", 1)[1])
            if site is not None and site.kind.rsplit(".", 1)[1] == c.kind.rsplit(".", 1)[1]:
                sites.pop(site.entity)
                c = replace(c, old=_with_site(c.old, site.old), new=_with_site(c.new, site.new))
        out.append(c)
    return [c for c in out if not (c.entity_kind == "site" and c.field is None and c.entity not in sites)]


def _with_site(values: object, site: object) -> object:
    if isinstance(values, dict) and isinstance(site, dict):
        return {**values, "site_facts": site}
    return values


def _shown(dossier: Dossier) -> tuple[dict[str, str], str]:
    """File names as problems show them (relative -> shown), and the prefix for files not loaded now."""
    smap = sources_of(dossier)
    shown = dict(smap.shown) if smap is not None else {}
    prefix = ""
    for rel, display in shown.items():
        if display.endswith(rel):
            prefix = display[: len(display) - len(rel)]
            break
    return shown, prefix


def _proposal(rules: RuleSet, cats: list[Category]) -> Filing:
    known = [c for c in cats if c.category is not None]
    pending = len(cats) - len(known)
    codes = tuple(sorted({c.code for c in known if c.code}))
    if not known:
        text = "nothing to file" if not cats else f"needs assessment ({pending} change{'s' if pending != 1 else ''})"
        return Filing(rules.region, None, text, codes, 0, pending)
    top = min(known, key=lambda c: rules.rank(c.category or "")).category
    assert top is not None
    text = rules.filing(top)
    grouping = rules.grouping if rules.grouping and len(codes) > 1 else None
    if codes:
        text += f"; {', '.join(codes)}"
    if pending:
        text += f"; provisional: {pending} change{'s' if pending != 1 else ''} need{'' if pending != 1 else 's'} assessment"
    return Filing(rules.region, top, text, codes, len(known), pending, grouping)


def changes_since(
    dossier: Dossier, root: Path, jurisdictions: list[str], since: str | None = None
) -> ChangeReport:
    """Compare ``dossier`` (loaded from ``root``) with each jurisdiction's baseline and classify."""
    current = collect_facts(dossier)
    baselines = {j: find_baseline(root, j, since) for j in jurisdictions}
    records: dict[Path, FactsRecord] = {}
    shown, prefix = _shown(dossier)
    merged: dict[tuple[str, str, str, str, str], Item] = {}
    for j, base in baselines.items():
        if base.path not in records:
            records[base.path] = read_record(base.path)
        for change in _folded(compare(records[base.path], current)):
            item = merged.get(change.key)
            if item is None:
                at = change.at
                file = None if at is None else shown.get(at[0], prefix + at[0])
                item = merged[change.key] = Item(change, file, at[1] if at else None, at[2] if at else None)
            item.jurisdictions.append(j)
    rulesets = {j: load_rules(j) for j in jurisdictions}
    items = sorted(merged.values(), key=lambda i: (i.file or "", i.line or 0, i.col or 0, i.change.entity, i.change.field or ""))
    for item in items:
        for j in item.jurisdictions:
            cat = classify(item.change, rulesets[j])
            if cat.at is not None:  # where the dossier declares it, named as the change's file is
                cat = replace(cat, at=(shown.get(cat.at[0], prefix + cat.at[0]), cat.at[1], cat.at[2]))
            item.categories[j] = cat
    filings = {j: _proposal(rulesets[j], [i.categories[j] for i in items if j in i.categories]) for j in jurisdictions}
    return ChangeReport(baselines, items, filings)
