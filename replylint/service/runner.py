"""Binding the socket and starting uvicorn, with one or many worker processes.

The socket is bound here, before uvicorn starts, so a taken port or a foreign address is one
line and exit status 2 (uvicorn would log and exit 1), and `--port 0` can be told. It listens
with a backlog of 2048 (the old server's 5 reset connections at concurrency 32), and as a TCP
socket with TCP_NODELAY, which ends the 40 ms keep-alive stall (Nagle's algorithm meeting
delayed ACKs; see `bind`). With `--workers N`, N processes share the socket; each is
spawned afresh, so it rebuilds its settings from the environment (`SETTINGS_ENV`) and loads the
model once, at startup."""
from __future__ import annotations

import ipaddress
import json
import multiprocessing
import os
import socket
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import uvicorn
from uvicorn.supervisors import Multiprocess

from ..config import find_config
from ..engine import Linter
from ..errors import ReplylintError
from .app import Settings, create_app
from .limits import DEFAULT_MAX_BODY, DEFAULT_TIME_LIMIT
from .security import TOKEN_ENV, read_token  # noqa: F401 (cli reads the token through here)

SETTINGS_ENV = "REPLYLINT_SERVE_SETTINGS"
BACKLOG = 2048


@dataclass(frozen=True)
class Options:
    """`replylint serve`'s options, as plain values a spawned worker can be handed."""

    select: str | None = None
    ignore: str | None = None
    min_severity: str | None = None
    model: str | None = None
    allow_origins: tuple[str, ...] = ()
    max_body: int = DEFAULT_MAX_BODY
    time_limit: float = DEFAULT_TIME_LIMIT
    log_drafts: bool = False
    folder: str = "."  # whose configuration is read (the folder `serve` started in)

    def linter(self) -> Linter:
        """The Linter `replylint check -` would use in `folder`, with the options on top."""
        settings = find_config(Path(self.folder).resolve()).settings_for(None)
        return Linter(select=self.select or list(settings.select) or None,
                      ignore=self.ignore or list(settings.ignore) or None,
                      min_severity=self.min_severity or settings.min_severity, model=self.model,
                      rule_dirs=[Path(d) for d in settings.rule_dirs], body_keys=settings.body_keys or None,
                      rule_settings=settings.rule_settings(), config_source=settings.source)

    def settings(self, make_linter=None) -> Settings:
        return Settings(make_linter=make_linter or self.linter, token=os.environ.get(TOKEN_ENV) or None,
                        allow_origins=self.allow_origins, max_body=self.max_body, time_limit=self.time_limit,
                        log_drafts=self.log_drafts)


def _problem(options: Options) -> str | None:
    try:
        options.linter()
    except ReplylintError as exc:
        return str(exc)
    return None


def check_in_child(options: Options) -> None:
    """Build the Linter once in a throwaway process, so that with several workers a bad option
    is one line (ReplylintError) before any is started, and the supervisor does not keep a
    model it never uses (a worker failing at startup would be restarted again and again)."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        problem = pool.submit(_problem, options).result()
    if problem is not None:
        raise ReplylintError(problem)


def app_from_environment():
    """uvicorn's factory in a spawned worker: the app for the options the parent left."""
    data = json.loads(os.environ[SETTINGS_ENV])
    data["allow_origins"] = tuple(data["allow_origins"])
    return create_app(Options(**data).settings())


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (OSError when the address is taken or not this machine's)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP,
    # and accepted sockets inherit it. Without it every keep-alive response after the first waited
    # ~40 ms for the client's delayed ACK (Nagle). The option on the listening socket is inherited
    # by accepted ones too on Linux; both are set so neither alone is relied on.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve(options: Options, sock: socket.socket, workers: int, token: str | None, verbose: bool,
          linter: Linter | None = None) -> None:
    """Serve on `sock` until interrupted. One worker serves `linter` (the caller built it, so a
    bad option was one line before anything was served); several each build their own."""
    if token:
        os.environ[TOKEN_ENV] = token  # the spawned workers read it there; it is never logged
    log = {"log_level": "info" if verbose else "warning", "access_log": verbose}  # paths only, never bodies
    if workers == 1:
        built = linter or options.linter()
        config = uvicorn.Config(create_app(options.settings(lambda: built)), backlog=BACKLOG, **log)  # type: ignore[arg-type]
        uvicorn.Server(config).run(sockets=[sock])
        return
    os.environ[SETTINGS_ENV] = json.dumps(asdict(options))
    config = uvicorn.Config("replylint.service.runner:app_from_environment", factory=True, workers=workers,
                            backlog=BACKLOG, **log)  # type: ignore[arg-type]
    Multiprocess(config, sockets=[sock]).run()
