"""``submissions/<j>/adopted.yaml``: which of our documents continue which leaf of an adopted history.

``ectd import-history`` writes the file; the user may edit it; every build reads it back
(:func:`ectd_builder.ectd.history.read_history`) with :func:`read_adoption`. Format (version 1)::

    format: ectd-builder-adopted/1
    jurisdiction: ema
    source: /where/the/application/came/from      # for the reader only
    imported: ["0000", "0001"]                      # the sequences another tool made
    adopted:                                        # our document -> their leaf it continues
      - key: "attachment:form"                      # our content key (its leaf ID is derived from it)
        theirs: "0000/m1/eu/eu-regional.xml#ID00001319"   # sequence/backbone file#leaf ID
        reason: section+title                       # why it was matched (edited by hand: anything)
    unmatched_ours: ["attachment:lit"]              # for the reader: new leaves in the next build
    unmatched_theirs: ["0000/index.xml#ID00000587"] # for the reader: kept in force, never deleted

A leaf of an imported sequence that no entry claims stays in force as it is: the next build
neither replaces nor deletes it. A claimed leaf is replaced by our document (``modified-file``
pointing at their sequence and backbone). Every defect of an edited file is a located problem.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from ectd_builder.ectd.history import ADOPTED_FILE
from ectd_builder.ectd.placement import leaf_id
from ectd_builder.problems import Problem, Severity

__all__ = ["ADOPTED_FILE", "Adoption", "AdoptedLeaf", "Entry", "leaf_ref", "read_adoption", "render_adoption"]

FORMAT = "ectd-builder-adopted/1"
_REF = re.compile(r"^\d{4}/[^#\s]+#[^#\s]+$")


def leaf_ref(sequence: str, backbone_file: str, leaf: str) -> str:
    """``NNNN/backbone#ID``: a leaf of the application, the way ``adopted.yaml`` names it."""
    return f"{sequence}/{backbone_file}#{leaf}"


class AdoptedLeaf(BaseModel):
    """One of our documents continuing one of their leaves."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(min_length=1, description="our content key, e.g. attachment:form")
    theirs: str = Field(description="their leaf: NNNN/backbone file#leaf ID")
    reason: str = "edited"

    @field_validator("theirs")
    @classmethod
    def _known_leaf(cls, value: str, info: ValidationInfo) -> str:
        if not _REF.match(value):
            raise ValueError(f"'{value}' is not NNNN/backbone#ID (e.g. 0000/index.xml#ID0001)")
        known = (info.context or {}).get("leaves")
        if known is not None and value not in known:
            raise ValueError(f"'{value}' is no leaf of the imported sequences")
        return value


class Adoption(BaseModel):
    """The whole file."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["ectd-builder-adopted/1"]
    jurisdiction: str
    source: str = ""
    imported: list[str] = Field(min_length=1)
    adopted: list[AdoptedLeaf] = []
    unmatched_ours: list[str] = []
    unmatched_theirs: list[str] = []

    @field_validator("imported")
    @classmethod
    def _frozen(cls, value: list[str], info: ValidationInfo) -> list[str]:
        frozen = (info.context or {}).get("sequences")
        missing = [s for s in value if frozen is not None and s not in frozen]
        if missing:
            raise ValueError(f"sequence(s) {', '.join(missing)} are not in the history folder")
        return value

    @field_validator("adopted")
    @classmethod
    def _once(cls, value: list[AdoptedLeaf]) -> list[AdoptedLeaf]:
        for what, counts in (("key", Counter(e.key for e in value)), ("leaf", Counter(e.theirs for e in value))):
            twice = sorted(k for k, n in counts.items() if n > 1)
            if twice:
                raise ValueError(f"{what} {', '.join(twice)} is adopted more than once")
        return value

    def key_of(self, sequence: str, backbone_file: str, leaf: str) -> str | None:
        """The ID the planner matches a leaf in force by: ours for an adopted leaf, the leaf's own ID
        for a leaf we made, None for a leaf of theirs nobody claims (kept as it is)."""
        if sequence not in self.imported:
            return leaf
        ref = leaf_ref(sequence, backbone_file, leaf)
        return next((leaf_id(e.key) for e in self.adopted if e.theirs == ref), None)


@dataclass(frozen=True)
class Read:
    value: Adoption | None
    problems: list[Problem]


def read_adoption(app_dir: Path, leaves: set[str], sequences: list[str]) -> Read:
    """Read ``app_dir/adopted.yaml``; ``leaves`` (``NNNN/backbone#ID``) and ``sequences`` are the
    history's, so an edited reference to a leaf or sequence that does not exist is located."""
    from ectd_builder.jurisdiction.load import read

    path = app_dir / ADOPTED_FILE
    found = read(path, Adoption, context={"leaves": leaves, "sequences": set(sequences)})
    problems = list(found.problems)
    if found.value is not None and found.value.jurisdiction != app_dir.name:
        problems.append(
            Problem("ADOPT-01", Severity.ERROR, f"jurisdiction '{found.value.jurisdiction}' is not {app_dir.name}", str(path))
        )
    return Read(found.value if not problems else None, problems)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _list(name: str, items: list[str]) -> list[str]:
    if not items:
        return [f"{name}: []"]
    return [f"{name}:", *(f"  - {_q(item)}" for item in items)]


@dataclass(frozen=True)
class Entry:
    """One line pair of the written file: the entry and the comment above it."""

    key: str
    theirs: str
    reason: str
    note: str  # e.g. "L0123... <- 'Application Form'"


HEADER = """\
# Adopted history: which of our documents continue which leaf of the sequences another tool made.
# Written by 'ectd import-history'; edit it freely, every build reads it back (errors are located).
#   adopted:          our content key -> their leaf (NNNN/backbone#ID): the next build replaces it
#   unmatched_ours:   our documents with no leaf of theirs: the next build adds them as new
#   unmatched_theirs: their leaves no document claims: kept in force, never deleted
# To adopt one more leaf, move it from unmatched_theirs into 'adopted' with the key of our document.
"""


def render_adoption(
    jurisdiction: str, source: str, imported: list[str], entries: list[Entry], ours: list[str], theirs: list[str]
) -> str:
    """The text of ``adopted.yaml`` (the header comment documents the format)."""
    lines = [f"format: {FORMAT}", f"jurisdiction: {jurisdiction}", f"source: {_q(source)}"]
    lines.append(f"imported: [{', '.join(_q(s) for s in imported)}]")
    lines.append("adopted:" if entries else "adopted: []")
    for e in entries:
        lines += [f"  # {e.note}", f"  - key: {_q(e.key)}", f"    theirs: {_q(e.theirs)}", f"    reason: {_q(e.reason)}"]
    lines += _list("unmatched_ours", ours) + _list("unmatched_theirs", theirs)
    return HEADER + "\n".join(lines) + "\n"
