"""What the command's output streams can take: text their encoding cannot hold."""
from __future__ import annotations

import io

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
