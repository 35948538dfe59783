"""The rewriters a YAML rule can attach to its matchers, declared with replylint.extend.

A rewriter turns one flagged span into concrete rewrites built from the agent's own sentence:
`rewriter(span, ctx, options) -> iterable of Draft`. Drafts are in the Doc's character offsets;
the engine maps them to source offsets and drops any that would touch text the agent did not
write verbatim there (markup, placeholders), so no rewriter has to think about the source
(mapping.py, seams.py).

A module named after a rule (blaming_you.py) holds the rewriters only that rule uses;
removal.py holds the ones any rule may use, and grammar.py the repairs they share. Every module
here is imported by `extend.load_builtins`, so a new one needs no listing.
"""
