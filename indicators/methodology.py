"""What the methodology page says: each indicator's definition and source,
and the assessment rules, read from the method's own parameters so that the
page and the computation cannot disagree."""

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from indicators.assessment import DEFAULT_METHOD, Method
from indicators.models import Indicator

TRADE_STATISTICS = _("財務省「貿易統計」（品目別・国別、月別の表）")

DEFINITIONS: dict[str, tuple[Promise, Promise]] = {
    "A": (
        _(
            "循環資源（廃棄物などのうち役に立つもの）の輸出量と輸入量（トン）。"
            "対象の品目は統計品目番号（HS 9桁）で決め、バイオマス・金属・非金属"
            "鉱物・化石系・その他の5分類にまとめます。年度（4月から翌年3月）ごと"
            "に集計し、1年度分には二つの暦年の月別データを使います。"
        ),
        TRADE_STATISTICS,
    ),
    "B": (
        _(
            "中古衣類など、更生タイヤ、中古の空気タイヤの輸出量と輸入量を重さで"
            "合計したもの（トン）。中古自動車は台数で、家電は別の系列で示します。"
        ),
        TRADE_STATISTICS,
    ),
    "C": (
        _(
            "品目ごとの単価（円/トン）：期間の金額の合計を数量の合計で割った値。"
            "金額は千円単位で千円未満を切り捨てて計上されています。輸出はFOB、"
            "輸入はCIFで、基準が違うため比べません。評価表には一つの値を置かず、"
            "品目ごとの推移を指標のページに示します。"
        ),
        TRADE_STATISTICS,
    ),
    "D": (
        _(
            "資源循環分野を含む環境協力の覚書、二国間クレジット制度（JCM）、"
            "アフリカのきれいな街プラットフォーム（ACCP）のどれかに参加している"
            "国の数。参加は開始日から終了日まで（両日を含む）有効とし、複数の"
            "枠組みに参加する国は1カ国と数えます。各年度末（3月31日）と評価基準日"
            "の時点で数え、1年前の同じ日からの増加も示します。"
        ),
        _("環境省資料（覚書・JCM・ACCP の参加国の記録）"),
    ),
    "E": (
        _(
            "循環産業の海外展開を事業化につなげる支援で、各年度に選ばれた事業の"
            "数。2016年度までは事業化促進事業だけ、2017年度からは二酸化炭素排出"
            "抑制対策の補助事業も合わせて数えます。応募件数と、選ばれた事業の"
            "その後（フォローアップ）も記録します。"
        ),
        _("環境省の報道発表資料（公募の結果）"),
    ),
    "F": (
        _(
            "海外の都市と廃棄物管理・3Rで協力・連携していると答えた地方公共団体"
            "の数。全国の市町村と東京23区に毎年アンケートで尋ねます（政令指定都市"
            "の区と、行政が機能していない北方領土の6村は対象外）。二つの選択肢の"
            "両方を選んだ団体、二度回答した団体、表記の違う同じ団体は1団体と数え、"
            "合併後は調査日の時点で存続する団体が答えます。"
        ),
        _("環境省の地方公共団体アンケート"),
    ),
}


@dataclass(frozen=True)
class Definition:
    indicator: Indicator
    definition: str
    source: str


@dataclass(frozen=True)
class MethodRules:
    version: str
    base_year: int
    long_term_flat_below: str
    short_term_flat_below: str
    short_term_window: int


def indicator_definitions(indicators: Iterable[Indicator]) -> list[Definition]:
    return [
        Definition(indicator, *[str(text) for text in _texts(indicator.code)])
        for indicator in indicators
    ]


def method_rules(method: Method = DEFAULT_METHOD) -> MethodRules:
    return MethodRules(
        version=method.version,
        base_year=method.base_year,
        long_term_flat_below=_percent(method.long_term_flat_below),
        short_term_flat_below=_percent(method.short_term_flat_below),
        short_term_window=method.short_term_window,
    )


def _texts(code: str) -> tuple[Promise | str, Promise | str]:
    return DEFINITIONS.get(code, ("―", "―"))


def _percent(share: Fraction) -> str:
    percent = share * 100
    return f"{percent.numerator / percent.denominator:g}%"
