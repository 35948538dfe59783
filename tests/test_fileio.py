"""fileio.write_atomic under concurrency: a write that lands while a fix is being written is
never lost, the owner is kept, and hard links are not split. No model is needed: the "fix" here
is given."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from replylint import fileio
from replylint.errors import ReplylintError

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = b"Obviously it works. Please do NOT restart it.\n"
FIXED = b"It works. Please do not restart it.\n"
APPENDED = b"A line another program appended.\n"
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2, flock and /proc are Linux's")


@pytest.fixture
def reply(tmp_path) -> Path:
    path = tmp_path / "reply.txt"
    path.write_bytes(ORIGINAL)
    return path


@pytest.fixture(params=["exchange", "replace"])
def swap_kind(request, monkeypatch):
    """Both ways of swapping: exchanging the names, and os.replace where that is unsupported."""
    if request.param == "replace":
        monkeypatch.setattr(fileio, "_exchange", lambda a, b: False)
    return request.param


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".replylint"))


def append(path: Path, data: bytes = APPENDED) -> None:
    with open(path, "ab") as handle:
        handle.write(data)


def test_a_write_before_the_last_check_is_kept_and_reported(reply, monkeypatch, swap_kind):
    """The issue's lost append, landing while the temporary file is written (after the first
    read-back, before the rename)."""
    real_fsync, appended = os.fsync, []

    def append_then_fsync(fd):
        if not appended:
            append(reply)
            appended.append(True)
        real_fsync(fd)
    monkeypatch.setattr(os, "fsync", append_then_fsync)
    with pytest.raises(ReplylintError, match="changed on disk"):
        fileio.write_atomic(str(reply), ORIGINAL, FIXED)
    assert appended and reply.read_bytes() == ORIGINAL + APPENDED
    assert leftovers(reply.parent) == []


def test_a_write_between_the_last_check_and_the_swap_is_put_back(reply, monkeypatch, swap_kind):
    """A writer that opened the file before the swap and writes just before it: its write goes
    to the inode being replaced, which the command notices and puts back."""
    real_swap, appended = fileio._swap, []

    def append_then_swap(temporary, target):
        append(reply)
        appended.append(True)
        return real_swap(temporary, target)
    monkeypatch.setattr(fileio, "_swap", append_then_swap, raising=False)
    with pytest.raises(ReplylintError, match="changed on disk while the fix was written"):
        fileio.write_atomic(str(reply), ORIGINAL, FIXED)
    assert appended and reply.read_bytes() == ORIGINAL + APPENDED
    assert leftovers(reply.parent) == []


def test_a_writer_holding_the_file_open_through_the_swap_loses_nothing(reply, monkeypatch, swap_kind):
    """The writer's descriptor names the original inode; it writes after the swap."""
    holder = open(reply, "ab")
    real_exchange, real_replace = fileio._exchange, os.replace

    def write_after(swap):
        def swapped(a, b):
            done = swap(a, b)
            if done is not False and not holder.tell() > len(ORIGINAL):  # once, after the first swap
                holder.write(APPENDED)
                holder.flush()
            return done
        return swapped
    monkeypatch.setattr(fileio, "_exchange", write_after(real_exchange))
    monkeypatch.setattr(os, "replace", write_after(real_replace))
    try:
        with pytest.raises(ReplylintError, match="changed on disk while the fix was written"):
            fileio.write_atomic(str(reply), ORIGINAL, FIXED)
    finally:
        holder.close()
    assert reply.read_bytes() == ORIGINAL + APPENDED
    assert leftovers(reply.parent) == []


@linux_only
def test_a_file_renamed_onto_the_path_during_the_swap_is_put_back(reply, monkeypatch):
    """An editor saving by rename at the last moment: the exchange hands its file over, and it
    is exchanged back instead of being deleted."""
    saved = reply.parent / "editor-save.tmp"
    saved.write_bytes(b"The agent's own edit.\n")
    real_exchange = fileio._exchange

    def editor_saves_first(a, b):
        if saved.exists():
            os.replace(saved, reply)
        return real_exchange(a, b)
    monkeypatch.setattr(fileio, "_exchange", editor_saves_first)
    with pytest.raises(ReplylintError, match="changed on disk"):
        fileio.write_atomic(str(reply), ORIGINAL, FIXED)
    assert reply.read_bytes() == b"The agent's own edit.\n"
    assert leftovers(reply.parent) == []


@linux_only
def test_the_lock_is_held_through_the_swap_and_a_held_lock_is_not_waited_on_forever(reply, monkeypatch):
    import fcntl

    real_swap, probed = fileio._swap, []

    def probe_then_swap(temporary, target):
        with open(reply, "rb") as other:
            with pytest.raises(BlockingIOError):
                fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        probed.append(True)
        return real_swap(temporary, target)
    monkeypatch.setattr(fileio, "_swap", probe_then_swap)
    fileio.write_atomic(str(reply), ORIGINAL, FIXED)
    assert probed and reply.read_bytes() == FIXED

    monkeypatch.setattr(fileio, "LOCK_WAIT_SECONDS", 0.1)
    with open(reply, "rb") as other:
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)
        with pytest.raises(ReplylintError, match="locked by another program"):
            fileio.write_atomic(str(reply), FIXED, ORIGINAL)
    assert reply.read_bytes() == FIXED


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_owner_and_group_are_kept(reply):
    os.chown(reply, 4242, 4343)
    reply.chmod(0o640)
    fileio.write_atomic(str(reply), ORIGINAL, FIXED)
    status = reply.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (4242, 4343, 0o640)
    assert reply.read_bytes() == FIXED


def test_an_owner_that_cannot_be_given_is_not_an_error(reply, monkeypatch):
    """A user fixing a file someone else owns (in a directory they may write): like any editor,
    the new file is theirs."""
    calls = []

    def refuse(fd, uid, gid):
        calls.append((uid, gid))
        raise PermissionError(1, "Operation not permitted")
    monkeypatch.setattr(os, "fchown", refuse)
    fileio.write_atomic(str(reply), ORIGINAL, FIXED)
    assert reply.read_bytes() == FIXED and calls and calls[-1][0] == -1  # the group alone was tried last


def test_a_hard_linked_file_is_refused_and_stays_linked(reply):
    other = reply.parent / "same-reply.txt"
    os.link(reply, other)
    with pytest.raises(ReplylintError, match="2 hard links"):
        fileio.write_atomic(str(reply), ORIGINAL, FIXED)
    assert os.path.samefile(reply, other) and reply.read_bytes() == ORIGINAL
    assert leftovers(reply.parent) == []
