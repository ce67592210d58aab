"""The advice page in a real headless Chromium: rendering, DOM, A4 print, no network, no script.

The page is made exactly as a coach makes it (the README's command), opened
from a file:// URL, screenshot and printed. Set ``TRANSITIONS_SCREENSHOTS`` to
a folder to keep the screenshots for a person to look at.
"""

import os
import re
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

try:
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover - the test extra installs selenium
    if os.environ.get("CI"):
        raise
    pytest.skip("selenium is not installed (pip install '.[test]')", allow_module_level=True)

from _browser import chromium, external_requests, full_page_png, print_pdf  # noqa: F401
from transitions.cli import cli

HOSTILE = '<script>document.title="pwned"</script><img src="http://127.0.0.1:9/x.png">'
EXTRA_SKILLS = ("sk-sql", "sk-data-visualisation")


def _keep(path):
    folder = os.environ.get("TRANSITIONS_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        shutil.copy(path, folder)


def _open(driver, path):
    external_requests(driver)  # drop what the browser itself loaded before
    driver.get(path.resolve().as_uri())
    return driver


@pytest.fixture(scope="module")
def coach_page(tmp_path_factory):
    """The README's command: a Dutch page for a boekhouder with two extra skills."""
    out = tmp_path_factory.mktemp("page") / "advies.html"
    args = ["advise", "--occupation", "boekhouder", "--format", "html", "-o", str(out)]
    for skill in EXTRA_SKILLS:
        args += ["--skill", skill]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out


def test_coach_page_renders_in_chromium(chromium, coach_page, tmp_path):  # noqa: F811
    driver = _open(chromium, coach_page)
    assert external_requests(driver) == []
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Loopbaanadvies"
    assert "boekhouder" in driver.title
    assert driver.find_elements(By.TAG_NAME, "script") == []
    for section in ("current", "options", "brings", "gaps", "paths", "learn-first", "sources"):
        element = driver.find_element(By.ID, section)
        assert element.is_displayed() and element.size["height"] > 0, section
    assert driver.find_element(By.ID, "current-occupation").text == "boekhouder"

    # Every option shows its pay ratio with the source and level of the wage behind it.
    rows = driver.find_elements(By.CSS_SELECTOR, "#options-table tbody tr")
    assert rows, "the sample gives a boekhouder at least one option"
    for row in rows:
        pay = row.find_elements(By.TAG_NAME, "td")[3]
        ratio, provenance = pay.text.split("\n", 1)
        assert re.fullmatch(r"\d+,\d\d", ratio), pay.text  # Dutch decimal comma
        assert "·" in provenance
    assert len(driver.find_elements(By.CSS_SELECTOR, "#gaps .option")) == len(rows)

    # The two extra skills are among what the worker brings, marked as extra.
    brings = driver.find_element(By.ID, "brings-list").text
    assert brings.count("extra") == len(EXTRA_SKILLS)
    assert "databases bevragen met SQL" in brings

    # Nothing overflows the page width.
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= driver.execute_script("return window.innerWidth")

    shot = tmp_path / "advies.png"
    png = full_page_png(driver, shot)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    _keep(shot)


def test_coach_page_prints_on_a4(chromium, coach_page):  # noqa: F811
    _open(chromium, coach_page)
    pdf = print_pdf(chromium)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes, "a PDF with pages"
    for w, h in boxes:  # A4 is 595 x 842 points
        assert abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2
    assert len(boxes) <= 6, "the page prints on a few sheets"


def test_hostile_labels_and_names_stay_text(chromium, tmp_path):  # noqa: F811
    from transitions import Advisor, WorkerProfile
    from transitions.report import write_advice_page

    base = Advisor.from_sample()
    skill = pd.DataFrame({"label_nl": [HOSTILE], "label_en": [HOSTILE], "digital": [True],
                          "digcomp": ["3.4"]}, index=["sk-hostile"])
    tax = base.taxonomy.extend(skills=skill, name="sample+hostile")
    advisor = Advisor(tax, market_table=base.market_table, risk_table=base.risk_table)
    page = tmp_path / "hostile.html"
    write_advice_page(page, advisor, WorkerProfile("boekhouder", skills=["sk-hostile"]),
                      worker_name=HOSTILE)
    driver = _open(chromium, page)
    assert external_requests(driver) == []
    assert driver.title != "pwned" and "pwned" not in driver.title
    assert driver.find_elements(By.TAG_NAME, "script") == []
    assert driver.find_elements(By.TAG_NAME, "img") == []
    assert driver.find_element(By.ID, "worker-name").text == HOSTILE
    assert HOSTILE in driver.find_element(By.ID, "brings-list").text


def test_english_page(chromium, tmp_path):  # noqa: F811
    out = tmp_path / "advice.html"
    result = CliRunner().invoke(cli, ["advise", "--occupation", "bookkeeper", "--lang", "en",
                                      "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    driver = _open(chromium, out)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Career advice"
    assert driver.find_element(By.ID, "current-occupation").text == "bookkeeper"
    assert external_requests(driver) == []


def test_the_network_check_does_catch_requests(chromium, tmp_path):  # noqa: F811
    # The control: a page that does load something from outside is caught.
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png">'
                    '</body></html>', encoding="utf-8")
    _open(chromium, page)
    assert external_requests(chromium) == ["http://127.0.0.1:9/x.png"]
