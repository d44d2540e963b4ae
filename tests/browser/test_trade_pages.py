"""Pages A, B and C in headless Chromium with customs files really imported.

The generated files for 2017-2019 (real national layout, calibrated to the
review's figures) go through the import and a recompute; every chart of
the three pages must then be drawn with data, in both languages, with no
console error. Screenshots are saved as ``test-artifacts/imported-*.png``.
"""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from indicators.customs_sample import write_sample
from indicators.recompute import recompute_all
from indicators.trade_import import TradeSource, import_trade_files
from tests.browser.test_pages import DRAWN, console_errors, open_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Charts each page draws from the imported files (see tests/indicators/
# test_trade_pages.py for which ones).
CHART_COUNTS = {"A": 16, "B": 5, "C": 10}


@pytest.fixture(scope="module")
def customs_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_sample(tmp_path_factory.mktemp("customs"), 2017, 2019).paths


@pytest.fixture
def site(
    live_server: Any,
    reference_data: None,
    customs_files: list[Path],
    settings: Any,
    tmp_path: Path,
) -> str:
    settings.MEDIA_ROOT = tmp_path / "media"
    import_trade_files([TradeSource(path) for path in customs_files])
    recompute_all(date(2019, 6, 30))
    return str(live_server.url)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_trade_chart_is_drawn_from_imported_files(
    browser: WebDriver, artifacts: Path, site: str, prefix: str
) -> None:
    for code, count in CHART_COUNTS.items():
        path = f"{prefix}/indicators/{code}/"
        open_page(browser, site + path)
        assert console_errors(browser) == [], path
        charts = browser.execute_script(DRAWN)
        assert len(charts) == count, path
        for chart in charts:
            assert chart["datasets"] > 0 and chart["points"] > 0, (path, chart)
        screenshot(browser, artifacts, f"imported{path}")


def test_the_monthly_chart_shows_china_collapsing_in_2018(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/en/indicators/A/")
    labels, china = browser.execute_script(
        "const c = Chart.getChart("
        "document.getElementById('canvas-export-monthly-by-country'));"
        "const d = c.data.datasets.find(x => x.label === 'China');"
        "return [c.data.labels, d.data];"
    )
    before, after = china[labels.index("Dec 2017")], china[labels.index("Feb 2018")]
    assert after < before / 10


def test_the_price_page_says_exports_and_imports_are_not_compared(
    browser: WebDriver, site: str
) -> None:
    open_page(browser, site + "/indicators/C/")
    note = browser.find_element(By.ID, "page-note").text
    assert "FOB" in note and "CIF" in note and "比べられず" in note
