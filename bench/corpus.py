"""Build the benchmark corpus: one distinct reply per .txt file.

Every reply is written once: a corpus that repeats its replies lets the parse memo skip the
second parse of each, which flatters replylint against a peer that has no memo. The replies
come from both parts of the labeled development set and the real canned responses in
`../shared/corpus/` (third-party and held for measurement, so they are copied into a temporary
directory at run time, never into the project). Without `../shared`, the bundled examples are
used, which makes a smaller and less varied corpus.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from replylint.sources import is_meta_file  # the files a directory scan passes over

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"


def source_replies(shared: Path = SHARED) -> list[str]:
    """The distinct reply texts the corpus is built from, in a stable order."""
    replies: list[str] = []
    for cases in sorted((shared / "dev").glob("*.yaml")) if (shared / "dev").is_dir() else []:
        with cases.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        data = data["cases"] if isinstance(data, dict) else data
        replies += [c["text"] for c in data if str(c.get("text", "")).strip()]
    real = shared / "real"
    if real.is_dir():
        for path in sorted(real.rglob("*.txt")):
            if not is_meta_file(path.name):
                text = path.read_text(encoding="utf-8", errors="replace")
                if text.strip():
                    replies.append(text)
    if not replies:
        replies = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    return list(dict.fromkeys(replies))


def build(directory: Path, limit: int | None = None, shared: Path = SHARED) -> list[Path]:
    """Write every distinct reply (the first `limit` of them, if given) as a file under `directory`."""
    replies = source_replies(shared)[:limit]
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, text in enumerate(replies):
        path = directory / f"{n // 500:03d}" / f"reply-{n:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="only the first N distinct replies")
    args = parser.parse_args(argv)
    paths = build(args.directory, args.limit)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} replies, {words} words in {args.directory}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
