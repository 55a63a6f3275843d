"""Match our documents to the leaves in force of a history another tool made.

Within one CTD section (the same innermost placement heading; ``specific`` country headings do not
count, a ``pi-doc`` counts by its ``type``), a document is matched to a leaf by, in this order:

* ``section+title``: the same title, normalised (case, punctuation and spacing ignored);
* ``section+file name``: the leaf's file name is our placed file name or our source file name;
* ``only leaf in section``: the section holds exactly one leaf of theirs and one document of ours.

A title or file name shared by two candidates matches nothing (no guessing). What is left is
reported unmatched on both sides.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from ectd_builder.ectd.model import Heading
from ectd_builder.ectd.placement import leaf_id

TITLE, FILE_NAME, ONLY = "section+title", "section+file name", "only leaf in section"
_SKIP = {"specific", "pi-doc"}


def normalise(text: str) -> str:
    """Lower case, every run of non-alphanumerics one space: ``"Application Form"`` == ``"application-form"``."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def file_name(path: str) -> str:
    """The normalised file name without its extension."""
    return normalise(posixpath.splitext(posixpath.basename(path))[0])


def section_of(placement: tuple[Heading, ...]) -> str:
    """The section a leaf sits in: its innermost heading other than ``specific`` (and ``pi-doc``, by type)."""
    names = [h.element for h in placement if h.element not in _SKIP]
    kind = next((v for h in placement if h.element == "pi-doc" for k, v in h.attrs if k == "type"), None)
    return (names[-1] if names else "") + (f"[{kind}]" if kind else "")


@dataclass(frozen=True)
class Side:
    """A document of ours or a leaf of theirs, reduced to what matching compares."""

    ref: str  # ours: content key; theirs: NNNN/backbone#ID
    section: str
    title: str
    names: frozenset[str]  # normalised file names


@dataclass(frozen=True)
class Match:
    ours: Side
    theirs: Side
    reason: str

    def describe(self) -> str:
        """``key (our leaf ID) -> NNNN/backbone#ID  [reason]``."""
        return f"{self.ours.ref} ({leaf_id(self.ours.ref)}) -> {self.theirs.ref}  [{self.reason}]"


@dataclass(frozen=True)
class Matching:
    matches: list[Match]
    unmatched_ours: list[Side]
    unmatched_theirs: list[Side]


def _by(ours: list[Side], theirs: list[Side], value: Callable[[Side], frozenset[str]], reason: str) -> list[Match]:
    """Pairs whose ``value`` sets share exactly one value that no other candidate on either side has."""
    found: list[Match] = []
    for o in ours:
        hits = [t for t in theirs if value(o) & value(t)]
        rivals = [x for x in ours if x is not o and hits and value(x) & value(hits[0])]
        if len(hits) == 1 and not rivals:
            found.append(Match(o, hits[0], reason))
    return found


def _title(side: Side) -> frozenset[str]:
    return frozenset({normalise(side.title)} - {""})


def _names(side: Side) -> frozenset[str]:
    return side.names - {""}


def _section(ours: list[Side], theirs: list[Side]) -> list[Match]:
    matches: list[Match] = []
    left_o, left_t = list(ours), list(theirs)
    for value, reason in ((_title, TITLE), (_names, FILE_NAME)):
        for m in _by(left_o, left_t, value, reason):
            matches.append(m)
            left_o.remove(m.ours)
            left_t.remove(m.theirs)
    if len(ours) == 1 and len(theirs) == 1 and left_o and left_t:
        matches.append(Match(left_o[0], left_t[0], ONLY))
    return matches


def match(ours: list[Side], theirs: list[Side]) -> Matching:
    """Match section by section, in the order of our documents."""
    matches: list[Match] = []
    for section in dict.fromkeys(o.section for o in ours):
        matches += _section([o for o in ours if o.section == section], [t for t in theirs if t.section == section])
    claimed_o = {m.ours.ref for m in matches}
    claimed_t = {m.theirs.ref for m in matches}
    return Matching(
        matches,
        [o for o in ours if o.ref not in claimed_o],
        [t for t in theirs if t.ref not in claimed_t],
    )
