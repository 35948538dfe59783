"""A real browser for the tests of pages: Debian's Chromium, headless, driven by Selenium through
Debian's chromium-driver (no browser download; `.ci/run` installs both with apt-get).

The tests skip, with a message saying what to install, only when the browser, the driver or the
selenium package is missing; everything else about a page is a failure."""
from __future__ import annotations

import shutil
import tempfile

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# This machine's network is closed: without these, Chromium keeps trying to reach Google's hosts.
QUIET = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1200,900"]


def chromium_driver(profile: str):
    """A new headless Chromium session on the empty profile folder `profile`; the caller quits it."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="pip install selenium")
    for program, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not shutil.which(program):
            pytest.skip(f"{program} is missing: apt-get install {package}")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in QUIET:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console messages, for failures
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture(scope="module")
def browser():
    profile = tempfile.mkdtemp(prefix="replylint-chromium-")
    try:
        driver = chromium_driver(profile)
        yield driver
        driver.quit()
    finally:
        shutil.rmtree(profile, ignore_errors=True)  # a profile is tens of MB
