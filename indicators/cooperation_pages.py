"""What D and E add to the public pages: their lists, and links down to records.

D's page lists the countries in a framework on the date its combinations
chart shows, with the frameworks each holds and since when; E's page lists
every selected project with its newest follow-up. A stored D or E value
links (for staff) to the admin change lists narrowed to exactly the records
its provenance names: memberships, countries, projects, application counts.
"""

import re
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from indicators import cooperation_records as records
from indicators.charts import MINISTRY_SOURCE
from indicators.cooperation import COMBINATIONS, FRAMEWORKS
from indicators.cooperation_records import MemberCountry, ProjectEntry
from indicators.cooperation_series import (
    COMBINATION_NAMES,
    COMBINATIONS_CHART,
    FRAMEWORK_NAMES,
)
from indicators.listings import (
    Cell,
    Listing,
    PageChoices,
    Text,
    reader_name,
    register_listing,
)
from indicators.models import FollowUpStatus
from indicators.provenance import (
    SourceLink,
    changelist_url,
    id_list,
    provenance_linker,
    record_ids,
)
from indicators.templatetags.portal_format import period_label

ALPHA2 = re.compile(r"[A-Z]{2}")


@register_listing("D")
def member_countries(shown: PageChoices) -> list[Listing]:
    """The countries on the date the combinations chart shows."""
    day = _chosen_day(shown.get(COMBINATIONS_CHART))
    frameworks = [reader_name(*FRAMEWORK_NAMES[f]) for f in FRAMEWORKS]
    columns: list[Text] = [_("国"), _("ISO 3166 コード"), _("枠組みの組み合わせ")]
    columns += [_("%(framework)s（開始日）") % {"framework": f} for f in frameworks]
    return [
        Listing(
            "countries",
            _("参加国の一覧（%(day)s）") % {"day": period_label(day.isoformat())},
            columns,
            [_country_row(country) for country in records.member_countries(day)],
            source=MINISTRY_SOURCE,
            note=_(
                "その日に有効な参加と、その開始日。参加の早い国から順に並べています。"
                "組み合わせのグラフで時点を選ぶと、その日の一覧になります。"
            ),
        )
    ]


def _chosen_day(period: str | None) -> date:
    """The date the reader chose, or that of the latest assessment."""
    try:
        return date.fromisoformat(period or "")
    except ValueError:
        return records.assessment_day()


def _country_row(country: MemberCountry) -> list[Cell]:
    combination = COMBINATIONS[frozenset(country.joined)]
    return [
        reader_name(country.name_ja, country.name_en),
        country.alpha2,
        reader_name(*COMBINATION_NAMES[combination]),
        *[country.joined.get(framework) for framework in FRAMEWORKS],
    ]


@register_listing("E")
def selected_projects(shown: PageChoices) -> list[Listing]:
    columns: list[Text] = [
        _("採択年度"),
        _("事業"),
        _("件名"),
        _("代表事業者"),
        _("相手国"),
        _("対象都市"),
        _("採択後の状況"),
        _("状況の確認日"),
    ]
    return [
        Listing(
            "projects",
            _("選定された事業と採択後の状況"),
            columns,
            [_project_row(p) for p in records.projects_with_follow_up()],
            source=MINISTRY_SOURCE,
            note=_(
                "採択後の状況は、記録されている最新の確認結果です。指標Eには、"
                "各年度に集計の対象となる事業で選定されたものを数えます。"
            ),
        )
    ]


def _project_row(project: ProjectEntry) -> list[Cell]:
    status = FollowUpStatus(project.status).label if project.status else None
    return [
        period_label(f"FY{project.fiscal_year}"),
        reader_name(project.programme_ja, project.programme_en),
        project.title,
        project.lead_company,
        reader_name(project.country_ja, project.country_en),
        project.city or None,
        str(status) if status is not None else None,
        project.status_on,
    ]


def _admin_link(label: str, model: str, lookups: dict[str, str]) -> SourceLink:
    return SourceLink(
        label, changelist_url("indicators", model, lookups), staff_only=True
    )


@provenance_linker("memberships")
def _memberships(entry: Any) -> list[SourceLink]:
    ids = record_ids(entry)
    if not ids:
        return []
    label = _("協力枠組みへの参加の記録（%(count)d件）") % {"count": len(ids)}
    return [_admin_link(label, "membership", {"id__in": id_list(ids)})]


@provenance_linker("member_countries")
def _countries(entry: Any) -> list[SourceLink]:
    found = entry if isinstance(entry, list) else []
    codes = [str(c) for c in found if ALPHA2.fullmatch(str(c))]
    if not codes:
        return []
    label = _("国の記録（%(count)dカ国）") % {"count": len(codes)}
    return [_admin_link(label, "country", {"alpha2__in": ",".join(codes)})]


@provenance_linker("projects")
def _projects(entry: Any) -> list[SourceLink]:
    ids = record_ids(entry)
    if not ids:
        return []
    label = _("採択案件の記録（%(count)d件）") % {"count": len(ids)}
    return [_admin_link(label, "project", {"id__in": id_list(ids)})]


@provenance_linker("application_counts")
def _application_counts(entry: Any) -> list[SourceLink]:
    ids = record_ids(entry)
    if not ids:
        return []
    label = _("応募件数の記録（%(count)d件）") % {"count": len(ids)}
    return [_admin_link(label, "applicationcount", {"id__in": id_list(ids)})]
