"""Writing fixed replies back: atomically, in the file's own encoding details, and never over a
file that changed since it was read.

The new bytes go to a temporary file in the same directory, which then replaces the original in
one rename, so a crash or a full disk leaves either the old file or the new one, never half of
each. Mode bits are copied; a UTF-8 BOM is kept; line endings are untouched because edits never
span them."""
from __future__ import annotations

import codecs
import os
import stat
import tempfile
from pathlib import Path

from .errors import ReplylintError


def encode_like(original: bytes, text: str) -> bytes:
    """`text` as UTF-8, with a BOM when the original had one."""
    bom = codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""
    return bom + text.encode("utf-8")


def write_atomic(path: str, expected: bytes, new: bytes) -> None:
    """Replace the file at `path` with `new`, provided it still holds `expected`."""
    target = Path(os.path.realpath(path))  # through a symlink, to the file it names
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        current = target.read_bytes()
    except FileNotFoundError:
        raise ReplylintError("file vanished before the fix could be written; nothing written", path) from None
    except OSError as exc:
        raise ReplylintError(f"cannot read back before writing: {exc.strerror}; nothing written", path) from None
    if current != expected:
        raise ReplylintError("file changed on disk since it was read; not fixed, run again", path)
    if not mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise ReplylintError("file is read-only; not fixed", path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".replylint", dir=target.parent)
    except OSError as exc:
        raise ReplylintError(f"cannot write beside the file: {exc.strerror}; not fixed", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise ReplylintError(f"cannot write: {exc.strerror}; the original is unchanged", path) from None
