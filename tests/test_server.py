"""`replylint serve`: the library's answers over HTTP, and JSON errors for everything else."""
from __future__ import annotations

import http.client
import json
import subprocess
import sys
import threading

import pytest

from replylint import server as server_module
from replylint.server import ReplylintServer

BAD = "Oh no, please calm down. I'll get back to you soon."


@pytest.fixture(scope="module")
def served(linter):
    server = ReplylintServer(linter, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _call(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    payload = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode("utf-8")
    connection.request(method, path, body=payload, headers=headers or {})
    response = connection.getresponse()
    data = json.loads(response.read().decode("utf-8"))
    connection.close()
    return response.status, data


def test_lint_answers_what_the_library_answers(served, linter):
    status, data = _call(served, "POST", "/lint", {"text": BAD})
    assert status == 200
    assert data["findings"] == [f.to_dict() for f in linter.lint(BAD)]
    assert {"alarm-reaction", "calm-down", "vague-promise"} <= {f["rule_id"] for f in data["findings"]}


def test_lint_takes_a_format(served, linter):
    text = "**Oh no**, the `calm down` command failed.\n"
    status, data = _call(served, "POST", "/lint", {"text": text, "format": "markdown"})
    assert status == 200 and data["findings"] == [f.to_dict() for f in linter.lint(text, "markdown")]


def test_fix_answers_what_the_library_answers(served, linter):
    text = "Please do NOT restart the server during the backup.\n"
    status, data = _call(served, "POST", "/fix", {"text": text})
    expected = linter.fix(text)
    assert status == 200 and data["text"] == expected.text == "Please do not restart the server during the backup.\n"
    assert data["applied"] == [a.to_dict() for a in expected.applied]
    assert data["remaining"] == [f.to_dict() for f in expected.remaining]


def test_rules_and_health(served, linter):
    assert _call(served, "GET", "/health") == (200, {"status": "ok", "version": __import__("replylint").__version__})
    status, data = _call(served, "GET", "/rules")
    assert status == 200 and {r["id"] for r in data["rules"]} == {s.id for s in linter.specs}


@pytest.mark.parametrize("body,status,words", [
    (b"not json", 400, "not UTF-8 JSON"),
    (b"\xff\xfe", 400, "not UTF-8 JSON"),
    ({"txt": "hello"}, 400, '"text"'),
    (["hello"], 400, '"text"'),
    ({"text": "hi", "format": "docx"}, 400, '"format"'),
    ({"text": "hi", "unsafe": "yes"}, 400, '"unsafe"'),
    ({"text": "body: [unclosed", "format": "yaml"}, 422, ""),
])
def test_bad_requests_get_a_json_error(served, body, status, words):
    path = "/fix" if isinstance(body, dict) and "unsafe" in body else "/lint"
    got, data = _call(served, "POST", path, body)
    assert got == status and words in data["error"]


def test_wrong_paths_and_methods(served):
    assert _call(served, "GET", "/lint")[0] == 405
    assert _call(served, "POST", "/rules", {"text": ""})[0] == 405
    assert _call(served, "GET", "/nowhere")[0] == 404


def test_a_body_over_the_limit_is_refused_unread(served, monkeypatch):
    monkeypatch.setattr(server_module, "MAX_BODY", 100)
    status, data = _call(served, "POST", "/lint", {"text": "x" * 200})
    assert status == 413 and "100 bytes" in data["error"]


def test_requests_from_many_threads_get_their_own_answers(served, linter):
    texts = [BAD, "Thanks for the report. I'll email you by 3 pm today.", "YOU MUST RESTART IT!!"] * 4
    answers = [None] * len(texts)

    def ask(i):
        answers[i] = _call(served, "POST", "/lint", {"text": texts[i]})[1]["findings"]
    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [[f.to_dict() for f in linter.lint(t)] for t in texts]


def test_the_command_serves_and_says_where(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "replylint", "serve", "--port", "0"], cwd=tmp_path,
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        assert line.startswith("replylint: serving on http://127.0.0.1:"), line
        port = int(line.split(":")[-1].split()[0])
        assert _call(port, "POST", "/lint", {"text": BAD})[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_taken_port_is_a_one_line_error(served):
    result = subprocess.run([sys.executable, "-m", "replylint", "serve", "--port", str(served)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith("replylint: cannot listen on 127.0.0.1:") and result.stderr.count("\n") == 1
