"""Key templates of the chart definitions and the key convention."""

import re

import pytest

from indicators.charts import CHARTS, keys_regex, template_regex
from indicators.customs_layouts import EXPORT, IMPORT
from indicators.trade_keys import country_segment, item_path, item_segment, series_key


def matches(templates: tuple[str, ...], key: str, choice: str | None = None) -> bool:
    return re.match(keys_regex(templates, choice), key) is not None


def test_a_member_is_one_segment_so_categories_never_catch_items() -> None:
    assert matches(("export--{member}",), "export--non-metallic-minerals")
    assert not matches(("export--{member}",), "export--metals--ferrous-scrap")
    assert not matches(("export--{member}",), "export")


def test_a_choice_narrows_the_template_to_the_chosen_item() -> None:
    template = ("export--{any}--{choice}--{member}",)
    assert matches(template, "export--metals--ferrous-scrap--cn", "ferrous-scrap")
    assert not matches(template, "export--metals--copper-scrap--cn", "ferrous-scrap")


def test_an_unchosen_choice_is_captured_for_the_list_of_choices() -> None:
    found = re.match(template_regex("export--{any}--{choice}"), "export--fossil--pet")
    assert found is not None and found.group(1) == "pet"


def test_literal_keys_match_only_themselves() -> None:
    assert matches(("export", "import"), "import")
    assert not matches(("export", "import"), "export-monthly")


def test_the_expressions_use_no_backslash_so_postgresql_reads_them_alike() -> None:
    for specs in CHARTS.values():
        for spec in specs:
            assert "\\" not in keys_regex(spec.keys, "x")


@pytest.mark.parametrize("code", list(CHARTS))
def test_chart_slugs_are_unique_on_each_page(code: str) -> None:
    slugs = [spec.slug for spec in CHARTS[code]]
    assert len(slugs) == len(set(slugs))


def test_export_and_import_prices_never_share_a_chart() -> None:
    for spec in CHARTS["C"]:
        flows = {key.split("--")[0] for key in spec.keys}
        assert len(flows) == 1
        assert "FOB" in str(spec.note) and "CIF" in str(spec.note)


def drawn_by(code: str, key: str, unit: str) -> list[str]:
    """The charts of an indicator whose templates match the key in its unit
    (a chart with choices is tried with the key's item chosen)."""
    found = []
    for spec in CHARTS[code]:
        if spec.unit not in (None, unit):
            continue
        choice = key.split("--")[2] if spec.choices and key.count("--") >= 2 else None
        if matches(spec.keys, key, choice):
            found.append(spec.slug)
    return found


@pytest.mark.parametrize(
    ("code", "key", "unit", "chart"),
    [
        ("A", series_key(EXPORT, "metals"), "t", "export-by-category"),
        (
            "A",
            series_key(IMPORT, *item_path("metals", "copper_scrap")),
            "t",
            "import-metals-items",
        ),
        (
            "A",
            series_key(EXPORT, "metals", "ferrous-scrap", country_segment("CN")),
            "t",
            "export-by-country",
        ),
        (
            "A",
            series_key(EXPORT, "metals", "ferrous-scrap", country_segment("")),
            "t",
            "export-by-country",
        ),
        (
            "A",
            series_key(EXPORT, "fossil", "plastics-waste", "cn", monthly=True),
            "t",
            "export-monthly-by-country",
        ),
        (
            "B",
            series_key(EXPORT, item_segment("used_pneumatic_tyres")),
            "t",
            "export-by-kind",
        ),
        (
            "B",
            series_key(EXPORT, item_segment("used_vehicles")),
            "units",
            "export-units-by-kind",
        ),
        (
            "B",
            series_key(EXPORT, "used-vehicles", "ru"),
            "units",
            "used-vehicles-by-country",
        ),
        (
            "C",
            series_key(IMPORT, *item_path("biomass", "vegetable_oil_cake")),
            "yen/t",
            "import-biomass-prices",
        ),
    ],
)
def test_each_kind_of_trade_key_has_its_chart(
    code: str, key: str, unit: str, chart: str
) -> None:
    assert drawn_by(code, key, unit) == [chart]
