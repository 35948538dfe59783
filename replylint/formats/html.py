"""HTML (e-mail bodies, helpdesk templates) → Document.

Parsed with the standard library's `html.parser`, the same tolerant parser BeautifulSoup uses
by default, because it reports where in the source each piece of text starts; that is what
keeps findings at the right line and column. Tags and attributes are not prose, entities are
decoded, `<script>`, `<style>` and `<head>` are skipped, and so is quoted reply history
(`<blockquote>`, Gmail's `gmail_quote`, Thunderbird's `moz-cite-prefix`)."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..document import Document, mark_regions

SKIPPED = {"script", "style", "head", "title", "template", "noscript", "blockquote", "code", "pre"}
QUOTE_CLASSES = re.compile(r"\b(?:gmail_quote|gmail_extra|moz-cite-prefix|yahoo_quoted|OutlookMessageHeader)\b")
BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
         "hr", "section", "article", "header", "footer", "center", "tbody", "thead", "dd", "dt", "dl"}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Extractor(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.doc = Document(source)
        self.source = source
        self.lines = [0] + [m.end() for m in re.finditer(r"\n", source)]
        self.pos = 0
        self.skip_stack: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _gap_to(self, offset: int, clean: str = "") -> None:
        if offset > self.pos:
            self.doc.replace(self.pos, offset, clean)
            self.pos = offset

    def _markup(self, length: int, clean: str) -> None:
        start = self._offset()
        self._gap_to(start)
        self.doc.replace(start, start + length, clean)
        self.pos = start + length

    def handle_starttag(self, tag, attrs):
        text = self.get_starttag_text() or ""
        classes = dict(attrs).get("class") or ""
        if tag in SKIPPED or QUOTE_CLASSES.search(classes):
            if tag not in VOID:
                self.skip_stack.append(tag)
        self._markup(len(text), "\n\n" if tag in BLOCK and tag != "br" else ("\n" if tag == "br" else ""))

    def handle_startendtag(self, tag, attrs):
        self._markup(len(self.get_starttag_text() or ""), "\n" if tag == "br" else "")

    def handle_endtag(self, tag):
        start = self._offset()
        end = self.source.find(">", start)
        if self.skip_stack and self.skip_stack[-1] == tag:
            self.skip_stack.pop()
        elif tag in self.skip_stack:
            while self.skip_stack and self.skip_stack.pop() != tag:
                pass
        self._markup((end + 1 - start) if end >= 0 else len(tag) + 3, "\n\n" if tag in BLOCK else "")

    def handle_data(self, data):
        start = self._offset()
        self._gap_to(start)
        if self.skip_stack:
            self.doc.replace(start, start + len(data), "")
        else:
            self.doc.copy_prose(start, start + len(data))
        self.pos = start + len(data)

    def _reference(self, raw: str):
        start = self._offset()
        self._gap_to(start)
        length = len(raw) + (1 if self.source[start + len(raw):start + len(raw) + 1] == ";" else 0)
        decoded = html.unescape(self.source[start:start + length])
        self.doc.replace(start, start + length, "" if self.skip_stack else decoded.replace("\xa0", " "))
        self.pos = start + length

    def handle_entityref(self, name):
        self._reference("&" + name)

    def handle_charref(self, name):
        self._reference("&#" + name)

    def handle_comment(self, data):
        self._markup(len(data) + 7, "")

    def handle_decl(self, decl):
        self._markup(len(decl) + 3, "")

    def handle_pi(self, data):
        self._markup(len(data) + 3, "")

    def unknown_decl(self, data):
        self._markup(len(data) + 5, "")


def from_html(source: str) -> Document:
    parser = _Extractor(source)
    parser.feed(source)
    parser.close()
    parser._gap_to(len(source))
    doc = parser.doc
    if not doc._clean_starts:
        doc.replace(0, len(source), "")
    mark_regions(doc)
    return doc
