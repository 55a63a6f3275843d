"""FDA value-list codes for the dossier's plain words, each table with its source.

application / contact / phone: FDA value files application-type.xml 1.1, applicant-contact-type.xml
1.2, telephone-number-type.xml 1.1 (store set fda-m1-3.3; tests check every code against them).
submission / submission-sub: only the codes seen in FDA's M1 specification v2.6 examples
(ectd-spec.md 2.1, S5). FDA's submission-type and submission-sub-type value files are not in the
store, so the other words have no code here and the build stops with a clear message.
"""

from __future__ import annotations

from ectd_builder.errors import EctdError

FDA_CODES: dict[str, dict[str, str]] = {
    "application": {"nda": "fdaat1", "anda": "fdaat2", "bla": "fdaat3", "ind": "fdaat4", "dmf": "fdaat5", "eua": "fdaat6"},
    "contact": {"regulatory": "fdaact1", "technical": "fdaact2", "us_agent": "fdaact3", "promotional": "fdaact4"},
    "phone": {"business": "fdatnt1", "fax": "fdatnt2", "mobile": "fdatnt3"},
    "submission": {"original-application": "fdast1", "efficacy-supplement": "fdast2", "labeling-supplement": "fdast4"},
    "submission-sub": {"presubmission": "fdasst2", "application": "fdasst3", "amendment": "fdasst4"},
}
VALUE_FILES = {
    "application": "application-type.xml",
    "contact": "applicant-contact-type.xml",
    "phone": "telephone-number-type.xml",
}


def fda_code(table: str, word: str) -> str:
    """The FDA code for ``word`` (e.g. ``fda_code("application", "nda") == "fdaat1"``)."""
    try:
        return FDA_CODES[table][word]
    except KeyError:
        known = ", ".join(sorted(FDA_CODES.get(table, {})))
        raise EctdError(
            f"no FDA {table}-type code is known for '{word}' (FDA's value list for it is not available here)",
            hint=f"use one of: {known}; or add the code with its source to ectd_builder/ectd/regional_codes.py",
        ) from None
