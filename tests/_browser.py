"""A real headless Chromium for tests, driven by selenium (test-only dependency).

Chromium and its driver come from Debian (``chromium``, ``chromium-driver``);
``.ci/run`` installs them. Outside CI a missing browser skips the browser
tests; in CI (``CI`` set) it is an error, so they can never silently not run.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import tempfile

import pytest

# Without these, Chromium tries to reach Google services at start-up and hangs on a closed network.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1000,1400",
)
LOCAL_SCHEMES = ("file:", "data:", "about:", "chrome:", "devtools:")


def _need(what):
    if os.environ.get("CI"):
        raise RuntimeError(f"CI is set but {what}: the browser tests must run in CI "
                           f"(.ci/run installs chromium and chromium-driver)")
    pytest.skip(what)


def find_binaries():
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        _need("chromium or chromedriver is not installed")
    return browser, driver


def start_chromium(user_data_dir):
    """A selenium Chrome driver on Debian's Chromium with network logging switched on."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _need("selenium is not installed (pip install '.[test]')")
    browser, driver_path = find_binaries()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={user_data_dir}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # An explicit driver path: selenium never tries to download one.
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium per test module, with a fresh profile folder."""
    profile = tempfile.mkdtemp(prefix="transitions-chromium-")
    driver = start_chromium(profile)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def requested_urls(driver):
    """Every URL the page asked the network stack for since the last call (DevTools log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def external_requests(driver):
    """The requested URLs that would leave the machine's files (anything but file:/data:)."""
    return [u for u in requested_urls(driver) if not u.startswith(LOCAL_SCHEMES)]


def full_page_png(driver, path):
    """Screenshot of the whole page (beyond the window) written to ``path``."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": True})
    data = base64.b64decode(shot["data"])
    with open(path, "wb") as f:
        f.write(data)
    return data


def print_pdf(driver):
    """The page printed to PDF as Chromium does for the user (honours @page)."""
    result = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True,
                                                        "printBackground": True})
    return base64.b64decode(result["data"])
