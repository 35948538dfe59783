"""Reading replies from files, directories and stdin, and refusing bad input with one clear line.

Binary data, undecodable bytes and empty files become ReplylintError naming the file (and the
line of the first bad byte), so the CLI can report them and carry on with the other files.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import ReplylintError

REPLY_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".yaml", ".yml", ".json")
SKIPPED_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", "licenses", "licences"}
# Repository meta files that sit beside canned responses but are never replies. Skipped only
# during directory scans; a file named on the command line is always checked.
META_FILE_STEMS = {"readme", "license", "licence", "copying", "notice", "changelog", "changes", "history",
                   "contributing", "code_of_conduct", "security", "authors", "source", "sources"}
MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"


class BinaryInputError(ReplylintError):
    """A file that is not text at all; skipped quietly-but-visibly during directory scans."""


class EmptyInputError(ReplylintError):
    """A file with nothing to check."""


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


def read_source(path: str) -> Source:
    """One file, or stdin for '-'."""
    if path == STDIN:
        data = sys.stdin.buffer.read()
        return Source("<stdin>", decode(data, "<stdin>"), data)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ReplylintError("no such file or directory", path) from None
    except IsADirectoryError:
        raise ReplylintError("is a directory", path) from None
    except OSError as exc:
        raise ReplylintError(f"cannot read: {exc.strerror}", path) from None
    return Source(path, decode(data, path), data)


def is_meta_file(name: str) -> bool:
    """README.md, LICENSE.txt, UPSTREAM-LICENSE.md, SOURCE.md: documentation about the replies."""
    lower = name.lower()
    return any(part in META_FILE_STEMS for part in lower.split(".")) or "license" in lower or "licence" in lower


def expand_paths(paths: list[str]) -> list[tuple[str, bool]]:
    """Files to check, as (path, found_by_directory_scan), in a stable order.

    Directories are walked recursively for reply files; hidden and tool folders are skipped.
    A missing path is an error here, before any work starts.
    """
    out: list[tuple[str, bool]] = []
    for path in paths:
        if path == STDIN:
            out.append((path, False))
            continue
        p = Path(path)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d.lower() not in SKIPPED_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(REPLY_SUFFIXES) and not is_meta_file(name):
                        out.append((os.path.join(root, name), True))
        elif p.exists():
            out.append((path, False))
        else:
            raise ReplylintError("no such file or directory", path)
    return out
