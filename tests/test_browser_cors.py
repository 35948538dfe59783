"""A helpdesk app runs in a browser iframe on the helpdesk's origin and calls replylint from
there: a real Chromium must be let through from an origin listed with --allow-origin (preflight
and all, since a JSON body with a token is not a "simple" request), and refused from any other."""
from __future__ import annotations

import http.server
import threading

import pytest

from .browser import browser  # noqa: F401  (the fixture)
from .served import start_server

pytest.importorskip("fastapi")
TOKEN = "browser-test-token"
PAGE = "<!doctype html><title>desk</title><p id=out>waiting</p>"
CALL = """
const done = arguments[arguments.length - 1];
fetch(arguments[0] + "/v1/lint", {method: "POST", headers: {"Content-Type": "application/json",
      "Authorization": "Bearer " + arguments[1]}, body: JSON.stringify({text: "Please calm down."})})
  .then(r => r.json()).then(body => done(body.findings.map(f => f.rule_id)))
  .catch(error => done("refused: " + error));
"""


def _static_origin():
    class Quiet(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def desk_and_service():
    desk, other = _static_origin(), _static_origin()
    allowed = f"http://127.0.0.1:{desk.server_port}"
    process, port = start_server("--allow-origin", allowed, env={"REPLYLINT_TOKEN": TOKEN})
    yield allowed, f"http://127.0.0.1:{other.server_port}", f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)
    desk.shutdown()
    other.shutdown()


def test_a_listed_origin_lints_from_the_browser(browser, desk_and_service):  # noqa: F811
    allowed, _, service = desk_and_service
    browser.get(allowed + "/")
    browser.set_script_timeout(30)
    assert browser.execute_async_script(CALL, service, TOKEN) == ["calm-down"]


def test_another_origin_is_refused_by_the_browser(browser, desk_and_service):  # noqa: F811
    _, other, service = desk_and_service
    browser.get(other + "/")
    browser.set_script_timeout(30)
    answer = browser.execute_async_script(CALL, service, TOKEN)
    assert isinstance(answer, str) and answer.startswith("refused:"), answer
