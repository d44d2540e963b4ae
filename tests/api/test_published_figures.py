"""Each figure a public page shows can be fetched from the API with the same value.

The bundled registry and survey, and generated customs files for 2000-2001
and 2017-2019 (calibrated to the review's figures), are loaded through the
real importers and recomputed as of 30 June 2019, as ``load_sample`` does:
once for the module, in a transaction rolled back after its last test.

A figure is followed three ways. The stored value it links to is the one
``series-values/`` serves for its series and period; the page prints that
value rounded to the digits it shows; and the API's own sums of the trade
rows (``trade/``, ``trade/unit-values/``) or its assessment table
(``assessments/``) give the same number. Where the review prints a figure,
the value is that figure.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import unescape
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client, override_settings
from rest_framework.test import APIClient

from indicators.customs_sample import write_sample
from indicators.publication import publish_run
from indicators.recompute import recompute_all
from indicators.reference_data import load_all_reference_data
from indicators.sample_cooperation import load_cooperation_sample
from indicators.trade_import import TradeSource, import_trade_files
from surveys.sample import load_survey_sample
from tests.page_reading import ShownChart, chart_choices, shown_charts

pytestmark = pytest.mark.django_db

AS_OF = date(2019, 6, 30)
MAN = Decimal(10_000)
# The chart convention names one item differently from the classification.
ITEM_OF_SEGMENT = {"used-tyres": "used_pneumatic_tyres"}


@pytest.fixture(scope="module")
def published(
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    customs = tmp_path_factory.mktemp("customs")
    media = tmp_path_factory.mktemp("media")
    files = write_sample(customs, 2000, 2001).paths
    files += write_sample(customs, 2017, 2019).paths
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        load_all_reference_data()
        import_trade_files([TradeSource(path) for path in files])
        load_cooperation_sample()
        load_survey_sample()
        # The public pages show the published assessment.
        publish_run(recompute_all(AS_OF), None, "bundled data")
        yield
        transaction.set_rollback(True)


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def shown_value(client: Client, overview: str, code: str, name: str = "") -> Decimal:
    """The exact value behind a figure of the overview's section on ``code``:
    its link leads to the published figure's page, which prints it in full."""
    section = overview[overview.index(f'<h3><a href="/indicators/{code}/">') :]
    figure = r"/assessments/[0-9]+/figures/[0-9]+/"
    link = re.search(rf'{name}<a href="({figure})">', section)
    assert link is not None, code
    exact = re.search(r"<code>(-?[0-9.]+)</code>", page(client, link.group(1)))
    assert exact is not None, link.group(1)
    return Decimal(exact.group(1))


def trade_quantity(api: APIClient, query: str) -> Decimal:
    (record,) = api.get(f"/api/v1/trade/?group=indicator&{query}").json()
    assert record["quantity_unit"] == "t"
    return Decimal(record["quantity"])


@pytest.mark.usefixtures("published")
def test_the_pages_and_the_api_give_the_same_figures(
    client: Client, api: APIClient
) -> None:
    overview = page(client, "/")
    fy2018 = "fiscal_year_min=2018&fiscal_year_max=2018"
    breakdown = api.get("/api/v1/memberships/breakdown/?as_of=2019-06-30").json()
    projects = api.get(f"/api/v1/projects/?{fy2018}").json()["results"]
    (survey,) = api.get("/api/v1/survey-results/?fiscal_year_min=2017").json()

    exports = trade_quantity(api, f"indicator=A&direction=export&{fy2018}")
    imports = trade_quantity(api, f"indicator=A&direction=import&{fy2018}")

    exported, imported = "循環資源の輸出量：", "循環資源の輸入量："
    assert shown_value(client, overview, "A", exported) == exports == 26_110_000
    assert shown_value(client, overview, "A", imported) == imports == 7_220_000
    assert shown_value(client, overview, "D") == breakdown["countries"] == 54
    assert shown_value(client, overview, "E") == len(projects) == 11
    assert shown_value(client, overview, "F") == survey["cooperating"] == 27


def every_record(api: APIClient, url: str) -> list[dict[str, Any]]:
    """A paged list of the API followed to its end."""
    records: list[dict[str, Any]] = []
    next_page: str | None = url
    while next_page:
        body = api.get(next_page).json()
        records += body["results"]
        next_page = body["next"]
    return records


def label(period: str, english: bool) -> str:
    """A period as the pages print it: 2018年度 / FY2018, 2018年4月 / Apr 2018."""
    if period.startswith("FY"):
        return period if english else f"{period[2:]}年度"
    year, month, *day = (int(part) for part in period.split("-"))
    if not day:
        return f"{date(year, month, 1):%b %Y}" if english else f"{year}年{month}月"
    return f"as of {period}" if english else f"{year}年{month}月{day[0]}日時点"


def shown_number(text: str) -> tuple[Decimal, int]:
    """The first number of a text and how many decimals it prints."""
    found = re.search(r"-?[0-9][0-9,]*(?:\.([0-9]+))?", text)
    assert found is not None, text
    return Decimal(found.group(0).replace(",", "")), len(found.group(1) or "")


def assert_shown(text: str, value: Decimal, per: Decimal = Decimal(1)) -> None:
    """``text`` prints ``value`` (in units of ``per``) rounded to its digits."""
    shown, places = shown_number(text)
    assert abs(value / per - shown) <= Decimal("0.5").scaleb(-places), (text, value)


@dataclass(frozen=True)
class StoredValue:
    key: str
    period: str
    value: Decimal
    complete: bool


class SeriesApi:
    """Every stored value of one indicator as ``series-values/`` serves it,
    and the names of its series from ``series/``."""

    def __init__(self, api: APIClient, code: str) -> None:
        self.code = code
        query = urlencode({"indicator": code, "page_size": 1000})
        records = every_record(api, f"/api/v1/series-values/?{query}")
        self.by_id = {
            r["id"]: StoredValue(
                r["series_key"], r["period"], Decimal(r["value"]), r["complete"]
            )
            for r in records
        }
        self.by_key = {(v.key, v.period): v for v in self.by_id.values()}
        series = every_record(api, f"/api/v1/series/?{query}")
        self.names = {s["key"]: (s["name_ja"], s["name_en"]) for s in series}

    def name(self, key: str, english: bool) -> str:
        ja, en = self.names[key]
        return en if english else ja

    def periods(self, key: str) -> list[str]:
        return [period for k, period in self.by_key if k == key]

    def fetched(self, api: APIClient, key: str, period: str) -> StoredValue:
        """One value asked for by its series key and period, as a reader would."""
        value = self.by_key[(key, period)]
        query = {"indicator": self.code, "key": key, "page_size": 1000}
        if period.startswith("FY"):
            query |= {"fiscal_year_min": period[2:], "fiscal_year_max": period[2:]}
        records = every_record(api, f"/api/v1/series-values/?{urlencode(query)}")
        (record,) = [r for r in records if r["period"] == period]
        assert Decimal(record["value"]) == value.value
        return value


def check_chart(chart: ShownChart, stored: SeriesApi, english: bool) -> set[str]:
    """The chart's table, drawing and sentence against the API; its keys."""
    per = MAN if "万トン" in chart.caption else Decimal(1)
    columns: dict[str, str] = {}
    for row_label, cells in chart.rows:
        for name, cell in zip(chart.headers[1:], cells, strict=True):
            if cell.gap:
                continue
            value = stored.by_id[cell.value_id]
            assert stored.name(value.key, english) == name
            assert label(value.period, english) == row_label
            assert_shown(cell.text, value.value, per)
            assert cell.incomplete is not value.complete
            columns[name] = value.key
    # A period left blank ("…") is one the API has no value for either.
    for name, key in columns.items():
        filled = [
            row_label
            for row_label, cells in chart.rows
            if not cells[chart.headers.index(name) - 1].gap
        ]
        assert filled == [label(p, english) for p in sorted_periods(stored, key)]
    check_drawing(chart, stored, per)
    check_sentence(chart)
    return set(columns.values())


def sorted_periods(stored: SeriesApi, key: str) -> list[str]:
    def order(period: str) -> str:
        return f"{period[2:]}-04" if period.startswith("FY") else period

    return sorted(stored.periods(key), key=order)


def check_drawing(chart: ShownChart, stored: SeriesApi, per: Decimal) -> None:
    for dataset in chart.config["datasets"]:
        for figure, pk in zip(dataset["data"], dataset["ids"], strict=True):
            expected = None if pk is None else float(stored.by_id[pk].value / per)
            assert figure == expected, (chart.slug, pk)


def check_sentence(chart: ShownChart) -> None:
    """The sentence for screen readers quotes the table's latest complete row."""
    complete = [
        (row_label, cells)
        for row_label, cells in chart.rows
        if any(not cell.gap and not cell.incomplete for cell in cells)
    ]
    row_label, cells = complete[-1]
    assert row_label in chart.text_alternative
    for name, cell in zip(chart.headers[1:], cells, strict=True):
        if not cell.gap:
            assert f"{name} {cell.text}" in chart.text_alternative, chart.slug


class TradeApi:
    """The API's own sums of the trade rows as of the assessment's date (the
    months the recompute saw), fetched once per query."""

    def __init__(self, api: APIClient) -> None:
        self.api = api
        self.fetched: dict[str, dict[tuple[Any, ...], Decimal]] = {}
        self.unit_values: dict[tuple[str, str, str], Decimal] = {}

    def quantity(self, query: dict[str, str], **record: str | None) -> Decimal:
        """The quantity of the one record of ``query`` with these fields."""
        found = self._records(query)
        wanted = tuple(record.get(f) for f in TRADE_FIELDS)
        return found[wanted]

    def unit_value(self, direction: str, item: str, period: str) -> Decimal:
        if not self.unit_values:
            url = f"/api/v1/trade/unit-values/?as_of={AS_OF}"
            for r in self.api.get(url).json():
                found = (r["direction"], r["item"], f"FY{r['fiscal_year']}")
                if r["unit_value"] is not None:
                    self.unit_values[found] = Decimal(r["unit_value"])
        return self.unit_values[(direction, item, period)]

    def _records(self, query: dict[str, str]) -> dict[tuple[Any, ...], Decimal]:
        url = f"/api/v1/trade/?{urlencode(query | {'as_of': str(AS_OF)})}"
        if url not in self.fetched:
            response = self.api.get(url)
            assert response.status_code == 200, url
            self.fetched[url] = {
                tuple(r[f] for f in TRADE_FIELDS): Decimal(r["quantity"])
                for r in response.json()
            }
        return self.fetched[url]


TRADE_FIELDS = ("direction", "period", "category", "item")


def item_slug(segment: str) -> str:
    return ITEM_OF_SEGMENT.get(segment, segment.replace("-", "_"))


def traded(
    trade: TradeApi, stored: SeriesApi, code: str, key: str, period: str
) -> Decimal:
    """What the trade API sums for a stored series of A or B and a period."""
    measure, *segments = key.split("--")
    direction, _, monthly = measure.partition("-")
    query = {"indicator": code, "direction": direction}
    if monthly:
        query["period"] = "month"
    if not segments:
        return trade.quantity(
            query | {"group": "indicator"}, direction=direction, period=period
        )
    category = None
    if code == "A":
        category, *segments = segments
        category = category.replace("-", "_")
    if not segments:
        query |= {"group": "category", "category": category or ""}
        return trade.quantity(
            query, direction=direction, period=period, category=category
        )
    item, *partner = segments
    fields = {
        "direction": direction,
        "period": period,
        "category": category or ("used_goods" if code == "B" else None),
        "item": item_slug(item),
    }
    if not partner:
        return trade.quantity(query, **fields)
    if partner != ["other"]:
        return trade.quantity(query | {"country": partner[0].upper()}, **fields)
    # Other countries: the item's total less the partners named beside it.
    prefix = key.removesuffix("--other")
    named = [
        k.rsplit("--", 1)[1]
        for k in stored.names
        if k.startswith(f"{prefix}--") and k.count("--") == key.count("--")
    ]
    total = trade.quantity(query, **fields)
    return total - sum(
        trade.quantity(query | {"country": country.upper()}, **fields)
        for country in named
        if country != "other"
    )


def checked_pages(
    client: Client, stored: SeriesApi, url: str, chosen: dict[str, str] | None = None
) -> dict[tuple[str, str], Decimal]:
    """Every figure of an indicator page, by series key and period; with
    ``chosen`` (chart slug: measure), also of the partner chart of every
    item a reader may choose there."""
    english = url.startswith("/en/")
    html = page(client, url)
    keys: set[str] = set()
    for chart in shown_charts(html):
        keys |= check_chart(chart, stored, english)
    for slug, measure in (chosen or {}).items():
        options = chart_choices(html, slug)
        assert options, slug
        for option in options[1:]:
            charts = shown_charts(page(client, f"{url}?{slug}={option}"))
            drawn = [c for c in charts if c.slug == slug]
            # An item never traded that way has no partners: nothing to draw.
            partners = [k for k in stored.names if partner_of(k, measure, option)]
            assert len(drawn) == (1 if partners else 0), option
            for chart in drawn:
                keys |= check_chart(chart, stored, english)
    return {
        (key, period): stored.by_key[(key, period)].value
        for key in keys
        for period in stored.periods(key)
    }


def partner_of(key: str, measure: str, item: str) -> bool:
    """Whether a key is a partner series (``<measure>--<category>--<item>--<
    country>``) of the item."""
    segments = key.split("--")
    return len(segments) == 4 and (segments[0], segments[2]) == (measure, item)


A_CHOICES = {
    "export-by-country": "export",
    "import-by-country": "import",
    "export-monthly-by-country": "export-monthly",
}


@pytest.mark.usefixtures("published")
@pytest.mark.parametrize(
    ("url", "chosen"),
    # Every item's partners in Japanese; the English page shows the same
    # series, so its first choices stand for the rest.
    [("/indicators/A/", A_CHOICES), ("/en/indicators/A/", {})],
)
def test_every_figure_of_a_is_the_apis(
    client: Client, api: APIClient, url: str, chosen: dict[str, str]
) -> None:
    stored, trade = SeriesApi(api, "A"), TradeApi(api)
    shown = checked_pages(client, stored, url, chosen)

    for key, period in shown:
        assert shown[(key, period)] == traded(trade, stored, "A", key, period)
    # The review: FY2018 exports about 26.11 million t and imports 7.22
    # million t, 1.25 million t fewer and 1.03 million t more than FY2017,
    # 3.4 and 1.8 times FY2000.
    exports, imports = shown[("export", "FY2018")], shown[("import", "FY2018")]
    assert (exports, imports) == (26_110_000, 7_220_000)
    assert round((exports - shown[("export", "FY2017")]) / MAN) == -125
    assert round((imports - shown[("import", "FY2017")]) / MAN) == 103
    assert round(exports / shown[("export", "FY2000")], 1) == Decimal("3.4")
    assert round(imports / shown[("import", "FY2000")], 1) == Decimal("1.8")


@pytest.mark.usefixtures("published")
@pytest.mark.parametrize("url", ["/indicators/B/", "/en/indicators/B/"])
def test_every_figure_of_b_is_the_apis(
    client: Client, api: APIClient, url: str
) -> None:
    stored, trade = SeriesApi(api, "B"), TradeApi(api)
    shown = checked_pages(client, stored, url)

    assert {key for key, _ in shown} == set(stored.names)
    for key, period in shown:
        assert shown[(key, period)] == traded(trade, stored, "B", key, period)
    # The review: used goods of FY2018, about 390,000 t out and 7,130 t in.
    assert shown[("export", "FY2018")] == 390_000
    assert shown[("import", "FY2018")] == 7_130


@pytest.mark.usefixtures("published")
@pytest.mark.parametrize("url", ["/indicators/C/", "/en/indicators/C/"])
def test_every_price_of_c_is_the_apis(client: Client, api: APIClient, url: str) -> None:
    stored, trade = SeriesApi(api, "C"), TradeApi(api)
    shown = checked_pages(client, stored, url)

    assert {key for key, _ in shown} == {key for key, _ in stored.by_key}
    for (key, period), value in shown.items():
        direction, _category, item = key.split("--")
        assert value == trade.unit_value(direction, item_slug(item), period)


@pytest.mark.usefixtures("published")
def test_a_figure_is_fetched_by_its_series_key_and_period(api: APIClient) -> None:
    stored = SeriesApi(api, "B")
    for key in stored.names:
        latest = sorted_periods(stored, key)[-1]
        assert stored.fetched(api, key, latest) == stored.by_key[(key, latest)]


ARROWS = {"↗": "up", "→": "flat", "↘": "down", "―": None}


@dataclass(frozen=True)
class Arrow:
    trend: str | None
    colour: str | None


@dataclass(frozen=True)
class TableLine:
    """One series' row of the assessment table as the overview prints it."""

    code: str
    target: str
    latest: str
    desired: str
    long_term: Arrow
    short_term: Arrow


def assessment_lines(html: str) -> list[TableLine]:
    table = html.split('<table class="assessment">', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    lines, code = [], ""
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        named = re.search(r'href="(?:/en)?/indicators/([A-F])/"', row)
        code = named.group(1) if named else code
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        target, latest, desired, long_term, short_term = cells[:5]
        lines.append(
            TableLine(
                code,
                plain(target),
                plain(latest),
                plain(desired),
                arrow(long_term),
                arrow(short_term),
            )
        )
    return lines


def plain(fragment: str) -> str:
    fragment = re.sub(r'<span class="visually-hidden">.*?</span>', "", fragment)
    return re.sub(r"<[^>]+>", "", fragment).strip()


def arrow(cell: str) -> Arrow:
    if cell == "―":  # a row without a series (C)
        return Arrow(None, None)
    found = re.search(r'class="arrow(?: arrow-([a-z]+))?"[^>]*>(.)</span>', cell)
    assert found is not None, cell
    return Arrow(ARROWS[found.group(2)], found.group(1))


def check_latest(text: str, result: dict[str, Any], english: bool, named: bool) -> None:
    if result["latest_value"] is None:
        assert text == "―"
        return
    if named:
        name = result["series_name_en" if english else "series_name_ja"]
        assert text.startswith(f"{name}: ")
        text = text.removeprefix(f"{name}: ")
    per = MAN if "万トン" in text else Decimal(1)
    assert_shown(text, Decimal(result["latest_value"]), per)
    assert text.endswith(f"（{label(result['latest_period'], english)}）")


@pytest.mark.usefixtures("published")
@pytest.mark.parametrize("url", ["/", "/en/"])
def test_the_overview_table_is_the_assessments_api(
    client: Client, api: APIClient, url: str
) -> None:
    lines = assessment_lines(page(client, url))
    results = api.get("/api/v1/assessments/").json()["results"]

    assert [line.code for line in lines] == [r["code"] for r in results]
    for line, result in zip(lines, results, strict=True):
        named = [r["code"] for r in results].count(line.code) > 1
        check_latest(line.latest, result, url == "/en/", named)
        assert line.target == "―" and result["target_value"] is None
        desired = result["desired_direction"]
        assert line.desired == {"none": "―", "up": "↗", "down": "↘"}[desired]
        for term in ("long_term", "short_term"):
            expected = Arrow(result[f"{term}_trend"], result[f"{term}_colour"])
            assert getattr(line, term) == expected
    # The review: A and E fell from the year before, A's imports rose; A
    # grew from FY2000 (3.4 and 1.8 times).
    trends = {
        (r["code"], r["series_key"]): (r["long_term_trend"], r["short_term_trend"])
        for r in results
    }
    assert trends[("A", "export")] == ("up", "down")
    assert trends[("A", "import")] == ("up", "up")
    assert trends[("E", "selected")][1] == "down"


@dataclass(frozen=True)
class Card:
    code: str
    latest: list[tuple[str, str, str]]
    words: str
    config: dict[str, Any]


def overview_cards(html: str) -> list[Card]:
    cards = []
    for card in html.split('<li class="card">')[1:]:
        code = re.search(r'href="(?:/en)?/indicators/([A-F])/"', card)
        latest = re.findall(
            r'<li>[^<]*<a href="(?:/en)?(/assessments/[0-9]+/figures/[0-9]+/)">'
            r"([^<]+)</a> "
            r'<span class="period">（([^）]+)）</span></li>',
            card,
        )
        words = re.search(r'role="img" aria-label="([^"]*)"', card)
        config = re.search(r'type="application/json">(.*?)</script>', card, re.S)
        assert code is not None
        cards.append(
            Card(
                code.group(1),
                latest,
                unescape(words.group(1)) if words else "",
                json.loads(config.group(1)) if config else {},
            )
        )
    return cards


def sparkline_words(words: str, name: str, english: bool) -> tuple[str, ...]:
    """The first and last period and figure the sentence gives a line."""
    if english:
        pattern = rf"{re.escape(name)}: from (.+?) in (.+?) to (.+?) in (.+?)\."
        found = re.search(pattern, words)
        assert found is not None, words
        first_value, first, last_value, last = found.groups()
    else:
        pattern = rf"{re.escape(name)}：(\S+) (\S+)から(\S+) (\S+)まで。"
        found = re.search(pattern, words)
        assert found is not None, words
        first, first_value, last, last_value = found.groups()
    return first, first_value, last, last_value


@pytest.mark.usefixtures("published")
@pytest.mark.parametrize("url", ["/", "/en/"])
def test_the_overview_cards_are_the_apis(
    client: Client, api: APIClient, url: str
) -> None:
    english = url == "/en/"
    cards = overview_cards(page(client, url))
    results = api.get("/api/v1/assessments/").json()["results"]

    for card in cards:
        rows = [r for r in results if r["code"] == card.code and r["latest_value"]]
        stored = SeriesApi(api, card.code)
        assert len(card.latest) == len(rows)
        for (link, text, period), row in zip(card.latest, rows, strict=True):
            # The figure's page keeps the value the published run saw,
            # which is the API's latest value and the stored series' value.
            value = stored.by_key[(row["series_key"], row["latest_period"])]
            exact = re.search(r"<code>(-?[0-9.]+)</code>", page(client, link))
            assert exact is not None, link
            assert Decimal(exact.group(1)) == value.value
            assert value.value == Decimal(row["latest_value"])
            assert period == label(value.period, english)
            per = MAN if "万トン" in text else Decimal(1)
            assert_shown(text, value.value, per)
        for row in rows:
            key = row["series_key"]
            periods = sorted_periods(stored, key)
            name = stored.name(key, english)
            first, first_value, last, last_value = sparkline_words(
                card.words, name, english
            )
            for shown_label, text, period in (
                (first, first_value, periods[0]),
                (last, last_value, periods[-1]),
            ):
                # A year whose months are not all in says so, in words too.
                incomplete = not stored.by_key[(key, period)].complete
                marker = (" (incomplete)" if english else "（未確定）") * incomplete
                assert shown_label == label(period, english) + marker
                per = MAN if "万トン" in text else Decimal(1)
                assert_shown(text, stored.by_key[(key, period)].value, per)
        for dataset in card.config.get("datasets", []):
            for figure, pk in zip(dataset["data"], dataset["ids"], strict=True):
                expected = None if pk is None else float(stored.by_id[pk].value)
                assert figure == expected
    # The review: 54 countries (D), 11 projects (E), 27 municipalities (F).
    latest = {r["code"]: r["latest_value"] for r in results if r["latest_value"]}
    assert (latest["D"], latest["E"], latest["F"]) == ("54", "11", "27")
