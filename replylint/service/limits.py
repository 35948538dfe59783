"""Bounds on what one request may cost: its body's size and its lint time.

The old server read a 0.9 MB body whole and linted it while every other client waited (29 s,
3.3 GB). Here a body over the limit is refused from its Content-Length before a byte of it is
read, or as soon as the streamed bytes pass the limit when there is none; and linting, which is
CPU-bound, runs on a small thread pool off the event loop, so a slow or heavy request never
stops the loop from reading, answering /health, or timing another request out."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .responses import error_response

T = TypeVar("T")

# 64 KiB: a long support reply is 2-10 KB, and a batch of a macro library's replies fits; a
# body far larger is a mistake or an attack, and linting it would hold a worker for seconds.
DEFAULT_MAX_BODY = 65_536
DEFAULT_TIME_LIMIT = 10.0  # seconds a request may wait for and spend in linting


class BodyLimit:
    """ASGI middleware: 413 (JSON) for a body over `max_body` bytes."""

    def __init__(self, app: ASGIApp, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            status, words = (413, f"the body is over {self.max_body} bytes") if declared.isdigit() else \
                (400, "bad Content-Length")
            await error_response(status, words, headers={"Connection": "close"})(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:  # chunked, no Content-Length: caught while streaming
                raise HTTPException(413, f"the body is over {self.max_body} bytes")
            return message

        await self.app(scope, counted, send)


class LintWork:
    """Runs lint calls on `slots` threads, each within `time_limit` seconds of its request's
    arrival (waiting for a slot included). A call past its limit is answered 503 at once; a call
    still queued then is skipped, and one already running finishes on its thread (spaCy cannot be
    interrupted) while its slot stays taken, so the work in flight stays bounded."""

    def __init__(self, slots: int, time_limit: float):
        self.time_limit = time_limit
        self._pool = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="replylint-lint")

    async def run(self, call: Callable[[], T]) -> T:
        deadline = time.monotonic() + self.time_limit

        def within_deadline() -> T:
            if time.monotonic() > deadline:
                raise TimeoutError
            return call()

        future = asyncio.wrap_future(self._pool.submit(within_deadline))
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.time_limit)
        except (asyncio.TimeoutError, TimeoutError):
            raise HTTPException(503, f"the request took over the time limit of {self.time_limit:g} s; try again",
                                headers={"Retry-After": "1"}) from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
