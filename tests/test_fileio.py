"""fileio.write_atomic under concurrency and kills: a write that lands while a fix is being
written is never lost, the owner is kept, hard links are not split, and the temporary files of
a killed run are cleaned up (and only those). No model is needed: the "fix" here is given."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


@pytest.fixture
def no_lease(monkeypatch):
    """As where leases cannot be had (a file someone else owns, a network file system): the
    checks alone must catch a write. (With a lease, this process's own opens for writing in
    the hooks below would wait out the kernel's lease-break time.)"""
    monkeypatch.setattr(fileio, "_lease_against_writers", lambda fd, path: False)


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


def test_a_write_between_the_last_check_and_the_swap_is_put_back(reply, monkeypatch, swap_kind, no_lease):
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


def test_a_writer_holding_the_file_open_through_the_swap_loses_nothing(reply, monkeypatch, swap_kind, no_lease):
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
def test_a_program_keeping_the_file_open_for_writing_is_waited_for_then_reported(reply, monkeypatch):
    """Whatever it wrote after a swap would go to the removed inode, so the file is left alone."""
    monkeypatch.setattr(fileio, "WRITER_WAIT_SECONDS", 0.05)
    with open(reply, "ab"):
        with pytest.raises(ReplylintError, match="open for writing in another program"):
            fileio.write_atomic(str(reply), ORIGINAL, FIXED)
    assert reply.read_bytes() == ORIGINAL and leftovers(reply.parent) == []


WAITING_WRITER = "import sys; handle = open(sys.argv[1], 'ab'); handle.write(sys.argv[2].encode()); handle.close()"


@linux_only
def test_a_writer_opening_the_file_during_the_swap_writes_to_the_file_put_back(reply, monkeypatch):
    """The lease makes another program's open for writing wait until the swap is over, and the
    command sees it waiting: the swap is undone before the writer goes on."""
    import fcntl

    leases, real_lease, real_swap = [], fileio._lease_against_writers, fileio._swap

    def record_lease(fd, path):
        taken = real_lease(fd, path)
        if not taken:
            pytest.skip("this file system gives no leases")
        leases.append(fd)
        return taken

    def writer_waits_then_swap(temporary, target):
        writer = subprocess.Popen([sys.executable, "-c", WAITING_WRITER, str(reply), APPENDED.decode()])
        leases.append(writer)
        give_up = time.monotonic() + 60
        while fcntl.fcntl(leases[0], fcntl.F_GETLEASE) == fcntl.F_RDLCK and time.monotonic() < give_up:
            time.sleep(0.01)  # until the writer is waiting on the lease
        return real_swap(temporary, target)
    monkeypatch.setattr(fileio, "_lease_against_writers", record_lease)
    monkeypatch.setattr(fileio, "_swap", writer_waits_then_swap)
    with pytest.raises(ReplylintError, match="changed on disk while the fix was written"):
        fileio.write_atomic(str(reply), ORIGINAL, FIXED)
    assert leases[1].wait(timeout=60) == 0
    assert reply.read_bytes() == ORIGINAL + APPENDED and leftovers(reply.parent) == []


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


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporaries_are_removed_and_nothing_else(tmp_path):
    dead, alive = _dead_pid(), os.getppid()
    old = time.time() - fileio.STALE_AFTER_SECONDS - 60
    names = {  # name: (age, removed?)
        f".reply.txt.{dead}.abc_1234.replylint": (None, True),         # its process is gone
        f".reply.txt.{alive}.abcd1234.replylint": (None, False),       # being written right now
        f".reply.txt.{alive}.efgh5678.replylint": (old, True),         # no write takes that long
        ".reply.txt.abcd1234.replylint": (None, False),                # an older version's, fresh
        ".notes.v2.md.qwer5678.replylint": (old, True),                # an older version's, old
        ".reply.txt.replylint": (old, False),                          # not mkstemp's pattern
        f"reply.txt.{dead}.abcd1234.replylint": (old, False),          # not hidden
        f".reply.txt.{dead}.abcd1234.replylint.bak": (old, False),     # a user's copy
        f".reply.txt.{dead}.ABCD1234.replylint": (old, False),         # mkstemp never uses capitals
        ".reply.txt.abc.replylint": (old, False),                      # too short a random part
    }
    for name, (age, _) in names.items():
        (tmp_path / name).write_bytes(b"half a fix")
        if age:
            os.utime(tmp_path / name, (age, age))
    folder = tmp_path / f".x.{dead}.abcd1234.replylint"  # a directory of that name
    folder.mkdir()
    link = tmp_path / f".y.{dead}.abcd1234.replylint"  # a symlink of that name
    link.symlink_to(tmp_path / "reply.txt")
    (tmp_path / "reply.txt").write_bytes(ORIGINAL)

    removed = fileio.remove_stale_temporaries([str(tmp_path / "reply.txt")])
    expected = sorted(str(tmp_path / name) for name, (_, gone) in names.items() if gone)
    assert sorted(removed) == expected
    assert all((tmp_path / name).exists() != gone for name, (_, gone) in names.items())
    assert folder.is_dir() and link.is_symlink() and (tmp_path / "reply.txt").read_bytes() == ORIGINAL


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=240))
def test_every_temporary_the_writer_makes_is_recognised_as_its_own(tmp_path_factory, name):
    """Whatever the reply's name (dots, digits, non-ASCII, long), the cleanup knows the writer's
    temporary file, and the pid in it."""
    folder = tmp_path_factory.mktemp("names")
    target = folder / name
    try:
        target.write_bytes(ORIGINAL)
    except OSError:  # a name too long for the file system once encoded
        return
    temporary = fileio._write_temporary(str(target), FIXED, target.stat(), str(target))
    match = fileio._TEMPORARY_NAME.fullmatch(os.path.basename(temporary))
    assert match and int(match["pid"]) == os.getpid()


KILLED_WRITER = textwrap.dedent("""
    import os, signal, sys
    from replylint import fileio

    def kill_myself(fd):
        os.kill(os.getpid(), signal.SIGKILL)
    os.fsync = kill_myself  # killed while the fix is being written
    fileio.write_atomic(sys.argv[1], open(sys.argv[1], "rb").read(), b"The fix, half written.")
""")


@linux_only
def test_a_kill_while_writing_leaves_the_original_and_the_next_run_removes_the_temporary(reply):
    """The issue's reproducer: SIGKILL in the write phase left `.NAME.XXXX.replylint` behind."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(reply)], env=env, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert reply.read_bytes() == ORIGINAL and len(leftovers(reply.parent)) == 1
    fileio.remove_stale_temporaries([str(reply)])
    assert leftovers(reply.parent) == [] and reply.read_bytes() == ORIGINAL
