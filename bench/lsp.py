"""How long an editor waits for squiggles: didChange → publishDiagnostics through `replylint lsp`.

A ~150-word reply (bench/reply-150.txt, with two flagged sentences added so there is something to
publish) is opened, then changed one word at a time, as typing does, with the debounce at 0, so
what is measured is the server: reading the change, linting the document again (the parse memo
keeps the unchanged sentences' parses), converting positions and writing the diagnostics. Each
change waits for its own version's diagnostics before the next is sent.

    python bench/lsp.py [--changes 300]

Needs the `lsp` extra. Target: p99 ≤ 50 ms.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.lsp_client import LspClient  # noqa: E402

FLAGGED = "\n\nPlease calm down, we will look into it ASAP.\n"
SWAPS = ["quickly", "today", "again", "carefully", "now", "still", "also", "really"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    text = (ROOT / "bench" / "reply-150.txt").read_text(encoding="utf-8") + FLAGGED
    words = text.split(" ")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        client = LspClient(root)
        try:
            client.initialize(root, {"debounceMs": 0})
            uri = (root / "reply.txt").as_uri()
            client.open(uri, text)
            client.diagnostics(uri, 1)  # the model is loaded and the first lint done
            latencies, findings = [], set()
            for version in range(2, args.changes + 2):
                at = rng.randrange(len(words))
                if "\n" not in words[at] and words[at].isalpha():
                    words[at] = rng.choice(SWAPS)  # one word changed
                changed = " ".join(words)
                mark = client.mark()
                start = time.perf_counter()
                client.change(uri, changed, version)
                diagnostics = client.diagnostics(uri, version, after=mark, timeout=30)
                latencies.append((time.perf_counter() - start) * 1000)
                findings.add(len(diagnostics))
        finally:
            client.close()
    print(f"{len(latencies)} changes of a {len(text.split())}-word reply, debounce 0, "
          f"{min(findings)}-{max(findings)} diagnostics each")
    print(f"didChange → publishDiagnostics: p50 {statistics.median(latencies):.1f} ms, "
          f"p99 {percentile(latencies, 0.99):.1f} ms, max {max(latencies):.1f} ms")


if __name__ == "__main__":
    main()
