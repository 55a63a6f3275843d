"""Regional facts and the one reader of the tool's typed data files.

- :mod:`ectd_builder.jurisdiction.load`: ``load(path, Model)`` -> ``(model | None, problems)``;
- :mod:`ectd_builder.jurisdiction.regions`: ``region_codes()`` (``fda``, ``ema``, ``pmda``, ``nmpa``)
  and ``region_folders()`` (``{"fda": "us", ...}``), the one list of jurisdictions (``index.yaml``);
- :mod:`ectd_builder.jurisdiction.profiles`: the jurisdiction profiles (``jurisdictions/<id>.yaml``),
  typed by :mod:`ectd_builder.jurisdiction.profile_values`;
- :mod:`ectd_builder.jurisdiction.codes`: regional value-list codes from the profiles.

Only the light ``regions`` functions are imported here (they read the index on first use): the
dossier loader, which ``load`` builds on, itself reads profiles.
"""

from ectd_builder.jurisdiction.regions import region_codes, region_folders, regional_folders

__all__ = ["region_codes", "region_folders", "regional_folders"]
