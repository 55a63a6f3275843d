"""Usage errors of the command line (bad option, missing argument, unknown command) as a message
and a fix, in the same two-line form as every other error; no traceback, no full help page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import typer
import typer.main

try:  # typer 0.2x vendors click as typer._click; older releases depend on click itself
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - typer < 0.20
    from click import exceptions as click_errors  # type: ignore[no-redef]

ClickException = click_errors.ClickException
UsageError = click_errors.UsageError
Abort = typer.Abort  # typer's own class from 0.2x on, click's before
_NoArgs: Any = getattr(click_errors, "NoArgsIsHelpError", ())  # click >= 8.2 raises it for a bare group


def _sentence(text: str) -> str:
    """First line of a click message, starting lower-case like the tool's own messages."""
    first = text.strip().splitlines()[0] if text.strip() else "invalid usage"
    if first.endswith(".") and first.count(". ") == 0:
        first = first[:-1]
    return first[:1].lower() + first[1:] if first[1:2].islower() else first


def _commands(ctx: Any) -> list[str]:
    command = getattr(ctx, "command", None)
    if command is None or not hasattr(command, "list_commands"):
        return []
    return [name for name in command.list_commands(ctx) if not getattr(command.get_command(ctx, name), "hidden", False)]


def command_path(app: typer.Typer, argv: Sequence[str]) -> str:
    """``ectd build`` for ``build -j``: the (sub-)command named in ``argv``, for errors without context."""
    command: Any = typer.main.get_command(app)
    words = ["ectd"]
    for token in argv:
        commands = getattr(command, "commands", {})
        if token in commands:
            words.append(token)
            command = commands[token]
        elif not token.startswith("-"):
            break
    return " ".join(words)


def usage_message(exc: ClickException, fallback_path: str = "ectd") -> tuple[str, str]:
    """(message, fix) for a usage error raised while parsing the command line.

    ``fallback_path`` names the command when click raised the error without a context.
    """
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else fallback_path
    help_hint = f"'{path} --help' describes {'them' if _commands(ctx) else 'the options'}"
    if isinstance(exc, _NoArgs):
        names = _commands(ctx)
        if names:
            return f"'{path}' needs a command", f"run '{path} COMMAND' with one of: {', '.join(names)}; {help_hint}"
        return f"'{path}' needs arguments", f"{_usage(ctx)}; {help_hint}"
    if isinstance(exc, click_errors.NoSuchOption):
        guesses = sorted(exc.possibilities or ())
        guess = f"did you mean {' or '.join(guesses)}? " if guesses else ""
        return f"{path}: unknown option '{exc.option_name}'", f"{guess}'{path} --help' lists the options"
    message = f"{path}: {_sentence(exc.format_message())}"
    names = _commands(ctx)
    if names and "command" in exc.format_message().lower():
        return message, f"use one of: {', '.join(names)}; {help_hint}"
    if ctx is None:
        return message, f"'{path} --help' describes the options"
    return message, f"{_usage(ctx)}; {help_hint}"


def _usage(ctx: Any) -> str:
    text = " ".join(ctx.get_usage().split())
    return "usage: " + text.removeprefix("Usage: ")
