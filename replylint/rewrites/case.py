"""shouting: capitals back to ordinary case and repeated marks down to one."""
from __future__ import annotations

from . import Draft, register_rewriter
from ..checks.shouting import is_shouted_word
from .grammar import starts_sentence


@register_rewriter("ordinary_case", needs="tokens", options=("acronyms", "description"))
def ordinary_case(span, ctx, options):
    """'do NOT restart' → 'do not restart'; 'IMPORTANT REMINDER:' → 'Important reminder:';
    'inbox!!' → 'inbox.'; 'open??' → 'open?'. Acronyms keep their capitals."""
    description = options.get("description", "Use ordinary case and one punctuation mark.")
    text = span.text
    if text and set(text) <= set("!?"):
        yield Draft(span.start_char, span.end_char, "?" if "?" in text else ".", "safe", False, description)
        return
    acronyms = {a.upper() for a in options.get("acronyms", ())}
    chars = list(text)
    for token in span:
        if is_shouted_word(token, acronyms) or token.text.upper() in ("N'T", "N’T"):
            at = token.idx - span.start_char
            lowered = token.text.lower()
            if token.i == span.start and starts_sentence(token):
                lowered = lowered[:1].upper() + lowered[1:]
            chars[at:at + len(token.text)] = lowered
    rewrite = "".join(chars)
    if rewrite != text:
        yield Draft(span.start_char, span.end_char, rewrite, "safe", False, description)
