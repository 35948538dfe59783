"""HTML (e-mail bodies, helpdesk templates) → Document.

Parsed with the standard library's `html.parser`, the same tolerant parser BeautifulSoup uses
by default, because it reports where in the source each piece of text starts; that is what
keeps findings at the right line and column. Tags and attributes are not prose, entities are
decoded, `<script>`, `<style>` and `<head>` are skipped, and so is quoted reply history
(`<blockquote>`, Gmail's `gmail_quote`, Thunderbird's `moz-cite-prefix`).

Template fields are found in the source before parsing and hidden from the parser (same length,
same line breaks), because a field may hold what HTML reads as markup (`{{ a < b }}`,
`<<SIGNATURE>>`, `{% if x %}<b>{% endif %}`): parsed as HTML it would be split across text
pieces, no longer seen as one field, and an edit could land inside it. A field that looks like a
single tag (`<FIRST_NAME>`) is left to the parser, since `<BR>` looks the same. Edits of the
text are written as HTML (encoding.html_text_edit): a replacement's `&` and `<` become entities."""
from __future__ import annotations

import html
import re
from functools import partial
from html.parser import HTMLParser

from ..document import PLACEHOLDER, mark_regions
from .encoding import ContainerDocument, html_text_edit

SKIPPED = {"script", "style", "head", "title", "template", "noscript", "blockquote", "code", "pre"}
QUOTE_CLASSES = re.compile(r"\b(?:gmail_quote|gmail_extra|moz-cite-prefix|yahoo_quoted|OutlookMessageHeader)\b")
BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
         "hr", "section", "article", "header", "footer", "center", "tbody", "thead", "dd", "dt", "dl"}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


def _fields_hidden(source: str) -> str:
    """The source with each template field (except tag-like ones) replaced by letters, line
    breaks kept, so the parser reads it as one piece of text at the same offsets."""
    out, pos = [], 0
    for m in PLACEHOLDER.finditer(source):
        if m.group(0).startswith("<") and not m.group(0).startswith("<<"):
            continue
        out.append(source[pos:m.start()])
        out.append(re.sub(r"[^\r\n]", "x", m.group(0)))
        pos = m.end()
    out.append(source[pos:])
    return "".join(out)


class _Extractor(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.doc = ContainerDocument(source, encoder=partial(html_text_edit, source))
        self.source = _fields_hidden(source)  # what the parser reads; the Document copies the real source
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


def from_html(source: str) -> ContainerDocument:
    parser = _Extractor(source)
    parser.feed(parser.source)
    parser.close()
    parser._gap_to(len(source))
    doc = parser.doc
    mark_regions(doc)
    return doc
