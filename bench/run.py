"""replylint's benchmark: every figure is a ratio against a peer measured in the same run.

    python bench/run.py [--limit N] [--rounds R] [--cold-rounds R] [--calls N] [--jobs J]

1. Throughput: `replylint check` over a corpus of distinct replies (bench/corpus.py: every reply
   of ../shared's dev parts and real corpus once, about 1,300 files) against
   proselint 0.16 (`proselint check`, a regex linter with no parser) on the same files.
   A second row times the same run with the parse memo off (REPLYLINT_PARSE_MEMO=0): replies
   are distinct, so the first row gains only from boilerplate sentences the templates share,
   as a real repository's would.
   A third splits the files among one command per core started together, as pre-commit runs
   a hook, against proselint split the same way.
2. Cold start: `replylint check bench/one.txt` against `python -c "import spacy; spacy.load(M)"`.
3. Warm latency: `Linter.lint` on bench/reply-150.txt (152 words), p50 and p99 of many calls,
   with the memo off; and, with it on, re-linting the reply with one word changed per call.
4. Peak memory of the corpus run: the whole process tree's proportional set size (PSS, so
   pages the forked workers share with the parent count once), sampled every 20 ms in one more
   run of its own (sampling slows the run it watches, so it is never a timed one).
5. Quality: the dev set's per-rule counts with staged analysis against parsing everything.

Both start from compiled bytecode, as installed packages do (see `main`).

Wall times are medians over R rounds, the two commands alternating so that machine noise hits
both. Needs proselint (the `bench` extra); the corpus needs ../shared, else bench/ examples.
"""
from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

BIN = Path(sys.executable).parent


def _tree(pid: int) -> list[int]:
    """pid and all its descendants (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            children = []
        todo += [int(c) for c in children]
    return out


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(cmd: list[str], sample_memory: bool = False) -> tuple[float, int]:
    """(wall seconds, peak PSS of the process tree in KB, or 0) for one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    if sample_memory:
        def sample():
            nonlocal peak
            while proc.poll() is None:
                peak = max(peak, sum(_pss_kb(p) for p in _tree(proc.pid)))
                time.sleep(0.02)
        sampler = threading.Thread(target=sample)
        sampler.start()
    proc.wait()
    wall = time.perf_counter() - start
    if sample_memory:
        sampler.join()
    return wall, peak


def side_by_side(cmds: list[list[str]]) -> float:
    """Wall seconds for several commands started together, until the last one ends."""
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for cmd in cmds]
    for proc in procs:
        proc.wait()
    return time.perf_counter() - start


def alternate(commands: dict, rounds: int) -> dict[str, float]:
    """Median wall time per command (a list of commands runs side by side)."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            walls[name].append(side_by_side(cmd) if isinstance(cmd[0], list) else timed(cmd)[0])
    return {name: statistics.median(w) for name, w in walls.items()}


def model_name() -> str:
    from replylint.nlp import resolve_model_name

    return resolve_model_name(None)


def latency(calls: int, typing: bool = False) -> tuple[float, float]:
    """(p50, p99) in ms of Linter.lint on bench/reply-150.txt. Without `typing`, the parse memo
    is off, so every call parses what it needs afresh (the figure the target is about). With
    `typing`, the memo is on and each call changes one word of the last sentence, as a plugin
    re-linting a draft while the agent types would."""
    from replylint import Linter

    linter = Linter()
    if not typing:
        linter.parse_memo = 0
    text = (HERE / "reply-150.txt").read_text(encoding="utf-8")
    drafts = [text.rstrip() + (f" Ticket {n}." if typing else "") for n in range(calls + 20)]
    for draft in drafts[:20]:
        linter.lint(draft)
    times = []
    for draft in drafts[20:]:
        start = time.perf_counter()
        linter.lint(draft)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]


def _table(linter, cases) -> dict:
    """Per rule (true positives, false positives, false negatives) over the labeled cases, the
    way ../shared/tools/evaluate.py counts them: a rule fired on a reply, or not."""
    counts: dict = {}
    for case in cases:
        fired = {f.rule_id for f in linter.lint(case["text"])}
        expected = set(case.get("expect") or [])
        for rule in fired | expected:
            tp, fp, fn = counts.get(rule, (0, 0, 0))
            counts[rule] = (tp + (rule in fired and rule in expected), fp + (rule in fired and rule not in expected),
                            fn + (rule in expected and rule not in fired))
    return counts


def quality() -> str:
    """Whether staged analysis gives the same dev-set evaluation table as parsing every reply
    whole (the analysis before staging), and on how many cases every finding is the same too."""
    import yaml

    from replylint import Linter

    cases_path = corpus.SHARED / "dev" / "cases.yaml"
    if not cases_path.is_file():
        return "not measured (../shared/corpus/dev is absent)"
    cases = yaml.safe_load(cases_path.read_text(encoding="utf-8"))
    staged, full = Linter(), Linter()
    full.full_analysis = True
    same = sum([f.to_dict() for f in staged.lint(c["text"])] == [f.to_dict() for f in full.lint(c["text"])]
               for c in cases)
    verdict = "identical table" if _table(staged, cases) == _table(full, cases) else "DIFFERENT table"
    return f"{verdict}, rule by rule; every finding the same on {same} of {len(cases)} cases"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="replylint benchmark (ratios against peers in the same run)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N distinct replies (a quick run)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per timing (median)")
    parser.add_argument("--cold-rounds", type=int, default=9, help="rounds for the cold-start timing")
    parser.add_argument("--calls", type=int, default=500, help="Linter.lint calls for the latency figure")
    parser.add_argument("--jobs", type=int, default=None, help="replylint --jobs (default: its own default)")
    args = parser.parse_args(argv)

    proselint = shutil.which("proselint", path=str(BIN)) or shutil.which("proselint")
    if proselint is None:
        print("proselint is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    replylint = [str(BIN / "replylint")]
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    model = model_name()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    rows = []
    # Both commands start from bytecode, as after `pip install` (which compiles the wheel's
    # modules): spaCy's are compiled in site-packages, and an editable checkout's are written on
    # first import, unless PYTHONDONTWRITEBYTECODE is set (it is on some CI machines), when every
    # run would compile replylint's 90 modules from source, 0.2-0.3 s that no installed user pays.
    import replylint as package

    compileall.compile_dir(str(Path(package.__file__).resolve().parent), quiet=1)
    with tempfile.TemporaryDirectory(prefix="replylint-bench-") as tmp:
        directory = Path(tmp) / "replies"
        paths = corpus.build(directory, args.limit)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        print(f"corpus: {len(paths)} replies, {words} words", file=sys.stderr)
        check = replylint + ["check", str(directory), "--exit-zero"] + jobs
        run = alternate({"replylint": check, "no memo": ["env", "REPLYLINT_PARSE_MEMO=0"] + check,
                         "proselint": [proselint, "check", str(directory)]}, args.rounds)
        r_wall, n_wall, p_wall = run["replylint"], run["no memo"], run["proselint"]
        # Memory in a run of its own: reading /proc/*/smaps_rollup every 20 ms costs the kernel
        # enough to slow the run it watches, so a sampled run is never a timed one.
        _, r_peak = timed(check, sample_memory=True)
        rows.append(("Throughput", f"{len(paths)} replies ({words} words)", f"{r_wall:.2f} s",
                     f"proselint {p_wall:.2f} s", f"{r_wall / p_wall:.2f}", "≤ 1.0"))
        rows.append(("Throughput, parse memo off", "the same, REPLYLINT_PARSE_MEMO=0", f"{n_wall:.2f} s",
                     f"proselint {p_wall:.2f} s", f"{n_wall / p_wall:.2f}", "(every segment parsed)"))
        rows.append(("Peak memory (PSS, all processes)", "corpus run", f"{r_peak / 1024:.0f} MB", "", "", "≤ 400 MB"))
        # As pre-commit runs a hook that is not require_serial: the files split into one command
        # per core, all started together, each in one process.
        shares = [[str(p) for p in paths[i::cores]] for i in range(cores)]
        together = alternate({"replylint": [replylint + ["check", "--exit-zero", "--jobs", "1"] + share
                                            for share in shares],
                              "proselint": [[proselint, "check"] + share for share in shares]}, args.rounds)
        rows.append(("Side by side, as pre-commit runs it", f"{cores} commands, one per core, a share of the files each",
                     f"{together['replylint']:.2f} s", f"proselint {together['proselint']:.2f} s",
                     f"{together['replylint'] / together['proselint']:.2f}", ""))
    cold = alternate({"replylint": replylint + ["check", str(HERE / "one.txt"), "--exit-zero"],
                      "spacy.load": [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]}, args.cold_rounds)
    c_wall, s_wall = cold["replylint"], cold["spacy.load"]
    rows.append(("Cold start", "check bench/one.txt", f"{c_wall:.2f} s", f"spacy.load {s_wall:.2f} s",
                 f"{c_wall / s_wall:.2f}", "≤ 1.3"))
    p50, p99 = latency(args.calls)
    rows.append(("Warm latency p50", "Linter.lint, 152 words, memo off", f"{p50:.1f} ms", "", "", "≤ 5 ms"))
    rows.append(("Warm latency p99", "Linter.lint, 152 words, memo off", f"{p99:.1f} ms", "", "", "≤ 20 ms"))
    t50, t99 = latency(args.calls, typing=True)
    rows.append(("Re-lint while typing p50 / p99", "the same, one word changed per call", f"{t50:.1f} / {t99:.1f} ms",
                 "", "", ""))
    rows.append(("Quality", "dev set, staged vs parse-everything", quality(), "", "", "identical"))

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    print(f"{date.today()}, {cores} cores, {memory:.0f} GiB, Python {platform.python_version()}, model {model}")
    print(f"command: python bench/run.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print()
    print("| measure | input | replylint | peer | ratio | target |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
