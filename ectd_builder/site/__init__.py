"""``ectd view``: a static HTML lifecycle viewer for an eCTD application (any tool's sequences)."""

from ectd_builder.site.generate import (
    SiteResult,
    build_site,
    read_page_data,
    render_page,
)
from ectd_builder.site.model import load, site_model

__all__ = ["SiteResult", "build_site", "load", "read_page_data", "render_page", "site_model"]
