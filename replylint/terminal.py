"""What the command's output streams can take: whether to colour, and text that cannot be encoded.

Colour follows the conventions users set once for every tool, in the order CPython 3.13's own
colouring reads them: a non-empty NO_COLOR turns it off (no-color.org: an empty value does
not count), a non-empty FORCE_COLOR turns it on, TERM=dumb turns it off, and otherwise only a
terminal gets it. An explicit `--color always|never` beats all of them.
"""
from __future__ import annotations

import io
import os

COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice: str, stream, environ=os.environ) -> bool:
    """Whether output written to `stream` should carry ANSI colour under `--color choice`."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def tolerate_unencodable(*streams) -> None:
    """Write what the stream's encoding cannot hold as backslash escapes instead of raising.

    A file name with bytes that are not UTF-8 reaches Python as lone surrogates, and stdout is
    strict by default, so printing that name (or a finding quoting such text, or "…" on a Latin-1
    terminal) raised UnicodeEncodeError in the middle of a report. stderr already does this."""
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, io.UnsupportedOperation):  # closed, or not a text wrapper after all
            pass
