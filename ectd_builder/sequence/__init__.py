"""The one format-neutral submission model, its v3.2.2 reader, lifecycle replay and backbone validator.

Modules: :mod:`~ectd_builder.sequence.model` (frozen values: application, sequence, leaf with its
document, placement and lifecycle event), :mod:`~ectd_builder.sequence.reader` (``read_sequence``,
``read_application`` for any tool's v3.2.2 sequences), :mod:`~ectd_builder.sequence.lifecycle`
(``replay``: what is in force, each document's history, lifecycle faults as values) and
:mod:`~ectd_builder.sequence.schemas` (DTD/XSD validation of backbones with the official files).
``build``, ``check``, ``diff`` and ``site`` all go through these; a v4.0 reader/writer maps onto
the same model. Import the submodule you need; this package imports nothing itself.
"""
