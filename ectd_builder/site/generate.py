"""Write the lifecycle viewer: one self-contained ``index.html`` (CSS, script and data inline).

No server, no external resources: the page opens from a ``file://`` URL and links each leaf's
PDF with a relative URL. Same input, same bytes (no dates, sorted JSON).
"""

from __future__ import annotations

import html
import json
import logging
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ectd_builder.site.model import Loaded, load, site_model
from ectd_builder.site.review import read_review

PAGE = "index.html"


@dataclass(frozen=True)
class SiteResult:
    page: Path
    sequences: int
    documents: int
    in_force: int
    checked: bool


def _asset(name: str) -> str:
    return resources.files("ectd_builder.site").joinpath("assets", name).read_text(encoding="utf-8")


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Inside <script> the only sequences that matter are "</" and "<!--".
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")


def render_page(data: dict[str, Any]) -> str:
    """The page for one application's data."""
    app = data["application"]
    title = f"{app['name']} - eCTD lifecycle"
    page = _asset("page.html")
    return (
        page.replace("@@TITLE@@", html.escape(title))
        .replace("/*@@CSS@@*/", _asset("viewer.css"))
        .replace("/*@@JS@@*/", _asset("viewer.js"))
        .replace("@@DATA@@", _json_for_script(data))
    )


def _check(loaded: Loaded, app_dir: Path, standards: Path | None) -> tuple[Any, str, str | None]:
    from ectd_builder.check.engine import CheckOptions, check_path

    log = logging.getLogger("pypdf")
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    log.propagate = False
    outcome = check_path(app_dir, CheckOptions(standards=standards))
    prefix = "" if loaded.single else f"{app_dir.name}/"
    return outcome, prefix, None


def build_site(
    app_dir: Path, out_dir: Path, *, check: bool = True, standards: Path | None = None, review: Path | None = None
) -> SiteResult:
    """Read ``app_dir`` (application or sequence folder), check it, write ``out_dir/index.html``.

    ``review`` is a render output folder (``ectd render --format html``): its HTML copies and
    provenance maps are linked from the documents they belong to, each value with its YAML source.
    """
    app_dir = Path(app_dir)
    out_dir = Path(out_dir)
    loaded = load(app_dir)
    outcome: Any = None
    prefix = ""
    reason: str | None = "not run (--no-check)"
    if check:
        outcome, prefix, reason = _check(loaded, app_dir, standards)
    out_dir.mkdir(parents=True, exist_ok=True)
    copies = read_review(review, out_dir) if review is not None else None
    data = site_model(loaded, out_dir, outcome=outcome, check_prefix=prefix, check_reason=reason, review=copies)
    page = out_dir / PAGE
    tmp = out_dir / f".{PAGE}.{os.getpid()}.tmp"
    tmp.write_text(render_page(data), encoding="utf-8", newline="\n")
    os.replace(tmp, page)
    return SiteResult(
        page=page,
        sequences=len(data["sequences"]),
        documents=len(data["entries"]),
        in_force=len(data["views"]["current"]),
        checked=outcome is not None,
    )


def read_page_data(page: Path) -> dict[str, Any]:
    """The data embedded in a generated page (for tests and scripts)."""
    text = Path(page).read_text(encoding="utf-8")
    start = text.index('<script type="application/json" id="ectd-data">') + len('<script type="application/json" id="ectd-data">')
    end = text.index("</script>", start)
    return json.loads(text[start:end])
