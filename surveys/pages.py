"""What the survey area adds to F's public page: the list, and links to records.

F's page lists the municipalities that cooperate, in prefecture order, for
the fiscal year its answers chart shows. A stored F value links (for staff)
to the admin's responses narrowed to exactly the ones it counts, by the
survey and the selection its provenance names, and to the municipalities
by code where it lists them.
"""

import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.charts import MINISTRY_SOURCE
from indicators.listings import (
    Cell,
    Listing,
    PageChoices,
    Text,
    reader_name,
    register_listing,
)
from indicators.periods import FISCAL_YEAR
from indicators.provenance import SourceLink, changelist_url, provenance_linker
from indicators.templatetags.portal_format import period_label
from surveys import records
from surveys.answers import KINDS
from surveys.builders import ANSWERS_CHART, KIND_NAMES
from surveys.models import AnswerFields
from surveys.records import CooperatingMunicipality
from surveys.tally import COOPERATING, KIND_PREFIX

CODE = re.compile(r"\d{6}")

# The admin filters (surveys.admin) that pick each selection's responses.
ANSWER_LOOKUPS: dict[str, dict[str, str]] = {
    COOPERATING: {"cooperates": "yes"},
    "specific_partner": {"specific_partner__exact": "1"},
    "general_cooperation": {"general_cooperation__exact": "1"},
    "both": {"specific_partner__exact": "1", "general_cooperation__exact": "1"},
    "no_cooperation": {"cooperates": "no", "no_cooperation__exact": "1"},
}


@register_listing("F")
def cooperating_municipalities(shown: PageChoices) -> list[Listing]:
    """The cooperating municipalities of the year the answers chart shows."""
    fiscal_year = _chosen_year(shown.get(ANSWERS_CHART))
    found = records.cooperating_municipalities(fiscal_year) if fiscal_year else []
    year = period_label(f"FY{fiscal_year}") if fiscal_year else "―"
    columns: list[Text] = [
        _("都道府県"),
        _("自治体コード"),
        _("自治体名"),
        _("海外の特定の自治体と連携"),
        _("特定の自治体に限らない国際協力"),
        _("連携の内容"),
    ]
    return [
        Listing(
            "municipalities",
            _("連携している地方公共団体（%(year)s、都道府県順）") % {"year": year},
            columns,
            [_municipality_row(m) for m in found],
            source=MINISTRY_SOURCE,
            note=_(
                "アンケートで連携に関する選択肢のどちらか（または両方）を選んだ"
                "団体。回答の年度は、回答別のグラフで選べます。"
            ),
        )
    ]


def _chosen_year(period: str | None) -> int | None:
    """The fiscal year the reader chose, or the latest surveyed."""
    found = FISCAL_YEAR.match(period or "")
    if found:
        return int(found.group(1))
    return records.latest_survey_year(timezone.localdate())


def _municipality_row(municipality: CooperatingMunicipality) -> list[Cell]:
    answers = municipality.answers
    kinds = [reader_name(*KIND_NAMES[kind]) for kind in KINDS if kind in answers.kinds]
    return [
        municipality.prefecture,
        municipality.code,
        municipality.name,
        _yes_no(answers.specific_partner),
        _yes_no(answers.general_cooperation),
        _("、").join(kinds) or None,
    ]


def _yes_no(answer: bool) -> str:
    return _("はい") if answer else _("いいえ")


def response_lookups(survey: int, selection: str) -> dict[str, str]:
    """Admin URL lookups picking exactly the survey's responses in ``selection``."""
    if selection.startswith(KIND_PREFIX):
        field = AnswerFields.KIND_FIELDS[selection.removeprefix(KIND_PREFIX)]
        lookups = {**ANSWER_LOOKUPS[COOPERATING], f"{field}__exact": "1"}
    else:
        lookups = dict(ANSWER_LOOKUPS[selection])
    return {"survey__id__exact": str(survey), **lookups}


@provenance_linker("survey_responses")
def _responses(entry: Any) -> list[SourceLink]:
    try:
        lookups = response_lookups(int(entry["survey"]), str(entry["selection"]))
    except (KeyError, TypeError, ValueError):
        return []
    label = _("回答の記録（%(count)s団体）") % {"count": _count(entry.get("count"))}
    url = changelist_url("surveys", "surveyresponse", lookups)
    return [SourceLink(label, url, staff_only=True)]


@provenance_linker("municipality_codes")
def _municipalities(entry: Any) -> list[SourceLink]:
    found = entry if isinstance(entry, list) else []
    codes = [str(code) for code in found if CODE.fullmatch(str(code))]
    if not codes:
        return []
    label = _("自治体の記録（%(count)d団体）") % {"count": len(codes)}
    url = changelist_url("surveys", "municipality", {"code__in": ",".join(codes)})
    return [SourceLink(label, url, staff_only=True)]


def _count(count: Any) -> str:
    return f"{count:,}" if isinstance(count, int) else "―"
