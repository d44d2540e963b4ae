"""Importing memberships, projects and application counts from staff files."""

import io
from datetime import date, datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from indicators.importing import ImportRejected, import_bytes
from indicators.models import ApplicationCount, Membership, Project, ProjectFollowUp
from indicators.resources_cooperation import MembershipResource, ProjectResource

pytestmark = pytest.mark.usefixtures("reference_data")

MEMBERSHIP_HEADER = "country,framework,joined_on,left_on,note\n"
PROJECT_HEADER = (
    "fiscal_year,programme,title,lead_company,country,city,follow_up,follow_up_on\n"
)


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def import_memberships(text: str, source: str = "memberships.csv") -> object:
    return import_bytes("memberships", csv_bytes(MEMBERSHIP_HEADER + text), source)


def rejection(kind: str, text: str, source: str) -> ImportRejected:
    with pytest.raises(ImportRejected) as raised:
        import_bytes(kind, csv_bytes(text), source)
    return raised.value


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2019-06-01", date(2019, 6, 1)),
        ("2019/6/1", date(2019, 6, 1)),
        ("2019年6月1日", date(2019, 6, 1)),
        ("２０１９年６月１日", date(2019, 6, 1)),
        ("令和元年6月1日", date(2019, 6, 1)),
        ("R1.6.1", date(2019, 6, 1)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("H31.4.30", date(2019, 4, 30)),
        # Excel counts days from 1899-12-30: 2019-01-01 is 43466, +151 days.
        ("43617", date(2019, 6, 1)),
    ],
)
def test_a_start_date_may_be_written_in_any_accepted_notation(
    written: str, day: date
) -> None:
    import_memberships(f"MN,MOU,{written},,\n")

    assert Membership.objects.get().joined_on == day


@pytest.mark.parametrize(
    ("written", "fiscal_year"),
    [
        ("2018", 2018),
        ("FY2018", 2018),
        ("fy2018", 2018),
        ("2018年度", 2018),
        ("２０１８年度", 2018),
        ("平成30年度", 2018),
        ("H30", 2018),
        ("平成31年度", 2019),
        ("令和元年度", 2019),
        ("R1", 2019),
        ("Ｒ１", 2019),
    ],
)
def test_a_fiscal_year_may_be_written_in_any_accepted_notation(
    written: str, fiscal_year: int
) -> None:
    text = f"fiscal_year,programme,applications\n{written},feasibility,15\n"
    import_bytes("applications", csv_bytes(text), "applications.csv")

    assert ApplicationCount.objects.get().fiscal_year == fiscal_year


def test_japanese_headers_and_cp932_are_read_like_english_and_utf8() -> None:
    text = "国,枠組み,開始日,終了日,備考\nモンゴル,JCM,2013年1月8日,,署名\n"
    import_bytes("memberships", csv_bytes(text, "cp932"), "members.csv")

    membership = Membership.objects.get()
    assert (membership.country.alpha2, membership.framework) == ("MN", "JCM")
    assert membership.note == "署名"


def test_a_utf8_file_with_a_byte_order_mark_is_read() -> None:
    data = "\ufeff".encode() + csv_bytes(MEMBERSHIP_HEADER + "KE,ACCP,2017-04-25,,\n")
    import_bytes("memberships", data, "members.csv")

    assert Membership.objects.get().country.alpha2 == "KE"


def test_an_xlsx_file_with_date_cells_and_serial_numbers_is_read() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["国", "枠組み", "開始日", "終了日"])
    sheet.append(["Kenya", "ACCP", datetime(2017, 4, 25), None])
    sheet.append(["ETH", "JCM", 41421, None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    import_bytes("memberships", buffer.getvalue(), "members.xlsx")

    joined = dict(Membership.objects.values_list("country__alpha2", "joined_on"))
    # Serial 41421 is 2013-05-27 (2013-01-01 is 41275, plus 146 days).
    assert joined == {"KE": date(2017, 4, 25), "ET": date(2013, 5, 27)}


@pytest.mark.parametrize(
    "written", ["MOU", "mou", "協力覚書", "覚書", "Memorandum", "ＭＯＵ"]
)
def test_a_framework_may_be_written_as_its_code_or_name(written: str) -> None:
    import_memberships(f"MN,{written},2014-01-01,,\n")

    assert Membership.objects.get().framework == "MOU"


def test_the_same_row_twice_is_one_membership() -> None:
    report = import_memberships(
        "MN,JCM,2013-01-08,,\nモンゴル,JCM,2013年1月8日,,\nKE,JCM,2013-06-12,,\n"
    )

    assert Membership.objects.count() == 2
    assert report.counts["new"] == 2  # type: ignore[attr-defined]
    assert report.notes == [  # type: ignore[attr-defined]
        "memberships.csv: row 3 is the same record as row 2 "
        "(モンゴル (MN) JCM 2013-01-08); kept once"
    ]


def test_reimporting_a_file_changes_nothing() -> None:
    rows = "MN,JCM,2013-01-08,,signed\nKE,ACCP,2017-04-25,2019-03-31,\n"
    import_memberships(rows)
    before = list(Membership.objects.values())
    history = Membership.history.count()

    report = import_memberships(rows)

    assert not report.changed  # type: ignore[attr-defined]
    assert list(Membership.objects.values()) == before
    assert Membership.history.count() == history


def test_a_membership_that_ended_keeps_its_end_date_and_can_be_corrected() -> None:
    import_memberships("MN,MOU,2014-01-01,,\n")
    import_memberships("MN,MOU,2014-01-01,2018-12-31,ended\n")

    membership = Membership.objects.get()
    assert membership.left_on == date(2018, 12, 31)
    assert membership.history.count() == 2


def test_an_unknown_country_is_a_row_error_that_suggests_the_closest() -> None:
    problems = rejection(
        "memberships", MEMBERSHIP_HEADER + "Mongolai,JCM,2013-01-08,,\n", "m.csv"
    ).problems

    assert len(problems) == 1
    assert (problems[0].row, problems[0].column) == (2, "country")
    assert "'Mongolai'" in problems[0].message
    assert "モンゴル / Mongolia (MN)" in problems[0].message


def test_a_file_with_one_bad_row_writes_nothing_and_names_file_row_and_column() -> None:
    text = (
        MEMBERSHIP_HEADER
        + "MN,JCM,2013-01-08,,\n"
        + "KE,JCM,2013-06-12,,\n"
        + "ET,JCM,2013年13月1日,,\n"
        + "VN,JCM,2013-07-02,,\n"
    )

    problems = rejection("memberships", text, "jcm.csv").problems

    assert Membership.objects.count() == 0
    assert [(p.source, p.row, p.column) for p in problems] == [
        ("jcm.csv", 4, "joined_on")
    ]
    assert str(problems[0]).startswith("jcm.csv, row 4, column joined_on: ")


def test_a_bad_cell_outside_the_key_is_located_too() -> None:
    text = MEMBERSHIP_HEADER + "MN,JCM,2013-01-08,someday,\n"

    problems = rejection("memberships", text, "m.csv").problems

    assert [(p.row, p.column) for p in problems] == [(2, "left_on")]


def test_an_end_before_the_start_is_rejected() -> None:
    text = MEMBERSHIP_HEADER + "MN,JCM,2013-01-08,2012-12-31,\n"

    problems = rejection("memberships", text, "m.csv").problems

    assert [(p.row, p.column) for p in problems] == [(2, "left_on")]
    assert Membership.objects.count() == 0


def test_overlapping_spells_of_one_country_in_one_framework_are_rejected() -> None:
    text = MEMBERSHIP_HEADER + "MN,MOU,2014-01-01,,\nMN,MOU,2016-01-01,,\n"

    problems = rejection("memberships", text, "m.csv").problems

    assert [p.row for p in problems] == [3]
    assert Membership.objects.count() == 0


def test_a_country_may_rejoin_after_its_membership_ended() -> None:
    import_memberships("MN,MOU,2014-01-01,2015-12-31,\nMN,MOU,2017-01-01,,\n")

    assert Membership.objects.count() == 2


def test_a_customs_only_partner_is_not_accepted_as_a_country() -> None:
    text = MEMBERSHIP_HEADER + "701,MOU,2014-01-01,,\n"

    problems = rejection("memberships", text, "m.csv").problems

    assert problems[0].column == "country"
    assert "not a country" in problems[0].message


def test_a_missing_required_column_is_reported_against_the_header() -> None:
    problems = rejection("memberships", "country,framework\nMN,JCM\n", "m.csv").problems

    assert (problems[0].row, problems[0].message) == (1, "missing column 'joined_on'")
    assert Membership.objects.count() == 0


def test_a_dry_run_checks_the_file_and_writes_nothing() -> None:
    data = csv_bytes(MEMBERSHIP_HEADER + "MN,JCM,2013-01-08,,\n")

    report = import_bytes("memberships", data, "m.csv", dry_run=True)

    assert report.counts["new"] == 1
    assert Membership.objects.count() == 0


def project_row(**cells: str) -> str:
    row = {
        "fiscal_year": "2018年度",
        "programme": "feasibility",
        "title": "ハノイにおける廃棄物発電の事業化検討",
        "lead_company": "A社",
        "country": "ベトナム",
        "city": "ハノイ",
        "follow_up": "",
        "follow_up_on": "",
    } | cells
    return ",".join(row.values()) + "\n"


def import_projects(*rows: str) -> object:
    return import_bytes("projects", csv_bytes(PROJECT_HEADER + "".join(rows)), "p.csv")


@pytest.mark.parametrize(
    "written",
    [
        "co2_subsidy",
        "海外でのＣＯ２削減支援事業",
        "二酸化炭素排出抑制対策事業費等補助金（我が国循環産業の戦略的国際展開による"
        "海外でのＣＯ２削減支援事業）",
    ],
)
def test_a_programme_may_be_written_as_its_code_or_a_japanese_name(
    written: str,
) -> None:
    import_projects(project_row(programme=written))

    assert Project.objects.get().programme.code == "co2_subsidy"


def test_a_project_is_the_same_when_year_programme_and_title_match() -> None:
    import_projects(project_row())
    import_projects(project_row(fiscal_year="H30", lead_company="B社"))
    import_projects(project_row(fiscal_year="2017"))

    assert Project.objects.count() == 2
    assert Project.objects.get(fiscal_year=2018).lead_company == "B社"


def test_follow_up_history_grows_by_date_and_reimporting_adds_nothing() -> None:
    first = project_row(follow_up="調査・検討を継続中", follow_up_on="2019-03-31")
    later = project_row(follow_up="事業化済み", follow_up_on="令和2年3月31日")
    import_projects(first)
    import_projects(later)
    history = Project.history.count()

    report = import_projects(first)
    import_projects(later)

    entries = ProjectFollowUp.objects.values_list("recorded_on", "status")
    assert list(entries) == [
        (date(2019, 3, 31), "studying"),
        (date(2020, 3, 31), "commercialised"),
    ]
    assert not report.changed  # type: ignore[attr-defined]
    # A new follow-up entry is not a change of the project itself.
    assert Project.history.count() == history == 1


def test_a_status_already_in_force_is_not_recorded_again() -> None:
    import_projects(project_row(follow_up="studying", follow_up_on="2019-03-31"))
    import_projects(project_row(follow_up="studying", follow_up_on="2020-03-31"))

    assert ProjectFollowUp.objects.count() == 1


def test_a_follow_up_dated_before_the_selection_year_is_rejected() -> None:
    text = PROJECT_HEADER + project_row(
        follow_up="commercialised", follow_up_on="2018-03-31"
    )

    problems = rejection("projects", text, "p.csv").problems

    assert [(p.row, p.column) for p in problems] == [(2, "follow_up_on")]
    assert Project.objects.count() == 0


def test_an_unknown_follow_up_status_lists_the_known_ones() -> None:
    text = PROJECT_HEADER + project_row(follow_up="done")

    problems = rejection("projects", text, "p.csv").problems

    assert problems[0].column == "follow_up"
    assert "commercialised" in problems[0].message


def test_an_unknown_programme_lists_the_known_ones() -> None:
    text = PROJECT_HEADER + project_row(programme="pilot")

    problems = rejection("projects", text, "p.csv").problems

    assert problems[0].column == "programme"
    assert "co2_subsidy, feasibility" in problems[0].message


def test_a_project_its_programme_does_not_count_that_year_is_kept_with_a_warning() -> (
    None
):
    report = import_projects(project_row(fiscal_year="2016", programme="co2_subsidy"))

    assert Project.objects.count() == 1
    imported: Any = report
    assert [w.column for w in imported.warnings] == ["fiscal_year"]


def test_a_negative_number_of_applications_is_rejected() -> None:
    text = "年度,事業,応募件数\n2018年度,feasibility,-3\n"

    problems = rejection("applications", text, "a.csv").problems

    assert [(p.row, p.column) for p in problems] == [(2, "applications")]


def test_an_exported_membership_file_imports_back_without_change() -> None:
    import_memberships("MN,JCM,2013-01-08,,\nKE,ACCP,2017-04-25,2019-03-31,note\n")
    exported = MembershipResource().export().csv

    report = import_bytes("memberships", exported.encode(), "export.csv")

    assert exported.splitlines()[1] == "モンゴル,JCM,2013-01-08,,"
    assert not report.changed  # type: ignore[attr-defined]


def test_a_project_export_shows_the_latest_follow_up_in_bounded_queries(
    django_assert_max_num_queries: object,
) -> None:
    import_projects(
        project_row(follow_up="studying", follow_up_on="2019-03-31"),
        project_row(title="別件", follow_up="preparing", follow_up_on="2019-03-31"),
    )
    import_projects(project_row(follow_up="commercialised", follow_up_on="2020-03-31"))

    with django_assert_max_num_queries(4):  # type: ignore[operator]
        exported = ProjectResource().export()

    latest = {row[2]: (row[6], row[7]) for row in exported}
    assert latest == {
        "ハノイにおける廃棄物発電の事業化検討": ("commercialised", "2020-03-31"),
        "別件": ("preparing", "2019-03-31"),
    }


def test_the_command_reports_file_row_and_column_and_exits_with_an_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        MEMBERSHIP_HEADER + "MN,JCM,2013-01-08,,\nNowhereland,JCM,2013-06-12,,\n",
        encoding="utf-8",
    )
    errors = StringIO()

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", "memberships", str(path), stderr=errors)

    assert errors.getvalue().startswith("bad.csv, row 3, column country: ")
    assert Membership.objects.count() == 0


def applications_file(count: int) -> str:
    return f"年度,事業,応募件数\n2018年度,feasibility,{count}\n"


def test_a_project_beyond_the_applications_of_its_year_is_refused_at_its_row() -> None:
    import_bytes("applications", csv_bytes(applications_file(2)), "a.csv")
    rows = "".join(project_row(title=f"案件{n}") for n in range(3))

    problems = rejection("projects", PROJECT_HEADER + rows, "p.csv").problems

    # The third project (file row 4) is one more than the two applications.
    assert [(p.source, p.row, p.column) for p in problems] == [
        ("p.csv", 4, "fiscal_year")
    ]
    assert problems[0].message == (
        "2018年度のfeasibilityの選定事業数（3件）が応募件数（2件）を上回ります。"
        "応募件数と選定事業を確かめてください"
    )
    assert not Project.objects.exists()


def test_fewer_applications_than_the_projects_selected_are_refused() -> None:
    import_projects(*(project_row(title=f"案件{n}") for n in range(3)))

    with translation.override("en"):
        problems = rejection("applications", applications_file(2), "a.csv").problems

    assert [(p.source, p.row, p.column) for p in problems] == [
        ("a.csv", 2, "applications")
    ]
    assert problems[0].message == (
        "FY2018, feasibility: 3 selected projects exceed the 2 applications; "
        "check the number of applications and the selected projects"
    )
    assert not ApplicationCount.objects.exists()


def test_as_many_applications_as_projects_selected_are_kept() -> None:
    import_projects(*(project_row(title=f"案件{n}") for n in range(3)))
    import_bytes("applications", csv_bytes(applications_file(3)), "a.csv")
    # Another programme's applications do not limit feasibility's projects.
    other = "年度,事業,応募件数\n2018年度,co2_subsidy,1\n"
    import_bytes("applications", csv_bytes(other), "b.csv")

    assert Project.objects.count() == 3
    assert ApplicationCount.objects.count() == 2
