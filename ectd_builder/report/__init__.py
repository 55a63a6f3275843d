"""Formatters that turn problems into text, JSON or SARIF. They never print."""

from __future__ import annotations

from ectd_builder.report.json_format import render_json
from ectd_builder.report.sarif import render_sarif
from ectd_builder.report.text import error_lines, render_text

FORMATS = ("text", "json", "sarif")

__all__ = ["FORMATS", "error_lines", "render_json", "render_sarif", "render_text"]
