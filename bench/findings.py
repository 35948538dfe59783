"""Every finding replylint reports on the shared corpora, as JSON lines, to compare two versions.

    python bench/findings.py OUT.jsonl      # then: cmp before.jsonl after.jsonl

Each reply text of ../shared/corpus/dev/*.yaml and ../shared/corpus/real/**/*.txt is linted on
its own as plain text, Markdown and HTML, and all of them together through `lint_many` (the
batches the CLI makes); then the texts joined by blank lines into one large input (many
chunks) as text, Markdown and HTML, and as one YAML collection. Findings are written whole
(`Finding.to_dict`), so any moved offset, changed message or rewrite shows as a difference.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from replylint import Linter
from replylint.sources import is_meta_file

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def corpus_texts(shared: Path = SHARED) -> list[str]:
    """The dev set's texts (every YAML file) and the real corpus's replies, in a stable order."""
    texts = []
    for path in sorted((shared / "dev").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases = data["cases"] if isinstance(data, dict) else data
        texts += [case["text"] for case in cases if str(case.get("text", "")).strip()]
    for path in sorted((shared / "real").rglob("*.txt")):
        if not is_meta_file(path.name):
            text = path.read_text(encoding="utf-8")
            if text.strip():
                texts.append(text)
    return texts


def main(argv=None) -> int:
    out_path = Path((argv or sys.argv[1:])[0])
    texts = corpus_texts()
    if not texts:
        print("no corpus at ../shared/corpus", file=sys.stderr)
        return 1
    linter = Linter()
    with out_path.open("w", encoding="utf-8") as out:
        def write(label, findings):
            out.write(json.dumps({"case": label, "findings": [f.to_dict() for f in findings]}) + "\n")

        for fmt in ("text", "markdown", "html"):
            for n, text in enumerate(texts):
                write(f"{fmt}:{n}", linter.lint(text, fmt))
        for n, findings in enumerate(linter.lint_many((t, "text", "") for t in texts)):
            write(f"many:{n}", findings)
        joined = "\n\n".join(t.strip("\n") for t in texts) + "\n"
        for fmt in ("text", "markdown", "html"):
            write(f"joined:{fmt}", linter.lint(joined, fmt))
        collection = yaml.safe_dump([{"body": t} for t in texts], allow_unicode=True)
        write("collection", linter.lint(collection, "yaml"))
    print(f"{len(texts)} texts -> {out_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
