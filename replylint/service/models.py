"""The request and response bodies, declared once: FastAPI validates requests against them and
derives the OpenAPI schema from them, so a plugin author's documentation is the code.

A finding is exactly `Finding.to_dict()` plus `start_utf16`/`end_utf16` (tests/test_service.py
checks that the fields here are those keys, so the two cannot drift apart)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from ..formats import FORMATS as INPUT_FORMATS

# The "format" a request may name: every input format the server takes, or "auto" (sniffed).
FORMAT_NAMES = tuple(f.name for f in INPUT_FORMATS.values() if f.served) + ("auto",)
FormatName = Literal[FORMAT_NAMES]  # type: ignore[valid-type]
MAX_BATCH = 200  # texts in one batch request: a macro library, not a corpus (bounds one request's work)

_UTF16 = "in UTF-16 code units, as JavaScript's String.slice counts them"


class _Strict(BaseModel):
    """Unknown keys are refused: a misspelt "unsafe" should be an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    """Every error, whatever its status; in a batch, the answer for an input replylint refused."""

    error: str


class Suggestion(BaseModel):
    replacement: str | None = Field(description="drop-in text for the span, or null when the agent must write it")
    description: str


class Edit(BaseModel):
    start: int = Field(description="code-point offset into the text the edit applies to")
    end: int
    start_utf16: int = Field(description=f"`start` {_UTF16}")
    end_utf16: int = Field(description=f"`end` {_UTF16}")
    replacement: str
    safety: Literal["safe", "suggest"]
    needs_input: bool = Field(description="has a [slot] only the agent can fill; never applied")
    description: str
    preview: str


class Finding(BaseModel):
    """`Finding.to_dict()` plus UTF-16 offsets of the span (and of each edit)."""

    rule_id: str
    severity: Literal["error", "warning", "info"]
    message: str
    start: int = Field(description="code-point offset into the request's text")
    end: int
    start_utf16: int = Field(description=f"`start` {_UTF16}")
    end_utf16: int = Field(description=f"`end` {_UTF16}")
    line: int = Field(description="1-based")
    column: int = Field(description="1-based, in code points")
    end_line: int
    end_column: int
    text: str = Field(description="the flagged source text, text[start:end]")
    suggestions: list[Suggestion]
    edits: list[Edit] = Field(description="alternative rewrites, preferred first")
    note: str | None = Field(None, description="what a whole-reply rule judged (only such rules give one)")


class AppliedEdit(Edit):
    """An edit `fix` applied. Its offsets (code points and UTF-16) are into the text of the pass
    that applied it: the request's text for the first pass, the result of the previous pass for
    later ones (fixing re-lints after each pass)."""

    rule_id: str
    line: int
    column: int
    text: str


class Reply(_Strict):
    text: str
    format: FormatName = Field("text", description="input format; \"auto\" sniffs it from the content")


class LintRequest(_Strict):
    """One reply (`text`), or a batch (`texts`), not both."""

    text: str | None = None
    format: FormatName = "text"
    texts: list[str | Reply] | None = Field(None, max_length=MAX_BATCH,
                                                  description=f"a batch, answered in order (at most {MAX_BATCH})")

    @model_validator(mode="after")
    def _one_or_a_batch(self) -> LintRequest:
        """Both would leave one unanswered without a word; neither is an empty question."""
        if (self.text is None) == (self.texts is None):
            raise ValueError('the body must have a string "text" or a list "texts", not both')
        return self


class FixRequest(LintRequest):
    unsafe: StrictBool = Field(False, description="also apply suggested rewrites that need no input")


class LintResult(BaseModel):
    findings: list[Finding]


class LintBatchResult(BaseModel):
    results: list[LintResult | ErrorBody]


class FixResult(BaseModel):
    text: str = Field(description="the fixed text")
    applied: list[AppliedEdit]
    remaining: list[Finding] = Field(description="findings in the fixed text")


class FixBatchResult(BaseModel):
    results: list[FixResult | ErrorBody]


class Rule(BaseModel):
    id: str
    severity: str
    category: str
    message: str


class Rules(BaseModel):
    rules: list[Rule]


class Health(BaseModel):
    status: Literal["ok"]
    version: str

