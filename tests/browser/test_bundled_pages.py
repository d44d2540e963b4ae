"""D, E and F with the records ``make run`` loads, in real headless Chromium:
every chart drawn with values, the lists, the chosen date, a list download.
Screenshots go to ``test-artifacts/`` as ``bundled-...png``."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser.test_pages import FETCH, console_errors, open_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [f"{prefix}/indicators/{code}/" for prefix in ("", "/en") for code in "DEF"]
CHARTS = {"D": 3, "E": 3, "F": 3}

# Each chart's datasets and how many values they draw (nulls are gaps).
DRAWN = """
return Array.from(document.querySelectorAll('canvas[data-config]')).map(c => {
  const chart = Chart.getChart(c);
  if (!chart) { return {id: c.id, datasets: 0, values: 0, height: 0}; }
  const values = chart.data.datasets.reduce(
    (n, d) => n + d.data.filter(v => v !== null).length, 0);
  return {id: c.id, datasets: chart.data.datasets.length, values: values,
    height: c.height};
});
"""


@pytest.fixture
def site(live_server: Any, reference_data: None) -> str:
    call_command("load_sample", stdout=StringIO())
    return str(live_server.url)


def list_rows(browser: WebDriver, slug: str) -> int:
    return len(browser.find_elements(By.CSS_SELECTOR, f"#list-{slug} tbody tr"))


def test_d_e_and_f_draw_every_chart_and_list_in_both_languages(
    browser: WebDriver, artifacts: Path, site: str
) -> None:
    for path in PAGES:
        open_page(browser, site + path)
        code = path.rstrip("/")[-1]

        charts = browser.execute_script(DRAWN)
        assert console_errors(browser) == [], path
        assert len(charts) == CHARTS[code], path
        for chart in charts:
            assert chart["datasets"] > 0 and chart["values"] > 0, (path, chart)
            assert chart["height"] > 0, (path, chart)
        assert browser.find_elements(By.CSS_SELECTOR, "section.listing tbody tr")
        screenshot(browser, artifacts, f"bundled{path}")


def test_the_overview_draws_d_e_and_f_with_their_latest_values(
    browser: WebDriver, artifacts: Path, site: str
) -> None:
    open_page(browser, site + "/")

    charts = {c["id"]: c for c in browser.execute_script(DRAWN)}
    text = browser.find_element(By.CSS_SELECTOR, "section.cards").text
    assert console_errors(browser) == []
    for code in "DEF":
        assert charts[f"canvas-sparkline-{code}"]["values"] > 0
    assert "54カ国" in text and "11件" in text and "27団体" in text
    screenshot(browser, artifacts, "bundled-overview")


def test_choosing_a_date_redraws_the_combinations_and_the_country_list(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/indicators/D/")
    assert list_rows(browser, "countries") == 54

    choice = Select(browser.find_element(By.ID, "choose-combinations"))
    choice.select_by_value("2018-06-30")
    browser.find_element(By.CSS_SELECTOR, "#chart-combinations button").click()
    # The form reloads the page; wait for the new one, however slow the server.
    WebDriverWait(browser, 60).until(
        lambda b: (
            "combinations=2018-06-30" in b.current_url
            and b.find_elements(By.ID, "title-list-countries")
        )
    )

    assert "combinations=2018-06-30" in browser.current_url
    title = browser.find_element(By.ID, "title-list-countries").text
    assert title == "参加国の一覧（2018年6月30日時点）"
    drawn = browser.execute_script(
        "return Chart.getChart(document.getElementById('canvas-combinations'))"
        ".data.datasets[0].data.reduce((a, b) => a + b, 0);"
    )
    assert list_rows(browser, "countries") == drawn < 54


def test_the_list_of_municipalities_downloads_as_csv(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/indicators/F/")
    link = browser.find_element(
        By.CSS_SELECTOR, "#list-municipalities .downloads a[href*='.csv']"
    )

    response = browser.execute_async_script(FETCH, link.get_attribute("href"))

    body = bytes(response["bytes"])
    assert response["status"] == 200
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("都道府県,自治体コード,自治体名")
    # 27 municipalities cooperated in FY2017 (the review's F), then the notes.
    rows = lines[1 : lines.index("")]
    assert len(rows) == 27
    assert rows[0].startswith("北海道,")
