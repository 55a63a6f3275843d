"""The tamper-evident history: ``submissions/ledger.jsonl``, one hash-chained (optionally
Ed25519-signed) JSON line per ``build`` and ``freeze``, and ``verify_ledger`` that recomputes it."""

from __future__ import annotations

from ectd_builder.ledger.entry import GENESIS, LEDGER_NAME
from ectd_builder.ledger.store import append_event, check_appendable, ledger_path
from ectd_builder.ledger.verify import RULES, verify_ledger

__all__ = ["GENESIS", "LEDGER_NAME", "RULES", "append_event", "check_appendable", "ledger_path", "verify_ledger"]
