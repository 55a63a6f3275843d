"""Compare two sequences, applications or builds: what is in force after A against after B.

``A`` and ``B`` may each be a sequence folder (``index.xml``), an application folder (``NNNN``
sequences) or a build folder (``<jurisdiction>/NNNN``). A sequence is seen with the history
beside it (its earlier sibling sequences); a new build compared with the submitted history
(``diff submissions/fda/0000 build/fda/0001``) borrows A's sequences for B's ``modified-file``
targets. Documents are matched by lifecycle (same originating leaf), then by section and title,
then by section and file name; what is left is matched by identical bytes or title (moved).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ectd_builder.check.filekind import refusal
from ectd_builder.diff.labels import leaf_label, leaf_section_code, lifecycle_text
from ectd_builder.diff.model import Cause, Change, DiffResult, SideBySide, sort_key
from ectd_builder.diff.pdftext import pdf_lines, rendered_by_project
from ectd_builder.diff.sides import Side, open_path, same_application
from ectd_builder.diff.textdiff import changed_count, side_by_side
from ectd_builder.errors import EctdError
from ectd_builder.sequence.lifecycle import Entry, Event, replay
from ectd_builder.sequence.model import Leaf, SequenceDoc, effective_number

# pypdf holds a whole PDF in memory to extract its text: a leaf over this size (the largest
# rendered document of the examples is under 1 MB) is compared by its bytes' checksum only.
MAX_TEXT_PDF_BYTES = 100 * 1024 * 1024

DiffProgress = Callable[[str, int, int, str], None]  # (phase, done, total, label): the CLI draws it


@dataclass(frozen=True)
class Doc:
    """A document in force on one side."""

    entry: Entry
    leaf: Leaf
    path: Path | None  # the file, when it exists and may be read
    checksum: str | None
    refused: str | None = None  # why the file was not read ("is a symbolic link"), when it was not
    region: str | None = None  # of the sequence the leaf is in: titles Module 1 headings

    @property
    def label(self) -> str:
        return leaf_label(self.leaf, self.region)

    @property
    def code(self) -> str:
        return leaf_section_code(self.leaf, self.region)

    @property
    def section(self) -> str:
        return self.leaf.section_key

    @property
    def title(self) -> str:
        return (self.leaf.title or "").strip()

    @property
    def basename(self) -> str:
        return (self.leaf.href or "").rsplit("/", 1)[-1]


# ---- the documents in force on one side -------------------------------------------------------


def _with_borrowed(side: Side, other: Side) -> list[SequenceDoc]:
    """The side's sequences, plus the other side's earlier ones its modified-file targets name."""
    own = list(side.sequences)
    names = {s.name for s in own}
    wanted = {
        lf.target.sequence
        for s in own
        for lf in s.leaves
        if lf.target is not None and lf.target.sequence and lf.target.sequence not in names
    }
    first = min((effective_number(s) or "9999" for s in own), default="9999")
    borrowed = [s for s in other.sequences if s.name in wanted or (wanted and s.name < first and s.name not in names)]
    return [s for s in borrowed if s.name not in names and s.name < first] + own


def documents(side: Side, other: Side | None = None, progress: DiffProgress | None = None, phase: str = "") -> list[Doc]:
    """The documents in force on ``side``, each file hashed (``progress`` told of each, as ``phase``)."""
    seqs = _with_borrowed(side, other) if other is not None else list(side.sequences)
    if side.upto is not None:
        stop = next(effective_number(s) for s in seqs if s.name == side.upto) or side.upto
        seqs = [s for s in seqs if s.name == side.upto or (effective_number(s) or "") < stop]
    folders = {s.name: s.folder for s in seqs}
    regions = {s.name: s.region for s in seqs}
    out = []
    in_force = replay(seqs).in_force()
    for i, entry in enumerate(in_force):
        leaf = entry.last.leaf
        if progress is not None:
            progress(phase, i, len(in_force), leaf.file or leaf.id)
        path, refused = _resolve(leaf, folders, entry.last.sequence)
        out.append(Doc(entry, leaf, path, _checksum(path, leaf), refused, regions.get(entry.last.sequence)))
    if progress is not None:
        progress(phase, len(in_force), len(in_force), "")
    return out


def _resolve(leaf: Leaf, folders: dict[str, Path], sequence: str) -> tuple[Path | None, str | None]:
    """The leaf's file when it exists and may be read; else ``None`` and, if it exists, why it is not read.

    A link is never followed (it may point out of the sequence, at ``/etc/passwd``), and a FIFO or
    a device is never opened (the first blocks forever, the second never ends)."""
    if not leaf.file:
        return None, None
    head, _, rest = leaf.file.partition("/")
    base = folders.get(head)
    root, rel = (base, rest) if base is not None else (folders[sequence].parent, leaf.file)
    why = refusal(root, rel)
    if why is not None:
        return None, why
    path = root / rel
    return (path if path.is_file() else None), None


def _checksum(path: Path | None, leaf: Leaf) -> str | None:
    if path is None:
        return (leaf.checksum or "").lower() or None
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


# ---- matching ---------------------------------------------------------------------------------


def _match(left: list[Doc], right: list[Doc]) -> tuple[list[tuple[Doc, Doc]], list[Doc], list[Doc]]:
    pairs: list[tuple[Doc, Doc]] = []
    rest_l, rest_r = list(left), list(right)
    keys: Sequence[Callable[[Doc], object]] = (
        lambda d: (d.entry.key, d.entry.events[0].leaf.section_key),
        lambda d: (d.section, d.title),
        lambda d: (d.section, d.basename),
    )
    for key in keys:
        found, rest_l, rest_r = _pair_unique(rest_l, rest_r, key)
        pairs += found
    return pairs, rest_l, rest_r


def _pair_unique(
    left: list[Doc], right: list[Doc], key: Callable[[Doc], object]
) -> tuple[list[tuple[Doc, Doc]], list[Doc], list[Doc]]:
    def index(docs: Iterable[Doc]) -> dict[object, list[Doc]]:
        out: dict[object, list[Doc]] = {}
        for d in docs:
            out.setdefault(key(d), []).append(d)
        return out

    li, ri = index(left), index(right)
    pairs = [(li[k][0], ri[k][0]) for k in li if k in ri and len(li[k]) == 1 and len(ri[k]) == 1 and k not in ("", None)]
    used_l = {id(a) for a, _ in pairs}
    used_r = {id(b) for _, b in pairs}
    return pairs, [d for d in left if id(d) not in used_l], [d for d in right if id(d) not in used_r]


# ---- comparing --------------------------------------------------------------------------------


def _lifecycle_cause(doc: Doc, other_names: set[str]) -> Cause | None:
    for event in reversed(doc.entry.events):
        if event.sequence not in other_names:
            return Cause("lifecycle", lifecycle_text(event.leaf, event.number or event.sequence))
    return None


def _replaced_since(doc: Doc, other_names: set[str]) -> Event | None:
    """The last replace of ``doc`` in a sequence the other side does not hold (same bytes or not)."""
    return next((e for e in reversed(doc.entry.events) if e.sequence not in other_names and e.operation == "replace"), None)


def _text_lines(a: Doc, b: Doc) -> tuple[tuple[SideBySide, ...], str]:
    if a.path is None or b.path is None:
        return (), "files not present: content not compared"
    if a.path.suffix.lower() != ".pdf" or b.path.suffix.lower() != ".pdf":
        return (), "not a PDF: text not compared"
    if max(a.path.stat().st_size, b.path.stat().st_size) > MAX_TEXT_PDF_BYTES:
        return (), f"over the {MAX_TEXT_PDF_BYTES} byte limit for text: text not compared"
    if not (rendered_by_project(a.path) and rendered_by_project(b.path)):
        return (), "not rendered by ectd-builder: text not compared"
    la, lb = pdf_lines(a.path), pdf_lines(b.path)
    if la is None or lb is None:
        return (), "text could not be extracted"
    rows = side_by_side(la, lb)
    return rows, f"{changed_count(rows)} line(s) of text differ" if rows else "same text, different bytes"


def _compare_pair(a: Doc, b: Doc, names_a: set[str]) -> list[Change]:
    changes: list[Change] = []
    label, section = b.label, b.code
    if a.checksum and b.checksum and a.checksum != b.checksum:
        rows, note = _text_lines(a, b)
        changes.append(
            Change(
                "replaced",
                label,
                section,
                f"content changed ({note})",
                a.leaf.file,
                b.leaf.file,
                _lifecycle_cause(b, names_a),
                lines=rows,
            )
        )
    elif a.checksum == b.checksum and (event := _replaced_since(b, names_a)) is not None:
        changes.append(
            Change(
                "replaced",
                label,
                section,
                "replaced by lifecycle with identical bytes",
                a.leaf.file,
                b.leaf.file,
                Cause("lifecycle", lifecycle_text(event.leaf, event.number or event.sequence)),
            )
        )
    if a.section != b.section:
        changes.append(
            Change(
                "moved",
                label,
                section,
                "same document at another place in the CTD",
                a.section,
                b.section,
                _lifecycle_cause(b, names_a),
            )
        )
    if a.title != b.title:
        changes.append(Change("retitled", label, section, "leaf title changed", a.title, b.title, _lifecycle_cause(b, names_a)))
    return changes


def _moved(left: list[Doc], right: list[Doc], names_a: set[str]) -> tuple[list[Change], list[Doc], list[Doc]]:
    changes: list[Change] = []
    for key in (lambda d: d.checksum, lambda d: d.title):
        pairs, left, right = _pair_unique(left, right, key)
        for a, b in pairs:
            changes += _compare_pair(a, b, names_a)
    return changes, left, right


# The sequence's own number and its lifecycle pointer name the side being compared; they differ by definition.
_OWN_NUMBER = {"sequence", "sequence-number", "related-sequence"}


def _envelope_changes(a: Sequence[SequenceDoc], b: Sequence[SequenceDoc]) -> list[Change]:
    """Envelope fields of the last sequence on each side (the sequence number itself left out)."""
    if not a or not b or not a[-1].envelopes or not b[-1].envelopes:
        return []
    fa, fb = dict(a[-1].envelopes[0].fields), dict(b[-1].envelopes[0].fields)
    out = []
    for name in sorted((set(fa) | set(fb)) - _OWN_NUMBER):
        if fa.get(name) != fb.get(name):
            out.append(Change("envelope", "envelope", "m1", f"envelope field '{name}' differs", fa.get(name), fb.get(name)))
    return out


def compare_sides(a: Side, b: Side, progress: DiffProgress | None = None, name: str = "") -> tuple[list[Change], int, list[str]]:
    """The changes from A to B, how many documents were compared, and notes on missing files.

    ``progress`` is told of each file hashed (phases "A files", "B files") and each pair compared
    ("documents"), prefixed with ``name`` for a build folder's jurisdiction; never of changes.
    """
    prefix = f"{name} " if name else ""
    docs_a, docs_b = documents(a, b, progress, f"{prefix}A files"), documents(b, a, progress, f"{prefix}B files")
    names_a = {s.name for s in a.sequences}
    pairs, only_a, only_b = _match(docs_a, docs_b)
    changes: list[Change] = []
    for i, (da, db) in enumerate(pairs):
        if progress is not None:
            progress(f"{prefix}documents", i, len(pairs), db.label)
        changes += _compare_pair(da, db, names_a)
    if progress is not None:
        progress(f"{prefix}documents", len(pairs), len(pairs), "")
    moved, only_a, only_b = _moved(only_a, only_b, names_a)
    changes += moved
    for d in only_a:
        cause = _deleted_cause(d, b)
        changes.append(
            Change("deleted", d.label, d.code, "in force in A, not in B", d.leaf.file, None, cause)
        )
    for d in only_b:
        changes.append(
            Change(
                "added",
                d.label,
                d.code,
                "in force in B, not in A",
                None,
                d.leaf.file,
                _lifecycle_cause(d, names_a),
            )
        )
    seqs_a = [s for s in a.sequences if a.upto is None or s.name <= a.upto]
    seqs_b = [s for s in b.sequences if b.upto is None or s.name <= b.upto]
    changes += _envelope_changes(seqs_a, seqs_b)
    missing = _missing_files(docs_a, "A") + _missing_files(docs_b, "B")
    return changes, len(pairs) + len(only_a) + len(only_b), missing


def _deleted_cause(doc: Doc, b: Side) -> Cause | None:
    for seq in b.sequences:
        for leaf in seq.leaves:
            t = leaf.target
            if (
                leaf.operation == "delete"
                and t is not None
                and t.leaf_id == doc.leaf.id
                and t.sequence == doc.entry.last.sequence
            ):
                return Cause("lifecycle", lifecycle_text(leaf, effective_number(seq) or seq.name))
    return None


def _readable(side: Side) -> None:
    """Refuse a side whose backbone could not be read: its documents would all look deleted."""
    for seq in side.sequences:
        if seq.errors:
            err = seq.errors[0]
            raise EctdError(
                f"cannot compare {seq.folder}: {err.file} is {err.kind} ({err.message})",
                hint="restore or fix the backbone; 'ectd check' on that sequence lists every defect",
            )


def _missing_files(docs: Iterable[Doc], side: str) -> list[str]:
    return [
        f"{side}: file of '{d.label}' {_absent(d)} ({d.leaf.file}); compared by its stated checksum only"
        for d in docs
        if d.leaf.file and d.path is None
    ]


def _absent(doc: Doc) -> str:
    return f"{doc.refused}: not read" if doc.refused else "is missing"


def diff_paths(a: Path, b: Path, *, other_application: bool = False, progress: DiffProgress | None = None) -> DiffResult:
    """Compare two sequences, applications or builds (see the module docstring). ``progress``
    (phase, done, total, label) sees the files hashed and the documents compared.

    Raises EctdError when a backbone cannot be read, or when A and B belong to different applications
    (unless ``other_application``: then the result says so in its notes).
    """
    sides_a, sides_b = open_path(Path(a)), open_path(Path(b))
    for side in (*sides_a.values(), *sides_b.values()):
        _readable(side)
    if ("" in sides_a) != ("" in sides_b):
        raise EctdError(
            "cannot compare a build folder with a single sequence or application",
            hint="compare build/<jurisdiction> with an application folder, or two build folders",
        )
    changes: list[Change] = []
    notes: list[str] = []
    compared = unread = 0
    for name in sorted(set(sides_a) | set(sides_b)):
        if name not in sides_b or name not in sides_a:
            where = "A" if name in sides_a else "B"
            notes.append(f"{name}: only in {where}; not compared")
            continue
        same_application(sides_a[name], sides_b[name], other_application, notes)
        found, n, missing = compare_sides(sides_a[name], sides_b[name], progress, name)
        compared, unread = compared + n, unread + len(missing)
        notes += [f"{name}: {m}" if name else m for m in missing]
        changes += [_prefixed(c, name) for c in found] if name else found
    changes.sort(key=sort_key)
    return DiffResult("sequence", str(a), str(b), tuple(changes), tuple(notes), compared, unread)


def _prefixed(change: Change, name: str) -> Change:
    return replace(change, document=f"{name}: {change.document}")
