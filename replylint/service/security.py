"""Who may use the service: a bearer token, and the browser origins allowed to call it.

Drafts under review are customer data. On 127.0.0.1 only local programs reach the service, so
no token is needed; on any other address one is (`runner` refuses to start without it). The
token is compared with `hmac.compare_digest`, whose time does not depend on where a guess goes
wrong. A web page on another origin could otherwise make a browser POST drafts to a local
service (a "simple" request needs no preflight), so a request whose Origin is neither the
service's own nor listed with `--allow-origin` is refused before it is read."""
from __future__ import annotations

import hmac
import os
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import ReplylintError
from .responses import error_response

TOKEN_ENV = "REPLYLINT_TOKEN"
OPEN_PATHS = frozenset({"/health", "/"})  # a load balancer's probe and a browser's page load carry no token
OPEN_PREFIX = "/static/"  # the playground's own script and styles: no draft passes through them


def read_token(token_file: Path | None) -> str | None:
    """The token from `--token-file` (its first line), else from $REPLYLINT_TOKEN, else None."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ReplylintError(f"{token_file}: cannot read the token: {getattr(exc, 'strerror', None) or exc}") from None
        if not token:
            raise ReplylintError(f"{token_file}: the token file is empty")
        return token
    return os.environ.get(TOKEN_ENV, "").strip() or None


class TokenCheck:
    """ASGI middleware: 401 unless `Authorization: Bearer <token>` matches (no token: all pass)."""

    def __init__(self, app: ASGIApp, token: str | None):
        self.app = app
        self.expected = token.encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.expected is None or scope["type"] != "http" or _is_open(scope["path"]):
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"authorization", b"")
        scheme, _, credentials = given.partition(b" ")
        # The scheme is case-insensitive (RFC 9110 11.1): "bearer" is as good as "Bearer".
        if scheme.lower() != b"bearer" or not hmac.compare_digest(credentials.strip(), self.expected):
            words = "a bearer token is required" if not given else "the token is wrong"
            await error_response(401, words, headers={"WWW-Authenticate": "Bearer"})(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _is_open(path: str) -> bool:
    """The page asks for the token itself, when the API first answers 401."""
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIX)


class OriginCheck:
    """ASGI middleware, outside CORS: 403 for a request from a browser origin not allowed."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]):
        self.app = app
        self.allowed = frozenset(o.rstrip("/").encode() for o in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            origin = headers.get(b"origin")
            if origin is not None and origin not in self.allowed and not _same_origin(origin, headers.get(b"host")):
                message = f"origin {origin.decode('latin-1')} is not allowed (see --allow-origin)"
                await error_response(403, message)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _same_origin(origin: bytes, host: bytes | None) -> bool:
    """The service's own pages (a playground at /) call it from its own origin."""
    return host is not None and origin.split(b"://", 1)[-1] == host
