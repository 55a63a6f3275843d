"""Regional facts and the one reader of the tool's typed data files.

- :mod:`ectd_builder.jurisdiction.load`: ``load(path, Model)`` -> ``(model | None, problems)``;
- :mod:`ectd_builder.jurisdiction.profiles`: the jurisdiction profiles (``jurisdictions/<id>.yaml``);
- :mod:`ectd_builder.jurisdiction.codes`: regional value-list codes from the profiles.

Nothing is imported here: the dossier loader that ``load`` builds on itself reads profiles.
"""
