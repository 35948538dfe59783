"""`replylint serve`: the library over HTTP, for helpdesk plugins not written in Python.

One process loads the model once and answers JSON requests, so a plugin gets the library's warm
latency (a few milliseconds a reply) instead of a cold start per call. It listens on 127.0.0.1
unless told otherwise: drafts under review are customer data.

    POST /lint   {"text": "...", "format": "text"}                 -> {"findings": [...]}
    POST /fix    {"text": "...", "format": "text", "unsafe": false} -> {"text", "applied", "remaining"}
    GET  /rules                                                     -> {"rules": [...]}
    GET  /health                                                    -> {"status": "ok", "version"}

A finding is `Finding.to_dict()`, the same JSON as `replylint check --format json` without the
path. Errors are JSON too, {"error": "..."}: 400 for a body that is not the JSON asked for, 404,
405, 411 without a Content-Length, 413 for a body over the limit, 422 for input replylint
refuses (a malformed YAML collection, say).
"""
from __future__ import annotations

import json
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import __version__
from .errors import ReplylintError
from .formats import FORMATS as INPUT_FORMATS

MAX_BODY = 1_000_000  # bytes in one request: far more than any reply, far less than a server's memory
# The "format" a request may name: every input format the server takes, or "auto" (sniffed).
FORMATS = tuple(f.name for f in INPUT_FORMATS.values() if f.served) + ("auto",)


class _RequestError(Exception):
    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status


class _Handler(BaseHTTPRequestHandler):
    server_version = f"replylint/{__version__}"
    protocol_version = "HTTP/1.1"  # keep-alive: a plugin sends one request per draft
    timeout = 30  # seconds a connection may sit idle or half-sent before its thread gives up
    server: ReplylintServer  # the server that made this handler (socketserver sets it)

    def do_GET(self):
        self._answer({"/health": self._health, "/rules": self._rules}, {"/lint", "/fix"})

    def do_POST(self):
        self._answer({"/lint": self._lint, "/fix": self._fix}, {"/health", "/rules"})

    def _answer(self, routes: dict, other_method: set) -> None:
        path = self.path.split("?", 1)[0]
        try:
            if path in routes:
                payload = routes[path]()
            elif path in other_method:
                raise _RequestError(HTTPStatus.METHOD_NOT_ALLOWED, f"{self.command} is not allowed on {path}")
            else:
                raise _RequestError(HTTPStatus.NOT_FOUND, f"no such endpoint: {path}")
        except _RequestError as exc:
            self._send(exc.status, {"error": str(exc)})
        except ReplylintError as exc:
            self._send(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": str(exc)})
        else:
            self._send(HTTPStatus.OK, payload)

    def _health(self) -> dict:
        return {"status": "ok", "version": __version__}

    def _rules(self) -> dict:
        return {"rules": [{"id": s.id, "severity": s.severity, "category": s.category, "message": s.message}
                          for s in self.server.linter.specs]}

    def _lint(self) -> dict:
        request = self._request()
        return {"findings": [f.to_dict() for f in self.server.linter.lint(request["text"], request["format"])]}

    def _fix(self) -> dict:
        request = self._request()
        unsafe = request.get("unsafe", False)
        if not isinstance(unsafe, bool):
            raise _RequestError(HTTPStatus.BAD_REQUEST, '"unsafe" must be true or false')
        result = self.server.linter.fix(request["text"], unsafe=unsafe, format=request["format"])
        return {"text": result.text, "applied": [a.to_dict() for a in result.applied],
                "remaining": [f.to_dict() for f in result.remaining]}

    def _request(self) -> dict:
        """The JSON body: an object with a string "text" and, optionally, a known "format"."""
        length = self.headers.get("Content-Length")
        if length is None:
            self.close_connection = True
            raise _RequestError(HTTPStatus.LENGTH_REQUIRED, "a Content-Length header is required")
        if not length.isdigit():
            self.close_connection = True
            raise _RequestError(HTTPStatus.BAD_REQUEST, f"bad Content-Length: {length!r}")
        if int(length) > MAX_BODY:
            self.close_connection = True  # the body is left unread
            raise _RequestError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the body is over {MAX_BODY} bytes")
        raw = self.rfile.read(int(length))
        try:
            request = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise _RequestError(HTTPStatus.BAD_REQUEST, f"the body is not UTF-8 JSON: {exc}") from None
        if not isinstance(request, dict) or not isinstance(request.get("text"), str):
            raise _RequestError(HTTPStatus.BAD_REQUEST, 'the body must be a JSON object with a string "text"')
        request.setdefault("format", "text")
        if request["format"] not in FORMATS:
            raise _RequestError(HTTPStatus.BAD_REQUEST, f'"format" must be one of {", ".join(FORMATS)}')
        return request

    def _send(self, status: HTTPStatus, payload: dict) -> None:
        try:
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from a "\ud83d" in the request: JSON's own escape keeps it
            body = json.dumps(payload).encode("ascii")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        if self.server.verbose:
            super().log_message(format, *args)


class ReplylintServer(ThreadingHTTPServer):
    """An HTTP server answering with one shared Linter (its lint is thread-safe)."""

    daemon_threads = True

    def __init__(self, linter, host: str = "127.0.0.1", port: int = 8787, verbose: bool = False):
        super().__init__((host, port), _Handler)
        self.linter = linter
        self.verbose = verbose
