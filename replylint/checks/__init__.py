"""The Python filters and checks a YAML rule can name, declared with replylint.extend.

- a *filter* keeps or drops one candidate span found by a phrase, token or dependency pattern;
- a *check* finds spans itself, within a stretch of sentences or over the whole reply.

A module named after a rule (blaming_you.py) holds the checks and filters only that rule uses;
filters.py holds the ones any rule may use, and syntax.py, context.py, reply_shape.py and
timeexpr.py the helpers several share. Every module here is imported by
`extend.load_builtins`, so a new one needs no listing.
"""
