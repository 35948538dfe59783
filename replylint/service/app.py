"""The routes: `create_app(settings)` builds the ASGI application a uvicorn worker serves.

Versioned under /v1 so the API can change without breaking a deployed plugin; /lint, /fix and
/rules stay for one release as deprecated aliases (a `Deprecation: true` header). Every error,
whatever raised it, is `{"error": "..."}` with its status (responses.py), FastAPI's 422
validation body included: a body of the wrong shape is the client's mistake (400), while 422 is
kept for input replylint itself refuses (a malformed YAML collection)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware

from .. import __version__
from ..errors import ReplylintError
from . import models
from .convert import findings_json, fix_json
from .limits import DEFAULT_MAX_BODY, DEFAULT_TIME_LIMIT, BodyLimit, LintWork
from .responses import SafeJSONResponse, error_response
from .security import OriginCheck, TokenCheck

STATIC = Path(__file__).parent / "static"  # the playground page, shipped in the wheel
ERRORS: dict[int | str, dict] = {status: {"model": models.ErrorBody} for status in (400, 401, 403, 413, 422, 503)}
log = logging.getLogger("replylint.service")


@dataclass(frozen=True)
class Settings:
    """What `replylint serve` was told; `make_linter` runs once per worker, at startup."""

    make_linter: Callable
    token: str | None = None
    allow_origins: tuple[str, ...] = ()
    max_body: int = DEFAULT_MAX_BODY
    time_limit: float = DEFAULT_TIME_LIMIT
    lint_threads: int = 2
    log_drafts: bool = False


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.linter = settings.make_linter()  # the model is loaded here, once per worker
        app.state.work = LintWork(settings.lint_threads, settings.time_limit)
        yield
        app.state.work.close()

    app = FastAPI(title="replylint", version=__version__, lifespan=lifespan, openapi_url="/v1/openapi.json",
                  docs_url="/v1/docs", redoc_url=None, default_response_class=SafeJSONResponse,
                  strict_content_type=False, description=__doc__.split("\n\n")[1])
    app.state.settings = settings
    _add_error_handlers(app)
    app.include_router(_api(deprecated=False), prefix="/v1")
    app.include_router(_api(deprecated=True))

    @app.get("/health", response_model=models.Health, tags=["service"])
    async def health() -> SafeJSONResponse:
        """Open without a token, for a load balancer's probe; answers once the model is loaded."""
        return SafeJSONResponse({"status": "ok", "version": __version__})

    _also_head(app.router, "/health", health)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def playground() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    # Outermost first: origin refused before anything, preflight answered before the token is asked.
    app.add_middleware(BodyLimit, max_body=settings.max_body)
    app.add_middleware(TokenCheck, token=settings.token)
    if settings.allow_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.allow_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], max_age=600)
    app.add_middleware(OriginCheck, allowed=settings.allow_origins)
    return app


def _api(deprecated: bool) -> APIRouter:
    """The lint, fix and rules routes; `deprecated` marks the unversioned aliases."""
    router = APIRouter(deprecated=deprecated, tags=["deprecated" if deprecated else "v1"], responses=ERRORS)
    marked = {"Deprecation": "true"} if deprecated else {}

    @router.post("/lint", response_model=models.LintResult | models.LintBatchResult)
    async def lint(request: Request, body: models.LintRequest) -> SafeJSONResponse:
        """Findings for one reply (`text`), or for each of a batch (`texts`), in order."""
        linter, work = request.app.state.linter, request.app.state.work
        _log(request, body)
        if body.texts is None:
            text, fmt = _one(body)
            return SafeJSONResponse(findings_json(await work.run(lambda: linter.lint(text, fmt)), text), headers=marked)
        items = [(text, fmt, "") for text, fmt in _batch(body)]
        found = await work.run(lambda: list(linter.lint_many(items)))
        results = [{"error": str(f)} if isinstance(f, ReplylintError) else findings_json(f, item[0])
                   for item, f in zip(items, found)]
        return SafeJSONResponse({"results": results}, headers=marked)

    @router.post("/fix", response_model=models.FixResult | models.FixBatchResult)
    async def fix(request: Request, body: models.FixRequest) -> SafeJSONResponse:
        """The reply with its safe rewrites applied (with `unsafe`, the suggested ones too)."""
        linter, work = request.app.state.linter, request.app.state.work
        _log(request, body)
        if body.texts is None:
            text, fmt = _one(body)
            result = await work.run(lambda: linter.fix(text, unsafe=body.unsafe, format=fmt))
            return SafeJSONResponse(fix_json(result), headers=marked)
        items = _batch(body)
        results = await work.run(lambda: [_fix_or_error(linter, t, f, body.unsafe) for t, f in items])
        return SafeJSONResponse({"results": results}, headers=marked)

    @router.get("/rules", response_model=models.Rules)
    async def rules(request: Request) -> SafeJSONResponse:
        """The rules this service runs (after --select, --ignore and --min-severity)."""
        specs = request.app.state.linter.specs
        return SafeJSONResponse({"rules": [{"id": s.id, "severity": s.severity, "category": s.category,
                                            "message": s.message} for s in specs]}, headers=marked)

    _also_head(router, "/rules", rules)
    return router


def _also_head(router: APIRouter, path: str, endpoint) -> None:
    """HEAD wherever GET is answered (HTTP requires it; some probes send only HEAD), kept out of
    the schema: one route for both methods gave both operations the same OpenAPI id."""
    router.add_api_route(path, endpoint, methods=["HEAD"], include_in_schema=False)


def _one(body: models.LintRequest) -> tuple[str, str]:
    assert body.text is not None  # the model holds exactly one of text and texts
    return body.text, body.format


def _batch(body: models.LintRequest) -> list[tuple[str, str]]:
    """(text, format) of each reply of a batch: a bare string takes the body's format."""
    assert body.texts is not None
    return [(t, body.format) if isinstance(t, str) else (t.text, t.format) for t in body.texts]


def _fix_or_error(linter, text: str, fmt: str, unsafe: bool) -> dict:
    try:
        return fix_json(linter.fix(text, unsafe=unsafe, format=fmt))
    except ReplylintError as exc:
        return {"error": str(exc)}


def _log(request: Request, body: models.LintRequest) -> None:
    """Drafts are customer data: logged only when `--log-drafts` asks for it."""
    if request.app.state.settings.log_drafts:
        log.warning("%s %s", request.url.path, body.model_dump_json())


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> SafeJSONResponse:
        return error_response(400, _validation_message(request, exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> SafeJSONResponse:
        words = {404: f"no such endpoint: {request.url.path}",
                 405: f"{request.method} is not allowed on {request.url.path}"}.get(exc.status_code, str(exc.detail))
        return error_response(exc.status_code, words, headers=exc.headers)

    @app.exception_handler(ReplylintError)
    async def refused(request: Request, exc: ReplylintError) -> SafeJSONResponse:
        return error_response(422, str(exc))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> SafeJSONResponse:
        log.error("internal error on %s", request.url.path, exc_info=exc)
        return error_response(500, "internal error (a bug in replylint; the log has the traceback)")


def _validation_message(request: Request, exc: RequestValidationError) -> str:
    """One line: what is wrong and where, e.g. 'body.format: Input should be 'text', ...'."""
    error = exc.errors()[0]
    if error.get("type") == "json_invalid":
        return f"the body is not valid JSON: {error.get('ctx', {}).get('error', 'decode error')}"
    content_type = request.headers.get("content-type", "application/json")
    if "json" not in content_type:
        return f"the body must be JSON (Content-Type: application/json), not {content_type}"
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', 'invalid').removeprefix('Value error, ')}"
