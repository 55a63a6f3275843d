"""Regional facts and the one way the tool reads its own typed data files (:func:`load`)."""

from ectd_builder.jurisdiction.load import load, load_or_raise

__all__ = ["load", "load_or_raise"]
