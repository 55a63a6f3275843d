"""Active content in a PDF (ectd-spec 4.1: no JavaScript, no security risks; ISO 32000-1 12.6
actions, 12.6.3 trigger events, 12.7 interactive forms), for :func:`~ectd_builder.check.pdfcheck.check_pdf`.

Looked at: the document's named JavaScript and ``/OpenAction``; the additional actions (``/AA``)
of the document, of each page, of each annotation and of each form field; and the action (``/A``)
of each annotation and form field that runs JavaScript, submits a form or imports form data. An
action's ``/Next`` chain is followed. A link the reader clicks to a web address, a file or an
application stays the link checks' finding (``pdf-external-links``); an action that fires by
itself (opening the document or a page, a form event) is active content here. Each kind of action
is its own finding code (``action-launch`` ...: codes, not check keys), reported once per file
under the check key ``pdf-javascript``, the packs' criterion for active content.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

ACTIVE_KEY = "pdf-javascript"  # the check key (criteria packs) every active-content finding maps to
# action type -> (finding code, what the action does); ISO 32000-1 Table 198
ACTIONS = {
    "/JavaScript": ("action-javascript", "runs JavaScript"),
    "/Launch": ("action-launch", "launches an application or file"),
    "/URI": ("action-uri", "opens a web address"),
    "/SubmitForm": ("action-submit-form", "submits form data"),
    "/ImportData": ("action-import-data", "imports form data from a file"),
}
# only when the document opens: going to another file (or an embedded one) unasked
OPENING = ACTIONS | {
    "/GoToR": ("action-open-file", "opens another file"),
    "/GoToE": ("action-open-file", "opens an embedded file"),
}
# the action of something the reader clicks: only these are active content (links are links)
CLICKED = {k: ACTIONS[k] for k in ("/JavaScript", "/SubmitForm", "/ImportData")}
ACTIVE_CODES = frozenset(code for code, _ in OPENING.values())
MAX_OBJECTS = 10_000  # actions and form fields looked at per file (cycles and hostile depth)


def resolve(value: Any) -> Any:
    """The object an indirect reference points to (anything else: itself)."""
    return value.get_object() if isinstance(value, IndirectObject) else value


def dictionary(value: Any) -> DictionaryObject | None:
    """``value`` (resolved) when it is a dictionary, else None."""
    value = resolve(value)
    return value if isinstance(value, DictionaryObject) else None


def _items(value: Any) -> list[Any]:
    value = resolve(value)
    return list(value) if isinstance(value, ArrayObject) else [value]


class _Found:
    """The first finding of each code, and a bound on the objects looked at."""

    def __init__(self) -> None:
        self.messages: dict[str, str] = {}
        self.budget = MAX_OBJECTS

    def spend(self) -> bool:
        self.budget -= 1
        return self.budget >= 0

    def action(self, value: Any, where: str, kinds: dict[str, tuple[str, str]]) -> None:
        """Record every action of ``kinds`` in the action ``value`` and its ``/Next`` chain."""
        for action in self._chain(value):
            row = kinds.get(str(action.get("/S")))
            if row is not None:
                code, what = row
                self.messages.setdefault(code, f"{where} {what}{_target(action)}")

    def triggers(self, aa: Any, where: str) -> None:
        """Record the hostile actions of an additional-actions dictionary (trigger -> action)."""
        for trigger, value in (dictionary(aa) or {}).items():
            self.action(value, f"{where} additional action ({str(trigger).lstrip('/')})", ACTIONS)

    def _chain(self, value: Any) -> Iterator[DictionaryObject]:
        stack = [value]
        seen: set[int] = set()
        while stack and self.spend():
            item = stack.pop()
            ref = item.idnum if isinstance(item, IndirectObject) else None
            if ref is not None and ref in seen:
                continue
            if ref is not None:
                seen.add(ref)
            action = dictionary(item)
            if action is not None:
                yield action
                stack.extend(_items(action["/Next"]) if "/Next" in action else [])


def _target(action: DictionaryObject) -> str:
    for name in ("/URI", "/F"):
        value = resolve(action.get(name))
        if isinstance(value, DictionaryObject):
            value = resolve(value.get("/UF") or value.get("/F"))
        if value is not None:
            return f": {str(value)[:120]}"
    return ""


def active_content(reader: PdfReader) -> list[tuple[str, str]]:
    """(finding code, message) of each kind of active content in ``reader``'s document."""
    found = _Found()
    root = dictionary(reader.trailer.get("/Root")) or DictionaryObject()
    names = dictionary(root.get("/Names")) or DictionaryObject()
    if "/JavaScript" in names:
        found.messages["action-javascript"] = "the document has named JavaScript"
    if dictionary(root.get("/OpenAction")) is not None:  # an array is a destination, not an action
        found.action(root["/OpenAction"], "the document's open action", OPENING)
    found.triggers(root.get("/AA"), "the document's")
    for number, page in enumerate(reader.pages, start=1):
        found.triggers(page.get("/AA"), f"page {number}:")
        for annot in _items(page.get("/Annots")):
            annot = dictionary(annot)
            if annot is not None and found.spend():
                found.triggers(annot.get("/AA"), f"page {number}: an annotation's")
                found.action(annot.get("/A"), f"page {number}: an annotation", CLICKED)
    _fields(root, found)
    return sorted(found.messages.items())


def _fields(root: DictionaryObject, found: _Found) -> None:
    form = dictionary(root.get("/AcroForm"))
    stack = _items(form.get("/Fields")) if form is not None else []
    while stack and found.spend():
        field = dictionary(stack.pop())
        if field is None:
            continue
        name = str(resolve(field.get("/T")) or "?")[:60]
        found.action(field.get("/A"), f"form field '{name}'", CLICKED)
        found.triggers(field.get("/AA"), f"form field '{name}':")
        stack.extend(_items(field["/Kids"]) if "/Kids" in field else [])
