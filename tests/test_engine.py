"""The library API: findings, offsets, selection, threads and long inputs."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

import replylint
from replylint import Finding, Linter, ReplylintError
from replylint.engine import chunks

from .conftest import rule_ids

DRAFT = ("Hi Sam,\r\n\r\nOh no!! Please calm down. You obviously forgot to export the report.\r\n"
         "I'll get back to you soon.\r\n")


def test_finding_has_exactly_the_documented_keys(linter):
    finding = linter.lint(DRAFT)[0]
    assert list(finding.to_dict()) == list(Finding.KEYS)
    assert all(set(s) == {"replacement", "description"} for s in finding.to_dict()["suggestions"])


def test_findings_are_sorted_and_slice_the_source_exactly(linter):
    findings = linter.lint(DRAFT)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for f in findings:
        assert DRAFT[f.start:f.end] == f.text
        line = DRAFT.splitlines()[f.line - 1]
        assert line[f.column - 1:].startswith(f.text.splitlines()[0])
    assert {"alarm-reaction", "shouting", "calm-down", "blaming-you", "condescending", "vague-promise"} <= rule_ids(findings)


def test_offsets_survive_removed_quote_lines(linter):
    text = "> I am FURIOUS!!\n> fix it\nI'm sorry. Obviously that's our bug, and I'll fix it by 5 pm today."
    findings = linter.lint(text)
    assert "shouting" not in rule_ids(findings)
    for f in findings:
        assert text[f.start:f.end] == f.text
        assert f.line == 3


def test_customer_words_in_quotation_marks_do_not_fire(linter):
    text = 'You wrote that the app "keeps freaking out, calm down" and I can see why that is annoying.'
    assert not {"upset-slang", "calm-down"} & rule_ids(linter.lint(text))


def test_select_and_ignore():
    only = Linter(select="shouting")
    assert rule_ids(only.lint(DRAFT)) == {"shouting"}
    without = Linter(ignore=["shouting", "alarm-reaction"])
    assert not {"shouting", "alarm-reaction"} & rule_ids(without.lint(DRAFT))


def test_min_severity_keeps_only_serious_rules():
    strict = Linter(min_severity="error")
    assert all(f.severity == "error" for f in strict.lint(DRAFT))
    assert strict.lint(DRAFT)


def test_unknown_rule_id_is_a_clear_error():
    with pytest.raises(ReplylintError, match="unknown rule id 'calm-dwn'"):
        Linter(select="calm-dwn")


def test_module_level_lint_uses_a_shared_default():
    assert rule_ids(replylint.lint("Relax, it's fine.")) == {"calm-down"}


def test_empty_and_blank_text_have_no_findings(linter):
    assert linter.lint("") == []
    assert linter.lint("  \n\t ") == []


def test_linter_can_be_shared_by_threads(linter):
    texts = [DRAFT, "Relax, it's fine.", "Your laptop has a memory problem; I'll replace it on Friday."] * 8
    expected = [[f.to_dict() for f in linter.lint(t)] for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: [f.to_dict() for f in linter.lint(t)], texts))
    assert got == expected


def test_long_input_is_parsed_in_chunks_with_correct_offsets(linter):
    paragraph = "Thanks for waiting. Your replacement ships on Monday at 9 am.\n\n"
    text = paragraph * 2500 + "Please do NOT unplug it.\n"
    assert len(text) > 150_000
    findings = linter.lint(text)
    shouts = [f for f in findings if f.rule_id == "shouting"]
    assert [f.text for f in shouts] == ["NOT"]
    assert shouts[0].line == 5001


def test_chunks_cover_the_text_in_order():
    text = ("a" * 70 + "\n") * 50
    pieces = list(chunks(text, size=500))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 500 for _, p in pieces)
    assert [o for o, _ in pieces] == sorted(o for o, _ in pieces)


# -- huge inputs: bounded windows -------------------------------------------------------------

PARAGRAPHS = (
    "Hi {{first_name}},",
    "Thanks for waiting. Your replacement ships on Monday at 9 am.",
    "Please calm down. We are looking at it right now.",
    "You obviously forgot to export the report, so the totals look wrong.",
    "I'll get back to you soon about the café order — naïve totals aside.",
    "> I am FURIOUS!! calm down yourself\n> fix it",
    "See https://status.example.com/incidents for details, or run `sync --force`.",
    'You wrote "it keeps crashing, calm down" and I can see why that is annoying.',
    "Please do NOT unplug the router while it updates.",
    "We will look into it and hopefully have it fixed at some point.",
)


def long_draft(size: int, seed: int = 13) -> str:
    """Paragraphs of the pool in a seeded order, some run together on one long line, so that
    chunk cuts fall at blank lines, line ends and sentence ends alike; quoted history lines,
    template fields and non-ASCII text put the clean text's offsets off the source's."""
    import random

    rng = random.Random(seed)
    parts, length = [], 0
    while length < size:
        run = [rng.choice(PARAGRAPHS) for _ in range(rng.choice((1, 1, 2, 6, 12)))]
        piece = " ".join(p for p in run if not p.startswith((">", "Hi"))) or run[0]  # those stand alone
        parts.append(piece)
        length += len(piece) + 2
    return "\n\n".join(parts) + "\n"


def _one_pass(linter, document, chunk_chars: int) -> list[Finding]:
    """The findings of every chunk of the Document planned and linted together, in one window,
    as the engine did before it linted huge inputs window by window."""
    from replylint import engine

    out = [[]]
    with linter._lock:
        reply = linter._plan(document, list(engine.chunks(document.text, chunk_chars)), 0, judge=False)
        linter._lint_window([reply], out)
    return sorted(out[0], key=lambda f: (f.start, f.end, f.rule_id))


def test_a_long_input_linted_window_by_window_finds_what_one_pass_finds(linter, monkeypatch):
    from replylint import engine
    from replylint.document import from_plain_text

    monkeypatch.setattr(engine, "CHUNK_CHARS", 2_000)
    monkeypatch.setattr(linter, "parse_memo", 0)
    document = from_plain_text(long_draft(40_000))
    windowed = linter._lint_documents([document])[0]
    assert len(list(engine.chunks(document.text, 2_000))) >= 20
    assert len(windowed) > 100
    assert [f.to_dict() for f in windowed] == [f.to_dict() for f in _one_pass(linter, document, 2_000)]


def test_a_long_input_is_held_one_window_at_a_time(linter, monkeypatch):
    """Reproducer for the 4 MB MemoryError: every chunk's tokens and every parsed segment of
    the whole input were held at once. Now at most two chunks are alive (the one being linted
    and the next, read ahead for its first sentence), and only one chunk's parsed segments."""
    import weakref
    from collections import Counter

    from replylint import engine

    monkeypatch.setattr(linter, "parse_memo", 0)  # the memo keeps parsed segments on purpose
    alive, most, made, parsed_per_call, refs = Counter(), Counter(), Counter(), Counter(), []
    make_doc, pipe = linter.nlp.make_doc, linter.nlp.pipe

    def track(doc, kind):
        def gone(_, kind=kind):
            alive[kind] -= 1
        refs.append(weakref.ref(doc, gone))
        alive[kind] += 1
        made[kind] += 1
        most[kind] = max(most[kind], alive[kind])

    def counting_make_doc(text):
        doc = make_doc(text)
        track(doc, "chunks")
        return doc

    def counting_pipe(docs, **kwargs):
        call = made["calls"] = made["calls"] + 1
        for doc in pipe(docs, **kwargs):
            track(doc, "parsed")
            parsed_per_call[call] += 1
            yield doc

    monkeypatch.setattr(linter.nlp, "make_doc", counting_make_doc)
    monkeypatch.setattr(linter.nlp, "pipe", counting_pipe)
    findings = linter.lint(long_draft(4 * engine.CHUNK_CHARS + 1_000))
    assert made["chunks"] >= 4 and len(findings) > 500
    assert most["chunks"] <= 2
    assert most["parsed"] <= max(parsed_per_call.values()) < made["parsed"] / 3


def test_offsets_stay_exact_across_chunk_boundaries(linter, monkeypatch):
    from replylint import engine

    monkeypatch.setattr(engine, "CHUNK_CHARS", 2_000)
    text = long_draft(40_000, seed=7)
    findings = linter.lint(text)
    lines = text.split("\n")
    for f in findings:
        assert text[f.start:f.end] == f.text
        assert lines[f.line - 1][f.column - 1:].startswith(f.text.split("\n")[0])
        line_start = text.rfind("\n", 0, f.start) + 1
        assert (f.line, f.column) == (text.count("\n", 0, f.start) + 1, f.start - line_start + 1)
    quoted = [(m.start(), m.end()) for m in re.finditer(r'^>.*$|"[^"\n]*"', text, re.MULTILINE)]
    planted = [m.start() for m in re.finditer("calm down", text) if not any(a <= m.start() < b for a, b in quoted)]
    assert len(planted) > 20
    assert [f.start for f in findings if f.rule_id == "calm-down"] == planted


def test_a_document_longer_than_a_reply_is_not_judged_as_one(linter):
    """No next step across a 5,000-word file means nothing; the sentence rules still run."""
    from replylint import engine

    reply = "I'm sorry the board is slow. Large boards tend to load slowly.\n\n"
    assert "no-next-step" in rule_ids(linter.lint(reply * 100))
    long = reply * (engine.REPLY_MAX_WORDS // len(reply.split()) + 1) + "Please calm down.\n"
    assert len(long.split()) > engine.REPLY_MAX_WORDS and len(long) < engine.CHUNK_CHARS
    assert rule_ids(linter.lint(long)) == {"calm-down"}


def test_reply_words_are_counted_as_wc_counts_them(monkeypatch):
    from replylint import engine

    monkeypatch.setattr(engine, "REPLY_MAX_WORDS", 3)
    assert engine.judged_as_one_reply("one two\n\tthree ")
    assert not engine.judged_as_one_reply("one two three four")
    monkeypatch.setattr(engine, "REPLY_MAX_WORDS", 10**9)
    assert not engine.judged_as_one_reply("word " * (engine.CHUNK_CHARS // 5 + 1))


def test_one_finding_per_rule_per_sentence(linter):
    """Two cues of one rule in one sentence are one occurrence to the reader: one finding, drawn
    from the first cue to the end of the last, with one rewrite that gives each vague time its
    slot. A cue in the next sentence is a finding of its own."""
    text = ("We'll look into this shortly and send you an answer as soon as possible. "
            "Someone will reply soon.")
    promises = [f for f in linter.lint(text) if f.rule_id == "vague-promise"]
    assert len(promises) == 2
    first, second = promises
    assert first.text.startswith("We'll look into this shortly") and first.text.endswith("as soon as possible")
    assert first.edits[0].preview == "We'll look into this by [day, time] and send you an answer by [day, time]."
    assert second.text.startswith("Someone will reply soon")


def test_fix_still_applies_every_cue_of_a_sentence(linter):
    """Only the first cue's edits come with the merged finding; fix finds the others on its
    next pass."""
    text = "Obviously you just need to restart the router."
    [finding] = [f for f in linter.lint(text) if f.rule_id == "condescending"]
    assert finding.text == "Obviously you just"
    result = linter.fix(text)
    assert result.text == "You need to restart the router."
    assert not [f for f in result.remaining if f.rule_id == "condescending"]


def test_two_matchers_of_one_rule_on_one_sentence_give_one_finding(linter):
    """A policy wall and a modal refusal of cant-help both see this sentence, and both would
    rewrite it whole: the agent is told once, with one rewrite that can be applied."""
    found = [f for f in linter.lint("Our rules don't let me refund it, so we can't help.") if f.rule_id == "cant-help"]
    assert len(found) == 1 and len(found[0].edits) >= 1
