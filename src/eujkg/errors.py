"""Errors the package raises on bad input; the CLI turns them into one line and exit code 2."""


class EujkgError(Exception):
    """Base class of every error eujkg raises on purpose."""


class InputError(EujkgError):
    """A file or parameter the user gave cannot be used (missing, unreadable, bad syntax)."""


def display_path(path) -> str:
    """A path as messages show it: relative to the working directory where possible, so they stay short."""
    from pathlib import Path

    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
