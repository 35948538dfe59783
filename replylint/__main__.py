"""`python -m replylint` is the same as the `replylint` command."""
from .entry import run

run()
