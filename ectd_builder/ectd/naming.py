"""File and folder names within a region's limits: length and characters come from the profile facts.

:class:`NameRules` is built from a profile's ``max_name_length``, ``name_characters`` and
``max_path_length`` facts (:meth:`NameRules.from_facts`); this module never reads files itself.
``DEFAULT_RULES`` (ICH eCTD v3.2.2 Appendix 2: a-z, 0-9, '-', 64 characters) serves callers that
do not pass a profile's rules yet.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_BAD = re.compile(r"[^a-z0-9]+")


def _fact_value(facts: Mapping[str, Any], key: str) -> Any:
    found = facts.get(key)
    return getattr(found, "value", found)


@dataclass(frozen=True)
class NameRules:
    """How long a file/folder name may be, which characters it may use, and the path limit."""

    max_name: int
    characters: str  # the profile's wording, e.g. "a-z 0-9 - (one . before the extension)"
    max_path: int | None = None

    @classmethod
    def from_facts(cls, facts: Mapping[str, Any]) -> NameRules:
        """From a profile's facts (``Profile.facts``: Fact objects, or plain values)."""
        path = _fact_value(facts, "max_path_length")
        return cls(int(_fact_value(facts, "max_name_length")), str(_fact_value(facts, "name_characters")), path)

    @property
    def allowed(self) -> tuple[str, str]:
        """(word characters, separator characters) as regex class bodies, from :attr:`characters`."""
        tokens = self.characters.split("(", 1)[0].split()
        words = "".join(t for t in tokens if re.fullmatch(r"[a-z]-[a-z]|[0-9]-[0-9]", t))
        seps = "".join(re.escape(t) for t in tokens if len(t) == 1 and not t.isalnum() and t != ".")
        return words or "a-z0-9", seps

    @property
    def pattern(self) -> re.Pattern[str]:
        words, seps = self.allowed
        sep = f"[{seps}]" if seps else "(?!)"
        return re.compile(rf"^[{words}]+({sep}[{words}]+)*(\.[{words}]+)?$")

    def describe(self) -> str:
        """``a-z, 0-9 and '-'`` from the characters the profile allows."""
        tokens = [t for t in self.characters.split("(", 1)[0].split() if t != "."]
        shown = [t if len(t) > 1 else f"'{t}'" for t in tokens]
        return ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 else "".join(shown)


DEFAULT_RULES = NameRules(64, "a-z 0-9 -")
MAX_NAME = DEFAULT_RULES.max_name  # for callers not yet passing a profile's NameRules
NAME_RE = DEFAULT_RULES.pattern


def slug(text: str, limit: int = 40) -> str:
    """``'Acme Pharma GmbH (Site 2)'`` -> ``'acme-pharma-gmbh-site-2'``; non-Latin text falls back to a hash."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    out = _BAD.sub("-", ascii_text).strip("-")
    if not out:
        out = "x" + short_hash(text, 8)
    if len(out) > limit:
        out = out[: limit - 9].rstrip("-") + "-" + short_hash(text, 8)
    return out


def short_hash(text: str, length: int = 8) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def file_name(stem: str, ext: str, limit: int | None = None, rules: NameRules = DEFAULT_RULES) -> str:
    """A valid file name for ``stem`` + ``ext`` of at most ``limit`` characters."""
    limit = rules.max_name if limit is None else limit
    ext = _BAD.sub("", ext.lower()) or "pdf"
    base = slug(stem, max(12, limit - len(ext) - 1))
    return f"{base}.{ext}"


def shorten(name: str, budget: int, salt: str) -> str:
    """Cut a file name to ``budget`` characters, keeping its extension and making it unique by ``salt``."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    suffix = "-" + short_hash(salt, 6) + (f".{ext}" if ext else "")
    keep = budget - len(suffix)
    if keep < 1:
        raise ValueError("no room for a file name")
    return stem[:keep].rstrip("-") + suffix


def check_name(name: str, rules: NameRules = DEFAULT_RULES) -> str | None:
    """A reason the file/folder name is invalid under ``rules`` (a profile's facts), or None."""
    if len(name) > rules.max_name:
        return f"'{name}' is longer than {rules.max_name} characters"
    if not rules.pattern.match(name):
        return f"'{name}' uses characters other than {rules.describe()}"
    return None


def check_path(path: str, rules: NameRules = DEFAULT_RULES) -> str | None:
    """A reason the relative path is too long for the region (``max_path_length``), or None."""
    if rules.max_path is not None and len(path) > rules.max_path:
        return f"'{path}' is {len(path)} characters long; the region allows at most {rules.max_path}"
    return None
