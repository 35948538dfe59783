"""The command line: parse options, call the library, pick a formatter. No linting logic here.

Exit status: 0 no findings, 1 findings, 2 usage or input error.
"""
from __future__ import annotations

import difflib
import gc
import os
import sys
import textwrap
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .config import find_config
from .engine import Linter
from .errors import ReplylintError
from .fileio import encode_like, remove_stale_temporaries, write_atomic
from .findings import Severity
from .formats import FORMATS as INPUT_FORMATS
from .formatters import OUTPUT_FORMATS, FileResult
from .parallel import default_jobs, fix_all, lint_all
from .rules import load_rules
from .sources import STDIN, UncheckableInputError, expand_paths, read_source
from .terminal import COLOR_CHOICES, tolerate_unencodable, use_color

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _error(message) -> None:
    click.echo(f"replylint: {message}", err=True)


def _shown(path: Path) -> str:
    """A path as short as it can be told: relative to the current folder when under it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


_own_process = False  # set by run(): the process is the command's, not a library caller's


def _settle_heap() -> None:
    """After a Linter is built, in the command's own process: keep the garbage collector away
    from everything made so far, the model and rules above all (`gc.freeze`), and switch it back
    on (replylint.entry switched it off). Collections had scanned them again and again: 0.5 s of
    a corpus run of 1,500 replies."""
    if _own_process:
        gc.freeze()
        gc.enable()


def run(prog_name: str = "replylint") -> None:
    """The console entry point: run the command, flush its output, and leave without tearing the
    interpreter down. Freeing the model, the compiled rules and the lemma table one object at a
    time took 0.15 s, 15% of a cold `replylint check` (mypy exits the same way, for the same
    reason). Everything the command writes is flushed or already renamed into place by then."""
    global _own_process
    _own_process = True
    tolerate_unencodable(sys.stdout, sys.stderr)
    status: int | str | None = 0
    try:
        main(prog_name=prog_name)  # click's standalone mode ends in SystemExit
    except SystemExit as exc:
        status = exc.code
    if status is None:
        status = 0
    elif not isinstance(status, int):
        print(status, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`replylint check | head`): nothing to save
            pass
    os._exit(status)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="replylint")
def main() -> None:
    """Lint customer-support replies for phrasings that make upset customers angrier."""
    tolerate_unencodable(sys.stdout, sys.stderr)  # again: a library caller may invoke main itself


def _clamp_jobs(ctx, param, jobs: int) -> int:
    """More workers than cores only adds forks and memory: say so and use the cores."""
    cores = default_jobs()
    if jobs > cores:
        _error(f"--jobs {jobs} is more than the {cores} core{'s' if cores != 1 else ''} available; using {cores}")
        return cores
    return jobs


def _linter_options(func):
    """Options every linting command shares."""
    options = [
        click.option("--select", metavar="RULES", help="Comma-separated rule ids to run (default: all)."),
        click.option("--ignore", metavar="RULES", help="Comma-separated rule ids to skip."),
        click.option("--min-severity", type=click.Choice(["info", "warning", "error"]),
                     help="Report only findings at or above this severity (default: info, or the config's)."),
        click.option("--model", metavar="NAME", help="spaCy pipeline to load (default: en_core_web_sm if installed)."),
        click.option("--format", "output_format", type=click.Choice(list(OUTPUT_FORMATS)), default="text",
                     show_default=True, help="Output format: " + ", ".join(
                         f"{f.name} ({f.description})" for f in OUTPUT_FORMATS.values()) + "."),
        click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain (input errors still exit 2)."),
        click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default="info", show_default=True,
                     help="Exit 1 only for findings at or above this severity."),
        click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
                     help="Colour the text report: auto (a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR "
                          "forces it), always or never."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=default_jobs, callback=_clamp_jobs,
                     show_default="number of cores",
                     help="Worker processes for large inputs (small ones always run in one process)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


class _Linters:
    """One Linter per distinct effective configuration: the nearest `.replylint.yaml` or
    `[tool.replylint]` above each file, with command-line options taking precedence."""

    def __init__(self, select, ignore, min_severity, model):
        self.cli = {"select": select, "ignore": ignore, "min_severity": min_severity}
        self.model = model
        self._cache: dict = {}
        self._configs: dict = {}  # directory → its Config, read once per command (files share folders)
        self.specs: list = []
        self.excluded = 0       # files the configuration's include/exclude left out, for the summary
        self.unlisted = False   # a directory scan could not list a folder: its replies went unchecked

    def config_for(self, path: str):
        directory = Path(path).parent if path != STDIN else Path.cwd()
        config = self._configs.get(directory)
        if config is None:
            config = self._configs[directory] = find_config(directory.resolve())
        return config

    def for_path(self, path: str):
        """The Linter for a file, or None when the project's include/exclude leaves it out
        (counted in `excluded`)."""
        if path != STDIN and not self.config_for(path).includes(Path(path)):
            self.excluded += 1
            return None
        return self.linter_for(path)

    def linter_for(self, path: str):
        """The Linter a file's configuration asks for, whether or not it includes the file."""
        file = None if path == STDIN else Path(path)
        settings = self.config_for(path).settings_for(file)
        linter = self._cache.get(settings)
        if linter is None:
            linter = Linter(select=self.cli["select"] or list(settings.select) or None,
                            ignore=self.cli["ignore"] or list(settings.ignore) or None,
                            min_severity=self.cli["min_severity"] or settings.min_severity, model=self.model,
                            rule_dirs=[Path(d) for d in settings.rule_dirs], body_keys=settings.body_keys or None,
                            rule_settings=settings.rule_settings(), config_source=settings.source)
            self._cache[settings] = linter
            self.specs = self.specs or linter.specs
            _settle_heap()
        return linter


def _prepare(paths, select, ignore, min_severity, model):
    try:
        linters = _Linters(select, ignore, min_severity, model)
        files = expand_paths(list(paths), onerror=lambda exc: _unlisted(exc, linters))
        linters.linter_for(files[0][0] if files else STDIN)  # fail early on a broken model or config
        return files, linters
    except ReplylintError as exc:
        _error(exc)
        sys.exit(EXIT_ERROR)


def _unlisted(exc: ReplylintError, linters: _Linters) -> None:
    """A folder the scan could not list: said at once, and the exit status will say it too
    (2, as for a named file that cannot be read), since replies in it went unchecked."""
    _error(exc)
    linters.unlisted = True


def _sources(files, linters):
    """(Source, Linter) per path to check; a path the project's config excludes is passed over
    (with a notice when it was named, since the user asked for it), and an unreadable file or a
    broken config is reported here and yields (None, None)."""
    for path, from_scan in files:
        try:
            linter = linters.for_path(path)
            if linter is None:
                if not from_scan:
                    _error(f"{path}: excluded by {_shown(linters.config_for(path).path)}, not checked")
                continue
            yield read_source(path), linter
        except UncheckableInputError as exc:
            if from_scan:
                _error(f"{exc} (skipped)")
                continue
            _error(exc)
            yield None, None
        except ReplylintError as exc:
            _error(exc)
            yield None, None


def _inputs_help() -> str:
    """The input formats, from their records, for the help of the commands that read files."""
    kinds = "; ".join(f"{f.description} ({', '.join(f.suffixes)})" for f in INPUT_FORMATS.values())
    return f"Formats, by suffix (a directory scan checks these files): {kinds}."


@main.command(help=f"Check reply files, directories (recursively) or '-' for stdin.\n\n{_inputs_help()}")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_linter_options
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply safe rewrites in place first (see `replylint fix`).")
@click.option("--unsafe", is_flag=True, help="With --fix, also apply suggested rewrites that need no input.")
@click.option("--report-unused-directives", is_flag=True,
              help="Report `replylint: disable…` directives that suppressed nothing.")
@click.option("--verbose", is_flag=True,
              help="Under each finding of a whole-reply rule, say what it judged the reply to be and on which words.")
def check(paths, output_format, select, ignore, min_severity, model, exit_zero, fail_on, color, jobs, apply_fixes,
          unsafe, report_unused_directives, verbose) -> None:
    files, linters = _prepare(paths, select, ignore, min_severity, model)
    policy = _ExitPolicy(exit_zero, fail_on)
    if apply_fixes:
        fixed, had_error, _ = _fix_files(files, linters, unsafe, show_diff=False, echo_stdin=False, jobs=jobs)
        _finish(fixed, output_format, had_error, linters, policy, color)
    results: list[FileResult] = []
    work, had_error = _readable(files, linters)
    outcomes = lint_all([(linter, source.text, source.path) for linter, source in work], jobs,
                        report_unused_directives)
    for (_, source), outcome in zip(work, outcomes):
        if isinstance(outcome, ReplylintError):
            _error(outcome)
            had_error = True
            continue
        results.append(FileResult(source.path, source.text, outcome))
    _finish(results, output_format, had_error, linters, policy, color, verbose=verbose)


class _ExitPolicy:
    """--exit-zero and --fail-on, for teams adopting replylint gradually."""

    def __init__(self, exit_zero: bool, fail_on: str):
        self.exit_zero = exit_zero
        self.floor = Severity.parse(fail_on)

    def fails(self, results) -> bool:
        return not self.exit_zero and any(
            Severity.parse(f.severity) >= self.floor for r in results for f in r.findings)


def _finish(results, output_format, had_error, linters, policy, color, stream_err=False, extra_failure=False,
            verbose=False) -> None:
    stream = sys.stderr if stream_err else sys.stdout
    formatter = OUTPUT_FORMATS[output_format].formatter(color=use_color(color, stream), rules=linters.specs,
                                                        excluded=linters.excluded, **({"verbose": True} if verbose else {}))
    formatter.write(results, _Echo(stream_err, formatter.color))
    if had_error:
        sys.exit(EXIT_ERROR)
    failed = (extra_failure and not policy.exit_zero) or policy.fails(results)
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


class _Echo:
    """The report's stream: each write goes out through click.echo, which copes with a terminal
    that cannot encode a character and strips colour it thinks unwanted (not a terminal), told
    here what the formatter already chose."""

    def __init__(self, err: bool, color: bool):
        self.err = err
        self.color = color

    def write(self, text: str) -> int:
        click.echo(text, nl=False, err=self.err, color=self.color)
        return len(text)


def _readable(files, linters) -> tuple[list, bool]:
    """[(Linter, Source)] for every file that could be read, and whether one could not or a
    folder could not be listed (already reported by _sources and _unlisted)."""
    work, had_error = [], linters.unlisted
    for source, linter in _sources(files, linters):
        if source is None:
            had_error = True
        else:
            work.append((linter, source))
    return work, had_error


def _fix_note(path: str, result, written: bool = True) -> str:
    """What the fix did, or, when nothing was written (--diff, `check --fix -`), would do."""
    counts = Counter(a.finding.rule_id for a in result.applied)
    rules = ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in sorted(counts.items()))
    verb = "fixed" if written else "would fix"
    return f"{path}: {verb} {len(result.applied)} ({rules}); {len(result.remaining)} remaining"


def _fix_files(files, linters, unsafe, show_diff, echo_stdin=True, jobs=1):
    """Fix every file (in place, or as a diff); returns (results after fixing, had_error, any_diff).
    The fixing may be spread over `jobs` processes; writing and reporting happen here, in order."""
    results: list[FileResult] = []
    any_diff = False
    work, had_error = _readable(files, linters)
    outcomes = fix_all([(linter, source.text, source.path) for linter, source in work], jobs, unsafe)
    if not show_diff:  # what a killed run left beside these files
        remove_stale_temporaries(source.path for _, source in work if source.path != "<stdin>")
    for (_, source), result in zip(work, outcomes):
        if isinstance(result, ReplylintError):
            _error(result)
            had_error = True
            continue
        if source.path == "<stdin>":
            if echo_stdin:
                click.echo(result.text, nl=False)
        elif result.changed and show_diff:
            any_diff = True
            click.echo("".join(difflib.unified_diff(
                source.text.splitlines(keepends=True), result.text.splitlines(keepends=True),
                fromfile=f"a/{source.path}", tofile=f"b/{source.path}")), nl=False)
        elif result.changed:
            try:
                write_atomic(source.path, source.data, encode_like(source.data, result.text))
            except ReplylintError as exc:
                _error(exc)
                had_error = True
                continue
        if result.changed:
            written = not show_diff and (echo_stdin or source.path != "<stdin>")
            click.echo(_fix_note(source.path, result, written), err=True)
        results.append(FileResult(source.path, result.text, list(result.remaining)))
    return results, had_error, any_diff


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_linter_options
@click.option("--unsafe", is_flag=True, help="Also apply suggested rewrites that need no input from the agent.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the fixes and write nothing.")
def fix(paths, output_format, select, ignore, min_severity, model, exit_zero, fail_on, color, jobs, unsafe,
        show_diff) -> None:
    """Apply safe rewrites in place and report what remains ('-' fixes stdin to stdout).

    Exit status: 0 when nothing remains, 1 while findings remain (or, with --diff, when there
    is something to fix), 2 on an input or write error (the original file is left intact)."""
    files, linters = _prepare(paths, select, ignore, min_severity, model)
    results, had_error, any_diff = _fix_files(files, linters, unsafe, show_diff, jobs=jobs)
    # With '-', stdout is the fixed draft (an editor's filter pastes it back), so the report goes
    # to stderr even when reading stdin failed and there is no draft to print.
    to_stderr = show_diff or STDIN in paths
    _finish(results, output_format, had_error, linters, _ExitPolicy(exit_zero, fail_on), color,
            stream_err=to_stderr, extra_failure=any_diff)


def _load_specs():
    """The built-in rules and the team's (`rule_dirs` of the configuration found from the current
    folder, as `check` finds it for a draft there), so `explain` knows every rule `check` runs."""
    try:
        settings = find_config(Path.cwd().resolve()).settings_for(None)
        return load_rules([Path(d) for d in settings.rule_dirs])
    except ReplylintError as exc:
        _error(exc)
        sys.exit(EXIT_ERROR)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (drafts are customer data; any address but loopback needs a token).")
@click.option("--port", type=click.IntRange(0, 65535), default=8787, show_default=True,
              help="Port to listen on (0: any free port, printed at start).")
@click.option("--select", metavar="RULES", help="Comma-separated rule ids to run (default: all).")
@click.option("--ignore", metavar="RULES", help="Comma-separated rule ids to skip.")
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]),
              help="Report only findings at or above this severity (default: info, or the config's).")
@click.option("--model", metavar="NAME", help="spaCy pipeline to load (default: en_core_web_sm if installed).")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path),
              help="File holding the bearer token clients must send (else $REPLYLINT_TOKEN).")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="ORIGIN",
              help="Browser origin allowed to call the service (CORS; repeatable; default: none).")
@click.option("--max-body", type=click.IntRange(1), default=65_536, show_default=True, metavar="BYTES",
              help="Largest request body accepted (413 above).")
@click.option("--time-limit", type=click.FloatRange(0, min_open=True), default=10.0, show_default=True,
              metavar="SECONDS", help="Longest a request may wait for and spend in linting (503 after).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (each loads the model once).")
@click.option("--log-drafts", is_flag=True, help="Log request bodies (customer data: for debugging only).")
@click.option("--verbose", is_flag=True, help="Log every request's method, path and status to stderr.")
def serve(host, port, select, ignore, min_severity, model, token_file, allow_origins, max_body, time_limit, workers,
          log_drafts, verbose) -> None:
    """Serve the linter over HTTP for plugins not written in Python (POST /v1/lint, POST /v1/fix,
    GET /v1/rules, GET /health; schema at /v1/openapi.json). Configuration is read from the
    current folder. Needs the extra: pip install 'replylint[serve]'."""
    try:
        from .service import runner
    except ImportError:
        _error("serving needs the web stack: pip install 'replylint[serve]'")
        sys.exit(EXIT_ERROR)
    try:
        token = runner.read_token(token_file)
        if token is None and not runner.is_loopback(host):
            raise ReplylintError(f"listening on {host} needs a token (--token-file PATH or $REPLYLINT_TOKEN)")
        sock = runner.bind(host, port)
    except ReplylintError as exc:
        _error(exc)
        sys.exit(EXIT_ERROR)
    except OSError as exc:  # the port is taken, the address is not ours, ...
        _error(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
        sys.exit(EXIT_ERROR)
    options = runner.Options(select=select, ignore=ignore, min_severity=min_severity, model=model,
                             allow_origins=tuple(allow_origins), max_body=max_body, time_limit=time_limit,
                             log_drafts=log_drafts, folder=str(Path.cwd()))
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    try:
        if workers == 1:
            linter = options.linter()  # a bad option is one line here, before anything is served
            _settle_heap()
        else:
            runner.check_in_child(options)
        click.echo(f"replylint: serving on http://{shown}:{bound_port} (Ctrl-C stops)", err=True)
        runner.serve(options, sock, workers, token, verbose, linter if workers == 1 else None)
    except ReplylintError as exc:
        _error(exc)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


@main.command()
@click.option("--model", metavar="NAME", help="spaCy pipeline to load (default: en_core_web_sm if installed).")
def lsp(model) -> None:
    """Run a Language Server over stdio, for editors: diagnostics as you type, quick fixes,
    hovers that explain a rule. Each document is checked with its nearest .replylint.yaml or
    [tool.replylint], under the editor's replylint settings (README: "In your editor")."""
    from .lsp import INSTALL_HINT, available

    if not available():
        _error(INSTALL_HINT)
        sys.exit(EXIT_ERROR)
    from .lsp.server import serve

    gc.enable()  # a long-lived process: replylint.entry switched the collector off for short commands
    serve(model)


@main.command("rules")
def list_rules() -> None:
    """List every rule: id, severity, category and what it flags."""
    specs = _load_specs()
    width = max(len(s.id) for s in specs)
    for spec in sorted(specs, key=lambda s: (-Severity.parse(s.severity), s.id)):
        click.echo(f"{spec.id:<{width}}  {spec.severity:<7}  {spec.category:<14}  {spec.message}")


@main.command()
@click.argument("rule_id", metavar="RULE", required=False)
@click.option("--why", "why", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Instead: say what kind of message FILE is, as the whole-reply rules judge it, and on which words.")
def explain(rule_id, why) -> None:
    """Explain a rule: what it flags, why it hurts, what to write instead, with examples, and how
    it matches (its phrases, and the options of its checks, filters and rewriters). With --why
    FILE: the message-kind analysis of each reply in FILE."""
    from .rules.describe import how_it_matches

    if why is not None:
        _explain_why(why)
        return
    if rule_id is None:
        _error("name a rule to explain, or give --why FILE")
        sys.exit(EXIT_ERROR)

    specs = {s.id: s for s in _load_specs()}
    spec = specs.get(rule_id)
    if spec is None:
        _error(f"unknown rule id '{rule_id}' (see `replylint rules`)")
        sys.exit(EXIT_ERROR)

    def para(text: str) -> str:
        return textwrap.fill(" ".join(text.split()), width=88)

    lines = [f"{spec.id} ({spec.severity}, {spec.category})", "", spec.message, "",
             "What it flags", para(spec.rationale["what"]), "",
             "Why it hurts", para(spec.rationale["why"]), "",
             "Write instead", para(spec.rationale["instead"]), "", "Flagged"]
    lines += [f"  - {e}" for e in spec.examples["bad"]]
    lines += ["", "Not flagged"] + [f"  + {e}" for e in spec.examples["good"]]
    if spec.examples["fix"]:
        lines += ["", "Rewrites (safe ones `replylint fix` applies; suggested ones need --unsafe or the agent)"]
        lines += [f"  {' '.join(c['input'].split())}\n    → {' '.join(c['output'].split())}  ({c.get('safety', 'safe')})"
                  for c in spec.examples["fix"]]
    if spec.suggestions:
        lines += ["", "Suggestions"]
        lines += [f'  "{r}": {d}' if r else f"  {d}" for r, d in spec.suggestions]
    lines += ["", *how_it_matches(spec)]
    click.echo("\n".join(lines))


def _explain_why(path: Path) -> None:
    """The message-kind analysis of every reply in the file (analysis.analyze)."""
    from .analysis import analyze
    from .engine import Linter

    try:
        found = analyze(Linter(select=["no-acknowledgment", "no-next-step"]), path.read_text(encoding="utf-8"),
                        "auto", str(path))
    except (ReplylintError, UnicodeDecodeError) as exc:
        _error(f"{path}: {exc}")
        sys.exit(EXIT_ERROR)
    for i, reply in enumerate(found, 1):
        if len(found) > 1:
            click.echo(f"reply {i}")
        click.echo(reply.explain())


@main.command("test-rules")
@click.argument("directory", type=click.Path(file_okay=False, dir_okay=True, path_type=Path))
@click.option("--model", metavar="NAME", help="spaCy pipeline to load.")
def test_rules(directory, model) -> None:
    """Run the examples of the rules in DIRECTORY (a team's own YAML rules) and report each."""
    from .ruletest import run_rule_examples

    if not directory.is_dir():
        _error(f"{directory}: no such directory")
        sys.exit(EXIT_ERROR)
    try:
        outcomes = run_rule_examples(directory, model)
    except ReplylintError as exc:
        _error(exc)
        sys.exit(EXIT_ERROR)
    for o in outcomes:
        mark = "PASS" if o.passed else "FAIL"
        text = " ".join(o.text.split())
        click.echo(f"{mark} {o.rule_id} {o.case}: {text}" + (f"  ({o.reason})" if o.reason else ""))
    failed = sum(not o.passed for o in outcomes)
    rules = len({o.rule_id for o in outcomes})
    click.echo(f"{len(outcomes) - failed} passed, {failed} failed, in {rules} rule{'s' if rules != 1 else ''}")
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


if __name__ == "__main__":  # pragma: no cover
    main()
