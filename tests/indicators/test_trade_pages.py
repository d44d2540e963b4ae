"""Pages A, B and C drawn from customs files imported through the real import.

The files are the generated ones in the real national layout for 2017-2019
(calibrated to the review's figures), so FY2017 and FY2018 are complete.
Expected figures come from ``published-figures.json``: A's FY2018 exports
26.11 million t and imports 7.22 million t, B's 390,000 t and 7,130 t.
"""

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from indicators.customs_sample import write_sample
from indicators.models import SeriesValue
from indicators.recompute import recompute_all
from indicators.trade_import import TradeSource, import_trade_files

pytestmark = pytest.mark.django_db

AS_OF = date(2019, 6, 30)
CATEGORIES = ["biomass", "metals", "non-metallic-minerals", "fossil", "other"]


@pytest.fixture(scope="module")
def customs_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_sample(tmp_path_factory.mktemp("customs"), 2017, 2019).paths


@pytest.fixture
def imported(
    reference_data: None, customs_files: list[Path], settings: Any, tmp_path: Path
) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path / "media"
    import_trade_files([TradeSource(path) for path in customs_files])
    recompute_all(AS_OF)
    yield


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def chart_slugs(html: str) -> list[str]:
    return re.findall(r'<section class="chart" id="chart-([a-z0-9-]+)"', html)


def chart_config(html: str, slug: str) -> dict[str, Any]:
    found = re.search(
        rf'<script id="config-{slug}" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert found is not None, f"no chart {slug}"
    config: dict[str, Any] = json.loads(found.group(1))
    return config


def at(config: dict[str, Any], label: str, period: str) -> float | None:
    dataset = next(d for d in config["datasets"] if d["label"] == label)
    value: float | None = dataset["data"][config["labels"].index(period)]
    return value


@pytest.mark.usefixtures("imported")
class TestCircularResources:
    def test_every_chart_of_a_is_drawn_from_the_imported_rows(
        self, client: Client
    ) -> None:
        for url in ("/indicators/A/", "/en/indicators/A/"):
            assert chart_slugs(page(client, url)) == [
                "totals",
                "export-by-category",
                "import-by-category",
                *[f"export-{c}-items" for c in CATEGORIES],
                *[f"import-{c}-items" for c in CATEGORIES],
                "export-by-country",
                "import-by-country",
                "export-monthly-by-country",
            ]

    def test_the_totals_are_the_published_fy2018_figures(self, client: Client) -> None:
        config = chart_config(page(client, "/indicators/A/"), "totals")
        # 26,110,000 t and 7,220,000 t, drawn in 万トン.
        assert at(config, "循環資源の輸出量", "2018年度") == 2611
        assert at(config, "循環資源の輸入量", "2018年度") == 722
        english = chart_config(page(client, "/en/indicators/A/"), "totals")
        assert at(english, "Exports of circular resources", "FY2018") == 26_110_000

    def test_the_categories_add_up_to_the_total(self, client: Client) -> None:
        config = chart_config(page(client, "/en/indicators/A/"), "export-by-category")
        fy2018 = config["labels"].index("FY2018")
        assert len(config["datasets"]) == 5
        total = sum(d["data"][fy2018] for d in config["datasets"])
        assert total == pytest.approx(26_110_000)

    def test_partners_are_the_five_largest_and_the_rest_together(
        self, client: Client
    ) -> None:
        html = page(client, "/indicators/A/?export-by-country=ferrous-scrap")
        config = chart_config(html, "export-by-country")
        labels = [d["label"] for d in config["datasets"]]
        assert len(labels) == 6 and labels[-1] == "その他の国"
        items = chart_config(html, "export-metals-items")
        scrap = at(items, "鉄鋼くず", "2018年度")
        assert scrap is not None
        # The partners sum to the item (items are drawn in 万トン).
        fy2018 = config["labels"].index("2018年度")
        partners = sum(d["data"][fy2018] for d in config["datasets"])
        assert partners / 10_000 == pytest.approx(scrap)

    def test_monthly_plastics_exports_to_china_collapse_from_january_2018(
        self, client: Client
    ) -> None:
        html = page(client, "/indicators/A/")
        assert '<option value="plastics-waste" selected>' in html
        config = chart_config(html, "export-monthly-by-country")
        china_before = at(config, "中国", "2017年12月")
        china_after = at(config, "中国", "2018年2月")
        assert china_before is not None and china_after is not None
        assert china_after < china_before / 10
        # The months start with the first one loaded, not with zeros before.
        assert config["labels"][0] == "2017年1月"


@pytest.mark.usefixtures("imported")
class TestUsedGoodsAndPrices:
    def test_b_shows_the_published_totals_kinds_and_vehicles(
        self, client: Client
    ) -> None:
        html = page(client, "/indicators/B/")
        assert chart_slugs(html) == [
            "totals",
            "export-by-kind",
            "import-by-kind",
            "export-units-by-kind",
            "used-vehicles-by-country",
        ]
        totals = chart_config(html, "totals")
        fy2018 = totals["labels"].index("2018年度")
        assert [d["data"][fy2018] for d in totals["datasets"]] == [390_000, 7_130]
        kinds = chart_config(html, "export-by-kind")
        assert len(kinds["datasets"]) == 3
        assert sum(d["data"][fy2018] for d in kinds["datasets"]) == pytest.approx(
            390_000
        )
        assert chart_config(html, "used-vehicles-by-country")["unit"] == "台"

    def test_c_draws_exports_and_imports_apart_and_says_why(
        self, client: Client
    ) -> None:
        for url, words in (
            ("/indicators/C/", "比べられず"),
            ("/en/indicators/C/", "Exports are valued FOB"),
        ):
            html = page(client, url)
            slugs = chart_slugs(html)
            assert "export-metals-prices" in slugs
            assert "import-metals-prices" in slugs
            note = re.search(r'<p class="page-note" id="page-note">(.*?)</p>', html)
            assert note is not None and words in note.group(1)

    def test_a_unit_value_is_value_over_weight(self, client: Client) -> None:
        price = SeriesValue.objects.get(
            series__indicator__code="C",
            series__key="export--metals--ferrous-scrap",
            period="FY2018",
        )
        assert price.series.valuation == "FOB"
        assert price.series.unit == "yen/t"
        assert price.value > 0

    @pytest.mark.parametrize(
        "url",
        [f"{prefix}/indicators/{code}/" for prefix in ("", "/en") for code in "ABC"],
    )
    def test_a_page_costs_a_bounded_number_of_queries(
        self, client: Client, url: str, django_assert_max_num_queries: Any
    ) -> None:
        with django_assert_max_num_queries(8):
            page(client, url)


@pytest.mark.usefixtures("imported")
class TestProvenance:
    def value(self) -> SeriesValue:
        return SeriesValue.objects.get(
            series__indicator__code="A",
            series__key="export--fossil--plastics-waste--cn",
            period="FY2018",
        )

    def test_a_point_names_its_months_and_files(self) -> None:
        trade = self.value().provenance["trade"]
        assert trade["direction"] == "export"
        assert trade["months"][0] == "2018-04" and trade["months"][-1] == "2019-03"
        assert len(trade["months"]) == 12
        # April-December 2018 and January-March 2019 come from two files.
        assert len(trade["files"]) == 2

    def test_the_value_page_links_to_the_rows_staff_can_open(
        self, client: Client
    ) -> None:
        value = self.value()
        html = page(client, f"/values/{value.pk}/")
        links = re.findall(r'<a href="(/admin/indicators/[^"]+)"', html)
        rows = next(link for link in links if "/traderow/" in link)
        assert "month__gte=2018-04-01" in rows and "month__lte=2019-03-01" in rows
        files = next(link for link in links if "/tradefile/" in link)

        staff = User.objects.create_superuser("staff", "s@example.org", "pw")
        client.force_login(staff)
        for link in (rows, files):
            response = client.get(link.replace("&amp;", "&"))
            assert response.status_code == 200, link
        listed = client.get(files.replace("&amp;", "&")).content.decode()
        assert "national_2018_export.csv" in listed
        assert "national_2019_export.csv" in listed
        assert "national_2017_export.csv" not in listed
