"""The HTTP service in process (Starlette's test client): answers equal the library's, with
UTF-16 offsets; the schema matches Finding.to_dict(); every error is JSON with its status."""
from __future__ import annotations

import subprocess
import sys
import threading
import warnings

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
import jsonschema  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from replylint import __version__  # noqa: E402
from replylint.findings import Edit, Finding  # noqa: E402
from replylint.fixing import AppliedFix  # noqa: E402
from replylint.service import models  # noqa: E402
from replylint.service.app import Settings, create_app  # noqa: E402

from .served import plain  # noqa: E402

BAD = "Oh no, please calm down. I'll get back to you soon."
UTF16 = {"start_utf16", "end_utf16"}


def _client(linter, **settings) -> TestClient:
    return TestClient(create_app(Settings(make_linter=lambda: linter, **settings)))


@pytest.fixture(scope="module")
def client(linter):
    with _client(linter) as test_client:
        yield test_client


def _js_slice(text: str, start: int, end: int) -> str:
    """JavaScript's text.slice(start, end): indexes in UTF-16 code units."""
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def test_lint_answers_what_the_library_answers(client, linter):
    response = client.post("/v1/lint", json={"text": BAD})
    assert response.status_code == 200
    findings = response.json()["findings"]
    assert plain(findings) == [f.to_dict() for f in linter.lint(BAD)]
    assert {"alarm-reaction", "calm-down", "vague-promise"} <= {f["rule_id"] for f in findings}


def test_utf16_offsets_slice_the_flagged_text_in_javascript(client):
    text = "🙂🎉 Thanks! 𝔉 Oh no, please calm down. I'll get back to you soon."
    findings = client.post("/v1/lint", json={"text": text}).json()["findings"]
    assert findings
    for f in findings:
        assert f["start_utf16"] > f["start"]  # astral characters before the span shift it
        assert _js_slice(text, f["start_utf16"], f["end_utf16"]) == f["text"] == text[f["start"]:f["end"]]
        for e in f["edits"]:
            assert _js_slice(text, e["start_utf16"], e["end_utf16"]) == text[e["start"]:e["end"]]


def test_lint_takes_a_format_and_auto(client, linter):
    text = "**Oh no**, the `calm down` command failed.\n"
    for fmt in ("markdown", "auto"):
        data = client.post("/v1/lint", json={"text": text, "format": fmt}).json()
        assert plain(data["findings"]) == [f.to_dict() for f in linter.lint(text, fmt)]


def test_a_batch_is_answered_in_order_with_errors_in_place(client, linter):
    texts = [BAD, {"text": "body: [unclosed", "format": "yaml"}, "YOU MUST RESTART IT!!", {"text": "Thanks!"}]
    response = client.post("/v1/lint", json={"texts": texts})
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 4 and "YAML" in results[1]["error"]
    for got, text in zip([results[0], results[2], results[3]], [BAD, texts[2], "Thanks!"]):
        assert plain(got["findings"]) == [f.to_dict() for f in linter.lint(text)]


def test_a_batch_over_the_cap_is_refused(client):
    response = client.post("/v1/lint", json={"texts": ["hi"] * (models.MAX_BATCH + 1)})
    assert response.status_code == 400 and "texts" in response.json()["error"]


def test_fix_answers_what_the_library_answers(client, linter):
    text = "Please do NOT restart the server during the backup.\n"
    data = client.post("/v1/fix", json={"text": text}).json()
    expected = linter.fix(text)
    assert data["text"] == expected.text == "Please do not restart the server during the backup.\n"
    assert [{k: v for k, v in a.items() if k not in UTF16} for a in data["applied"]] == [a.to_dict() for a in expected.applied]
    assert plain(data["remaining"]) == [f.to_dict() for f in expected.remaining]


def test_applied_edits_slice_the_text_they_applied_to(client):
    text = "🙂🎉 Please do NOT restart the server."
    data = client.post("/v1/fix", json={"text": text}).json()
    assert data["text"] == "🙂🎉 Please do not restart the server."
    [applied] = data["applied"]  # one pass: its offsets are into the request's text
    assert applied["start_utf16"] == applied["start"] + 2
    assert _js_slice(text, applied["start_utf16"], applied["end_utf16"]) == "NOT" == applied["text"]


def test_fix_batch(client, linter):
    texts = ["Please do NOT restart it.", "Thanks for writing."]
    results = client.post("/v1/fix", json={"texts": texts, "unsafe": False}).json()["results"]
    assert [r["text"] for r in results] == [linter.fix(t).text for t in texts]


def test_rules_and_health(client, linter):
    assert client.get("/health").json() == {"status": "ok", "version": __version__}
    rules = client.get("/v1/rules").json()["rules"]
    assert {r["id"] for r in rules} == {s.id for s in linter.specs}
    assert set(rules[0]) == {"id", "severity", "category", "message"}


def test_the_old_routes_answer_the_same_and_say_they_are_deprecated(client):
    for method, path, body in [("POST", "lint", {"text": BAD}), ("POST", "fix", {"text": BAD}), ("GET", "rules", None)]:
        old = client.request(method, f"/{path}", json=body)
        new = client.request(method, f"/v1/{path}", json=body)
        assert old.status_code == 200 and old.json() == new.json()
        assert old.headers["deprecation"] == "true" and "deprecation" not in new.headers
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # FastAPI warns of duplicate operation ids as it builds the schema
        client.app.openapi_schema = None
        schema = client.get("/v1/openapi.json").json()
    ids = [op["operationId"] for item in schema["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    assert schema["paths"]["/lint"]["post"]["deprecated"] is True
    assert "deprecated" not in schema["paths"]["/v1/lint"]["post"]


def _sample_finding() -> Finding:
    edit = Edit(0, 1, "x", "safe", False, "d", "p")
    return Finding("r", "info", "m", 0, 1, 1, 1, 1, 2, "t", edits=(edit,), note="n")


def test_the_models_have_exactly_the_library_keys():
    finding = _sample_finding()
    assert set(models.Finding.model_fields) == set(finding.to_dict()) | UTF16
    assert set(models.Edit.model_fields) == set(finding.edits[0].to_dict()) | UTF16
    assert set(models.AppliedEdit.model_fields) == set(AppliedFix(finding, finding.edits[0]).to_dict()) | UTF16
    assert set(models.Suggestion.model_fields) == {"replacement", "description"}


def _validator(schema: dict, name: str):
    return jsonschema.Draft202012Validator({"$ref": f"#/components/schemas/{name}", **schema})


def test_real_answers_validate_against_the_published_schema(client):
    schema = client.get("/v1/openapi.json").json()
    text = "🙂 Oh no, please calm down. Please do NOT restart it. I'll get back to you soon."
    _validator(schema, "LintResult").validate(client.post("/v1/lint", json={"text": text}).json())
    _validator(schema, "LintBatchResult").validate(client.post("/v1/lint", json={"texts": [text, BAD]}).json())
    _validator(schema, "FixResult").validate(client.post("/v1/fix", json={"text": text, "unsafe": True}).json())
    _validator(schema, "Rules").validate(client.get("/v1/rules").json())
    _validator(schema, "Health").validate(client.get("/health").json())
    _validator(schema, "ErrorBody").validate(client.post("/v1/lint", json={"text": 3}).json())


@pytest.mark.parametrize("body,status,words", [
    (b"not json", 400, "not valid JSON"),
    (b"\xff\xfe", 400, ""),
    (b"[" * 20_000, 400, ""),  # nested past the parser's recursion limit
    (b'{"txt": "hello"}', 400, "txt"),
    (b'["hello"]', 400, ""),
    (b'{"text": 3}', 400, "text"),
    (b'{"text": "hi", "format": "docx"}', 400, "format"),
    (b'{"text": "hi", "unsafe": "yes"}', 400, "unsafe"),
    (b'{"texts": [3]}', 400, "texts"),
    (b"{}", 400, '"text"'),
    (b'{"text": "body: [unclosed", "format": "yaml"}', 422, "YAML"),
])
def test_bad_requests_get_a_json_error(client, body, status, words):
    path = "/v1/fix" if b"unsafe" in body else "/v1/lint"
    response = client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == status and words in response.json()["error"]
    assert client.post("/v1/lint", json={"text": BAD}).status_code == 200


def test_a_lone_surrogate_gets_an_answer(client):
    body = b'{"text": "\\ud83d Oh no, please calm down."}'
    response = client.post("/v1/lint", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200 and "calm-down" in {f["rule_id"] for f in response.json()["findings"]}


def test_a_form_body_is_refused(client):
    response = client.post("/v1/lint", content=b"text=hi", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400 and "application/json" in response.json()["error"]


@pytest.mark.parametrize("method", ["DELETE", "PUT", "PATCH", "OPTIONS"])
def test_other_methods_are_405_json(client, method):
    response = client.request(method, "/v1/lint")
    assert response.status_code == 405 and method in response.json()["error"]


def test_unknown_paths_are_404_json(client):
    for path in ("/nowhere", "/static/nowhere.js", "/v2/lint"):
        response = client.get(path)
        assert response.status_code == 404 and "no such endpoint" in response.json()["error"], path


def test_the_root_is_the_playground_page_and_open_without_a_token(linter):
    with _client(linter, token="secret") as closed:
        page = closed.get("/")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert 'src="static/playground.js"' in page.text
        assert closed.get("/static/playground.js").status_code == 200
        assert closed.post("/v1/lint", json={"text": "x"}).status_code == 401  # the API is not


def test_a_body_over_the_limit_is_refused(linter):
    with _client(linter, max_body=100) as small:
        response = small.post("/v1/lint", json={"text": "x" * 200})
        assert response.status_code == 413 and "100 bytes" in response.json()["error"]

        def chunks():  # no Content-Length: counted as it streams
            yield b'{"text": "'
            yield b"x" * 200
            yield b'"}'
        response = small.post("/v1/lint", content=chunks(), headers={"Content-Type": "application/json"})
        assert response.status_code == 413 and "100 bytes" in response.json()["error"]
        assert small.post("/v1/lint", json={"text": "hi"}).status_code == 200


def test_a_token_is_required_when_set(linter):
    with _client(linter, token="s3cret") as locked:
        assert locked.post("/v1/lint", json={"text": BAD}).status_code == 401
        wrong = locked.post("/v1/lint", json={"text": BAD}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.json()["error"] == "the token is wrong"
        assert locked.get("/v1/rules").status_code == 401
        assert locked.get("/health").status_code == 200
        right = locked.post("/v1/lint", json={"text": BAD}, headers={"Authorization": "Bearer s3cret"})
        assert right.status_code == 200 and right.json()["findings"]


def test_the_bearer_scheme_is_case_insensitive(linter):
    with _client(linter, token="s3cret") as locked:
        for scheme in ("bearer", "BEARER", "Bearer"):
            answer = locked.post("/v1/lint", json={"text": BAD}, headers={"Authorization": f"{scheme} s3cret"})
            assert answer.status_code == 200, scheme
        assert locked.post("/v1/lint", json={"text": BAD}, headers={"Authorization": "Basic s3cret"}).status_code == 401


def test_a_body_must_hold_text_or_texts_not_both(client):
    for body in ({"text": BAD, "texts": [BAD]}, {}):
        answer = client.post("/v1/lint", json=body)
        assert answer.status_code == 400 and '"text" or a list "texts"' in answer.json()["error"]


def test_head_is_answered_wherever_get_is(client):
    for path in ("/health", "/v1/rules"):
        answer = client.head(path)
        assert answer.status_code == 200 and answer.content == b""


def test_cors_lets_listed_origins_in_and_refuses_others(linter):
    with _client(linter, allow_origins=("https://desk.example",)) as open_to_one:
        preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
        ok = open_to_one.options("/v1/lint", headers={"Origin": "https://desk.example", **preflight})
        assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "https://desk.example"
        bad = open_to_one.options("/v1/lint", headers={"Origin": "https://evil.example", **preflight})
        assert bad.status_code == 403 and "evil.example" in bad.json()["error"]
        post = open_to_one.post("/v1/lint", json={"text": BAD}, headers={"Origin": "https://desk.example"})
        assert post.status_code == 200 and post.headers["access-control-allow-origin"] == "https://desk.example"
    with _client(linter) as closed:  # CORS off: a foreign page's request is refused, the service's own is not
        assert closed.post("/v1/lint", json={"text": BAD}, headers={"Origin": "https://evil.example"}).status_code == 403
        assert closed.post("/v1/lint", json={"text": BAD}, headers={"Origin": "http://testserver"}).status_code == 200


class _StuckLinter:
    """A Linter stand-in whose lint waits until released, to pass the time limit for certain."""

    specs: list = []

    def __init__(self):
        self.release = threading.Event()

    def lint(self, text, fmt):
        self.release.wait(30)
        return []


def test_a_request_past_the_time_limit_is_503(linter):
    stuck = _StuckLinter()
    with TestClient(create_app(Settings(make_linter=lambda: stuck, time_limit=0.2))) as slow:
        try:
            response = slow.post("/v1/lint", json={"text": "hi"})
            assert response.status_code == 503 and "time limit" in response.json()["error"]
            assert response.headers["retry-after"] == "1"
            assert slow.get("/health").status_code == 200
        finally:
            stuck.release.set()


def test_without_the_extra_serve_is_one_line(tmp_path):
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\nclass Block:\n    def find_spec(self, name, path=None, target=None):\n"
                       "        if name.split('.')[0] in ('fastapi', 'uvicorn'):\n"
                       "            raise ImportError(name)\nsys.meta_path.insert(0, Block())\n")
    result = subprocess.run([sys.executable, "-m", "replylint", "serve", "--port", "0"], capture_output=True, text=True,
                            timeout=120, env={**__import__("os").environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "pip install 'replylint[serve]'" in result.stderr
