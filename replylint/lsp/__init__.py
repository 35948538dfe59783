"""`replylint lsp`: a Language Server for editors (VS Code, Neovim, Helix, Zed, Sublime Text),
so the agent sees findings as they type and takes the rewrites as quick fixes.

It needs the `lsp` extra (pygls, with lsprotocol); nothing here imports them at package import
time, so `replylint lsp` can say what to install when they are absent. One module per concern:
`config` (which Linter checks a document), `diagnostics` (findings as LSP diagnostics, in UTF-16
positions), `actions` (quick fixes, fix-all, disable-on-line), `hover` (a rule's explanation),
`server` (the protocol wiring, debounced linting).
"""
from __future__ import annotations

import importlib.util

INSTALL_HINT = "the language server needs pygls: pip install 'replylint[lsp]'"


def available() -> bool:
    """Whether the extra is installed, checked without importing it (pygls is slow to import)."""
    return all(importlib.util.find_spec(name) is not None for name in ("pygls", "lsprotocol"))
