"""``ectd check``: read any eCTD v3.2.2 sequence or application and apply the validation criteria.

Sequences are read, replayed and schema-validated by :mod:`ectd_builder.sequence`. Modules: :mod:`~ectd_builder.check.packs`
(criteria packs in ``criteria/*.yaml``), :mod:`~ectd_builder.check.engine` (``check_path``), and
one module per family of checks (structure, leaves, envelope, lifecycle, scan + pdfcheck). Import
the submodule you need; this package imports nothing itself (pypdf is only loaded when checks run).
"""
