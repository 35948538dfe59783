"""Code actions: each edit of a finding as a quick fix, "fix all safe" for the document
(`source.fixAll.replylint`, what `replylint fix` would write), and "disable this rule on this line"
in the format's own directive syntax (suppression.py's forms, chosen by the format's record).

An edit that needs the agent's input ("by [day, time]") is offered as a snippet whose slots are
tab stops, so the editor selects the slot to type over; a client without snippet edits gets the
plain text with the brackets to fill in."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lsprotocol import types

from ..engine import Linter
from ..findings import Edit, Finding
from ..formats import format_named
from ..positions import Utf16Offsets
from .diagnostics import lsp_range, overlaps, to_diagnostic

FIX_ALL = "source.fixAll.replylint"
KINDS = [types.CodeActionKind.QuickFix, FIX_ALL]
_SLOT = re.compile(r"\[[^\[\]\n]+\]")
_SNIPPET_SPECIAL = re.compile(r"[\\$}]")


@dataclass
class Linted:
    """One version of a document as last linted: what the actions are computed from."""

    uri: str
    version: int | None
    text: str
    format: str
    name: str
    linter: Linter
    findings: list[Finding]

    def __post_init__(self):
        self.offsets = Utf16Offsets(self.text)


def snippet(replacement: str) -> str:
    """The replacement as an LSP snippet: each `[slot]` a numbered placeholder, selected when the
    editor jumps to it; everything else escaped, so it is inserted as written."""
    def escape(text: str) -> str:
        return _SNIPPET_SPECIAL.sub(lambda m: "\\" + m.group(), text)

    parts, last = [], 0
    for number, slot in enumerate(_SLOT.finditer(replacement), 1):
        parts += [escape(replacement[last:slot.start()]), f"${{{number}:{escape(slot.group())}}}"]
        last = slot.end()
    return "".join(parts) + escape(replacement[last:])


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _workspace_edit(doc: Linted, edits: list) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version),
        edits=edits)])


def quick_fix(doc: Linted, finding: Finding, edit: Edit, snippets: bool) -> types.CodeAction:
    """One edit of a finding; safe edits are preferred (an editor's "auto fix" picks them)."""
    rng = lsp_range(doc.offsets, edit.start, edit.end)
    if edit.needs_input and snippets and _SLOT.search(edit.replacement):
        text_edit: types.TextEdit | types.SnippetTextEdit = types.SnippetTextEdit(
            range=rng, snippet=types.StringValue(value=snippet(edit.replacement)))
    else:
        text_edit = types.TextEdit(range=rng, new_text=edit.replacement)
    shown = f'"{_short(edit.replacement)}"' if edit.replacement.strip() else f'remove "{_short(finding.text)}"'
    return types.CodeAction(
        title=f"{(edit.description or 'Rewrite').rstrip('.')}: {shown}",
        kind=types.CodeActionKind.QuickFix, diagnostics=[to_diagnostic(finding, doc.offsets)],
        is_preferred=edit.safety == "safe" and not edit.needs_input, edit=_workspace_edit(doc, [text_edit]))


def disable_on_line(doc: Linted, finding: Finding) -> types.CodeAction:
    """Switch the finding's rule off on its line with the format's directive: a `# replylint:
    disable-next-line` line above it in YAML (a comment there, or a directive line inside a block
    scalar, both honoured), else `<!-- replylint: disable-line -->` at the end of the line (in
    JSON at the finding itself, inside the reply's string, where a comment belongs to the body)."""
    line = finding.line - 1
    start, end = doc.offsets.line_span(line)
    if "hash" in format_named(doc.format).directives:
        indent = re.match(r"[ \t]*", doc.text[start:end]).group()  # type: ignore[union-attr]
        at, text = start, f"{indent}# replylint: disable-next-line={finding.rule_id}\n"
    elif doc.format == "json":
        at, text = finding.start, f"<!-- replylint: disable-line={finding.rule_id} --> "
    else:
        at, text = end, f" <!-- replylint: disable-line={finding.rule_id} -->"
    rng = lsp_range(doc.offsets, at, at)
    return types.CodeAction(
        title=f"Disable {finding.rule_id} on this line", kind=types.CodeActionKind.QuickFix,
        diagnostics=[to_diagnostic(finding, doc.offsets)], edit=_workspace_edit(doc, [types.TextEdit(rng, text)]))


def fix_all(doc: Linted) -> types.CodeAction | None:
    """Every safe edit, as `replylint fix` applies them (repeated until nothing more applies), as
    one edit of the whole document; None when nothing would change."""
    fixed = doc.linter.fix(doc.text, format=doc.format, name=doc.name).text
    if fixed == doc.text:
        return None
    rng = lsp_range(doc.offsets, 0, len(doc.text))
    return types.CodeAction(title="replylint: fix all safe problems", kind=FIX_ALL,
                            edit=_workspace_edit(doc, [types.TextEdit(rng, fixed)]))


def code_actions(doc: Linted, start: int, end: int, only: Sequence[str] | None, snippets: bool) -> list[types.CodeAction]:
    """The actions for code points [start, end] of the document, limited to the kinds in `only`
    (an editor asks for just `source.fixAll` on save)."""
    def wanted(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(k + ".") for k in only)

    actions: list[types.CodeAction] = []
    if wanted(types.CodeActionKind.QuickFix):
        for finding in (f for f in doc.findings if overlaps(f, start, end)):
            actions += [quick_fix(doc, finding, edit, snippets) for edit in finding.edits]
            if finding.rule_id != "unused-directive":
                actions.append(disable_on_line(doc, finding))
    if wanted(FIX_ALL) and any(e.applicable() for f in doc.findings for e in f.edits):
        action = fix_all(doc)
        if action is not None:
            actions.append(action)
    return actions
