"""``ectd diff``: jurisdiction-to-jurisdiction and sequence-to-sequence comparison.

* :func:`diff_jurisdictions` - the documents two jurisdictions receive from one dossier, compared
  on the rendered document model, each difference with its cause (a profile fact and its source).
* :func:`diff_paths` - two sequences, applications or builds: leaves added, replaced, deleted, moved.

Both return a :class:`DiffResult`; :mod:`ectd_builder.diff.formats` writes text, JSON (schema:
``schemas/diff.schema.json``) and HTML.
"""

from ectd_builder.diff.formats import FORMATS, render_html, render_json, summary, text_lines
from ectd_builder.diff.jurisdictions import diff_jurisdictions
from ectd_builder.diff.model import Cause, Change, DiffResult, SideBySide, to_data
from ectd_builder.diff.sequences import diff_paths

SCHEMA_FILE = "diff.schema.json"

__all__ = [
    "FORMATS",
    "SCHEMA_FILE",
    "Cause",
    "Change",
    "DiffResult",
    "SideBySide",
    "diff_jurisdictions",
    "diff_paths",
    "render_html",
    "render_json",
    "summary",
    "text_lines",
    "to_data",
]
