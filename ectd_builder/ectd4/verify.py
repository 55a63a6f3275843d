"""Checks of a written v4.0 unit before it is published: the same checks ``ectd check`` runs
(:func:`ectd_builder.check.v4.check_v4_unit`: structure, every documentReference and replacementOf
resolves against the frozen history, every file exists with its SHA-256, sha256.txt, keywords),
then the XSD when the ICH package is in the standards store (else a note says it did not run)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ectd_builder.check.v4 import CV_CHECK, check_v4_unit
from ectd_builder.ectd4.codes import V4Facts
from ectd_builder.errors import EctdError
from ectd_builder.sequence.v4 import V4Unit

XSD_SET = "ich-ectd-4.0"
XSD_FILE = "PORP_IN000001UV.xsd"


def _fail(what: str) -> EctdError:
    return EctdError(
        f"generated submissionunit.xml is not valid: {what}",
        hint="this is a bug in ectd-builder; please report it with the dossier",
    )


def structural_errors(unit_dir: Path, history: list[V4Unit] | None = None, store: Path | None = None) -> list[str]:
    """Every problem ``ectd check`` finds in ``unit_dir`` after ``history`` (empty when it is sound),
    codes against the store's genericode lists included when it has them."""
    outcome = check_v4_unit(unit_dir, list(history or []), store)
    return [f"{p.location}: {p.code} {p.message}" for p in outcome.problems]


def structural_notes(unit_dir: Path, facts: V4Facts, store: Path, history: list[V4Unit] | None = None) -> list[str]:
    """Raise on a structural or schema defect; notes say which checks did not run."""
    outcome = check_v4_unit(unit_dir, list(history or []), store)
    errors = [f"{p.location}: {p.code} {p.message}" for p in outcome.problems]
    if errors:
        raise _fail("; ".join(errors[:5]))
    notes: list[str] = []
    xsd = next(iter(sorted((Path(store) / XSD_SET).rglob(XSD_FILE))), None) if (Path(store) / XSD_SET).is_dir() else None
    if xsd is None:
        notes.append(f"v4.0 schema check did not run: {XSD_SET}/{XSD_FILE} missing from the standards store {store}")
    else:
        schema = etree.XMLSchema(etree.parse(str(xsd)))
        doc = etree.parse(str(unit_dir / facts.ich.message.file_name.value))
        if not schema.validate(doc):
            raise _fail("; ".join(f"line {e.line}: {e.message}" for e in list(schema.error_log)[:5]))  # type: ignore[call-overload]
    for item in outcome.not_run:
        if item.check.startswith(CV_CHECK):
            notes.append(f"v4.0 code check did not run{' in part' if 'in part' in item.check else ''}: {item.reason}")
    return notes
