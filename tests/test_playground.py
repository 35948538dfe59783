"""The playground page at `/`, in a real headless Chromium against a running `replylint serve`:
a draft typed into it is underlined once the agent pauses, the finding's message shows at the
caret, one click applies a rewrite, a rule can be switched off, and a service with a token is
usable once the page is given it. A screenshot of each state goes to the test's tmp folder."""
from __future__ import annotations

import http.client
import json

import pytest

from .browser import browser  # noqa: F401  (the fixture)
from .served import start_server

pytest.importorskip("fastapi")
By = pytest.importorskip("selenium.webdriver.common.by").By
WebDriverWait = pytest.importorskip("selenium.webdriver.support.wait").WebDriverWait
TOKEN = "playground-token"
DRAFT = "Thanks for writing in. Please do NOT restart the server while the backup runs."


@pytest.fixture(scope="module")
def service():
    process, port = start_server(env={"REPLYLINT_TOKEN": ""})
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


def _wait(browser, condition, timeout=30):  # noqa: F811
    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(lambda b: condition(b))


def _marks(browser):  # noqa: F811
    return browser.find_elements(By.CSS_SELECTOR, "#backdrop mark")


def _open(browser, url):  # noqa: F811
    browser.get(url + "/")
    draft = browser.find_element(By.ID, "draft")
    draft.clear()
    return draft


def test_a_typed_draft_is_underlined_and_a_click_rewrites_it(browser, service, tmp_path):  # noqa: F811
    draft = _open(browser, service)
    draft.send_keys(DRAFT)
    marks = _wait(browser, _marks)
    assert [m.get_attribute("textContent") for m in marks] == ["NOT"]
    assert "warning" in marks[0].get_attribute("class")
    item = browser.find_element(By.CSS_SELECTOR, "#findings li.warning")
    assert "WARNING" in item.text.upper() and "shouting" in item.text  # said in words, not only by colour
    assert not browser.find_element(By.ID, "token-form").is_displayed()  # this service has no token
    browser.save_screenshot(str(tmp_path / "underlined.png"))

    # The caret inside the finding shows its message where a screen reader announces it.
    browser.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(34, 34);"
                           "arguments[0].dispatchEvent(new KeyboardEvent('keyup'));", draft)
    assert "shouting" in _wait(browser, lambda b: b.find_element(By.ID, "at-caret").text)

    item.find_element(By.CSS_SELECTOR, "button.apply").click()
    expected = DRAFT.replace("NOT", "not")
    _wait(browser, lambda b: draft.get_attribute("value") == expected)
    _wait(browser, lambda b: not _marks(b) and "No findings" in b.find_element(By.ID, "status").text)
    browser.save_screenshot(str(tmp_path / "rewritten.png"))


def test_offsets_hold_after_an_emoji(browser, service):  # noqa: F811
    draft = _open(browser, service)
    draft.send_keys("🙂 Please calm down.")  # an astral character: two UTF-16 code units
    marks = _wait(browser, _marks)
    assert [m.get_attribute("textContent") for m in marks] == ["calm down"]


def test_a_rule_switched_off_is_neither_underlined_nor_listed(browser, service):  # noqa: F811
    draft = _open(browser, service)
    browser.find_element(By.CSS_SELECTOR, "details.rules summary").click()
    box = _wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "#rules input[value=shouting]"))
    box.click()
    try:
        draft.send_keys(DRAFT)
        _wait(browser, lambda b: "hidden by the rule filter" in b.find_element(By.ID, "status").text)
        assert not _marks(browser)
        assert "shouting" not in browser.find_element(By.ID, "findings").text
    finally:
        box.click()  # the choice is remembered in localStorage; leave the page as found
    _wait(browser, _marks)


def test_the_page_asks_for_the_token_a_service_requires(browser, tmp_path):  # noqa: F811
    process, port = start_server(env={"REPLYLINT_TOKEN": TOKEN})
    try:
        url = f"http://127.0.0.1:{port}"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("POST", "/v1/lint", body=json.dumps({"text": "x"}), headers={"Content-Type": "application/json"})
        assert connection.getresponse().status == 401  # the API stays closed; only the page is open
        draft = _open(browser, url)
        draft.send_keys("Please calm down.")
        form = browser.find_element(By.ID, "token-form")
        _wait(browser, lambda b: form.is_displayed())
        browser.find_element(By.ID, "token").send_keys(TOKEN)
        form.find_element(By.TAG_NAME, "button").click()
        assert [m.get_attribute("textContent") for m in _wait(browser, _marks)] == ["calm down"]
    finally:
        browser.execute_script("sessionStorage.clear()")
        process.terminate()
        process.wait(timeout=30)


def test_the_page_loads_nothing_from_elsewhere(browser, service):  # noqa: F811
    """Offline: every script, style and image comes from the service itself."""
    _open(browser, service)
    sources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".concat([...document.querySelectorAll('[src],[href]')].map(e => e.src || e.href))")
    assert sources and all(s.startswith(service) for s in sources), sources
