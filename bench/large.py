"""Huge single inputs against the same text as many small files: is time linear, memory bounded?

    python bench/large.py [--sizes 1 2 4 20] [--formats text markdown html] [--markup-mb 4]
                          [--small-mb 4] [--keep DIR]

Builds, from the distinct replies of ../shared/corpus (dev/*.yaml and real/**/*.txt; without
it, examples/), one plain-text file per size in MiB (the replies that read as plain text, in
order, again and again, joined by blank lines, never past sources.MAX_BYTES), the first
`--small-mb` MiB of the same text as one file per reply, a Markdown file of `--markup-mb` MiB
of the plain and the Markdown replies, and an HTML file of every reply, escaped, one <p> each.
(A .txt file is read as HTML or Markdown when its content says so, and all of the replies
joined say HTML: 30 of them are HTML templates.) Each is checked by its own `replylint check` process; a row gives the wall
time, words per second, the ratio of its time per word to the small-files runs' (1.00: as
fast; the target is at most 1.5), the CPU seconds (user + system, the process and its
workers) and the same ratio for them, which a machine busy with other work disturbs less
than wall time, and the peak RSS of its largest process (os.wait4's ru_maxrss for that
child, so each row is its own run's). The small files run twice: with the default --jobs
(one process per core, as a user runs it) and with --jobs 1, which is what a single file
gets, since one file is linted by one process.

The corpus repeats, so the parse memo (speed/parse_memo.py) is on for every row alike.
Findings are printed with `--format github` (one line each): what is measured is linting, and
the JSON formatter's document (28 MB for a 20 MB input, built whole, +170 MB) and the text
formatter's excerpts of very long lines are the output's cost, not the linter's. `--format`
picks another.
"""
from __future__ import annotations

import argparse
import html
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import yaml  # noqa: E402

from replylint.formats import _HTML_SIGNAL, sniff  # noqa: E402
from replylint.sources import MAX_BYTES, is_meta_file  # noqa: E402

BIN = Path(sys.executable).parent
MIB = 1024 * 1024


def distinct_replies(shared: Path = corpus.SHARED) -> list[str]:
    """Every distinct reply text of the dev set (both YAML files) and the real corpus, in order."""
    texts: list[str] = []
    for path in sorted((shared / "dev").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases = data["cases"] if isinstance(data, dict) else data
        texts += [str(c.get("text", "")) for c in cases]
    for path in sorted((shared / "real").rglob("*.txt")) if (shared / "real").is_dir() else []:
        if not is_meta_file(path.name):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    texts = [t.strip("\n") for t in texts if t.strip()]
    return list(dict.fromkeys(texts)) or corpus.source_replies(shared)


def replies_up_to(replies: list[str], size: int, wrap=lambda t: t, separator: str = "\n\n") -> list[str]:
    """Wrapped replies in order, cycling, as many as fit in `size` bytes joined by `separator`."""
    out, total, n = [], 0, 0
    while True:
        piece = wrap(replies[n % len(replies)])
        cost = len(piece.encode("utf-8")) + (len(separator) if out else 0) + 1
        if total + cost > size:
            return out
        out.append(piece)
        total += cost
        n += 1


def as_html(reply: str) -> str:
    """A reply as an HTML e-mail paragraph: escaped, its lines kept apart by <br>."""
    return "<p>" + "<br>\n".join(html.escape(line, quote=False) for line in reply.split("\n")) + "</p>"


def write_single(path: Path, pieces: list[str]) -> int:
    """One file of the pieces joined by blank lines; returns its word count."""
    text = "\n\n".join(pieces) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.split())


def write_small(directory: Path, pieces: list[str]) -> int:
    """One .txt file per piece; returns the word count."""
    directory.mkdir(parents=True, exist_ok=True)
    for n, piece in enumerate(pieces):
        sub = directory / f"{n // 500:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"reply-{n:05d}.txt").write_text(piece + "\n", encoding="utf-8")
    return sum(len(p.split()) for p in pieces)


OUTPUT_FORMAT = ["github"]


def run(args: list[str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in KB of the largest process) of `replylint check ARGS`."""
    cmd = [str(BIN / "replylint"), "check", "--format", *OUTPUT_FORMAT, *args]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read().decode("utf-8", "replace").strip()
    proc.stderr.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {error[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 20], help="plain-text sizes, MiB")
    parser.add_argument("--formats", nargs="+", default=["markdown", "html"], choices=["markdown", "html"],
                        help="markup formats to time at --markup-mb")
    parser.add_argument("--markup-mb", type=float, default=4)
    parser.add_argument("--small-mb", type=float, default=4, help="size of the small-files run, MiB")
    parser.add_argument("--keep", type=Path, help="build the inputs here and keep them")
    parser.add_argument("--format", default="github", help="replylint's output format (default: github)")
    args = parser.parse_args(argv)
    OUTPUT_FORMAT[:] = [args.format]

    replies = distinct_replies()
    # Plain: no HTML tag at all, since two in the whole file make it HTML.
    formats = [sniff("reply.txt", r) if not _HTML_SIGNAL.search(r) else "html" for r in replies]
    plain = [r for r, fmt in zip(replies, formats) if fmt == "text"]
    markdown = [r for r, fmt in zip(replies, formats) if fmt in ("text", "markdown")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="replylint-large-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{len(replies)} distinct replies ({len(plain)} plain text, {sum(len(r) for r in plain) / MIB:.2f} MiB); "
          f"inputs in {work}", file=sys.stderr)
    rows = []

    def row(label: str, files: int, megabytes: float, words: int, check_args: list[str]) -> None:
        wall, cpu, rss = run(check_args)
        rows.append((label, files, megabytes, words, wall, cpu, rss))
        print(f"  {label}: {wall:.1f} s, {cpu:.1f} s CPU, {rss / 1024:.0f} MB", file=sys.stderr)

    try:
        small = replies_up_to(plain, int(args.small_mb * MIB))
        words = write_small(work / "small", small)
        small_mb = sum(len(p.encode()) + 1 for p in small) / MIB
        row("small files, --jobs default", len(small), small_mb, words, [str(work / "small")])
        row("small files, --jobs 1", len(small), small_mb, words, ["--jobs", "1", str(work / "small")])
        inputs = [(f"text {size:g} MiB", "txt", size, plain, lambda t: t) for size in args.sizes]
        inputs += [(f"{fmt} {args.markup_mb:g} MiB", {"markdown": "md", "html": "html"}[fmt], args.markup_mb,
                    {"markdown": markdown, "html": replies}[fmt], {"markdown": lambda t: t, "html": as_html}[fmt])
                   for fmt in args.formats]
        for label, suffix, size, sources, wrap in inputs:
            path = work / f"single-{size:g}.{suffix}"
            pieces = replies_up_to(sources, min(int(size * MIB), MAX_BYTES), wrap)
            single_words = write_single(path, pieces)
            if suffix == "txt":
                assert sniff(path.name, path.read_text(encoding="utf-8")) == "text", "not read as plain text"
            row(label, 1, path.stat().st_size / MIB, single_words, [str(path)])
            if not args.keep:
                path.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    wall_base = [wall / words for _, _, _, words, wall, _, _ in rows[:2]]
    cpu_base = [cpu / words for _, _, _, words, _, cpu, _ in rows[:2]]
    print("| input | files | MiB | words | time (s) | words/s | time/word vs small files (jobs default / 1) "
          "| CPU (s) | CPU/word vs small files (default / 1) | peak RSS (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, files, megabytes, words, wall, cpu, rss in rows:
        wall_ratios = " / ".join(f"{(wall / words) / b:.2f}" for b in wall_base)
        cpu_ratios = " / ".join(f"{(cpu / words) / b:.2f}" for b in cpu_base)
        print(f"| {label} | {files} | {megabytes:.2f} | {words} | {wall:.1f} | {words / wall:,.0f} | {wall_ratios} "
              f"| {cpu:.1f} | {cpu_ratios} | {rss / 1024:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
