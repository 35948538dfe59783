"""`python -m replylint` is the same as the `replylint` command."""
from .cli import run

run()
