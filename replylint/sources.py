"""Reading replies from files, directories and stdin, and refusing bad input with one clear line.

Binary data, undecodable bytes and empty files become ReplylintError naming the file (and the
line of the first bad byte), so the CLI can report them and carry on with the other files.

Hostile paths never hang or exhaust memory: only regular files are opened (a FIFO would block
forever, /dev/zero never ends), the check is made with stat before opening and again on the
open descriptor, and no input, stdin included, is read past MAX_BYTES + 1 bytes.
"""
from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import ReplylintError
from .formats import REPLY_SUFFIXES

SKIPPED_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", "licenses", "licences"}
# Repository meta files that sit beside canned responses but are never replies. Skipped only
# during directory scans; a meta file named on the command line is checked like any other.
META_FILE_STEMS = {"readme", "license", "licence", "copying", "notice", "changelog", "changes", "history",
                   "contributing", "code_of_conduct", "security", "authors", "source", "sources"}
MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"


class UncheckableInputError(ReplylintError):
    """An entry with no reply in it. A directory scan passes over it with a notice, since
    folders of canned responses hold such things beside the replies; named on the command line
    it is an error, because the user asked for that file."""


class BinaryInputError(UncheckableInputError):
    """A file that is not text at all."""


class EmptyInputError(UncheckableInputError):
    """A file with nothing to check."""


class NotRegularFileError(UncheckableInputError):
    """A FIFO, socket or device: reading one may block forever or never end."""


class BrokenLinkError(UncheckableInputError):
    """A symbolic link to nothing."""


@dataclass(frozen=True)
class Source:
    path: str   # as the user should see it ("-" shown as "<stdin>")
    text: str
    data: bytes = b""  # the bytes as read, so a fix can tell whether the file changed since


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(sample) and control / len(sample) > 0.10


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is allowed), or a one-line error naming the line of the first bad byte."""
    if len(data) > MAX_BYTES:
        raise ReplylintError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it before checking", name)
    if _looks_binary(data):
        raise BinaryInputError("binary file, not text", name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ReplylintError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8", name, line) from None
    if not text.strip():
        raise EmptyInputError("empty file, nothing to check", name)
    return text


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


def _refuse_unless_regular(mode: int, path: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise ReplylintError("is a directory", path)
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    raise NotRegularFileError(f"not a regular file ({kind}); not read", path)


def read_bounded(stream) -> bytes:
    """At most MAX_BYTES + 1 bytes: enough to tell that an input is too large without ever
    holding more (stdin may be /dev/zero). A short read is not the end of a pipe; EOF is."""
    chunks, size = [], 0
    while size <= MAX_BYTES:
        chunk = stream.read(MAX_BYTES + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _open_regular(path: str) -> int:
    """A descriptor open on `path`, which must be a regular file. stat first, so a device is
    never opened (opening one can have effects); O_NONBLOCK, so a FIFO swapped in between cannot
    block the open; fstat again, so what was opened is what was checked."""
    try:
        _refuse_unless_regular(os.stat(path).st_mode, path)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise BrokenLinkError(f"broken symbolic link (to '{os.readlink(path)}')", path) from None
        raise ReplylintError("no such file or directory", path) from None
    except OSError as exc:
        raise ReplylintError(f"cannot read: {exc.strerror}", path) from None
    try:
        _refuse_unless_regular(os.fstat(fd).st_mode, path)
    except ReplylintError:
        os.close(fd)
        raise
    return fd


def _read_stdin() -> Source:
    """stdin may be a pipe, a terminal or a device, but it may also be closed (`<&-`) or a
    directory (`< /`): those are the user's input errors too."""
    name = "<stdin>"
    if sys.stdin is None:
        raise ReplylintError("stdin is closed; nothing to read", name)
    try:
        data = read_bounded(sys.stdin.buffer)
    except OSError as exc:
        raise ReplylintError(f"cannot read: {exc.strerror}", name) from None
    return Source(name, decode(data, name), data)


def read_source(path: str) -> Source:
    """One file, or stdin for '-'."""
    if path == STDIN:
        return _read_stdin()
    with open(_open_regular(path), "rb") as handle:
        try:
            data = read_bounded(handle)
        except OSError as exc:
            raise ReplylintError(f"cannot read: {exc.strerror}", path) from None
    return Source(path, decode(data, path), data)


def is_meta_file(name: str) -> bool:
    """README.md, LICENSE.txt, UPSTREAM-LICENSE.md, SOURCE.md: documentation about the replies."""
    lower = name.lower()
    return any(part in META_FILE_STEMS for part in lower.split(".")) or "license" in lower or "licence" in lower


def _raise(error: ReplylintError) -> None:
    raise error


def expand_paths(paths: list[str], onerror=_raise) -> list[tuple[str, bool]]:
    """Files to check, as (path, found_by_directory_scan), in a stable order.

    Directories are walked recursively for reply files; hidden files (`.replylint.yaml`,
    `.pre-commit-config.yaml`: tool configuration, never replies) and hidden and tool folders are skipped.
    A missing path is an error here, before any work starts. A directory the scan cannot list
    is passed to `onerror` as a ReplylintError (raised by default, never dropped: its replies
    go unchecked). Special files and broken links found by a scan are listed all the same, for
    read_source to refuse with an UncheckableInputError the caller can report.
    """
    out: list[tuple[str, bool]] = []
    for path in paths:
        if path == STDIN:
            out.append((path, False))
            continue
        p = Path(path)
        if p.is_dir():
            out.extend((file, True) for file in _scan(p, onerror))
        elif os.path.lexists(path):
            out.append((path, False))
        else:
            raise ReplylintError("no such file or directory", path)
    return out


def _scan(top: Path, onerror) -> list[str]:
    """The reply files under `top`: those with a suffix of an input format (formats.FORMATS)."""
    def unlisted(exc: OSError) -> None:
        onerror(ReplylintError(f"cannot read directory: {exc.strerror}; its replies were not checked",
                               exc.filename or str(top)))

    found = []
    for root, dirs, files in os.walk(top, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if d.lower() not in SKIPPED_DIRS and not d.startswith("."))
        found += [os.path.join(root, name) for name in sorted(files)
                  if name.lower().endswith(REPLY_SUFFIXES) and not is_meta_file(name) and not name.startswith(".")]
    return found
