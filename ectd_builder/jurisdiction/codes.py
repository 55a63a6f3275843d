"""Regional value-list codes for the dossier's plain words, read from the profile's ``codes_*`` facts.

``jurisdictions/fda.yaml`` holds one fact per table (``codes_application``, ``codes_contact``,
``codes_phone``, ``codes_submission``, ``codes_submission_sub``), each with its source and
verified flag; ``ema.yaml`` the EU envelope's submission and submission-unit types, ``nmpa.yaml`` the
CN regulatory-activity and sequence types (there the word is the code itself). Words without a
code stop the build with a message naming the gap (and rule CODE-01 reports them at validation).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ectd_builder.errors import EctdError

if TYPE_CHECKING:  # the profile model types its codes_* facts from CODE_FACTS
    from ectd_builder.jurisdiction.profile_file import Fact
    from ectd_builder.jurisdiction.profiles import Profile

# dossier table name -> profile fact key
CODE_FACTS = {
    "application": "codes_application",
    "contact": "codes_contact",
    "phone": "codes_phone",
    "submission": "codes_submission",
    "submission-sub": "codes_submission_sub",
    "submission-unit": "codes_submission_unit",
    "regulatory-activity": "codes_regulatory_activity",
    "sequence": "codes_sequence",
}
# the application word that asks the build to take the submission type from 'ectd changes'
# (ectd_builder/changes/proposal.py; the profile fact submission_from_category names the field)
FROM_CHANGES = "from-changes"
# FDA value files (standards store set fda-m1-3.3) the verified tables are checked against
VALUE_FILES = {
    "application": "application-type.xml",
    "contact": "applicant-contact-type.xml",
    "phone": "telephone-number-type.xml",
}


def code_fact(profile: Profile, table: str) -> Fact | None:
    """The profile fact holding ``table``'s codes, or None when the profile has none."""
    key = CODE_FACTS.get(table)
    return profile.fact(key) if key is not None else None


def code_table(profile: Profile, table: str) -> Mapping[str, str]:
    """``word -> code`` for ``table`` (empty when the profile lists no codes for it)."""
    found = code_fact(profile, table)
    return dict(found.value) if found is not None else {}


def regional_code(profile: Profile, table: str, word: str) -> str:
    """The code for ``word`` (e.g. ``regional_code(fda, "application", "nda") == "fdaat1"``)."""
    codes = code_table(profile, table)
    if word in codes:
        return codes[word]
    known = ", ".join(sorted(codes)) or "none"
    agency = profile.id.upper()
    found = code_fact(profile, table)
    why = "not in" if found is not None and found.verified else "the full list is not available here;"
    raise EctdError(
        f"no {agency} {table}-type code is known for '{word}' ({why} {agency}'s value list for it)",
        hint=f"use one of: {known}; or add the code with its source to the {CODE_FACTS.get(table, table)} fact "
        f"of jurisdictions/{profile.id}.yaml",
    )
