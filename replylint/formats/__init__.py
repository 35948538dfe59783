"""Source file → the Documents (replies) in it: one `Format` record per input format, one module
per reader.

Plain text, Markdown, HTML and e-mail (.eml) files hold one reply; YAML and JSON collections hold many.
Every Document maps its clean text back to the file, so a finding's line and column always
point at what the user wrote, whatever markup or escaping sits around it.

`FORMATS` is the only list of input formats. Directory scans (`REPLY_SUFFIXES`), `sniff`,
`documents_for`, the server's `"format"`, the directive syntax of each format (suppression.py),
the command's help and a test of `.pre-commit-hooks.yaml` all read it, so a format added here
is picked up everywhere at once. Readers are imported when first used: a command that reads
only plain text never imports the Markdown, YAML or e-mail machinery.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..document import Document, from_plain_text
from ..findings import Edit

# The comment forms a directive may take (suppression.py holds the pattern of each):
# `<!-- replylint: ... -->` and, in YAML, `# replylint: ...`.
DirectiveSyntax = Literal["html-comment", "hash"]
# A reader: (the file's text, its name for error messages, the configured body keys) → replies.
Reader = Callable[[str, str, "Sequence[str] | None"], list[Document]]
# A fix's proof: (the file's text, its name, body_keys, a pass's edits) → the edits to refuse.
FixProof = Callable[[str, str, "Sequence[str] | None", list[Edit]], set[Edit]]
TEXT = "text"  # the format of a file nothing else claims


@dataclass(frozen=True)
class Format:
    """Everything replylint knows about one input format, in one place."""

    name: str                     # as `Linter.lint(format=...)`, the server and `sniff` spell it
    description: str              # for people: the command's help
    suffixes: tuple[str, ...]     # lower case, with the dot: what a directory scan checks
    read: Reader
    # How a replylint directive is written in a file of this format.
    directives: tuple[DirectiveSyntax, ...] = ("html-comment",)
    # For a .txt file or stdin: whether its content is really this format (helpdesk exports keep
    # HTML and Markdown templates in .txt files). Tried in FORMATS order; None: never sniffed.
    detect: Callable[[str], bool] | None = None
    served: bool = True           # accepted as the server's "format"
    # Run by `Linter.fix` on every pass, for a format whose edits are encoded into a structure
    # that must still parse as it did (formats/verify.py); None: the reader's encoders suffice.
    prove_fix: FixProof | None = None
    precommit_type: str = "text"  # the `identify` tag pre-commit gives its files (types_or)


# Tags that make a .txt file an HTML template (helpdesks export e-mail bodies as .txt).
_HTML_SIGNAL = re.compile(r"<(?:p|br|div|span|a|b|strong|em|i|u|ul|ol|li|table|tr|td|th|html|body|h[1-6]|img|hr|"
                          r"font|blockquote|center|tbody|thead)\b[^<>]*>", re.IGNORECASE)
_MARKDOWN_SIGNAL = re.compile(r"^(?:```|~~~)|\]\([^)\s]+\)|^\s{0,3}[-*+] \[[ x]\]|<!--|^#{1,6} \S|\*\*\S", re.MULTILINE)


def _looks_like_html(text: str) -> bool:
    return len(_HTML_SIGNAL.findall(text)) >= 2


def _looks_like_markdown(text: str) -> bool:
    return _MARKDOWN_SIGNAL.search(text) is not None


def _read_text(text: str, name: str, body_keys: Sequence[str] | None) -> list[Document]:
    return [from_plain_text(text)]


def _read_markdown(text: str, name: str, body_keys: Sequence[str] | None) -> list[Document]:
    from .markdown import from_markdown
    return [from_markdown(text)]


def _read_html(text: str, name: str, body_keys: Sequence[str] | None) -> list[Document]:
    from .html import from_html
    return [from_html(text)]


def _read_yaml(text: str, name: str, body_keys: Sequence[str] | None) -> list[Document]:
    from .collections import from_collection
    return from_collection(name, text, "yaml", body_keys)


def _read_json(text: str, name: str, body_keys: Sequence[str] | None) -> list[Document]:
    from .collections import from_collection
    return from_collection(name, text, "json", body_keys)


def _prove_yaml(text: str, name: str, body_keys: Sequence[str] | None, edits: list[Edit]) -> set[Edit]:
    from .verify import unproven
    return unproven(text, "yaml", name, body_keys, edits)


def _prove_json(text: str, name: str, body_keys: Sequence[str] | None, edits: list[Edit]) -> set[Edit]:
    from .verify import unproven
    return unproven(text, "json", name, body_keys, edits)


def _read_eml(text: str, name: str, body_keys: Sequence[str] | None) -> list[Document]:
    from .eml import from_eml
    return from_eml(text)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format(TEXT, "plain text", (".txt", ".text"), _read_text),
    # HTML is sniffed before Markdown: an HTML template often holds something Markdown-like too.
    Format("html", "HTML", (".html", ".htm"), _read_html, detect=_looks_like_html, precommit_type="html"),
    Format("markdown", "Markdown", (".md", ".markdown"), _read_markdown, detect=_looks_like_markdown,
           precommit_type="markdown"),
    Format("yaml", "YAML collection", (".yaml", ".yml"), _read_yaml, directives=("hash", "html-comment"),
           prove_fix=_prove_yaml, precommit_type="yaml"),
    Format("json", "JSON collection", (".json",), _read_json, prove_fix=_prove_json, precommit_type="json"),
    # identify has no tag of its own for .eml: pre-commit tags an e-mail file "text".
    Format("eml", "e-mail message", (".eml",), _read_eml),
)}
SUFFIX_FORMATS: dict[str, str] = {suffix: f.name for f in FORMATS.values() for suffix in f.suffixes}
REPLY_SUFFIXES: tuple[str, ...] = tuple(SUFFIX_FORMATS)


def format_named(name: str) -> Format:
    """The record of a format name; an unknown name is read as plain text, as it always was."""
    return FORMATS.get(name, FORMATS[TEXT])


def sniff(name: str, text: str) -> str:
    """The format of a file: by suffix, and for a plain-text suffix (or none, as on stdin) by
    content, trying each format's `detect` in turn."""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    fmt = SUFFIX_FORMATS.get(suffix, TEXT)
    if fmt != TEXT:
        return fmt
    return next((f.name for f in FORMATS.values() if f.detect is not None and f.detect(text)), TEXT)


def documents_for(name: str, text: str, fmt: str | None = None,
                  body_keys: Sequence[str] | None = None) -> list[Document]:
    """Every reply in a file's text, as Documents over that text."""
    return format_named(fmt or sniff(name, text)).read(text, name, body_keys)


def precommit_files_pattern() -> str:
    """The `files` regex `.pre-commit-hooks.yaml` must give both hooks: every suffix of FORMATS."""
    return r"\.(" + "|".join(sorted(re.escape(s[1:]) for s in REPLY_SUFFIXES)) + ")$"


def precommit_types() -> list[str]:
    """The `types_or` of both hooks: the tags of FORMATS, in order, once each."""
    return list(dict.fromkeys(f.precommit_type for f in FORMATS.values()))
