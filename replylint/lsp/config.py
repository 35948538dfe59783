"""Which Linter checks a document: its nearest `.replylint.yaml` or `[tool.replylint]` (found and
validated by replylint.config, as `check` finds it), under the editor's own settings for the
document's workspace folder (select, ignore, min_severity, the debounce).

A Linter is cached per effective configuration; every Linter shares the spaCy pipeline that
nlp.load_pipeline loaded once for the process, so a configuration change costs a rule compile
(~0.4 s), not a model load (~1 s). Configuration files are re-read when the editor reports a
change (didChangeWatchedFiles) and, for editors that do not, when the file's mtime moved.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config, find_config
from ..engine import Linter
from ..errors import ReplylintError
from ..findings import Severity

DEFAULT_DEBOUNCE_MS = 200
MAX_LINTERS = 8  # each holds its compiled rules; the pipeline is shared


def _rule_list(value, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ReplylintError(f"editor setting replylint.{key} must be a list of rule ids")
    return tuple(v.strip() for v in value if v.strip())


@dataclass(frozen=True)
class ClientSettings:
    """The editor's `replylint` settings (initializationOptions or didChangeConfiguration);
    select/ignore/min_severity take precedence over the configuration file's, as the command
    line's do for `check`."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: str | None = None
    debounce_ms: int = DEFAULT_DEBOUNCE_MS

    @classmethod
    def parse(cls, data) -> ClientSettings:
        """Settings from the client's JSON (camelCase or snake_case keys); a wrong value is a
        ReplylintError, shown to the user, never a dead server."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ReplylintError("editor settings for replylint must be an object")
        severity = data.get("minSeverity", data.get("min_severity"))
        if severity is not None:
            try:
                Severity.parse(str(severity))
            except ValueError as exc:
                raise ReplylintError(f"editor setting replylint.minSeverity: {exc}") from None
        debounce = data.get("debounceMs", data.get("debounce_ms", DEFAULT_DEBOUNCE_MS))
        if not isinstance(debounce, (int, float)) or isinstance(debounce, bool) or debounce < 0:
            raise ReplylintError("editor setting replylint.debounceMs must be a number of milliseconds >= 0")
        return cls(_rule_list(data.get("select"), "select"), _rule_list(data.get("ignore"), "ignore"),
                   str(severity) if severity is not None else None, int(debounce))


@dataclass
class Linters:
    """Linters by effective configuration, and the configuration files they came from."""

    model: str | None = None
    _cache: dict = field(default_factory=dict)
    _stamps: dict = field(default_factory=dict)  # config file -> mtime_ns when it was read
    _lock: threading.Lock = field(default_factory=threading.Lock)  # documents are linted in threads

    def config_for(self, path: Path | None) -> Config:
        """The configuration of a document at `path` (None: an unsaved one, the current folder's)."""
        directory = (path.parent if path is not None else Path.cwd()).resolve()
        config = find_config(directory)
        if config.path is not None and self._stamps.get(config.path) != _mtime(config.path):
            if config.path in self._stamps:  # changed since it was read: read it again
                self.forget_configs()
                config = find_config(directory)
            if config.path is not None:
                self._stamps[config.path] = _mtime(config.path)
        return config

    def forget_configs(self) -> None:
        """A configuration file changed, appeared or went: read every one again on next use."""
        find_config.cache_clear()
        self._stamps.clear()

    def linter_for(self, path: Path | None, client: ClientSettings) -> Linter:
        """The Linter for a document; a broken configuration or rule pack raises ReplylintError."""
        with self._lock:
            return self._linter_for(path, client)

    def _linter_for(self, path: Path | None, client: ClientSettings) -> Linter:
        settings = self.config_for(path).settings_for(path)
        key = (settings, client.select, client.ignore, client.min_severity)
        linter = self._cache.get(key)
        if linter is None:
            linter = Linter(select=list(client.select or settings.select) or None,
                            ignore=list(client.ignore or settings.ignore) or None,
                            min_severity=client.min_severity or settings.min_severity, model=self.model,
                            rule_dirs=[Path(d) for d in settings.rule_dirs], body_keys=settings.body_keys or None,
                            rule_settings=settings.rule_settings(), config_source=settings.source)
            if len(self._cache) >= MAX_LINTERS:  # settings edited many times: drop the oldest
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = linter
        return linter


def _mtime(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None
