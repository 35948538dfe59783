"""Writing fixed replies back: atomically, in the file's own encoding details and ownership, and
never over a file that changed since it was read, nor over a write that lands while it is being
replaced.

The new bytes go to a temporary file in the same directory, which then takes the original's
place in one rename, so a crash or a kill leaves either the old file or the new one, never half
of each. Mode bits and (where permitted) the owner and group are copied; a UTF-8 BOM is kept;
line endings are untouched because edits never span them.

Another program may write to the file meanwhile, so the rename is a compare-and-swap:

1. open the original and hold it (the descriptor keeps its inode readable whatever happens to
   its name), and take an advisory lock on it, so two replylint runs, or any program that
   locks, take turns;
2. under the lock, check that the path still names that inode, that it has no other hard link,
   and that it still holds the bytes the fix was worked out from;
3. write the temporary file; take a lease against writers on the original (Linux F_SETLEASE
   F_RDLCK: refused while any program has the file open for writing, and from then on any
   open for writing waits until this process lets go, which it can see), then check again
   (inode, size, mtime_ns, ctime_ns and content);
4. exchange the two names in one step (Linux renameat2 RENAME_EXCHANGE), so the original stays
   linked, under the temporary name;
5. look at the original once more through the held descriptor, at the lease, and at what the
   exchange took from the path: if a write reached the original after step 3, a program is
   waiting to open it for writing, or another program had renamed a file onto the path,
   exchange back (every byte is where it was, and the waiting writer writes to the file the
   path names again) and report the file as changed on disk; otherwise remove the original.

A file another program keeps open for writing (longer than a second) is reported and left as
it is: whatever it wrote after the swap would go to the removed inode. Where names cannot be
exchanged (not Linux, some network file systems), os.replace does step 4 and a change seen in
step 5 is put back by content (the bytes written so far: a writer still waiting on the lease
then opens the removed inode). Where leases cannot be taken (a file someone else owns, unless
root; network file systems), the checks of steps 3 and 5 guard the swap alone.

What remains: without a lease, a program that does not lock and already had the file open
before step 4 can still write to it after step 5, and that write lands in the removed inode
(measured: 14 of 2,965 appends aimed at files being written, bench/append_race.py). With one,
only an open() that had looked the path up before step 4 and reaches the file after step 5,
inside one system call, can. Writing in place would close the gap only by giving up the
all-or-nothing rename, so it is left.

A file with more than one hard link is refused rather than split from its other names (a
rename gives the path a new inode; the other names would keep the unfixed text).

A kill between steps 3 and 5 leaves the temporary file behind (after step 4, holding the
original's bytes, which the path no longer needs). Its name carries the pid of the
process that made it, so the next `fix` over that directory removes it once that process is
gone (or, for any replylint temporary, once it is ten minutes old): see
remove_stale_temporaries."""
from __future__ import annotations

import codecs
import errno
import os
import re
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Iterable
from functools import lru_cache
from types import ModuleType
from typing import NamedTuple

from .errors import ReplylintError

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # not a POSIX system: the checks alone guard the swap
    fcntl = None

TEMPORARY_SUFFIX = ".replylint"
# ".NAME.PID.XXXXXXXX.replylint", mkstemp's eight random characters; older versions left
# ".NAME.XXXXXXXX.replylint", without the pid.
_TEMPORARY_NAME = re.compile(r"\..+?\.(?:(?P<pid>\d+)\.)?[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX), re.DOTALL)
STALE_AFTER_SECONDS = 600  # no write takes this long: a temporary this old is left by a dead run
LOCK_WAIT_SECONDS = 5.0  # another program holding the lock longer is reported, not waited for
WRITER_WAIT_SECONDS = 1.0  # an appender has the file open for microseconds; a log handle, for good
# The signal a lease's holder gets when someone waits to open the file for writing: SIGIO, the
# default, would end the command; SIGURG's default is to be ignored, and waiting is seen with F_GETLEASE.
LEASE_BREAK_SIGNAL = getattr(signal, "SIGURG", None)
_NAME_ROOM = 200  # of the 255 bytes a file name may have, those the original's name may use

RENAME_EXCHANGE = 2
AT_FDCWD = -100


class _Original(NamedTuple):
    """What the original file is and holds, as seen through the held descriptor."""
    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    content: bytes

    def same_bytes(self, other: _Original) -> bool:
        """The same inode with the same data; ctime aside, which renaming the file changes."""
        return self._replace(ctime_ns=0) == other._replace(ctime_ns=0)


def encode_like(original: bytes, text: str) -> bytes:
    """`text` as UTF-8, with a BOM when the original had one."""
    bom = codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""
    return bom + text.encode("utf-8")


def write_atomic(path: str, expected: bytes, new: bytes) -> None:
    """Replace the file at `path` with `new`, provided it still holds `expected` up to the moment
    it is replaced; a ReplylintError, with the file as it was, otherwise."""
    target = os.path.realpath(path)  # through a symlink, to the file it names
    fd = _open_original(target, path)
    try:
        _lock(fd, path)
        before, status = _checked_original(fd, target, expected, path)
        temporary = _write_temporary(target, new, status, path)
        try:
            _swap_unless_changed(fd, target, temporary, before, status, path)
        finally:
            _remove_quietly(temporary)
    finally:
        os.close(fd)  # and so the lock


def _open_original(target: str, path: str) -> int:
    # O_NONBLOCK: a FIFO named like a reply must not hang the command waiting for a writer.
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        return os.open(target, flags)
    except FileNotFoundError:
        raise ReplylintError("file vanished before the fix could be written; nothing written", path) from None
    except OSError as exc:
        raise ReplylintError(f"cannot read back before writing: {exc.strerror}; nothing written", path) from None


def _lock(fd: int, path: str) -> None:
    """An exclusive advisory lock, waited for a few seconds at most (never a hang). A file
    system without locks (some network mounts) leaves the checks alone to guard the swap."""
    if fcntl is None:
        return
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise ReplylintError("file is locked by another program; not fixed, run again", path) from None
            time.sleep(0.02)
        except OSError:
            return


def _snapshot(fd: int) -> _Original:
    status = os.fstat(fd)
    return _Original(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns,
                     _read_all(fd))


def _read_all(fd: int) -> bytes:
    """The whole file from its start, whatever the descriptor's offset."""
    chunks, offset = [], 0
    while chunk := os.pread(fd, 1 << 20, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _names(name: str, original: _Original) -> bool:
    """Whether `name` is (still) a link to the original's inode."""
    try:
        status = os.lstat(name)
    except OSError:
        return False
    return (status.st_dev, status.st_ino) == (original.device, original.inode)


def _changed(path: str) -> ReplylintError:
    return ReplylintError("file changed on disk since it was read; not fixed, run again", path)


def _checked_original(fd: int, target: str, expected: bytes, path: str) -> tuple[_Original, os.stat_result]:
    """Step 2: the held file is the one the path names, still holds `expected`, and may be
    replaced (writable, one link)."""
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        raise ReplylintError("not a regular file; not fixed", path)
    before = _snapshot(fd)
    if not _names(target, before) or before.content != expected:
        raise _changed(path)
    if not status.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise ReplylintError("file is read-only; not fixed", path)
    if status.st_nlink > 1:
        raise ReplylintError(f"file has {status.st_nlink} hard links and replacing it would split it from the "
                             "others; not fixed", path)
    return before, status


def _write_temporary(target: str, data: bytes, status: os.stat_result, path: str) -> str:
    """`data` in a new file beside `target`, with its mode and (where permitted) owner, on disk."""
    directory, name = os.path.split(target)
    name = os.fsdecode(os.fsencode(name)[:_NAME_ROOM])  # room for the pid and mkstemp's part
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=TEMPORARY_SUFFIX, dir=directory)
    except OSError as exc:
        raise ReplylintError(f"cannot write beside the file: {exc.strerror}; not fixed", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            _copy_owner(handle.fileno(), status)
            os.fchmod(handle.fileno(), stat.S_IMODE(status.st_mode))  # after chown, which may clear set-id bits
            os.fsync(handle.fileno())
    except OSError as exc:
        _remove_quietly(temporary)
        raise ReplylintError(f"cannot write: {exc.strerror}; the original is unchanged", path) from None
    return temporary


def _copy_owner(fd: int, status: os.stat_result) -> None:
    """The original's owner and group: root may give any; anyone else may keep their own uid
    and give a group they belong to, and otherwise the file is theirs, as any editor leaves it."""
    if not hasattr(os, "fchown"):
        return
    for uid in (status.st_uid, -1):
        try:
            os.fchown(fd, uid, status.st_gid)
            return
        except PermissionError:
            continue


def _swap_unless_changed(fd: int, target: str, temporary: str, before: _Original, status: os.stat_result,
                         path: str) -> None:
    """Steps 3 to 5: lease, check again, swap, and undo the swap if a write, a writer or a
    rename slipped in. The lease and the lock last until the caller closes `fd`."""
    leased = _lease_against_writers(fd, path)
    if _snapshot(fd) != before or not _names(target, before):
        raise _changed(path)
    try:
        exchanged = _swap(temporary, target)
    except OSError as exc:
        raise ReplylintError(f"cannot write: {exc.strerror}; the original is unchanged", path) from None
    if _snapshot(fd).same_bytes(before) and (not exchanged or _names(temporary, before)) and \
            not (leased and _writer_waiting(fd)):
        return
    _put_back(fd, target, temporary, exchanged, status, path)
    raise ReplylintError("file changed on disk while the fix was written; kept as changed, not fixed, run again",
                         path)


def _lease_against_writers(fd: int, path: str) -> bool:
    """Take a read lease on the original: True when taken, False where leases cannot be had.
    While a program has the file open for writing it cannot be taken; that is waited out for a
    moment, and then reported."""
    if fcntl is None or not hasattr(fcntl, "F_SETLEASE") or LEASE_BREAK_SIGNAL is None:
        return False
    try:
        fcntl.fcntl(fd, fcntl.F_SETSIG, LEASE_BREAK_SIGNAL)
    except OSError:
        return False
    deadline = time.monotonic() + WRITER_WAIT_SECONDS
    while True:
        try:
            fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_RDLCK)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise ReplylintError("file is open for writing in another program; not fixed, run again",
                                     path) from None
            time.sleep(0.01)
        except OSError:  # not the owner (and not root), or a file system without leases
            return False


def _writer_waiting(fd: int) -> bool:
    """Whether a program is waiting to open the leased file for writing (the lease is breaking)."""
    assert fcntl is not None, "leases are taken only where fcntl exists"
    return fcntl.fcntl(fd, fcntl.F_GETLEASE) != fcntl.F_RDLCK


def _swap(temporary: str, target: str) -> bool:
    """Give `target` the temporary file's inode. True when the names were exchanged (the
    original is now under `temporary`), False when `target`'s old inode was replaced."""
    if _exchange(temporary, target):
        return True
    os.replace(temporary, target)
    return False


def _put_back(fd: int, target: str, temporary: str, exchanged: bool, status: os.stat_result, path: str) -> None:
    """Undo a swap that a concurrent write or rename raced: exchange the names back, or, after
    a plain replace, write the original inode's current bytes back to the path."""
    try:
        if exchanged:
            _exchange(temporary, target)
            return
        restored = _write_temporary(target, _read_all(fd), status, path)
        os.replace(restored, target)
    except (OSError, ReplylintError) as exc:
        raise ReplylintError("file changed on disk while the fix was written, and putting it back failed "
                             f"({getattr(exc, 'strerror', None) or exc}); check it by hand", path) from None


@lru_cache(maxsize=1)
def _renameat2():
    """libc's renameat2, or None where there is none (not Linux, glibc before 2.28, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(a: str, b: str) -> bool:
    """Swap what two names in one directory point to, in one step; False where the system or
    the file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    import ctypes

    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), b)


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def remove_stale_temporaries(paths: Iterable[str]) -> list[str]:
    """Remove the temporary files a killed `fix` left beside the files at `paths`, and return
    their paths. Only replylint's own names are touched (".NAME.PID.XXXXXXXX.replylint", the
    mkstemp pattern above), only regular files, and only once the process that made them is
    gone or they are older than any write takes: never a user's file, nor a temporary another
    replylint is writing right now."""
    directories = {os.path.dirname(os.path.realpath(path)) for path in paths}
    removed = []
    for directory in sorted(directories):
        for entry in _entries(directory):
            if _is_stale_temporary(entry):
                try:
                    os.unlink(entry.path)
                    removed.append(entry.path)
                except OSError:
                    pass
    return removed


def _entries(directory: str) -> list[os.DirEntry]:
    try:
        with os.scandir(directory) as entries:
            return list(entries)
    except OSError:
        return []


def _is_stale_temporary(entry: os.DirEntry) -> bool:
    match = _TEMPORARY_NAME.fullmatch(entry.name)
    if not match:
        return False
    try:
        status = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not stat.S_ISREG(status.st_mode):
        return False
    if time.time() - status.st_mtime > STALE_AFTER_SECONDS:
        return True
    return match["pid"] is not None and _process_gone(int(match["pid"]))


def _process_gone(pid: int) -> bool:
    """Whether no live process has this pid (a zombie, killed but not yet reaped, is gone)."""
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # PermissionError: alive, someone else's
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False
