"""Moved to :mod:`ectd_builder.jurisdiction.datafile`; this shim keeps old imports working until they are swept."""

from ectd_builder.jurisdiction.datafile import DataFile, read_data_file

__all__ = ["DataFile", "read_data_file"]
