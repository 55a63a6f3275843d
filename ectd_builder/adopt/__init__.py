"""Continue the lifecycle of an application another tool built (``ectd import-history``)."""

from ectd_builder.adopt.importer import Imported, import_history
from ectd_builder.adopt.mapping import ADOPTED_FILE, Adoption, read_adoption

__all__ = ["ADOPTED_FILE", "Adoption", "Imported", "import_history", "read_adoption"]
