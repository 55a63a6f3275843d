"""Keep every included file and attachment inside the dossier folder (no '..', no symlink escape)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class Confined:
    """A path resolved inside the dossier, or the reason it was refused."""

    path: Path | None
    refusal: str | None = None
    hint: str | None = None


def confine(root: Path, relative: str) -> Confined:
    """Resolve ``relative`` against ``root``; refuse absolute paths, '..' and symlink escapes."""
    if not relative or relative.strip() != relative:
        return Confined(
            None, "the path is empty or has leading or trailing spaces", "Write the path relative to the dossier folder."
        )
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        return Confined(None, "it is an absolute path", "Write the path relative to the dossier folder.")
    if ".." in pure.parts:
        return Confined(
            None, "it leaves the dossier folder ('..')", "Copy the file into the dossier folder and refer to it there."
        )
    candidate = root.joinpath(*pure.parts)
    try:
        resolved = candidate.resolve(strict=True)
    except FileNotFoundError:
        return Confined(None, "it does not exist", "Check the spelling and that the file is in the dossier folder.")
    except (OSError, RuntimeError) as exc:
        return Confined(None, f"it cannot be resolved ({exc})", "Check the path.")
    base = root.resolve()
    if resolved != base and base not in resolved.parents:
        return Confined(
            None,
            "it is a link that points outside the dossier folder",
            "Copy the file into the dossier folder instead of linking to it.",
        )
    if not resolved.is_file():
        return Confined(None, "it is not a file", "Point to a file, not a folder.")
    return Confined(resolved)
