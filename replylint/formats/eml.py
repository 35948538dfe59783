"""E-mail files (RFC 5322 `.eml`, as mail clients and helpdesks export a message) → the reply in them.

The message is parsed with the standard library's `email` package (policy.default), which also
chooses the reply as a mail client would show it (`EmailMessage.get_body`): the text/plain
part, or else the text/html one, read as HTML; never an attachment. Headers, attachments and the
other parts are not prose, and quoted history inside the reply is skipped as in any plain-text
or HTML reply. Directives are HTML comments in the body, as in plain text.

The package does not say where a part stands in the file, so the reader finds it again as the
package's parser reads it (the header block ends at the first line that is not a header, a
multipart body is cut at its boundary lines, the line break before a boundary belongs to the
boundary), and trusts the span it finds only when it holds exactly the part's payload as the
package read it. Then:

- A body in the file verbatim (Content-Transfer-Encoding 7bit, 8bit, binary or none) is read in
  place: findings point at their exact line and column, and `fix` may edit it, but only inside
  the body, never with a line break (which could start a header or a boundary of its own), and
  with non-ASCII text only where the part is 8bit or binary UTF-8, so the message still says
  truthfully how it is encoded.
- A quoted-printable or base64 body is decoded and linted, and never edited: an edit would have
  to be encoded again. A quoted-printable body is mapped back run by run (most of it is the text
  itself; `=3D` and soft line breaks aside), a base64 one each decoded line to the encoded line
  holding its bytes, so a finding points at the right line.
- A part that cannot be found again (a malformed message) is linted the same way: decoded, its
  raw payload looked for in the file, never edited.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from email import policy
from email.message import EmailMessage, Message
from email.parser import Parser
from functools import partial

from ..document import Document
from ..findings import Edit
from .nesting import compose, no_edit, read_inner, written_inside

VERBATIM = ("7bit", "8bit", "binary")
_HEADER = re.compile(r"From |[\041-\071\073-\176]*:|[\t ]")  # a header or continuation line (email.feedparser)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_BREAK = re.compile(r"\r\n|\r|\n")
_BASE64_CHAR = re.compile(r"[A-Za-z0-9+/]")


class _Unlocated(Exception):
    """The part's place in the file is not where the package's reading of it says it is."""


def from_eml(source: str) -> list[Document]:
    """The reply of an e-mail message: one Document over the file, or none when the message
    has no text body (only attachments, say)."""
    message: EmailMessage = Parser(policy=policy.default).parsestr(source)
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return []
    as_html = body.get_content_type() == "text/html"
    try:
        start, end = _place(message, body, source, 0, len(source))
    except _Unlocated:
        return [_decoded_document(source, body, as_html, _found(source, body))]
    if _transfer_encoding(body) in VERBATIM:
        return [_verbatim_document(source, body, as_html, start, end)]
    return [_decoded_document(source, body, as_html, (start, end))]


# -- finding the part in the file ---------------------------------------------------------------
def _body_start(source: str, start: int, end: int) -> int:
    """Where the body of the entity in source[start:end] begins: after its header lines and the
    blank line that ends them, or at the first line that is not a header, as email.feedparser
    reads them."""
    pos = start
    while pos < end:
        line = _LINE.match(source, pos, end)
        if line is None:
            break
        if not _HEADER.match(line.group(0)):
            return line.end() if _BREAK.fullmatch(line.group(0)) else pos
        pos = line.end()
    return end


def _subparts(source: str, boundary: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of a multipart body's parts: from after each delimiter line to the line break
    before the next delimiter (RFC 2046 gives that break to the delimiter)."""
    delimiter = re.compile(rf"^--{re.escape(boundary)}(?P<close>--)?[ \t]*(?:\r\n|\r|\n|\Z)", re.MULTILINE)
    opened = None
    for line in delimiter.finditer(source, start, end):
        if opened is not None:
            stop = line.start()
            if stop - 2 >= opened and source[stop - 2:stop] == "\r\n":
                stop -= 2
            elif stop > opened:
                stop -= 1
            yield opened, stop
        if line.group("close"):
            return
        opened = line.end()
    if opened is not None:
        yield opened, end


def _place(entity: Message, target: Message, source: str, start: int, end: int) -> tuple[int, int]:
    """The span of `target`'s payload in the file, `entity` standing in source[start:end]."""
    body = _body_start(source, start, end)
    if entity is target:
        if entity.get_payload() != source[body:end]:
            raise _Unlocated
        return body, end
    children = entity.get_payload()
    if not isinstance(children, list):
        raise _Unlocated
    if entity.get_content_maintype() == "multipart":
        boundary = entity.get_boundary()
        spans = list(_subparts(source, boundary, body, end)) if boundary else []
    else:  # message/rfc822: the body is one message
        spans = [(body, end)]
    if len(spans) != len(children):
        raise _Unlocated
    for child, (child_start, child_end) in zip(children, spans):
        if any(part is target for part in child.walk()):
            return _place(child, target, source, child_start, child_end)
    raise _Unlocated


def _found(source: str, part: Message) -> tuple[int, int]:
    """Where the raw payload stands in the file, found by search: a span to align the decoded
    text with when the structure could not be followed (the whole file after the headers when
    even that fails)."""
    raw = part.get_payload()
    after_headers = _body_start(source, 0, len(source))
    at = source.find(raw, after_headers) if isinstance(raw, str) and raw else -1
    return (at, at + len(raw)) if at >= 0 else (after_headers, len(source))


# -- reading it ---------------------------------------------------------------------------------
def _transfer_encoding(part: Message) -> str:
    return str(part.get("content-transfer-encoding", "7bit")).strip().lower()


def _charset(part: Message) -> str:
    """The part's declared charset if Python knows it, else UTF-8 (a superset of the ASCII
    RFC 2045 assumes, and what a mislabelled export most often holds)."""
    import codecs

    charset = part.get_content_charset() or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        return "utf-8"
    return charset


def _verbatim_document(source: str, part: Message, as_html: bool, start: int, end: int) -> Document:
    carrier = Document(source)
    carrier.copy(start, end)
    inner = read_inner(carrier.text, as_html)
    doc = compose(source, carrier, inner)
    any_text = _transfer_encoding(part) != "7bit" and _charset(part) in ("utf-8", "utf8")
    doc.encoder = partial(_verbatim_edit, start, end, inner, any_text)
    return doc


def _verbatim_edit(start: int, end: int, inner: Document, any_text: bool, edit: Edit) -> Edit | None:
    """An edit of a verbatim body, written as the body's own format writes it (HTML entities);
    None outside the body, with a line break, or with text the part's encoding cannot hold."""
    if not start <= edit.start <= edit.end <= end or _BREAK.search(edit.replacement):
        return None
    if not (any_text or edit.replacement.isascii()):
        return None
    written = written_inside(inner, replace(edit, start=edit.start - start, end=edit.end - start))
    return None if written is None else replace(written, start=written.start + start, end=written.end + start)


def _decoded_document(source: str, part: Message, as_html: bool, span: tuple[int, int]) -> Document:
    """A body that is not in the file as it reads (or not where it should be): decoded, mapped
    back as closely as its encoding allows, and never edited."""
    start, end = span
    data = part.get_payload(decode=True)
    raw = part.get_payload()
    if not isinstance(data, bytes) or not isinstance(raw, str):
        data, raw = b"", ""
    carrier = Document(source)
    encoding = _transfer_encoding(part)
    if encoding == "base64":
        _map_base64(carrier, data, _charset(part), start, end)
    else:
        value = raw if encoding in VERBATIM else data.decode(_charset(part), "replace")
        carrier.copy_aligned(start, end, value, prose=False)
    doc = compose(source, carrier, read_inner(carrier.text, as_html))
    doc.encoder = no_edit
    return doc


def _map_base64(carrier: Document, data: bytes, charset: str, start: int, end: int) -> None:
    """Each decoded line, mapped to the stretch of base64 that holds its bytes (three bytes for
    every four characters of the alphabet, whatever line breaks stand between them)."""
    alphabet = [m.start() for m in _BASE64_CHAR.finditer(carrier.source, start, end)]

    def first(byte: int) -> int:  # where the characters encoding this byte start
        index = 4 * (byte // 3)
        return alphabet[index] if index < len(alphabet) else end

    def last(byte: int) -> int:   # and where they end
        index = 4 * (byte // 3) + 3
        return alphabet[index] + 1 if index < len(alphabet) else end

    byte = 0
    for line in data.splitlines(keepends=True):
        start_at = first(byte)
        carrier.replace(start_at, max(start_at, last(byte + len(line) - 1)), line.decode(charset, "replace"))
        byte += len(line)

