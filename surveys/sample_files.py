"""Writes the bundled, illustrative survey files of FY2016 and FY2017.

Run ``python -m surveys.sample_files`` to rebuild ``data/sample/``. The
review document publishes only counts, so which municipalities cooperate is
made up here (see ``data/sample/README.md``); the files are built to give
exactly the published FY2017 counts through the real importer, with the
spellings staff meet in returned questionnaires.

Pure Python: reads the shipped registry files, writes CSV.
"""

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from surveys.answers import MULTILATERAL, OTHER, SISTER_CITY, TRAINING_EXCHANGE
from surveys.matching import Entry
from surveys.population import default_survey_date, is_respondent
from surveys.registry_files import (
    CHANGE_LIST,
    NATIONAL_LIST,
    read_change_list,
    read_national_list,
    with_changes,
)
from surveys.survey_rows import QUESTIONNAIRE_HEADERS

SAMPLE_DIR = Path(__file__).resolve().parent / "data" / "sample"

S, M, T, X = SISTER_CITY, MULTILATERAL, TRAINING_EXCHANGE, OTHER  # X: other

# code -> (specific partner, general cooperation, kinds); illustrative.
FY2017_COOPERATION: dict[str, tuple[bool, bool, tuple[str, ...]]] = {
    "401005": (True, True, (S, M, T, X)),  # 北九州市: the one in both
    "141003": (True, False, (S, T)),  # 横浜市
    "271004": (True, False, (S, M)),  # 大阪市
    "401307": (True, False, (S, T)),  # 福岡市
    "281000": (True, False, (S,)),  # 神戸市
    "011002": (True, False, (S,)),  # 札幌市
    "162019": (True, False, (T,)),  # 富山市
    "102024": (True, False, (S,)),  # 高崎市
    "341002": (True, False, (S,)),  # 広島市
    "082082": (True, False, (S,)),  # 龍ケ崎市
    "462012": (True, False, (X,)),  # 鹿児島市
    "041009": (True, False, (M,)),  # 仙台市
    "331007": (True, False, (T,)),  # 岡山市
    "271403": (True, False, (T,)),  # 堺市
    "141305": (False, True, (T, X)),  # 川崎市
    "261009": (False, True, (M,)),  # 京都市
    "231002": (False, True, (T,)),  # 名古屋市
    "432059": (False, True, (T, X)),  # 水俣市
    "131041": (False, True, (X,)),  # 新宿区
    "221309": (False, True, (T,)),  # 浜松市
    "362018": (False, True, (T,)),  # 徳島市
    "302066": (False, True, (X,)),  # 田辺市
    "122246": (False, True, (T,)),  # 鎌ケ谷市
    "292061": (False, True, (T,)),  # 桜井市
    "472018": (False, True, (T,)),  # 那覇市
    "151009": (False, True, (X,)),  # 新潟市
    "242021": (False, True, (X,)),  # 四日市市
}

# FY2016: two fewer, so that the short-term trend is a slight increase.
FY2016_COOPERATION = {
    code: answers
    for code, answers in FY2017_COOPERATION.items()
    if code not in ("082082", "242021")
}

# How a row spells its municipality, where it does not simply give the
# six-digit code: (code, prefecture, name) as written.
FY2017_SPELLINGS = {
    "401005": ("４０１００５", "福岡県", "北九州市"),  # full-width digits
    "271004": ("27100", "大阪府", "大阪市"),  # five-digit code
    "041009": ("04100-9", "宮城県", "仙台市"),  # hyphen before check digit
    "141003": ("141003", "神奈川県", "横浜 市"),  # space in the name
    "011002": ("", "", "札幌市"),  # no prefecture at all
    "401307": ("", "", "福岡県福岡市"),  # prefecture written into the name
    "131041": ("", "", "東京都新宿区"),
    "102024": ("", "群馬", "髙﨑市"),  # old forms, prefecture without 県
    "221309": ("", "静岡県", "濱松市"),
    "341002": ("", "広島県", "廣島市"),
    "362018": ("", "徳島県", "德島市"),
    "302066": ("", "和歌山県", "田邊市"),
    "082082": ("", "茨城県", "竜ヶ崎市"),  # 龍/竜 and ケ/ヶ
    "122246": ("", "千葉", "鎌ｹ谷市"),  # half-width ｹ
    "292061": ("", "奈良県", "櫻井市"),
    "141305": ("", "神奈川県", "\u3000川崎市"),  # ideographic space
    "205630": ("", "長野県", "野澤温泉村"),
    "133078": ("", "東京都", "桧原村"),
    "082228": ("", "茨城県", "鹿島市"),  # 鹿嶋市, not Saga's 鹿島市
    "014583": ("", "北海道", "上川郡東川町"),  # with its district
    "282219": ("", "兵庫県", "篠山市"),  # renamed 丹波篠山市 in 2019
}

# Second submissions, appended after the full list: (code, prefecture, name,
# specific, general, none, kinds, comment).
FY2017_RESUBMISSIONS = [
    ("", "富山県", "富山市", False, False, True, (), "再提出"),
    ("432059", "熊本県", "水俣市", False, True, False, (T, X), ""),
    # A form from 岩舟町, merged into 栃木市 in 2014, still in circulation.
    ("093670", "栃木県", "岩舟町", False, False, True, (), "旧岩舟町の様式で回答"),
]

FY2017_HEADERS = [
    "自治体コード",
    "都道府県",
    "自治体名",
    *QUESTIONNAIRE_HEADERS,
    "姉妹都市・連携都市",
    "複数自治体間枠組（国際会議等）",
    "研修・人材交流",
    "その他",
    "自由記述",
]
FY2016_HEADERS = [
    "municipality_code",
    "prefecture",
    "municipality_name",
    "answer_specific_partner",
    "answer_general_cooperation",
    "answer_none",
    "kind_sister_city",
    "kind_multilateral",
    "kind_training_exchange",
    "kind_other",
    "comment",
]
KIND_ORDER = (S, M, T, X)


@dataclass(frozen=True)
class SampleRow:
    code: str
    prefecture: str
    name: str
    specific: bool = False
    general: bool = False
    none: bool = False
    kinds: tuple[str, ...] = ()
    comment: str = field(default="")


def respondents(day: date) -> list[Entry]:
    registry = with_changes(
        read_national_list(NATIONAL_LIST), read_change_list(CHANGE_LIST)
    )
    found = [
        e for e in registry if is_respondent(e.kind, e.valid_from, e.valid_to, day)
    ]
    return sorted(found, key=lambda e: e.code)


def survey_rows(
    fiscal_year: int,
    cooperation: dict[str, tuple[bool, bool, tuple[str, ...]]],
    spellings: dict[str, tuple[str, str, str]],
) -> Iterator[SampleRow]:
    for entry in respondents(default_survey_date(fiscal_year)):
        code, prefecture, name = spellings.get(
            entry.code, (entry.code, entry.prefecture, entry.name)
        )
        specific, general, kinds = cooperation.get(entry.code, (False, False, ()))
        none = not (specific or general)
        yield SampleRow(code, prefecture, name, specific, general, none, kinds)


def fy2017_rows() -> list[SampleRow]:
    rows = list(survey_rows(2017, FY2017_COOPERATION, FY2017_SPELLINGS))
    # 富山市's first form ticks cooperation; its second says none (merged,
    # flagged for review).
    rows = [
        replace(row, comment="姉妹都市と廃棄物分野の研修")
        if row.code == "162019"
        else row
        for row in rows
    ]
    rows += [SampleRow(*r[:3], *r[3:6], r[6], r[7]) for r in FY2017_RESUBMISSIONS]
    return rows


def fy2016_rows() -> list[SampleRow]:
    return list(survey_rows(2016, FY2016_COOPERATION, {}))


def fy2017_csv(rows: list[SampleRow]) -> str:
    """Japanese headers, ○ for a tick, blank otherwise; UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FY2017_HEADERS)
    for row in rows:
        ticks = [row.specific, row.general, row.none]
        ticks += [kind in row.kinds for kind in KIND_ORDER]
        marks = ["○" if tick else "" for tick in ticks]
        writer.writerow([row.code, row.prefecture, row.name, *marks, row.comment])
    return out.getvalue()


def fy2016_csv(rows: list[SampleRow]) -> str:
    """English headers, y/n ticks; written as CP932 like Japanese Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FY2016_HEADERS)
    for row in rows:
        ticks = [row.specific, row.general, row.none]
        ticks += [kind in row.kinds for kind in KIND_ORDER]
        marks = ["y" if tick else "n" for tick in ticks]
        writer.writerow([row.code, row.prefecture, row.name, *marks, row.comment])
    return out.getvalue()


def expected_counts(
    cooperation: dict[str, tuple[bool, bool, tuple[str, ...]]],
) -> Counter[str]:
    counts: Counter[str] = Counter()
    for specific, general, kinds in cooperation.values():
        counts.update(
            specific_partner=specific, general=general, both=specific and general
        )
        counts.update(kinds)
    return counts


def main() -> None:
    (SAMPLE_DIR / "survey_fy2017.csv").write_text(
        fy2017_csv(fy2017_rows()), encoding="utf-8"
    )
    (SAMPLE_DIR / "survey_fy2016.csv").write_bytes(
        fy2016_csv(fy2016_rows()).encode("cp932")
    )
    for year, cooperation in ((2016, FY2016_COOPERATION), (2017, FY2017_COOPERATION)):
        print(year, len(cooperation), dict(expected_counts(cooperation)))


if __name__ == "__main__":
    main()
