"""Which eCTD version an application is built in: its frozen history's, else the jurisdiction's
default for a new application (``ectd_v4.default_for_new_application``: PMDA 4.0, FDA 3.2.2)."""

from __future__ import annotations

from pathlib import Path

from ectd_builder.ectd.history import history_version
from ectd_builder.errors import EctdError

V3 = "3.2.2"
V4 = "4.0"
HISTORY_DIR = "submissions"

__all__ = ["V3", "V4", "default_ectd_version", "resolve_ectd_version", "v4_jurisdictions"]


def v4_jurisdictions() -> tuple[str, ...]:
    """The jurisdictions whose profile lists eCTD 4.0 among its ``ectd_versions`` (today FDA and PMDA)."""
    from ectd_builder.jurisdiction import region_codes
    from ectd_builder.jurisdiction.profiles import load_profile

    out = []
    for j in region_codes():
        fact = load_profile(j).fact("ectd_versions")
        if fact is not None and V4 in fact.value:
            out.append(j)
    return tuple(out)


def default_ectd_version(jurisdiction: str) -> str:
    """The version a NEW application of ``jurisdiction`` is built in (``ectd_v4.default_for_new_application``)."""
    if jurisdiction not in v4_jurisdictions():
        return V3
    from ectd_builder.ectd4.codes import facts_for

    return facts_for(jurisdiction).region.default_for_new_application.value


def resolve_ectd_version(root: Path, jurisdiction: str, requested: str | None) -> tuple[str, str | None]:
    """The eCTD version to build and, when it was not asked for, a note saying why it is that one.

    An application with frozen units stays on their version; a new one takes the jurisdiction's
    default. An explicit version that the history or the jurisdiction cannot take is refused."""
    if requested is not None and requested not in (V3, V4):
        raise EctdError(f"unknown eCTD version '{requested}'", hint="use 3.2.2 or 4.0")
    app_dir = root / HISTORY_DIR / jurisdiction
    frozen = history_version(app_dir)
    if requested == V4 and jurisdiction not in v4_jurisdictions():
        raise EctdError(
            f"{jurisdiction} does not take eCTD v4.0 from ectd-builder",
            hint=f"build v4.0 for {' or '.join(v4_jurisdictions())}; use --ectd-version 3.2.2 for {jurisdiction}",
        )
    if frozen is not None and requested is not None and requested != frozen:
        raise EctdError(
            f"{app_dir} holds frozen eCTD v{frozen} sequences: an application with a history stays on its eCTD version "
            f"(ectd-builder does not migrate an application from v{frozen} to v{requested})",
            hint=f"build this application as {frozen} (omit --ectd-version, or --ectd-version {frozen})",
        )
    if requested is not None:
        return requested, None
    if frozen is not None:
        note = (
            None
            if frozen == default_ectd_version(jurisdiction)
            else (
                f"built as eCTD v{frozen}: {app_dir} holds frozen v{frozen} sequences, and an application stays on its "
                f"version (a new {jurisdiction} application would be v{default_ectd_version(jurisdiction)})"
            )
        )
        return frozen, note
    version = default_ectd_version(jurisdiction)
    return version, (f"built as eCTD v{version}, the default for a new {jurisdiction} application" if version == V4 else None)
