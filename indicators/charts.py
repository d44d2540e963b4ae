"""Which charts each indicator page draws, declared against stored series keys.

A chart names the series it draws by *key templates*; the page finds the
stored series whose keys match, so an area's series builder decides what
exists and a chart with no matching series simply does not appear.

Series key convention
---------------------
A key is a path of segments joined by a double hyphen ``--``; words inside
a segment are joined by single hyphens; lowercase ASCII letters and digits
only (the key is a slug). The first segment is the measure; each further
segment narrows it down by one level::

    <measure>[--<segment>]...

A (tonnes; fiscal years ``FY2018``, months ``2018-04``)
    ``export``, ``import``                      totals (rows of the table)
    ``export--<category>``                      ``biomass``, ``metals``,
                                                ``non-metallic-minerals``,
                                                ``fossil``, ``other``
    ``export--<category>--<item>``              e.g. ``export--metals--ferrous-scrap``
    ``export--<category>--<item>--<country>``   partner: ISO 3166 alpha-2 in
                                                lowercase, ``other`` for the rest
    ``export-monthly--<category>--<item>``      an item by month, and
    ``export-monthly--<category>--<item>--<country>``
    and the same with ``import``. Partners are the largest five of the item
    over the periods shown, then ``other``; the trade builders store months
    for plastics waste and waste paper exports (the last five years).
B (tonnes unless noted)
    ``export``, ``import``                      used clothing, retreaded and
                                                used tyres summed by weight
    ``export--<kind>``                          ``used-clothing``,
                                                ``retreaded-tyres``, ``used-tyres``
    ``export--used-vehicles``,                  units (exports only), and
    ``export--used-monitors-tv``
    ``export--used-vehicles--<country>``        by partner (units)
C (yen per tonne; valuation FOB for exports, CIF for imports)
    ``export--<category>--<item>``, ``import--<category>--<item>``
D (countries; points in time ``2019-06-30``)
    ``total``, ``framework--<mou|jcm|accp>``,
    ``combination--<mou-only|jcm-only|accp-only|mou-jcm|jcm-accp|mou-accp|all-three>``,
    ``added--<mou|jcm|accp>`` (additions in the year to the date)
E (projects; fiscal years)
    ``selected``, ``applications``, ``selected--<programme>``,
    ``applications--<programme>`` (the programme's code as a segment,
    ``co2-subsidy``); ``selection-rate`` (%) is stored but not drawn
F (municipalities; fiscal years)
    ``cooperating``,
    ``answer--<specific-partner|general-cooperation|both|none>``,
    ``kind--<sister-city|multilateral|training-exchange|other>``

Templates
---------
A key template is a key in which a placeholder may stand for one segment:

- ``{member}``: every matching series is one dataset of the chart;
- ``{any}``: any segment, not told apart;
- ``{choice}``: the segment the reader chose from the chart's ``choices``
  template, whose matching series (their names) make the list to choose
  from: e.g. the partner countries of the one item chosen.

A chart draws series of one unit only (its ``unit``, or else the unit of the
first series found), so two units never share an axis. Datasets follow the
series' ``order``, then key. The legend shows the series' names, so a
builder names partner series by the partner ("中国") or in full.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

Text = str | Promise

SEGMENT = r"[a-z0-9]+(?:-[a-z0-9]+)*"
PLACEHOLDER = re.compile(r"(\{member\}|\{any\}|\{choice\})")


class ChartKind(StrEnum):
    LINE = "line"
    BAR = "bar"
    STACKED_BAR = "stacked-bar"


class ChartShape(StrEnum):
    OVER_TIME = "over-time"
    # Members side by side at one period the reader chooses (latest first).
    BREAKDOWN = "breakdown"


TRADE_SOURCE = _("財務省「貿易統計」より作成")
MINISTRY_SOURCE = _("環境省資料より作成")


@dataclass(frozen=True)
class ChartSpec:
    slug: str
    title: Text
    keys: tuple[str, ...]
    kind: ChartKind = ChartKind.LINE
    shape: ChartShape = ChartShape.OVER_TIME
    unit: str | None = None
    choices: str | None = None
    choice_label: Text = ""
    in_man: bool = False
    note: Text = ""
    source: Text = TRADE_SOURCE


def template_regex(template: str, choice: str | None = None) -> str:
    """A regular expression, read alike by Python and PostgreSQL, for a template.

    Literal pieces need no escaping: keys hold only ``[a-z0-9-]``, and
    PostgreSQL would not understand ``re.escape``'s ``\\-``.
    """
    parts = []
    for piece in PLACEHOLDER.split(template):
        if piece == "{choice}":
            parts.append(choice if choice is not None else f"({SEGMENT})")
        elif piece in ("{member}", "{any}"):
            parts.append(SEGMENT)
        else:
            parts.append(piece)
    return "".join(parts)


def keys_regex(templates: tuple[str, ...], choice: str | None = None) -> str:
    """One anchored expression matching any of the templates."""
    alternatives = "|".join(template_regex(t, choice) for t in templates)
    return f"^(?:{alternatives})$"


def is_segment(text: str) -> bool:
    return re.fullmatch(SEGMENT, text) is not None


def segment_of(code: str) -> str:
    """A code such as ``co2_subsidy`` written as a key segment: ``co2-subsidy``."""
    words = re.split(r"[^a-z0-9]+", code.lower())
    return "-".join(word for word in words if word)


CATEGORIES: list[tuple[str, Text]] = [
    ("biomass", _("バイオマス")),
    ("metals", _("金属")),
    ("non-metallic-minerals", _("非金属鉱物")),
    ("fossil", _("化石系")),
    ("other", _("その他")),
]
FLOWS: list[tuple[str, Text, Text]] = [
    ("export", _("輸出量"), _("輸出")),
    ("import", _("輸入量"), _("輸入")),
]
FOB_CIF_NOTE = _(
    "輸出はFOB価格（本船渡し価格）、輸入はCIF価格（保険料・運賃込み価格）で"
    "計上されています。価格の基準が違うため、同じ品目でも輸出と輸入の単価は"
    "比べられず、別々のグラフに示しています。"
)
UNIT_VALUE_NOTE = _(
    "単価は期間の金額の合計を数量の合計で割ったもの。金額は千円単位で、"
    "千円未満は切り捨てて計上されています。"
)


def _a_charts() -> list[ChartSpec]:
    charts = [
        ChartSpec(
            "totals",
            _("循環資源の輸出量と輸入量"),
            ("export", "import"),
            ChartKind.LINE,
            unit="t",
            in_man=True,
        )
    ]
    for flow, quantity, _word in FLOWS:
        charts.append(
            ChartSpec(
                f"{flow}-by-category",
                format_lazy(_("{}（分類別）"), quantity),
                (f"{flow}--{{member}}",),
                ChartKind.STACKED_BAR,
                unit="t",
                in_man=True,
            )
        )
    for flow, quantity, _word in FLOWS:
        charts += [
            ChartSpec(
                f"{flow}-{category}-items",
                format_lazy(_("{}の{}（品目別）"), label, quantity),
                (f"{flow}--{category}--{{member}}",),
                ChartKind.STACKED_BAR,
                unit="t",
                in_man=True,
            )
            for category, label in CATEGORIES
        ]
    for flow, quantity, _word in FLOWS:
        charts.append(
            ChartSpec(
                f"{flow}-by-country",
                format_lazy(_("選んだ品目の{}（相手国別）"), quantity),
                (f"{flow}--{{any}}--{{choice}}--{{member}}",),
                ChartKind.LINE,
                unit="t",
                choices=f"{flow}--{{any}}--{{choice}}",
                choice_label=_("品目"),
            )
        )
    charts.append(
        ChartSpec(
            "export-monthly-by-country",
            _("月別の輸出量（相手国別）"),
            ("export-monthly--{any}--{choice}--{member}",),
            ChartKind.LINE,
            unit="t",
            choices="export-monthly--{any}--{choice}",
            choice_label=_("品目"),
            note=_(
                "廃プラスチックなど、月ごとの動きを見る品目。中国は2018年1月から"
                "廃プラスチックの輸入を禁止しました。"
            ),
        )
    )
    return charts


def _b_charts() -> list[ChartSpec]:
    return [
        ChartSpec(
            "totals",
            _("中古品の輸出量と輸入量（中古衣類・更生タイヤ・中古タイヤの合計）"),
            ("export", "import"),
            ChartKind.LINE,
            unit="t",
        ),
        ChartSpec(
            "export-by-kind",
            _("中古品の輸出量（種類別）"),
            ("export--{member}",),
            ChartKind.STACKED_BAR,
            unit="t",
        ),
        ChartSpec(
            "import-by-kind",
            _("中古品の輸入量（種類別）"),
            ("import--{member}",),
            ChartKind.STACKED_BAR,
            unit="t",
        ),
        ChartSpec(
            "export-units-by-kind",
            _("中古自動車・中古モニター等の輸出台数"),
            ("export--{member}",),
            ChartKind.LINE,
            unit="units",
        ),
        ChartSpec(
            "used-vehicles-by-country",
            _("中古自動車の輸出台数（相手国別）"),
            ("export--used-vehicles--{member}",),
            ChartKind.STACKED_BAR,
            unit="units",
        ),
    ]


def _c_charts() -> list[ChartSpec]:
    valuation = {"export": "FOB", "import": "CIF"}
    return [
        ChartSpec(
            f"{flow}-{category}-prices",
            format_lazy(_("{}の{}価格（{}、円/トン）"), label, word, valuation[flow]),
            (f"{flow}--{category}--{{member}}",),
            ChartKind.LINE,
            unit="yen/t",
            note=format_lazy("{} {}", FOB_CIF_NOTE, UNIT_VALUE_NOTE),
        )
        for flow, _quantity, word in FLOWS
        for category, label in CATEGORIES
    ]


def _d_charts() -> list[ChartSpec]:
    return [
        ChartSpec(
            "countries-by-framework",
            _("協力の枠組み別の国の数"),
            ("total", "framework--{member}"),
            ChartKind.LINE,
            unit="countries",
            source=MINISTRY_SOURCE,
            note=_(
                "協力覚書・JCM（二国間クレジット制度）・ACCP（アフリカのきれいな街"
                "プラットフォーム）のいずれかに参加している国の数。複数に参加する国は"
                "合計では1カ国と数えます。"
            ),
        ),
        ChartSpec(
            "combinations",
            _("枠組みの組み合わせ別の国の数"),
            ("combination--{member}",),
            ChartKind.BAR,
            ChartShape.BREAKDOWN,
            unit="countries",
            source=MINISTRY_SOURCE,
        ),
        ChartSpec(
            "additions",
            _("1年間に加わった国の数（枠組み別）"),
            ("added--{member}",),
            ChartKind.BAR,
            unit="countries",
            source=MINISTRY_SOURCE,
        ),
    ]


def _e_charts() -> list[ChartSpec]:
    return [
        ChartSpec(
            "selected-and-applications",
            _("選定事業数と応募件数"),
            ("selected", "applications"),
            ChartKind.BAR,
            source=MINISTRY_SOURCE,
            note=_(
                "2016年度までは事業化促進事業のみ、2017年度からは二酸化炭素排出"
                "抑制対策の補助事業を合わせた件数。"
            ),
        ),
        ChartSpec(
            "selected-by-programme",
            _("選定事業数（事業別）"),
            ("selected--{member}",),
            ChartKind.STACKED_BAR,
            source=MINISTRY_SOURCE,
        ),
        ChartSpec(
            "applications-by-programme",
            _("応募件数（事業別）"),
            ("applications--{member}",),
            ChartKind.STACKED_BAR,
            source=MINISTRY_SOURCE,
        ),
    ]


def _f_charts() -> list[ChartSpec]:
    return [
        ChartSpec(
            "cooperating",
            _("海外の都市と連携している地方公共団体の数"),
            ("cooperating",),
            ChartKind.BAR,
            unit="municipalities",
            source=MINISTRY_SOURCE,
            note=_(
                "連携に関する二つの選択肢のどちらか（または両方）を選んだ団体を"
                "1団体として数えます。"
            ),
        ),
        ChartSpec(
            "by-answer",
            _("アンケートの回答別の団体数"),
            ("answer--{member}",),
            ChartKind.BAR,
            ChartShape.BREAKDOWN,
            unit="municipalities",
            source=MINISTRY_SOURCE,
        ),
        ChartSpec(
            "by-kind",
            _("連携の内容別の団体数（複数回答）"),
            ("kind--{member}",),
            ChartKind.BAR,
            ChartShape.BREAKDOWN,
            unit="municipalities",
            source=MINISTRY_SOURCE,
        ),
    ]


CHARTS: dict[str, list[ChartSpec]] = {
    "A": _a_charts(),
    "B": _b_charts(),
    "C": _c_charts(),
    "D": _d_charts(),
    "E": _e_charts(),
    "F": _f_charts(),
}


def charts_for(code: str) -> list[ChartSpec]:
    return CHARTS.get(code, [])


# Said once at the top of an indicator's page, above its charts.
PAGE_NOTES: dict[str, Text] = {"C": FOB_CIF_NOTE}


def page_note(code: str) -> Text:
    return PAGE_NOTES.get(code, "")
