"""Every public page in real headless Chromium: no console error, charts
drawn, the language switch, downloads; a screenshot of each page is saved
in ``test-artifacts/``."""

import re
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from indicators.models import SeriesValue
from tests.factories_pages import store_published_series

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/en/",
    "/methodology/",
    "/en/methodology/",
    "/assessments/",
    "/en/assessments/",
    *[f"/indicators/{code}/" for code in "ABCDEF"],
    *[f"/en/indicators/{code}/" for code in "ABCDEF"],
]


@pytest.fixture
def site(
    live_server: Any, reference_data: None, monkeypatch: pytest.MonkeyPatch
) -> str:
    store_published_series(monkeypatch)
    return str(live_server.url)


def open_page(browser: WebDriver, url: str) -> None:
    browser_log(browser)  # drop what earlier pages logged
    browser.get(url)
    browser.find_element(By.ID, "main")


def browser_log(browser: WebDriver) -> list[dict[str, Any]]:
    # Chromium's driver has get_log; the generic WebDriver type does not.
    driver: Any = browser
    entries: list[dict[str, Any]] = driver.get_log("browser")
    return entries


def console_errors(browser: WebDriver) -> list[str]:
    return [e["message"] for e in browser_log(browser) if e["level"] == "SEVERE"]


def screenshot(browser: WebDriver, artifacts: Path, path: str) -> Path:
    """The whole page, by stretching the window to its height."""
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1280, min(int(height) + 40, 12_000))
    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "overview"
    target = artifacts / f"{name}.png"
    browser.save_screenshot(str(target))
    browser.set_window_size(1280, 1000)
    return target


@pytest.mark.parametrize("path", PAGES)
def test_each_page_loads_without_a_console_error(
    browser: WebDriver, artifacts: Path, site: str, path: str
) -> None:
    open_page(browser, site + path)
    assert console_errors(browser) == []
    assert screenshot(browser, artifacts, path).stat().st_size > 10_000


def test_a_value_page_loads_without_a_console_error(
    browser: WebDriver, artifacts: Path, site: str
) -> None:
    value = SeriesValue.objects.get(
        series__indicator__code="A", series__key="export", period="FY2018"
    )
    open_page(browser, f"{site}/values/{value.pk}/")
    assert console_errors(browser) == []
    text = browser.find_element(By.ID, "main").text
    assert "約2,611万トン" in text and "26110000" in text
    screenshot(browser, artifacts, "/values/")


DRAWN = """
return Array.from(document.querySelectorAll('canvas[data-config]')).map(c => {
  const chart = Chart.getChart(c);
  return chart ? {id: c.id, datasets: chart.data.datasets.length,
    points: chart.data.datasets.reduce((n, d) => n + d.data.length, 0),
    height: c.height} : {id: c.id, datasets: 0, points: 0, height: 0};
});
"""


def test_every_chart_of_a_page_is_drawn_with_its_data(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/indicators/A/")
    charts = browser.execute_script(DRAWN)
    assert len(charts) == 6
    for chart in charts:
        assert chart["datasets"] > 0, chart
        assert chart["points"] > 0, chart
        assert chart["height"] > 0, chart


def test_a_period_not_loaded_is_a_gap_in_the_drawn_chart(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/indicators/A/")
    exports = browser.execute_script(
        "const c = Chart.getChart(document.getElementById('canvas-totals'));"
        "return [c.data.labels, c.data.datasets[0].data, c.options.spanGaps,"
        " c.data.datasets[0].spanGaps];"
    )
    labels, values, _option, span_gaps = exports
    # FY2001 was never loaded: null, not 0; FY2018 is 26.11 million t = 2,611 万t.
    assert values[labels.index("2001年度")] is None
    assert values[labels.index("2018年度")] == 2611
    assert span_gaps is False


def test_the_overview_draws_a_small_chart_per_indicator_with_values(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/")
    charts = browser.execute_script(DRAWN)
    # C has no headline value and so no small chart.
    assert sorted(c["id"] for c in charts) == [
        f"canvas-sparkline-{code}" for code in "ABDEF"
    ]
    assert all(c["points"] > 0 for c in charts)


def test_the_language_switch_keeps_the_page_and_the_choice(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/indicators/A/?export-by-country=waste-paper")
    browser.find_element(By.CSS_SELECTOR, ".language-switch a[lang=en]").click()
    browser.find_element(By.ID, "main")
    assert (
        browser.current_url == site + "/en/indicators/A/?export-by-country=waste-paper"
    )
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "FY2018" in browser.find_element(By.ID, "chart-totals").text

    browser.find_element(By.CSS_SELECTOR, ".language-switch a[lang=ja]").click()
    browser.find_element(By.ID, "main")
    assert browser.current_url == site + "/indicators/A/?export-by-country=waste-paper"


FETCH = """
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done({
  status: r.status, type: r.headers.get('content-type'),
  disposition: r.headers.get('content-disposition'),
  bytes: Array.from(new Uint8Array(b))})));
"""


def test_the_csv_link_downloads_the_charts_values_with_a_bom(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/indicators/E/")
    link = browser.find_element(
        By.CSS_SELECTOR, "#chart-selected-and-applications .downloads a[href*='.csv']"
    )
    response = browser.execute_async_script(FETCH, link.get_attribute("href"))
    body = bytes(response["bytes"])
    assert response["status"] == 200
    assert response["type"].startswith("text/csv")
    assert 'filename="E-selected-and-applications.csv"' in response["disposition"]
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[:3] == [
        "期間,選定事業数（件）,応募件数（件）,注記",
        "2017年度,13,20,",
        "2018年度,11,23,",
    ]


def test_the_png_button_makes_an_image_of_the_chart(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/indicators/D/")
    image = browser.execute_script(
        "return Chart.getChart(document.getElementById('canvas-combinations'))"
        ".toBase64Image('image/png', 1);"
    )
    assert image.startswith("data:image/png;base64,")
    assert len(image) > 2_000


def test_the_first_tab_reaches_the_skip_link_and_it_moves_focus_to_the_content(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/indicators/F/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    assert active.value_of_css_property("left") != "-999px"
    active.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "main"


def test_a_breakdown_chart_lists_each_combination_at_the_latest_date(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/en/indicators/D/")
    table = browser.find_element(By.ID, "chart-combinations").text
    assert "ACCP only" in table and "32" in table
