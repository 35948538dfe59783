"""Source file → the Documents (replies) in it, one module per format.

Plain text, Markdown and HTML files hold one reply; YAML and JSON collections hold many. Every
Document maps its clean text back to the file, so a finding's line and column always point at
what the user wrote, whatever markup or escaping sits around it.
"""
from __future__ import annotations

import re

from ..document import Document, from_plain_text

FORMATS = ("text", "markdown", "html", "yaml", "json")
SUFFIX_FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                  ".html": "html", ".htm": "html", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}

# Tags that make a .txt file an HTML template (helpdesks export e-mail bodies as .txt).
_HTML_SIGNAL = re.compile(r"<(?:p|br|div|span|a|b|strong|em|i|u|ul|ol|li|table|tr|td|th|html|body|h[1-6]|img|hr|"
                          r"font|blockquote|center|tbody|thead)\b[^<>]*>", re.IGNORECASE)
_MARKDOWN_SIGNAL = re.compile(r"^(?:```|~~~)|\]\([^)\s]+\)|^\s{0,3}[-*+] \[[ x]\]|<!--|^#{1,6} \S|\*\*\S", re.MULTILINE)


def sniff(name: str, text: str) -> str:
    """The format of a file: by suffix, and for .txt (or stdin) by content, since helpdesk
    exports keep HTML and Markdown templates in .txt files."""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    fmt = SUFFIX_FORMATS.get(suffix, "text")
    if fmt != "text":
        return fmt
    if len(_HTML_SIGNAL.findall(text)) >= 2:
        return "html"
    if _MARKDOWN_SIGNAL.search(text):
        return "markdown"
    return "text"


def documents_for(name: str, text: str, fmt: str | None = None, body_keys=None) -> list[Document]:
    """Every reply in a file's text, as Documents over that text."""
    fmt = fmt or sniff(name, text)
    if fmt == "markdown":
        from .markdown import from_markdown
        return [from_markdown(text)]
    if fmt == "html":
        from .html import from_html
        return [from_html(text)]
    if fmt in ("yaml", "json"):
        from .collections import from_collection
        return from_collection(name, text, fmt, body_keys)
    return [from_plain_text(text)]
