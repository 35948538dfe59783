"""Append to reply files while `replylint fix --jobs 2` rewrites them, and count appends lost.

    python bench/append_race.py [--files 600] [--runs 6] [--appenders 2] [--chasers 1] [--pause-ms 40]
                                [--code CHECKOUT]

The issue's stress test: other programs append to the files a fix is writing (open, append one
line, close, as a shell `>>` or a logger does). Each appended line is itself fixable
("Obviously it works, note W-N.") so every run has files to rewrite, and carries a marker that
survives the fix ("note W-N."). While the appenders run, `fix` runs --runs times over the
folder. --appenders pick files at random; --chasers watch the folder for replylint's temporary
files and append at once to the file each one is about to replace, the window the issue's lost
append fell in; they run at the lowest priority, so that, as on a busy machine, they are often
preempted between their open and their write. Then every marker must be in the file it was
appended to. A file that changed under a run is reported by it as changed on disk and left for
the next run: those reports are counted.

Not run by CI (about a minute of two cores); --code runs another checkout's replylint instead
(a baseline: `git archive` an older commit into a folder).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixtools  # noqa: E402

APPENDER = """
import os, random, re, sys, time
folder, writer, pause, stop, log, chase = sys.argv[1:7]
pause, chase = float(pause), chase == "chase"
names = sorted(n for n in os.listdir(folder) if n.endswith(".txt"))
known = set(names)
temporary = re.compile(r"[.](.+?)(?:[.][0-9]+)?[.][a-z0-9_]{8}[.]replylint")
rng, n = random.Random(writer), 0
if chase:
    os.nice(19)  # preempted between its open and its write, as on a loaded machine

def targets():
    if not chase:
        return [rng.choice(names)]
    # the files being written right now: ".NAME.PID.XXXXXXXX.replylint" (older: no PID) -> NAME
    found = (temporary.fullmatch(e.name) for e in os.scandir(folder))
    return [m[1] for m in found if m and m[1] in known]

with open(log, "w") as record:
    while not os.path.exists(stop):
        for name in targets():
            with open(os.path.join(folder, name), "ab") as handle:
                handle.write(f"Obviously it works, note {writer}-{n}.\\n".encode())
            record.write(f"{name} {n}\\n")
            n += 1
        time.sleep(rng.uniform(0, 2 * pause))
"""


def fix_once(folder: Path, code: Path) -> dict[str, int]:
    """Run `fix` once; how many files it reported fixed, changed on disk, or another error for."""
    counts = {"fixed": 0, "changed on disk": 0, "other errors": 0}
    with tempfile.TemporaryFile() as log:
        subprocess.run(fixtools.fix_command(folder), env=fixtools.fix_environment(code),
                       stdout=subprocess.DEVNULL, stderr=log, check=False)
        log.seek(0)
        for line in log.read().decode(errors="replace").splitlines():
            if ": fixed " in line:
                counts["fixed"] += 1
            elif "changed on disk" in line:
                counts["changed on disk"] += 1
            elif line.startswith("replylint:"):
                counts["other errors"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=600)
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--appenders", type=int, default=2, help="appenders to files at random")
    parser.add_argument("--chasers", type=int, default=1, help="appenders to the files being written right now")
    parser.add_argument("--pause-ms", type=float, default=40.0, help="mean pause between a random appender's appends")
    parser.add_argument("--code", type=Path, default=fixtools.ROOT, help="checkout whose replylint to run")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="replylint-append-"))
    folder, stop = work / "replies", work / "stop"
    fixtools.write_replies(folder, fixtools.reply_texts(args.files))

    kinds = ["random"] * args.appenders + ["chase"] * args.chasers
    appenders = [subprocess.Popen([sys.executable, "-c", APPENDER, str(folder), str(w),
                                   str(args.pause_ms / 1000 if kind == "random" else 0.0005), str(stop),
                                   str(work / f"appends-{w}"), kind]) for w, kind in enumerate(kinds)]
    reports = {"fixed": 0, "changed on disk": 0, "other errors": 0}
    started = time.monotonic()
    for run in range(args.runs):
        counts = fix_once(folder, args.code)
        print(f"run {run + 1}: " + ", ".join(f"{n} {key}" for key, n in counts.items()), flush=True)
        for key, n in counts.items():
            reports[key] += n
    stop.touch()
    elapsed = time.monotonic() - started
    appended, lost_examples = {"random": 0, "chase": 0}, []
    for writer, (kind, process) in enumerate(zip(kinds, appenders)):
        process.wait()
        for line in (work / f"appends-{writer}").read_text().splitlines():
            name, n = line.split()
            appended[kind] += 1
            if f"note {writer}-{n}.".encode() not in (folder / name).read_bytes():
                lost_examples.append(f"{name}: note {writer}-{n} ({kind})")
    left = len(fixtools.temporaries(folder))
    print(f"code {args.code}: {args.runs} fix runs in {elapsed:.0f} s over {args.files} files; "
          f"{sum(appended.values())} appends ({appended['random']} at random, {appended['chase']} to files being "
          f"written), {len(lost_examples)} lost; reports: {reports['fixed']} fixed, "
          f"{reports['changed on disk']} changed on disk, {reports['other errors']} other errors; "
          f"{left} temporary files left")
    for example in lost_examples[:10]:
        print("  lost:", example)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
