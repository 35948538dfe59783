"""The command line: parse options, call the library, pick a formatter. No linting logic here.

Exit status: 0 no findings, 1 findings, 2 usage or input error.
"""
from __future__ import annotations

import os
import sys
import textwrap

import click

from . import __version__
from .engine import Linter
from .errors import ReplylintError
from .findings import Severity
from .formatters import FORMATTERS, FileResult
from .rules import load_rules
from .sources import BinaryInputError, EmptyInputError, expand_paths, read_source

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _error(message) -> None:
    click.echo(f"replylint: {message}", err=True)


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="replylint")
def main() -> None:
    """Lint customer-support replies for phrasings that make upset customers angrier."""


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text",
              show_default=True, help="Output format.")
@click.option("--select", metavar="RULES", help="Comma-separated rule ids to run (default: all).")
@click.option("--ignore", metavar="RULES", help="Comma-separated rule ids to skip.")
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), default="info",
              show_default=True, help="Report only findings at or above this severity.")
@click.option("--model", metavar="NAME", help="spaCy pipeline to load (default: en_core_web_sm if installed).")
def check(paths, output_format, select, ignore, min_severity, model) -> None:
    """Check reply files, directories (recursively) or '-' for stdin."""
    try:
        files = expand_paths(list(paths))
        linter = Linter(select=select, ignore=ignore, model=model, min_severity=min_severity)
    except ReplylintError as exc:
        _error(exc)
        sys.exit(EXIT_ERROR)
    results: list[FileResult] = []
    had_error = False
    for path, from_scan in files:
        try:
            source = read_source(path)
        except (BinaryInputError, EmptyInputError) as exc:
            if from_scan:
                _error(f"{exc} (skipped)")
                continue
            _error(exc)
            had_error = True
            continue
        except ReplylintError as exc:
            _error(exc)
            had_error = True
            continue
        results.append(FileResult(source.path, source.text, linter.lint(source.text)))
    click.echo(FORMATTERS[output_format](color=_use_color()).format(results), nl=False)
    if had_error:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if any(r.findings for r in results) else EXIT_CLEAN)


def _load_specs():
    try:
        return load_rules()
    except ReplylintError as exc:
        _error(exc)
        sys.exit(EXIT_ERROR)


@main.command("rules")
def list_rules() -> None:
    """List every rule: id, severity, category and what it flags."""
    specs = _load_specs()
    width = max(len(s.id) for s in specs)
    for spec in sorted(specs, key=lambda s: (-Severity.parse(s.severity), s.id)):
        click.echo(f"{spec.id:<{width}}  {spec.severity:<7}  {spec.category:<14}  {spec.message}")


@main.command()
@click.argument("rule_id", metavar="RULE")
def explain(rule_id) -> None:
    """Explain a rule: what it flags, why it hurts, what to write instead, with examples."""
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
    if spec.suggestions:
        lines += ["", "Suggestions"]
        lines += [f'  "{r}": {d}' if r else f"  {d}" for r, d in spec.suggestions]
    click.echo("\n".join(lines))


if __name__ == "__main__":  # pragma: no cover
    main()
