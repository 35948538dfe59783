"""A small Language Server Protocol client for the tests and the benchmark: it runs `replylint lsp`
as a subprocess and speaks JSON-RPC over its stdio, as an editor does.

Every wait is bounded (a timeout raises), so a server that hangs fails a test instead of hanging
the suite. The client answers the server's own requests (registerCapability, configuration)
as an editor would, from `settings`.
"""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TIMEOUT = 60.0  # seconds: the first lint loads the spaCy model


class LspError(Exception):
    """The server answered a request with a JSON-RPC error."""

    def __init__(self, error: dict):
        super().__init__(error.get("message", ""))
        self.error = error


class LspClient:
    def __init__(self, cwd: Path, settings: dict | None = None, capabilities: dict | None = None):
        self.settings = settings or {}
        self._stderr = tempfile.TemporaryFile()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "replylint", "lsp"], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr)
        self._next_id = 0
        self._responses: dict[int, queue.Queue] = {}
        self._lock = threading.Lock()
        self.notifications: list[dict] = []
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.capabilities = capabilities if capabilities is not None else {
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}, "configuration": True,
                          "workspaceEdit": {"documentChanges": True, "snippetEditSupport": True}},
            "general": {"positionEncodings": ["utf-8", "utf-16"]},  # as Neovim offers them
        }

    # -- the wire ----------------------------------------------------------------------------
    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return  # the server exited
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            message = json.loads(stream.read(length))
            if "id" in message and "method" in message:
                self._answer(message)
            elif "id" in message:
                with self._lock:
                    waiting = self._responses.setdefault(message["id"], queue.Queue())
                waiting.put(message)
            else:
                with self._arrived:
                    self.notifications.append(message)
                    self._arrived.notify_all()

    def _answer(self, request: dict) -> None:
        """The server's requests to the editor."""
        result = None
        if request["method"] == "workspace/configuration":
            result = [self.settings.get(item.get("scopeUri") or "", self.settings.get("")) for item in
                      request["params"]["items"]]
        self._send({"id": request["id"], "result": result})
        with self._arrived:
            self.notifications.append(request)  # so a test can see what was asked (once answered)
            self._arrived.notify_all()

    # -- requests and notifications ------------------------------------------------------------
    def request(self, method: str, params, timeout: float = TIMEOUT):
        with self._lock:
            self._next_id += 1
            msg_id = self._next_id
            answer = self._responses.setdefault(msg_id, queue.Queue())
        self._send({"id": msg_id, "method": method, "params": params})
        try:
            message = answer.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no answer to {method} in {timeout} s; server log:\n{self.log()}") from None
        if "error" in message:
            raise LspError(message["error"])
        return message["result"]

    def notify(self, method: str, params) -> None:
        self._send({"method": method, "params": params})

    def wait_for(self, matches, timeout: float = TIMEOUT, after: int = 0) -> dict:
        """The first notification from index `after` on that `matches`, waiting for it."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for message in self.notifications[after:]:
                    if matches(message):
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no matching notification in {timeout} s; server log:\n{self.log()}")
                self._arrived.wait(left)

    def mark(self) -> int:
        """Where the notifications end now: wait_for(after=mark) sees only later ones."""
        with self._arrived:
            return len(self.notifications)

    def diagnostics(self, uri: str, version: int | None = None, after: int = 0, timeout: float = TIMEOUT) -> list:
        def matches(m):
            return (m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                    and (version is None or m["params"].get("version") == version))
        return self.wait_for(matches, timeout, after)["params"]["diagnostics"]

    # -- the session ---------------------------------------------------------------------------
    def initialize(self, root: Path, options: dict | None = None, folders: list[Path] | None = None) -> dict:
        result = self.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": self.capabilities,
            "workspaceFolders": [{"uri": f.as_uri(), "name": f.name} for f in folders or [root]],
            "initializationOptions": options})
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language: str = "plaintext", version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language,
                                                              "version": version, "text": text}})

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})

    def log(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")[-4000:]

    def close(self) -> None:
        """Shut the server down as an editor does, and make sure it is gone."""
        try:
            if self.proc.poll() is None:
                self.request("shutdown", None, timeout=10)
                self.notify("exit", None)
                self.proc.wait(timeout=10)
        except (TimeoutError, OSError, subprocess.TimeoutExpired, LspError):
            pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self._stderr.close()


def apply_edits(text: str, edits: list[dict]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to text, as an editor does: from the last to the first."""
    from replylint.positions import Utf16Offsets

    offsets = Utf16Offsets(text)

    def index(position: dict) -> int:
        return offsets.at(position["line"], position["character"])

    spans = sorted(((index(e["range"]["start"]), index(e["range"]["end"]),
                     e.get("newText", e.get("snippet", {}).get("value"))) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
