"""Hostile input on the command line: special files, endless streams, unlistable folders, broken
links and undecodable names each end in one line naming the path, never a hang, unbounded
memory or a traceback."""
from __future__ import annotations

import io
import json
import os
import signal
import socket

import pytest
from click.testing import CliRunner

from replylint import sources
from replylint.cli import main

BAD = "Oh no, please calm down. I'll get back to you soon.\n"
GOOD = "I'm sorry the export failed. I've rerun it, and the file will be in your inbox by 3 pm today.\n"


class Hung(Exception):
    pass


@pytest.fixture
def run():
    """The CLI in this process. A read that blocks (a FIFO with no writer) is interrupted after
    five minutes and fails the test, instead of hanging the suite; it is a guard, not a timing."""
    runner = CliRunner()

    def hung(signum, frame):
        raise Hung("the command blocked")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(300)

    def invoke(*args, stdin=None):
        return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)
    yield invoke
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("replylint: ")]


def _fifo(path):
    os.mkfifo(path)
    return path


def _socket(path):
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays
    return path


def _zero_link(path):
    path.symlink_to("/dev/zero")
    return path


def _broken_link(path):
    path.symlink_to(path.parent / "gone.txt")
    return path


@pytest.mark.parametrize("make,message", [
    (_fifo, "not a regular file (a FIFO); not read"),
    (_socket, "not a regular file (a socket); not read"),
    (_zero_link, "not a regular file (a character device); not read"),
    (_broken_link, "broken symbolic link (to "),
])
def test_a_named_special_file_or_broken_link_is_one_line_and_exit_two(run, tmp_path, make, message):
    """A FIFO used to block forever and /dev/zero to be read until MemoryError."""
    path = make(tmp_path / "reply.txt")
    result = run("check", str(path))
    assert result.exit_code == 2
    [line] = errors(result)
    assert line.startswith(f"replylint: {path}: {message}")


def test_special_files_and_broken_links_met_in_a_scan_are_skipped_with_a_notice(run, tmp_path):
    folder = tmp_path / "macros"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    _fifo(folder / "pipe.txt")
    _socket(folder / "sock.md")
    _zero_link(folder / "zero.txt")
    _broken_link(folder / "moved.txt")
    result = run("check", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("no findings in 1 file checked\n")
    notices = errors(result)
    assert len(notices) == 4 and all(n.endswith("(skipped)") for n in notices)
    assert f"replylint: {folder / 'pipe.txt'}: not a regular file (a FIFO); not read (skipped)" in notices
    assert any(n.startswith(f"replylint: {folder / 'moved.txt'}: broken symbolic link") for n in notices)


def test_an_unreadable_folder_in_a_scan_is_reported_and_exits_two(run, tmp_path, monkeypatch):
    """Its replies went unchecked, as an unreadable named file's would: exit 2, not a silent 0.
    os.scandir is made to fail as on a folder without read permission (the suite may run as
    root, which can read any folder)."""
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(BAD, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)
    monkeypatch.setattr(os, "scandir", scandir)
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert errors(result) == [f"replylint: {locked}: cannot read directory: Permission denied; "
                              "its replies were not checked"]
    assert result.stdout.endswith("no findings in 1 file checked\n")


class EndlessStream(io.RawIOBase):
    """stdin from /dev/zero: bytes forever. Serving more than `limit` fails the test at once,
    where an unbounded read would otherwise grow until MemoryError."""

    def __init__(self, limit: int):
        self.limit = limit
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.served > self.limit:
            raise AssertionError(f"read {self.served} bytes of an endless stdin")
        buffer[:] = b"a" * len(buffer)
        self.served += len(buffer)
        return len(buffer)


def test_an_endless_stdin_is_read_no_further_than_max_bytes_plus_one(run, monkeypatch):
    monkeypatch.setattr(sources, "MAX_BYTES", 1024 * 1024)
    endless = EndlessStream(limit=4 * sources.MAX_BYTES)
    result = run("check", "-", stdin=io.BufferedReader(endless))
    assert result.exit_code == 2
    assert errors(result) == ["replylint: <stdin>: file is larger than 1 MB; split it before checking"]
    assert endless.served <= sources.MAX_BYTES + 1 + io.DEFAULT_BUFFER_SIZE


def test_a_regular_file_is_read_no_further_than_max_bytes_plus_one(tmp_path, monkeypatch):
    """A file that grows while it is read (a log) or lies about its size is cut off the same way."""
    monkeypatch.setattr(sources, "MAX_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 5000)
    with path.open("rb") as handle:
        assert len(sources.read_bounded(handle)) == 1001
    with pytest.raises(sources.ReplylintError, match="larger than"):
        sources.read_source(str(path))


def test_a_file_name_that_is_not_utf8_is_printed_escaped_not_raised(run, tmp_path):
    """Python hands such a name over as lone surrogates; stdout is strict and used to raise
    UnicodeEncodeError in the middle of the report (here, the diff header)."""
    name = os.fsdecode(b"caf\xe9 reply.txt")
    path = tmp_path / name
    path.write_text("Obviously the export skips archived rows.\n", encoding="utf-8")
    result = run("fix", "--diff", str(path))
    assert result.exit_code == 1
    assert "caf\\udce9 reply.txt" in result.stdout
    for fmt in ("text", "json", "sarif", "github"):
        result = run("check", "--format", fmt, str(path))
        assert result.exit_code == 1
        assert result.stdout_bytes.decode("utf-8")
    rows = json.loads(run("check", "--format", "json", str(path)).stdout)
    assert {r["path"] for r in rows} == {str(path)}  # the escape is JSON's own: the same name back
