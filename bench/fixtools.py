"""What bench/kill_fix.py and bench/append_race.py share: reply files with fixable findings,
the `replylint fix` command to run on them, and a look at a process's children (Linux /proc)."""
from __future__ import annotations

import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each line has a safe fix: "Obviously"/"Just"/"Simply" go, shouting and "!!" calm down.
FIXABLE_LINES = [
    "Just click Save. Obviously it works.",
    "Please do NOT restart it.",
    "Obviously the export skips archived rows. Check your inbox!!",
    "Simply reopen the report and it will load.",
    "The invoice is attached!! Let me know if the totals look right.",
    "Thanks for the screenshot. Just clear the cache and sign in again.",
    "Your card was charged TWICE by mistake; the second charge is refunded today.",
]


def reply_texts(count: int, seed: int = 13) -> list[str]:
    """`count` short replies of two to four fixable lines, the same for the same seed."""
    rng = random.Random(seed)
    return ["\n".join(rng.sample(FIXABLE_LINES, rng.randint(2, 4))) + f"\nTicket {i}.\n" for i in range(count)]


def write_replies(folder: Path, texts: list[str]) -> list[Path]:
    """One reply-NNNN.txt per text, written in place (so a file keeps its inode between rounds)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"reply-{i:04d}.txt"
        with open(path, "wb") as handle:
            handle.write(text.encode("utf-8"))
        paths.append(path)
    return paths


def fix_command(folder: Path, jobs: int = 2) -> list[str]:
    """-P: the replylint on PYTHONPATH (fix_environment), not one in the current directory."""
    return [sys.executable, "-P", "-m", "replylint", "fix", "--jobs", str(jobs), str(folder)]


def fix_environment(code: Path = ROOT) -> dict:
    """The environment to run `code`'s replylint in (another checkout gives a baseline)."""
    return dict(os.environ, PYTHONPATH=str(code))


def process_state(pid: int) -> str | None:
    """The one-letter state of a process ("Z" for a zombie), None when there is none."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_bytes().rsplit(b")", 1)[1].split()[0].decode()
    except (OSError, IndexError):
        return None


def alive(pid: int) -> bool:
    return process_state(pid) not in (None, "Z")


def children(pid: int) -> set[int]:
    """The live processes whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != b"Z":
            found.add(int(entry.name))
    return found


def temporaries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".replylint"))
