"""Markdown → Document with markdown-it-py (CommonMark): prose is the text of paragraphs,
headings, list items and table cells; front matter, code blocks, HTML blocks and comments, link
targets, images and block quotes (quoted customer text) are not prose. Inline code stays in
the text as a code region, so a sentence around it still parses."""
from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document, mark_regions

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_LINK_TAIL = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\]\[[^\]]*\]|\]")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])?")
_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    # Link targets are never prose and their href is never read, so they are not normalized
    # (percent-encoding and punycode took a third of the parse); which links are valid, and
    # so the tokens, stays as CommonMark says.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]  # markdown-it's documented hook
    return md


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\n", text):
        starts.append(m.end())
    starts.append(len(text))
    return starts


class _Builder:
    def __init__(self, source: str):
        self.doc = Document(source)
        self.pos = 0  # source offset consumed so far

    def skip_to(self, offset: int, clean: str = "") -> None:
        if offset > self.pos:
            self.doc.replace(self.pos, offset, clean)
            self.pos = offset

    def inline(self, token, block_start: int, block_end: int) -> None:
        source = self.doc.source
        self.skip_to(block_start, "\n\n" if self.doc.length else "")  # .text would join the pieces per block
        for child in token.children or []:
            kind = child.type
            if kind == "text" and child.content:
                found = source.find(child.content, self.pos, block_end)
                if found >= 0:
                    self.skip_to(found)
                    self.doc.copy_prose(found, found + len(child.content))
                    self.pos = found + len(child.content)
                else:
                    self.pos = self.doc.copy_aligned(self.pos, block_end, child.content)
            elif kind in ("softbreak", "hardbreak"):
                found = source.find("\n", self.pos, block_end + 1)
                if found >= 0:
                    self.skip_to(found)
                    self.doc.copy(found, found + 1)
                    self.pos = found + 1
            elif kind == "code_inline":
                found = source.find(child.markup, self.pos, block_end)
                end = source.find(child.markup, found + len(child.markup) + len(child.content) - 1, block_end) \
                    if found >= 0 else -1
                if found >= 0 and end >= 0:
                    self.skip_to(found)
                    self.doc.copy(found, end + len(child.markup))  # kept as text; marked as a code region
                    self.pos = end + len(child.markup)
            elif kind == "link_open" and child.markup != "autolink":
                found = source.find("[", self.pos, block_end)
                if found >= 0:
                    self.skip_to(found + 1)
            elif kind == "link_close" and child.markup != "autolink":
                m = _LINK_TAIL.search(source, self.pos, block_end)
                if m:
                    self.skip_to(m.end())
            elif kind == "image":
                m = _IMAGE.search(source, self.pos, block_end)
                if m:
                    self.skip_to(m.end())
            elif kind in ("html_inline",) or kind in _EMPHASIS:
                text = child.content if kind == "html_inline" else child.markup
                found = source.find(text, self.pos, block_end) if text else -1
                if found >= 0:
                    self.skip_to(found)
                    self.skip_to(found + len(text))


def from_markdown(source: str) -> Document:
    builder = _Builder(source)
    front = _FRONT_MATTER.match(source)
    if front:
        builder.skip_to(front.end())
    body_offset = front.end() if front else 0
    lines = _line_starts(source)
    front_lines = source.count("\n", 0, body_offset)
    quote_depth = 0
    for token in _parser().parse(source[body_offset:]):
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "inline" and token.map and not quote_depth:
            first_line = front_lines + token.map[0]
            last_line = front_lines + token.map[1]
            start = lines[min(first_line, len(lines) - 1)]
            end = lines[min(last_line, len(lines) - 1)]
            builder.inline(token, max(start, builder.pos), end)
    builder.skip_to(len(source))
    mark_regions(builder.doc)
    return builder.doc
