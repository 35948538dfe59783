"""Kill `replylint fix --jobs 2` at random moments and count what a kill breaks.

    python bench/kill_fix.py [--files 2000] [--kills 12] [--seed 1] [--code CHECKOUT]

Makes --files small replies with fixable findings in a temporary folder and works out, with
Linter.fix, what each one becomes. Then, --kills times: the folder is reset to the originals,
`replylint fix --jobs 2` starts, and the command (the parent only, as a user's kill or an OOM
kill would) gets SIGKILL at a random moment, taken in turn from the start-up, the forked
workers' phase and the write phase (phases found by watching its children, not by a clock).
After each kill, and after a full re-run that follows it, every file is checked:

- corrupt: neither its original bytes nor Linter.fix's result for them;
- temporary files left (`.NAME.*.replylint`): expected right after a kill in the write phase,
  and the re-run must remove them;
- orphaned workers: children of the killed command still alive 10 s after the kill.

Not run by CI (it takes minutes and kills processes); Linux only (/proc). --code runs another
checkout's replylint instead (a baseline: `git archive` an older commit into a folder).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixtools  # noqa: E402

ORPHAN_GRACE_SECONDS = 10
PHASES = ("start-up", "workers", "writes")


def expected_fixes(paths: list[Path], texts: list[str]) -> list[bytes]:
    from replylint import Linter
    from replylint.fileio import encode_like

    linter, fixed = Linter(), {}
    out = []
    for path, text in zip(paths, texts):
        if text not in fixed:
            fixed[text] = encode_like(text.encode(), linter.fix(text, format="auto", name=str(path)).text)
        out.append(fixed[text])
    return out


class Watched:
    """One `fix` run, its children seen so far, and when its workers came and went."""

    def __init__(self, folder: Path, code: Path):
        self.start = time.monotonic()
        self.log = tempfile.TemporaryFile()  # not a pipe: 2,000 "fixed" lines would fill it and stall the command
        self.process = subprocess.Popen(fixtools.fix_command(folder), env=fixtools.fix_environment(code),
                                        stdout=subprocess.DEVNULL, stderr=self.log)
        self.workers: set[int] = set()
        self.workers_seen = self.workers_gone = None

    def poll(self) -> bool:
        """Look at the children once; False once the command has ended."""
        if self.process.poll() is not None:
            return False
        now = fixtools.children(self.process.pid)
        self.workers |= now
        if now and self.workers_seen is None:
            self.workers_seen = time.monotonic() - self.start
        if not now and self.workers_seen is not None and self.workers_gone is None:
            self.workers_gone = time.monotonic() - self.start
        return True

    def run_to_end(self) -> float:
        while self.poll():
            time.sleep(0.01)
        self.log.seek(0)
        self.stderr = self.log.read().decode(errors="replace")
        return time.monotonic() - self.start

    def wait_until(self, phase: str, calibration: dict, rng: random.Random) -> bool:
        """Watch until a random moment of `phase`; False when the command ended first."""
        if phase == "start-up":
            moment = rng.uniform(0.3, calibration["workers_seen"])
            while time.monotonic() - self.start < moment:
                if not self.poll():
                    return False
                time.sleep(0.01)
            return True
        while (self.workers_seen is None) if phase == "workers" else (self.workers_gone is None):
            if not self.poll():
                return False
            time.sleep(0.005)
        length = calibration["workers_gone"] - calibration["workers_seen"] if phase == "workers" else \
            calibration["end"] - calibration["workers_gone"]
        deadline = time.monotonic() + rng.uniform(0, 0.9 * length)
        while time.monotonic() < deadline:
            if not self.poll():
                return False
            time.sleep(0.01)
        return True

    def kill(self) -> int:
        """SIGKILL the command; the number of its children alive after the grace period (then
        killed, so the next round starts clean)."""
        self.poll()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        give_up = time.monotonic() + ORPHAN_GRACE_SECONDS
        while any(fixtools.alive(pid) for pid in self.workers) and time.monotonic() < give_up:
            time.sleep(0.05)
        survivors = [pid for pid in self.workers if fixtools.alive(pid)]
        for pid in survivors:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        return len(survivors)


def check(paths: list[Path], originals: list[bytes], fixed: list[bytes]) -> tuple[int, int, list[str]]:
    """(files fixed, files still original, names of corrupt files)."""
    done = untouched = 0
    corrupt = []
    for path, original, good in zip(paths, originals, fixed):
        data = path.read_bytes()
        if data == good:
            done += 1
        elif data == original:
            untouched += 1
        else:
            corrupt.append(path.name)
    return done, untouched, corrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--code", type=Path, default=fixtools.ROOT, help="checkout whose replylint to run")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="replylint-kill-")) / "replies"
    texts = fixtools.reply_texts(args.files)
    paths = fixtools.write_replies(folder, texts)
    originals = [t.encode() for t in texts]
    fixed = expected_fixes(paths, texts)
    print(f"{args.files} files, {sum(map(len, originals)):,} bytes, in {folder}; code: {args.code}")

    calibration_run = Watched(folder, args.code)
    end = calibration_run.run_to_end()
    done, _, corrupt = check(paths, originals, fixed)
    if done != len(paths) or calibration_run.workers_seen is None:
        sys.exit(f"calibration run: {done} of {len(paths)} fixed as expected, workers seen at "
                 f"{calibration_run.workers_seen}: {calibration_run.stderr[-500:]}")
    calibration = {"workers_seen": calibration_run.workers_seen, "workers_gone": calibration_run.workers_gone,
                   "end": end}
    print("calibration: workers at {workers_seen:.1f} s, gone at {workers_gone:.1f} s, end at {end:.1f} s"
          .format(**calibration))

    totals = {"kills": 0, "checked": 0, "corrupt": 0, "left_after_kill": 0, "left_after_rerun": 0,
              "orphans": 0, "rerun_failures": 0}
    print(f"{'kill':>4} {'phase':>8} {'at s':>6} {'written':>7} {'corrupt':>7} {'temps':>5} {'orphans':>7} "
          f"{'re-run':>7}")
    for round_number in range(args.kills):
        fixtools.write_replies(folder, texts)
        phase = PHASES[round_number % len(PHASES)]
        run = Watched(folder, args.code)
        if not run.wait_until(phase, calibration, rng):
            print(f"{round_number + 1:>4} {phase:>8}  ended before the kill; round repeated")
            continue
        at = time.monotonic() - run.start
        orphans = run.kill()
        done, untouched, corrupt = check(paths, originals, fixed)
        left = len(fixtools.temporaries(folder))
        rerun = Watched(folder, args.code)
        rerun.run_to_end()
        redone, _, recorrupt = check(paths, originals, fixed)
        left_after = len(fixtools.temporaries(folder))
        ok = rerun.process.returncode in (0, 1) and redone == len(paths) and not recorrupt and not left_after
        totals["kills"] += 1
        totals["checked"] += 2 * len(paths)
        totals["corrupt"] += len(corrupt) + len(recorrupt)
        totals["left_after_kill"] += left
        totals["left_after_rerun"] += left_after
        totals["orphans"] += orphans
        totals["rerun_failures"] += not ok
        print(f"{totals['kills']:>4} {phase:>8} {at:>6.1f} {done:>7} {len(corrupt):>7} {left:>5} {orphans:>7} "
              f"{'ok' if ok else 'FAILED':>7}")
        if corrupt or recorrupt:
            print("     corrupt:", ", ".join((corrupt + recorrupt)[:10]))
        if not ok:
            print(f"     re-run: exit {rerun.process.returncode}, {redone} fixed, {left_after} temporaries; "
                  f"{rerun.stderr[-300:]}")
    print("kills {kills}, files checked {checked}, corrupt {corrupt}, temporary files left by the kills "
          "{left_after_kill} and after the re-runs {left_after_rerun}, orphaned workers {orphans}, "
          "re-runs that failed {rerun_failures}".format(**totals))
    shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
