"""`replylint lsp` driven as an editor drives it: the real server in a subprocess, JSON-RPC over
its stdio (tests/lsp_client.py). One server per module where the test allows (the model takes
about a second to load); every wait is bounded by a timeout."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

pytest.importorskip("pygls")

from replylint.cli import main  # noqa: E402
from replylint.rules import load_rules  # noqa: E402

from .lsp_client import LspClient, LspError, apply_edits  # noqa: E402

ERROR, WARNING, INFORMATION = 1, 2, 3


def units(text: str) -> int:
    """UTF-16 code units, as an editor counts a line's characters."""
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("workspace")


@pytest.fixture(scope="module")
def client(workspace):
    lsp = LspClient(workspace)
    lsp.initialize(workspace, {"debounceMs": 0})
    yield lsp
    lsp.close()


_versions: dict[str, int] = {}


def show(client, path, text, language="plaintext") -> list[dict]:
    """Open (or replace the text of) a document and wait for its diagnostics."""
    uri = path.as_uri()
    mark = client.mark()
    if uri not in _versions:
        _versions[uri] = 1
        client.open(uri, text, language)
    else:
        _versions[uri] += 1
        client.change(uri, text, _versions[uri])
    return client.diagnostics(uri, _versions[uri], after=mark)


def actions_at(client, path, diagnostic, only=None) -> list[dict]:
    context = {"diagnostics": [diagnostic], **({"only": only} if only else {})}
    return client.request("textDocument/codeAction", {"textDocument": {"uri": path.as_uri()},
                                                      "range": diagnostic["range"], "context": context}) or []


def edits_of(action) -> list[dict]:
    [change] = action["edit"]["documentChanges"]
    return change["edits"]


def test_the_server_speaks_utf16_even_when_the_client_prefers_utf8(workspace):
    lsp = LspClient(workspace)
    try:
        result = lsp.initialize(workspace)
        assert result["capabilities"]["positionEncoding"] == "utf-16"
        assert "source.fixAll.replylint" in result["capabilities"]["codeActionProvider"]["codeActionKinds"]
    finally:
        lsp.close()


def test_diagnostics_are_at_utf16_positions_after_an_emoji(client, workspace):
    text = "Hi 😀😀 there, please calm down.\nWe will look into it ASAP.\n"
    diagnostics = show(client, workspace / "emoji.txt", text)
    [calm] = [d for d in diagnostics if d["code"] == "calm-down"]
    start = text.index("calm down")
    assert calm["range"] == {"start": {"line": 0, "character": units(text[:start])},
                             "end": {"line": 0, "character": units(text[:start + len("calm down")])}}
    assert units(text[:start]) == start + 2  # the two emoji count twice each
    assert calm["source"] == "replylint" and calm["severity"] == ERROR
    assert calm["message"].startswith("Telling the customer to calm down")
    [vague] = [d for d in diagnostics if d["code"] == "vague-promise"]
    assert vague["severity"] == WARNING and vague["range"]["start"]["line"] == 1


def test_a_change_is_linted_again(client, workspace):
    path = workspace / "change.txt"
    assert "calm-down" in {d["code"] for d in show(client, path, "Please calm down.\n")}
    assert "calm-down" not in {d["code"] for d in show(client, path, "I understand how frustrating this is.\n")}


@pytest.mark.parametrize("name, text, language", [
    ("reply.md", "# Outage\n\nHi 😀, please calm down. Check your inbox!!\n", "markdown"),
    ("reply.html", "<p>Hi 😀, please calm down.</p>\n<p>Check your inbox!!</p>\n", "html"),
    ("macros.yaml", "macros:\n  - title: Outage\n    body: |\n      Hi 😀, please calm down.\n", "yaml"),
    ("macros.json", '{"macros": [{"body": "Hi \U0001F600, please calm down."}]}\n', "json"),
    ("reply.eml", "From: a@example.com\nSubject: Hi\n\nHi 😀, please calm down.\n", "plaintext"),
])
def test_every_format_check_reads_is_linted_and_placed(client, workspace, name, text, language):
    diagnostics = show(client, workspace / name, text, language)
    [calm] = [d for d in diagnostics if d["code"] == "calm-down"]
    start = text.index("calm down")
    line = text.count("\n", 0, start)
    line_start = text.rfind("\n", 0, start) + 1
    assert calm["range"]["start"] == {"line": line, "character": units(text[line_start:start])}


def test_a_quick_fix_rewrites_the_finding(client, workspace):
    path = workspace / "quickfix.txt"
    text = "Thanks for the logs 🙏. Please calm down, we are on it.\n"
    [calm] = [d for d in show(client, path, text) if d["code"] == "calm-down"]
    [fix] = [a for a in actions_at(client, path, calm) if a["kind"] == "quickfix" and "Disable" not in a["title"]
             and a["diagnostics"][0]["code"] == "calm-down"]
    fixed = apply_edits(text, edits_of(fix))
    assert fixed == "Thanks for the logs 🙏. I understand how frustrating this is; we are on it.\n"
    assert "calm-down" not in {d["code"] for d in show(client, path, fixed)}


def test_a_safe_edit_is_the_preferred_fix(client, workspace):
    path = workspace / "preferred.txt"
    [shout] = [d for d in show(client, path, "Check your inbox!!\n") if d["code"] == "shouting"]
    [fix] = [a for a in actions_at(client, path, shout) if a["kind"] == "quickfix" and "Disable" not in a["title"]]
    assert fix["isPreferred"] is True
    assert apply_edits("Check your inbox!!\n", edits_of(fix)) == "Check your inbox.\n"


def test_an_edit_that_needs_input_is_a_snippet_with_its_slot_selected(client, workspace):
    path = workspace / "snippet.txt"
    text = "Please calm down.\nWe will look into it ASAP.\n"
    [vague] = [d for d in show(client, path, text) if d["code"] == "vague-promise"]
    [fix] = [a for a in actions_at(client, path, vague) if a["kind"] == "quickfix" and "Disable" not in a["title"]
             and a["diagnostics"][0]["code"] == "vague-promise"]
    [edit] = edits_of(fix)
    assert edit["snippet"] == {"kind": "snippet", "value": "by ${1:[day, time]}"}
    assert apply_edits(text, [edit]).endswith("We will look into it by ${1:[day, time]}.\n")
    assert not fix.get("isPreferred")


def test_without_snippet_support_the_slot_is_plain_text(workspace):
    lsp = LspClient(workspace, capabilities={"workspace": {"workspaceEdit": {"documentChanges": True}}})
    try:
        lsp.initialize(workspace, {"debounceMs": 0})
        uri = (workspace / "plain-slot.txt").as_uri()
        lsp.open(uri, "Please calm down.\nWe will look into it ASAP.\n")
        [vague] = [d for d in lsp.diagnostics(uri) if d["code"] == "vague-promise"]
        found = lsp.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": vague["range"],
                                                        "context": {"diagnostics": [vague]}})
        [fix] = [a for a in found if a["kind"] == "quickfix" and "Disable" not in a["title"]
                 and a["diagnostics"][0]["code"] == "vague-promise"]
        [edit] = edits_of(fix)
        assert edit["newText"] == "by [day, time]" and "snippet" not in edit
    finally:
        lsp.close()


def test_fix_all_applies_every_safe_edit(client, workspace):
    path = workspace / "fixall.txt"
    text = "Please do NOT restart the server.\nCheck your inbox!!\n"
    diagnostics = show(client, path, text)
    [action] = actions_at(client, path, diagnostics[0], only=["source.fixAll"])
    assert action["kind"] == "source.fixAll.replylint"
    fixed = apply_edits(text, edits_of(action))
    assert fixed == "Please do not restart the server.\nCheck your inbox.\n"
    assert "shouting" not in {d["code"] for d in show(client, path, fixed)}


@pytest.mark.parametrize("name, text, directive", [
    ("disable.txt", "Hi 😀 there.\nPlease calm down.\nThanks.\n", "<!-- replylint: disable-line=calm-down -->"),
    ("disable.md", "# Hi\n\nPlease calm down.\n", "<!-- replylint: disable-line=calm-down -->"),
    ("disable.yaml", "macros:\n  - body: |\n      Hello.\n      Please calm down.\n",
     "# replylint: disable-next-line=calm-down"),
    ("disable-flow.yaml", "macros:\n  - title: A\n    body: \"Please calm down.\"\n",
     "# replylint: disable-next-line=calm-down"),
    ("disable.json", '{"macros": [{"body": "Hello. Please calm down."}]}\n', "<!-- replylint: disable-line=calm-down -->"),
    ("disable.html", "<p>Hello.</p>\n<p>Please calm down.</p>\n", "<!-- replylint: disable-line=calm-down -->"),
    ("disable.eml", "From: a@example.com\nSubject: Hi\n\nPlease calm down.\n", "<!-- replylint: disable-line=calm-down -->"),
])
def test_disable_on_this_line_inserts_the_formats_directive(client, workspace, name, text, directive):
    path = workspace / name
    [calm] = [d for d in show(client, path, text) if d["code"] == "calm-down"]
    [action] = [a for a in actions_at(client, path, calm) if a["title"] == "Disable calm-down on this line"]
    changed = apply_edits(text, edits_of(action))
    assert directive in changed
    codes = {d["code"] for d in show(client, path, changed)}
    assert "calm-down" not in codes and "unused-directive" not in codes
    if name.endswith(".json"):
        json.loads(changed)  # still a valid collection


def test_hover_explains_the_rule(client, workspace):
    path = workspace / "hover.txt"
    text = "Hi 😀, please calm down.\n"
    [calm] = [d for d in show(client, path, text) if d["code"] == "calm-down"]
    position = calm["range"]["start"]
    answer = client.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()}, "position": position})
    value = answer["contents"]["value"]
    spec = {s.id: s for s in load_rules([])}["calm-down"]
    assert "**calm-down** (error)" in value
    assert " ".join(spec.rationale["why"].split()) in value
    assert " ".join(spec.rationale["instead"].split()) in value
    nowhere = client.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()},
                                                    "position": {"line": 0, "character": 0}})
    assert nowhere is None or "calm-down" not in nowhere["contents"]["value"]


def test_a_changed_config_file_changes_the_diagnostics(client, workspace):
    folder = workspace / "team"
    folder.mkdir()
    config = folder / ".replylint.yaml"
    config.write_text("ignore: [calm-down]\n", encoding="utf-8")
    path = folder / "reply.txt"
    assert "calm-down" not in {d["code"] for d in show(client, path, "Please calm down.\n")}

    config.write_text("ignore: [shouting]\n", encoding="utf-8")
    mark = client.mark()
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
    codes = {d["code"] for d in client.diagnostics(path.as_uri(), after=mark)}
    assert "calm-down" in codes

    # An editor that does not report file changes: the mtime tells.
    config.write_text("ignore: [calm-down]\n", encoding="utf-8")
    os.utime(config, ns=(config.stat().st_atime_ns, config.stat().st_mtime_ns + 10_000_000))
    assert "calm-down" not in {d["code"] for d in show(client, path, "Please calm down!\n")}


def test_a_broken_config_is_one_diagnostic_and_a_message_not_a_crash(client, workspace):
    folder = workspace / "broken"
    folder.mkdir()
    (folder / ".replylint.yaml").write_text("ignore: [calm-down]\nbogus: 1\n", encoding="utf-8")
    mark = client.mark()
    [problem] = show(client, folder / "reply.txt", "Please calm down.\n")
    assert "unknown key 'bogus'" in problem["message"] and problem["severity"] == ERROR
    shown = client.wait_for(lambda m: m.get("method") == "window/showMessage", after=mark)
    assert "unknown key 'bogus'" in shown["params"]["message"]
    # The server lives on.
    assert "calm-down" in {d["code"] for d in show(client, workspace / "after-broken.txt", "Please calm down.\n")}


def test_an_unreadable_rule_pack_is_a_diagnostic_and_a_message(client, workspace):
    folder = workspace / "team-rules"
    (folder / "rules").mkdir(parents=True)
    (folder / "rules" / "half-done.yaml").write_text("id: half-done\ncategory: tone\n", encoding="utf-8")
    (folder / ".replylint.yaml").write_text("rule_dirs: [rules]\n", encoding="utf-8")
    mark = client.mark()
    [problem] = show(client, folder / "reply.txt", "Please calm down.\n")
    assert "half-done.yaml" in problem["message"] and "missing required key" in problem["message"]
    client.wait_for(lambda m: m.get("method") == "window/showMessage" and "half-done" in m["params"]["message"],
                    after=mark)


def test_text_that_does_not_read_as_its_format_is_a_diagnostic_on_its_line(client, workspace):
    path = workspace / "half-typed.yaml"
    mark = client.mark()
    [problem] = show(client, path, "macros:\n  - body: [unclosed\n", "yaml")
    assert "invalid YAML" in problem["message"] and problem["range"]["start"]["line"] == 2
    assert "calm-down" in {d["code"] for d in show(client, path, "macros:\n  - body: Please calm down.\n", "yaml")}
    assert not [m for m in client.notifications[mark:] if m.get("method") == "window/showMessage"]


def test_editor_settings_select_and_ignore_rules(client, workspace):
    path = workspace / "settings.txt"
    assert "calm-down" in {d["code"] for d in show(client, path, "Please calm down.\n")}
    mark = client.mark()
    client.notify("workspace/didChangeConfiguration", {"settings": {"replylint": {"ignore": ["calm-down"],
                                                                                 "debounceMs": 0}}})
    assert "calm-down" not in {d["code"] for d in client.diagnostics(path.as_uri(), after=mark)}
    mark = client.mark()
    client.notify("workspace/didChangeConfiguration", {"settings": {"replylint": {"minSeverity": "nonsense"}}})
    shown = client.wait_for(lambda m: m.get("method") == "window/showMessage" and "minSeverity" in m["params"]["message"],
                            after=mark)
    assert "must be one of" in shown["params"]["message"] or "unknown severity" in shown["params"]["message"]
    mark = client.mark()
    client.notify("workspace/didChangeConfiguration", {"settings": {"replylint": {"debounceMs": 0}}})
    assert "calm-down" in {d["code"] for d in client.diagnostics(path.as_uri(), after=mark)}


def test_each_workspace_folder_has_its_own_editor_settings(tmp_path):
    chat, email = tmp_path / "chat", tmp_path / "email"
    chat.mkdir()
    email.mkdir()
    lsp = LspClient(tmp_path, settings={chat.as_uri(): {"ignore": ["calm-down"], "debounceMs": 0}})
    try:
        lsp.initialize(tmp_path, {"debounceMs": 0}, folders=[chat, email])
        lsp.wait_for(lambda m: m.get("method") == "workspace/configuration")
        uris = {folder: (folder / "reply.txt").as_uri() for folder in (chat, email)}
        for uri in uris.values():
            lsp.open(uri, "Please calm down.\n")

        def published(folder, calm: bool):
            # Until the folder's settings arrive a document may be linted with the defaults first.
            return lambda m: (m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uris[folder]
                              and ("calm-down" in {d["code"] for d in m["params"]["diagnostics"]}) == calm)
        lsp.wait_for(published(chat, calm=False), timeout=30)
        lsp.wait_for(published(email, calm=True), timeout=30)
        last = [m for m in lsp.notifications if m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uris[chat]][-1]
        assert "calm-down" not in {d["code"] for d in last["params"]["diagnostics"]}
    finally:
        lsp.close()


def test_a_failing_request_is_an_error_answer_and_the_server_lives_on(client, workspace):
    folder = workspace / "a-folder.txt"
    folder.mkdir()  # not a document: reading it fails inside the request
    with pytest.raises(LspError):
        client.request("textDocument/hover", {"textDocument": {"uri": folder.as_uri()},
                                              "position": {"line": 0, "character": 0}})
    assert "calm-down" in {d["code"] for d in show(client, workspace / "still.txt", "Please calm down.\n")}
    assert "IsADirectoryError" in client.log()  # logged (to the editor's server log), with its traceback


def test_without_pygls_the_command_says_what_to_install(monkeypatch):
    import replylint.lsp

    monkeypatch.setattr(replylint.lsp, "available", lambda: False)
    result = CliRunner().invoke(main, ["lsp"])
    assert result.exit_code == 2
    assert result.output.strip() == "replylint: the language server needs pygls: pip install 'replylint[lsp]'"
