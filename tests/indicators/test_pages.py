"""Indicator pages, the value page, the methodology and the overview cards.

The stored series are the review's published figures (tests/factories_pages).
"""

import json
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from indicators import listings
from indicators.listings import Listing, PageChoices
from indicators.models import (
    AssessmentRun,
    Indicator,
    Series,
    SeriesAssessment,
    SeriesValue,
)
from tests.factories_pages import store_published_series
from tests.page_reading import listing_rows

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/en/",
    "/methodology/",
    *[f"/indicators/{code}/" for code in "ABCDEF"],
    *[f"/en/indicators/{code}/" for code in "ABCDEF"],
]


@pytest.fixture
def published(reference_data: None, monkeypatch: pytest.MonkeyPatch) -> None:
    store_published_series(monkeypatch)


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def chart_config(html: str, slug: str) -> dict[str, Any]:
    found = re.search(
        rf'<script id="config-{slug}" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert found is not None, f"no chart {slug}"
    config: dict[str, Any] = json.loads(found.group(1))
    return config


def chart_slugs(html: str) -> list[str]:
    return re.findall(r'<section class="chart" id="chart-([a-z0-9-]+)"', html)


def sparkline_words(html: str, code: str) -> str:
    """The text alternative of an indicator's small chart on the overview."""
    canvas = re.search(rf'id="canvas-sparkline-{code}"[^>]*aria-label="([^"]*)"', html)
    assert canvas is not None, code
    return canvas.group(1)


@pytest.mark.usefixtures("published")
class TestIndicatorPages:
    def test_a_chart_appears_only_where_its_series_are_stored(
        self, client: Client
    ) -> None:
        # Import items, import partners and the C charts of other categories
        # have no stored series, so they are not drawn at all.
        assert chart_slugs(page(client, "/indicators/A/")) == [
            "totals",
            "export-by-category",
            "export-biomass-items",
            "export-metals-items",
            "export-by-country",
            "export-monthly-by-country",
        ]
        assert chart_slugs(page(client, "/indicators/C/")) == [
            "export-metals-prices",
            "import-biomass-prices",
        ]

    def test_a_period_not_loaded_is_null_in_the_chart_and_a_gap_in_the_table(
        self, client: Client
    ) -> None:
        html = page(client, "/indicators/A/")
        config = chart_config(html, "totals")
        exports = config["datasets"][0]
        fy2001 = config["labels"].index("2001年度")
        assert exports["data"][fy2001] is None
        # 26,110,000 t in FY2018, drawn in 万トン as the review prints it.
        assert exports["data"][config["labels"].index("2018年度")] == 2611
        assert config["unit"] == "万トン"
        assert '<td class="number gap"><span aria-hidden="true">…</span>' in html

    def test_a_loaded_month_with_no_trade_is_a_zero(self, client: Client) -> None:
        html = page(client, "/indicators/A/")
        config = chart_config(html, "export-monthly-by-country")
        china = config["datasets"][0]
        assert china["label"] == "中国"
        assert china["data"][config["labels"].index("2018年2月")] == 0
        # Thailand's December 2017 was not loaded: a gap, not a zero.
        thailand = config["datasets"][1]
        assert thailand["data"][config["labels"].index("2017年12月")] is None

    def test_an_incomplete_fiscal_year_is_marked_in_the_table(
        self, client: Client
    ) -> None:
        html = page(client, "/indicators/A/")
        config = chart_config(html, "totals")
        fy2019 = config["labels"].index("2019年度")
        assert config["datasets"][0]["incomplete"][fy2019] is True
        assert 'class="number incomplete"' in html
        assert "*：未確定" in html

    def test_a_chart_keeps_to_one_unit(self, client: Client) -> None:
        config = chart_config(page(client, "/indicators/B/"), "export-by-kind")
        # Used vehicles are counted in units, so they stay off the tonnes chart.
        assert [d["label"] for d in config["datasets"]] == [
            "中古衣類など",
            "中古の空気タイヤ",
            "更生タイヤ",
        ]

    def test_the_reader_chooses_the_item_whose_partners_are_drawn(
        self, client: Client
    ) -> None:
        # Waste paper comes first among the items with partners stored.
        first = chart_config(page(client, "/indicators/A/"), "export-by-country")
        assert [d["label"] for d in first["datasets"]] == ["中国"]
        assert first["datasets"][0]["data"] == [3_700_000, 2_300_000]

        chosen = page(client, "/indicators/A/?export-by-country=ferrous-scrap")
        config = chart_config(chosen, "export-by-country")
        assert [d["label"] for d in config["datasets"]] == ["中国", "韓国", "ベトナム"]
        assert '<option value="ferrous-scrap" selected>鉄鋼くず</option>' in chosen

    def test_an_unknown_choice_falls_back_to_the_first_item(
        self, client: Client
    ) -> None:
        html = page(client, "/indicators/A/?export-by-country=no-such-item")
        config = chart_config(html, "export-by-country")
        assert [d["label"] for d in config["datasets"]] == ["中国"]

    def test_d_shows_the_combinations_as_of_the_date(self, client: Client) -> None:
        config = chart_config(page(client, "/indicators/D/"), "combinations")
        data = config["datasets"][0]["data"]
        counts = dict(zip(config["labels"], data, strict=True))
        assert counts == {
            "協力覚書のみ": 4,
            "JCMのみ": 10,
            "ACCPのみ": 32,
            "協力覚書とJCM": 5,
            "JCMとACCP": 2,
            "協力覚書とACCP": 1,
            "三つすべて": 0,
        }
        assert sum(counts.values()) == 54

    def test_e_draws_the_series_in_the_order_the_chart_names_them(
        self, client: Client
    ) -> None:
        config = chart_config(
            page(client, "/indicators/E/"), "selected-and-applications"
        )
        assert [d["data"] for d in config["datasets"]] == [[13, 11], [20, 23]]

    def test_each_figure_links_to_its_stored_value(self, client: Client) -> None:
        value = SeriesValue.objects.get(
            series__indicator__code="F", series__key="cooperating"
        )
        html = page(client, "/indicators/F/")
        assert f'<a href="/values/{value.pk}/">27</a>' in html

    def test_a_link_to_a_value_carries_no_thousands_separator(
        self, client: Client
    ) -> None:
        series = Series.objects.get(indicator__code="F", key="cooperating")
        SeriesValue.objects.create(
            pk=12_345,
            series=series,
            period="FY2016",
            period_end=date(2017, 3, 31),
            fiscal_year=2016,
            value=Decimal(25),
            method="test",
            computed_at=timezone.now(),
        )
        store_stamp()
        assert '<a href="/values/12345/">25</a>' in page(client, "/indicators/F/")

    def test_the_english_page_labels_fiscal_years_and_prints_tonnes(
        self, client: Client
    ) -> None:
        html = page(client, "/en/indicators/A/")
        config = chart_config(html, "totals")
        assert '<html lang="en">' in html
        assert config["labels"][-2] == "FY2018"
        assert config["datasets"][0]["label"] == "Exports"
        assert config["datasets"][0]["data"][-2] == 26_110_000
        assert ">26,110,000</a>" in html

    def test_the_language_switch_points_to_the_same_page_and_choice(
        self, client: Client
    ) -> None:
        html = page(client, "/indicators/A/?export-by-country=waste-paper")
        assert 'href="/en/indicators/A/?export-by-country=waste-paper"' in html
        english = page(client, "/en/indicators/A/?export-by-country=waste-paper")
        assert 'href="/indicators/A/?export-by-country=waste-paper"' in english

    def test_every_chart_has_a_text_alternative_a_table_and_a_source(
        self, client: Client
    ) -> None:
        html = page(client, "/indicators/B/")
        for slug in chart_slugs(html):
            assert f'aria-describedby="alt-{slug}"' in html
            assert f'id="caption-{slug}"' in html
        assert html.count("出典：財務省「貿易統計」より作成") == len(chart_slugs(html))
        assert "2018年度：輸出量 390,000、輸入量 7,130。" in html

    def test_the_prices_say_why_exports_and_imports_are_apart(
        self, client: Client
    ) -> None:
        html = page(client, "/indicators/C/")
        assert "FOB価格（本船渡し価格）" in html
        assert "比べられず、別々のグラフに示しています" in html

    def test_an_unknown_indicator_or_chart_is_not_found(self, client: Client) -> None:
        assert client.get("/indicators/Z/").status_code == 404
        assert client.get("/indicators/A/charts/no-such-chart.csv").status_code == 404
        assert client.get("/indicators/C/charts/totals.csv").status_code == 404


@pytest.mark.usefixtures("published")
class TestQueries:
    @pytest.mark.parametrize("url", PAGES)
    def test_a_page_costs_a_bounded_number_of_queries(
        self,
        client: Client,
        url: str,
        django_assert_max_num_queries: Any,
    ) -> None:
        with django_assert_max_num_queries(8):
            page(client, url)

    def test_more_partners_of_another_item_add_no_query_to_a_page(
        self, client: Client, django_assert_num_queries: Any
    ) -> None:
        url = "/indicators/A/?export-by-country=waste-paper"
        with django_assert_num_queries(5):
            page(client, url)
        add_partners("export--metals--copper-scrap--", 40)
        store_stamp()
        with django_assert_num_queries(5):
            html = page(client, url)
        assert len(chart_config(html, "export-by-country")["datasets"]) == 1

    def test_a_second_view_is_served_from_the_cache_until_a_recompute(
        self, client: Client, django_assert_num_queries: Any
    ) -> None:
        page(client, "/indicators/E/")
        with django_assert_num_queries(1):
            page(client, "/indicators/E/")
        SeriesValue.objects.filter(series__key="selected", period="FY2018").update(
            value=Decimal(12)
        )
        store_stamp()
        config = chart_config(
            page(client, "/indicators/E/"), "selected-and-applications"
        )
        assert config["datasets"][0]["data"] == [13, 12]

    def test_a_cached_page_is_served_in_the_readers_language(
        self, client: Client
    ) -> None:
        page(client, "/indicators/C/")
        english = page(client, "/en/indicators/C/")
        assert "Metals export prices (FOB, yen per tonne)" in english
        assert "Exports are valued FOB" in english


def add_partners(prefix: str, count: int) -> None:
    indicator = Indicator.objects.get(code="A")
    for number in range(count):
        series = Series.objects.create(
            indicator=indicator,
            key=f"{prefix}p{number}",
            name_ja=f"国{number}",
            name_en=f"Country {number}",
            unit="t",
        )
        SeriesValue.objects.create(
            series=series,
            period="FY2018",
            period_end=date(2019, 3, 31),
            fiscal_year=2018,
            value=Decimal(number),
            method="test",
            computed_at=timezone.now(),
        )


def store_stamp() -> None:
    """Stand in for a recompute: the stored data changed just now."""
    from indicators.models import AssessmentRun

    AssessmentRun.objects.update(computed_at=timezone.now())


@pytest.mark.usefixtures("published")
class TestValuePage:
    def test_it_shows_the_method_and_the_provenance_with_links(
        self, client: Client, django_assert_max_num_queries: Any
    ) -> None:
        value = SeriesValue.objects.get(
            series__indicator__code="A", series__key="export", period="FY2018"
        )
        with django_assert_max_num_queries(2):
            html = page(client, f"/values/{value.pk}/")
        assert "約2,611万トン" in html
        assert "<code>26110000</code>" in html
        assert "sum of tonnes over the fiscal year" in html
        assert "d01h18e001.csv" in html
        assert 'href="/admin/indicators/dataimport/101/change/"' in html

    def test_an_incomplete_value_says_so(self, client: Client) -> None:
        value = SeriesValue.objects.get(
            series__indicator__code="A", series__key="export", period="FY2019"
        )
        assert "未確定（まだそろっていない）" in page(client, f"/values/{value.pk}/")

    def test_a_missing_value_is_not_found(self, client: Client) -> None:
        assert client.get("/values/999999/").status_code == 404


@pytest.mark.usefixtures("published")
class TestOverview:
    def test_each_indicator_has_its_latest_value_a_small_chart_and_a_link(
        self, client: Client
    ) -> None:
        html = page(client, "/")
        for code in "ABCDEF":
            assert f'href="/indicators/{code}/"' in html
        for code in "ABDEF":
            assert f'<script id="sparkline-{code}" type="application/json">' in html
        assert "sparkline-C" not in html
        assert "54カ国</a>" in html

    def test_a_small_chart_has_a_text_alternative(self, client: Client) -> None:
        html = page(client, "/")
        assert 'aria-label="選定事業数：2017年度 13件から2018年度 11件まで。"' in html

    def test_the_text_alternative_marks_incomplete_years_at_either_end(
        self, client: Client
    ) -> None:
        # Exports start with a fiscal year whose months are not all in, as
        # they end with one (FY2019: 4.3 million t so far).
        exports = Series.objects.get(indicator__code="A", key="export")
        SeriesValue.objects.create(
            series=exports,
            period="FY1999",
            period_end=date(2000, 3, 31),
            fiscal_year=1999,
            value=Decimal(1_900_000),
            complete=False,
            method="three months only",
            computed_at=timezone.now(),
        )

        words = {url: sparkline_words(page(client, url), "A") for url in ("/", "/en/")}

        assert words["/"].startswith(
            "輸出量：1999年度（未確定） 約190万トンから"
            "2019年度（未確定） 約430万トンまで。"
            "輸入量：2000年度 約401万トンから2018年度 約722万トンまで。"
        )
        assert words["/en/"].startswith(
            "Exports: from 1,900,000 t in FY1999 (incomplete) to 4,300,000 t in "
            "FY2019 (incomplete). Imports: from 4,011,111 t in FY2000 to "
            "7,220,000 t in FY2018."
        )


@pytest.fixture
def country_list(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def countries(shown: PageChoices) -> list[Listing]:
        return [
            Listing(
                "countries",
                "参加国の一覧",
                ["国", "枠組み"],
                [["モンゴル", "協力覚書・JCM"], ["=cmd|' /C calc'!A0", "ACCP"]],
                source="環境省資料より作成",
            )
        ]

    monkeypatch.setitem(listings._PROVIDERS, "D", [countries])
    yield


@pytest.mark.usefixtures("published", "country_list")
class TestListings:
    def test_an_areas_list_appears_under_the_charts(self, client: Client) -> None:
        html = page(client, "/indicators/D/")
        assert '<section class="listing" id="list-countries"' in html
        assert "<td>モンゴル</td><td>協力覚書・JCM</td>" in html

    def test_a_list_downloads_as_csv_with_formulas_made_plain(
        self, client: Client
    ) -> None:
        response = client.get("/indicators/D/lists/countries.csv")
        text = response.content.decode("utf-8-sig")
        assert text.splitlines()[:3] == [
            "国,枠組み",
            "モンゴル,協力覚書・JCM",
            "'=cmd|' /C calc'!A0,ACCP",
        ]


def test_the_methodology_states_the_rules_and_the_licence(
    client: Client, reference_data: None
) -> None:
    html = page(client, "/methodology/")
    assert "基準年（2000年度）" in html
    assert "変化が10%未満なら横ばい" in html
    assert "前の値の1%未満なら横ばい" in html
    assert "政府標準利用規約（第2.0版）" in html
    assert "CC BY 4.0" in html
    for code in "ABCDEF":
        assert f'id="indicator-{code}"' in html


def test_an_indicator_page_with_nothing_stored_says_so(
    client: Client, reference_data: None
) -> None:
    html = page(client, "/indicators/D/")
    assert "この指標の系列はまだ計算されていません。" in html
    assert "chart.umd.min.js" not in html


@pytest.fixture
def bundled(reference_data: None) -> None:
    """The records ``make run`` loads, recomputed as of 30 June 2019."""
    call_command("load_sample", stdout=StringIO())


BUNDLED_CHARTS = {
    "D": ["countries-by-framework", "combinations", "additions"],
    "E": [
        "selected-and-applications",
        "selected-by-programme",
        "applications-by-programme",
    ],
    "F": ["cooperating", "by-answer", "by-kind"],
}
BUNDLED_PAGES = [
    f"{prefix}/indicators/{code}/" for prefix in ("", "/en") for code in "DEF"
]


def latest_values(config: dict[str, Any]) -> list[Any]:
    """Each dataset's last value: the latest period, or a breakdown's bars."""
    if len(config["datasets"]) == 1 and len(config["labels"]) > 1:
        return list(config["datasets"][0]["data"])
    return [dataset["data"][-1] for dataset in config["datasets"]]


@pytest.mark.usefixtures("bundled")
class TestBundledRecords:
    def test_d_e_and_f_draw_every_chart_and_list_in_bounded_queries(
        self, client: Client, django_assert_max_num_queries: Any
    ) -> None:
        for url in BUNDLED_PAGES:
            cache.clear()
            with django_assert_max_num_queries(8):
                html = page(client, url)
            code = url.rstrip("/")[-1]
            assert chart_slugs(html) == BUNDLED_CHARTS[code], url
            for slug in chart_slugs(html):
                assert any(
                    v is not None for v in latest_values(chart_config(html, slug))
                )
            assert html.count('<section class="listing"') == 1

    def test_d_draws_the_published_figures_of_june_2019(self, client: Client) -> None:
        html = page(client, "/indicators/D/")

        # Published: 54 countries; MOU 4 + 5 + 1, JCM 10 + 5 + 2, ACCP 32 + 2 + 1.
        assert latest_values(chart_config(html, "countries-by-framework")) == [
            54,
            10,
            17,
            35,
        ]
        assert latest_values(chart_config(html, "combinations")) == [
            4,
            10,
            32,
            5,
            2,
            1,
            0,
        ]
        assert latest_values(chart_config(html, "additions")) == [4, 0, 7]
        assert len(listing_rows(html, "countries")) == 54

    def test_the_country_list_counts_what_the_chart_counts_on_a_chosen_date(
        self, client: Client
    ) -> None:
        html = page(client, "/indicators/D/?combinations=2018-06-30")

        config = chart_config(html, "combinations")
        assert config["datasets"][0]["label"] == "2018年6月30日時点"
        counted = sum(config["datasets"][0]["data"])
        assert len(listing_rows(html, "countries")) == counted < 54

    def test_e_draws_the_published_selections_and_applications(
        self, client: Client
    ) -> None:
        html = page(client, "/en/indicators/E/")

        config = chart_config(html, "selected-and-applications")
        labels = config["labels"]
        selected, applications = config["datasets"]
        at = {year: labels.index(year) for year in ("FY2017", "FY2018")}
        assert [selected["data"][i] for i in at.values()] == [13, 11]
        assert [applications["data"][i] for i in at.values()] == [20, 23]
        by_programme = chart_config(html, "selected-by-programme")["datasets"]
        assert sum(d["data"][at["FY2018"]] or 0 for d in by_programme) == 11
        assert [d["label"] for d in by_programme] == [
            "Feasibility studies",
            "CO2 reduction subsidy",
        ]
        assert len(listing_rows(html, "projects")) == 58

    def test_f_draws_the_published_answers_and_kinds(self, client: Client) -> None:
        html = page(client, "/indicators/F/")

        assert chart_config(html, "cooperating")["datasets"][0]["data"] == [25, 27]
        assert latest_values(chart_config(html, "by-answer")) == [14, 14, 1, 1714]
        assert latest_values(chart_config(html, "by-kind")) == [9, 4, 14, 8]
        assert len(listing_rows(html, "municipalities")) == 27

    def test_the_overview_cards_show_the_latest_d_e_and_f(self, client: Client) -> None:
        html = page(client, "/")
        cards = html.split('id="cards-title"', 1)[1]

        for code, key, period, shown in (
            ("D", "total", "2019-06-30", "54カ国"),
            ("E", "selected", "FY2018", "11件"),
            ("F", "cooperating", "FY2017", "27団体"),
        ):
            # The published run's row, whose page keeps the value it saw.
            row = SeriesAssessment.objects.get(
                indicator_assessment__run__status=AssessmentRun.Status.PUBLISHED,
                series__indicator__code=code,
                series__key=key,
                latest_period=period,
            )
            run = row.indicator_assessment.run_id
            assert (
                f'<a href="/assessments/{run}/figures/{row.pk}/">{shown}</a>' in cards
            )
        english = page(client, "/en/").split('id="cards-title"', 1)[1]
        assert "54 countries</a>" in english and "27 municipalities</a>" in english
