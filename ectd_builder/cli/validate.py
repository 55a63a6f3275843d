"""``ectd validate``: schema, reference and (with ``-j``) jurisdiction rule checks."""

from __future__ import annotations

from pathlib import Path

import typer

from ectd_builder.cli.common import check_format, print_report
from ectd_builder.cli.jurisdictions import parse_jurisdictions
from ectd_builder.problems import RuleInfo, exit_code
from ectd_builder.report import FORMATS


def validate(
    dossier: Path = typer.Argument(Path("."), help="Dossier folder (or its dossier.yaml).", show_default=True),
    jurisdiction: str = typer.Option(
        "", "--jurisdiction", "-j", help="Also apply these jurisdictions' rules: fda,ema,pmda,nmpa or all."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text, json or sarif."),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail the run too."),
) -> None:
    """Check a dossier: YAML, schema, cross-references and, with -j, each jurisdiction's rules."""
    from ectd_builder.dossier import load_dossier  # imported here: keeps `ectd --help` fast

    check_format(fmt, FORMATS)
    jurisdictions = parse_jurisdictions(jurisdiction) if jurisdiction else []
    result = load_dossier(dossier)
    problems = list(result.problems)
    rules: list[RuleInfo] = []
    if jurisdictions and result.dossier is not None:
        from ectd_builder.rules import rule_catalog, run_rules

        problems.extend(run_rules(result, jurisdictions))
        rules = rule_catalog()
    print_report(problems, fmt, rules=rules, group_by_jurisdiction=bool(jurisdictions))
    raise typer.Exit(exit_code(problems, strict=strict))


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
