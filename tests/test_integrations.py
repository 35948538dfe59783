"""The sample helpdesk apps of integrations/, in a real headless Chromium against a running
`replylint serve` with a token: we cannot run Zendesk or Front here, so each app's page is served
as `integrations/package.py` builds it, with the helpdesk's SDK (a CDN script) swapped for a
small fake of the client object (tests/fakes/). Each app lints the draft as the agent types,
lists the findings, applies a rewrite to the draft with one click (UTF-16 offsets, so an emoji
before the span does not shift it), re-checks a draft that changed since it was checked, and lets
the reply through when replylint is slow, down or refuses the token (fail open)."""
from __future__ import annotations

import functools
import http.server
import json
import re
import socket
import subprocess
import sys
import threading
import urllib.parse
import zipfile
from pathlib import Path

import pytest

from .browser import browser  # noqa: F401  (the fixture)
from .served import start_server

pytest.importorskip("fastapi")
By = pytest.importorskip("selenium.webdriver.common.by").By
WebDriverWait = pytest.importorskip("selenium.webdriver.support.wait").WebDriverWait
StaleElement = pytest.importorskip("selenium.common.exceptions").StaleElementReferenceException

ROOT = Path(__file__).resolve().parent.parent
FAKES = Path(__file__).resolve().parent / "fakes"
TOKEN = "integration-token"
ZAF_SDK = re.compile(re.escape('<script src="https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js"></script>'))
FRONT_SDK = re.compile(r'<script src="https://unpkg\.com/@frontapp/plugin-sdk@[^"]+"[^>]*></script>')
SHOUTY = "🙂 Thanks for writing in. Please do NOT restart the server while the backup runs."
CALM = "Thanks for the details. Please calm down, we are looking into it and will reply by 5pm today."


def _swap(page: Path, pattern: re.Pattern, replacement: str) -> None:
    """Put the fake SDK where the app loads the real one (and fail if the app stopped loading it)."""
    swapped, count = pattern.subn(replacement, page.read_text(encoding="utf-8"))
    assert count == 1, f"{page} no longer loads its helpdesk SDK the way this test expects"
    page.write_text(swapped, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """What a team installs: the Zendesk zip, unpacked, and the Front folder."""
    out = tmp_path_factory.mktemp("integrations")
    subprocess.run([sys.executable, str(ROOT / "integrations" / "package.py"), "--out", str(out)],
                   check=True, capture_output=True)
    with zipfile.ZipFile(out / "replylint-zendesk.zip") as archive:
        archive.extractall(out / "zendesk")
    (out / "fakes").mkdir()
    for fake in FAKES.glob("*.js"):
        (out / "fakes" / fake.name).write_text(fake.read_text(encoding="utf-8"), encoding="utf-8")
    _swap(out / "zendesk" / "assets" / "iframe.html", ZAF_SDK, '<script src="/fakes/zaf_sdk.js"></script>')
    _swap(out / "replylint-front" / "index.html", FRONT_SDK, '<script src="/fakes/front_sdk.js"></script>')
    return out


@pytest.fixture(scope="module")
def desk(built):
    """The helpdesk's origin: a static server for the built apps."""
    handler = functools.partial(_QuietFiles, directory=str(built))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # each test writes its own config.js
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def service(desk):
    process, port = start_server("--allow-origin", desk, env={"REPLYLINT_TOKEN": TOKEN})
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def black_hole():
    """An address that accepts connections and never answers: a service that hangs."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


def _wait(browser, condition, timeout=30):  # noqa: F811
    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(lambda b: condition(b))


def _items(browser):  # noqa: F811
    return browser.find_elements(By.CSS_SELECTOR, ".replylint-findings li")


def _status(browser):  # noqa: F811
    return browser.find_element(By.CSS_SELECTOR, ".replylint-status").text


def _rules_listed(browser):  # noqa: F811
    try:
        return [item.find_element(By.CSS_SELECTOR, ".rule").text for item in _items(browser)]
    except StaleElement:  # the panel was redrawn while we read it
        return []


def _apply(browser, rule_id, index=0):  # noqa: F811
    """Click the first rewrite of the `index`-th finding of `rule_id` (once the panel is steady)."""
    def click(b):
        try:
            items = [i for i in _items(b) if i.find_element(By.CSS_SELECTOR, ".rule").text == rule_id]
            items[index].find_element(By.CSS_SELECTOR, "button.apply").click()
            return True
        except (StaleElement, IndexError):  # redrawn by a check that just finished: look again
            return False
    _wait(browser, click)


# ---- Zendesk ------------------------------------------------------------------------------------

def _zendesk(browser, desk, **settings):  # noqa: F811
    settings = {"service_url": "", "timeout_seconds": 5, "hold_on_error": False, "secureToken": TOKEN, **settings}
    query = urllib.parse.urlencode({"fake": json.dumps(settings)})
    browser.set_window_size(360, 800)  # a ticket sidebar's width
    browser.get(f"{desk}/zendesk/assets/iframe.html?{query}")
    _wait(browser, lambda b: b.execute_script("return !!window.fakeDesk"))
    _wait(browser, lambda b: "Start writing" in _status(b))


def _type(browser, text):  # noqa: F811
    browser.execute_script("fakeDesk.type(arguments[0])", text)


def _comment(browser):  # noqa: F811
    return browser.execute_script("return fakeDesk.comment")


def _save(browser):  # noqa: F811
    browser.set_script_timeout(30)
    return browser.execute_async_script("fakeDesk.save().then(arguments[arguments.length - 1])")


def test_zendesk_lints_as_the_agent_types_and_a_click_rewrites_the_comment(browser, desk, service, tmp_path):  # noqa: F811
    _zendesk(browser, desk, service_url=service)
    _type(browser, SHOUTY)
    _wait(browser, lambda b: _rules_listed(b) == ["shouting"])
    item = _items(browser)[0]
    assert "WARNING" in item.text.upper() and "NOT" in item.text  # severity in words, the span quoted
    browser.save_screenshot(str(tmp_path / "zendesk-sidebar.png"))
    request = browser.execute_script("return fakeDesk.requests[0]")
    assert request["secure"] is True and request["url"] == service + "/v1/lint"  # through Zendesk's proxy
    assert request["headers"]["Authorization"] == "Bearer {{setting.token}}"  # the app never holds the token

    _apply(browser, "shouting")
    _wait(browser, lambda b: _comment(b) == SHOUTY.replace("NOT", "not"))  # the emoji did not shift it
    _wait(browser, lambda b: _status(b) == "No findings.")


def test_zendesk_rechecks_a_comment_that_changed_since_it_was_checked(browser, desk, service):  # noqa: F811
    _zendesk(browser, desk, service_url=service)
    _type(browser, SHOUTY)
    _wait(browser, lambda b: _rules_listed(b) == ["shouting"])
    changed = "Please do NOT delete the export. " + SHOUTY
    browser.execute_script("fakeDesk.comment = arguments[0]", changed)  # typed, event not yet heard
    _apply(browser, "shouting")
    _wait(browser, lambda b: _rules_listed(b) == ["shouting", "shouting"])
    assert _comment(browser) == changed  # the stale rewrite was not applied over the new text


def test_zendesk_holds_a_public_reply_with_an_error_until_it_is_fixed(browser, desk, service):  # noqa: F811
    _zendesk(browser, desk, service_url=service, hold_on_error=True)
    _type(browser, CALM)
    verdict = _save(browser)
    assert verdict["saved"] is False and "calm-down" in verdict["message"], verdict
    assert "calm-down" in _rules_listed(browser)

    browser.execute_script("fakeDesk.commentType = 'internalNote'")
    assert _save(browser) == {"saved": True}  # a note to colleagues is not held
    browser.execute_script("fakeDesk.commentType = 'publicReply'")
    _wait(browser, lambda b: "calm-down" in _rules_listed(b))
    _apply(browser, "calm-down")
    _wait(browser, lambda b: "calm down" not in _comment(b))
    assert _save(browser) == {"saved": True}


@pytest.mark.parametrize("trouble, expected", [("hangs", "did not answer within 1 s"), ("down", "could not be reached"),
                                               ("wrong token", "refused the app's token")])
def test_zendesk_fails_open(browser, desk, service, black_hole, trouble, expected):  # noqa: F811
    address = {"hangs": black_hole, "down": "http://127.0.0.1:9", "wrong token": service}[trouble]
    token = "not-the-token" if trouble == "wrong token" else TOKEN
    _zendesk(browser, desk, service_url=address, hold_on_error=True, timeout_seconds=1, secureToken=token)
    _type(browser, CALM)
    _wait(browser, lambda b: expected in _status(b))
    assert "not being checked" in _status(browser) or trouble == "wrong token"
    assert _save(browser) == {"saved": True}  # the agent's reply goes out as written


# ---- Front --------------------------------------------------------------------------------------

def _front(browser, desk, built, service_url, token=TOKEN):  # noqa: F811
    config = {"serviceUrl": service_url, "token": token, "timeoutSeconds": 1}
    (built / "replylint-front" / "config.js").write_text(f"window.REPLYLINT_CONFIG = {json.dumps(config)};\n")
    browser.set_window_size(360, 800)  # a composer plugin's panel
    browser.get(f"{desk}/replylint-front/index.html")
    _wait(browser, lambda b: b.execute_script("return !!window.fakeFront"))


def test_front_lints_the_draft_and_rewrites_it_with_update_draft(browser, desk, built, service, tmp_path):  # noqa: F811
    _front(browser, desk, built, service)
    browser.execute_script("fakeFront.compose(arguments[0], 'text')", SHOUTY)
    _wait(browser, lambda b: _rules_listed(b) == ["shouting"])
    browser.save_screenshot(str(tmp_path / "front-plugin.png"))
    _apply(browser, "shouting")
    _wait(browser, lambda b: b.execute_script("return fakeFront.updates.length") == 1)
    update = browser.execute_script("return fakeFront.updates[0]")
    assert update == {"draftId": "dft_1", "update": {"updateMode": "replace",
                                                      "content": {"body": SHOUTY.replace("NOT", "not"), "type": "text"}}}
    _wait(browser, lambda b: _status(b) == "No findings.")


def test_front_checks_an_html_draft_as_html_and_keeps_its_markup(browser, desk, built, service):  # noqa: F811
    _front(browser, desk, built, service)
    body = "<p>Thanks for writing in.</p><p>Please do <b>NOT</b> restart the server while the backup runs.</p>"
    browser.execute_script("fakeFront.compose(arguments[0], 'html')", body)
    _wait(browser, lambda b: _rules_listed(b) == ["shouting"])
    _apply(browser, "shouting")
    _wait(browser, lambda b: b.execute_script("return fakeFront.updates.length") == 1)
    content = browser.execute_script("return fakeFront.updates[0].update.content")
    assert content == {"body": body.replace("<b>NOT</b>", "<b>not</b>"), "type": "html"}


def test_front_fails_open_when_the_service_is_down(browser, desk, built):  # noqa: F811
    _front(browser, desk, built, "http://127.0.0.1:9")
    browser.execute_script("fakeFront.compose(arguments[0], 'text')", CALM)
    _wait(browser, lambda b: "could not be reached" in _status(b))
    assert browser.execute_script("return fakeFront.updates.length") == 0  # the draft is left alone


# ---- what a team installs -------------------------------------------------------------------------

def test_the_zendesk_package_is_what_zendesk_takes(built):
    with zipfile.ZipFile(built / "replylint-zendesk.zip") as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert {"manifest.json", "translations/en.json", "assets/iframe.html", "assets/app.js",
            "assets/replylint-client.js", "assets/replylint-sidebar.css"} <= names
    assert manifest["location"]["support"]["ticket_sidebar"]["url"] == "assets/iframe.html"
    assert manifest["frameworkVersion"] == "2.0" and manifest["domainWhitelist"]
    token = next(p for p in manifest["parameters"] if p["name"] == "token")
    assert token["secure"] is True and token["scopes"] == ["header"]  # only usable in a request header
    labels = json.loads((built / "zendesk" / "translations" / "en.json").read_text())["app"]["parameters"]
    assert {p["name"] for p in manifest["parameters"]} == set(labels)


def test_the_apps_carry_the_client_the_service_serves(built):
    served = (ROOT / "replylint" / "service" / "static" / "replylint-client.js").read_bytes()
    assert (built / "zendesk" / "assets" / "replylint-client.js").read_bytes() == served
    assert (built / "replylint-front" / "replylint-client.js").read_bytes() == served
