"""Survey and registry files through the importer staff use."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from indicators.importing import ImportRejected, ImportReport, import_bytes
from indicators.models import DataImport
from surveys.models import Municipality, SourceRow, Survey, SurveyResponse

HEADER = (
    "municipality_code,prefecture,municipality_name,answer_specific_partner,"
    "answer_general_cooperation,answer_none,kind_sister_city,kind_multilateral,"
    "kind_training_exchange,kind_other,comment\n"
)
# Rows 2 to 6 of the file: every respondent of the small registry once.
ROWS = (
    "102024,群馬県,高崎市,1,0,0,1,0,0,0,姉妹都市\n"
    ",栃木,栃木市,0,0,1,0,0,0,0,\n"
    "132063,東京都,府中市,0,1,0,0,0,1,0,\n"
    "34206,,,0,0,1,0,0,0,0,\n"
    ",富山県,富山市,0,0,1,0,0,0,0,\n"
    ",長野県,野澤温泉村,0,0,1,0,0,0,0,\n"
)


def survey_file(rows: str = ROWS) -> bytes:
    return (HEADER + rows).encode("utf-8")


def import_survey(
    rows: str = ROWS, name: str = "fy2017.csv", **options: Any
) -> ImportReport:
    options.setdefault("fiscal_year", "2017")
    return import_bytes("survey", survey_file(rows), name, **options)


def rejection(rows: str) -> ImportRejected:
    with pytest.raises(ImportRejected) as error:
        import_survey(rows)
    return error.value


def answers_of(name: str, code: str | None = None) -> SurveyResponse:
    found = SurveyResponse.objects.filter(municipality__name=name)
    if code:
        found = found.filter(municipality__code=code)
    return found.get()


def test_each_row_becomes_the_response_of_its_municipality(small_registry) -> None:
    report = import_survey()

    assert report.counts["new"] == 6
    assert SurveyResponse.objects.count() == 6
    takasaki = answers_of("高崎市")
    assert (takasaki.specific_partner, takasaki.kind_sister_city) == (True, True)
    assert takasaki.comment == "姉妹都市"
    assert answers_of("府中市", "342068").no_cooperation
    assert answers_of("府中市", "132063").general_cooperation
    survey = Survey.objects.get()
    assert (survey.fiscal_year, str(survey.survey_date)) == (2017, "2017-10-01")


def test_every_response_keeps_its_source_file_and_row(small_registry) -> None:
    import_survey()

    row = answers_of("野沢温泉村").source_rows.get()
    assert (row.source_file, row.row_number) == ("fy2017.csv", 7)
    assert row.municipality_name == "野澤温泉村"
    assert row.match_note == "表記「野澤温泉村」を「野沢温泉村」と照合"


def test_duplicate_submissions_become_one_response_flagged_for_review(
    small_registry,
) -> None:
    again = ",富山県,富山市,1,0,0,0,0,1,0,再提出\n"

    report = import_survey(ROWS + again)

    toyama = answers_of("富山市")
    assert (toyama.specific_partner, toyama.no_cooperation) == (True, False)
    assert toyama.kind_training_exchange
    assert "両方に回答" in toyama.review_reason
    assert [r.row_number for r in toyama.source_rows.all()] == [6, 8]
    assert "統合: 富山県富山市（162019）: 行 6、8 を1件の回答に統合" in report.notes
    assert SurveyResponse.objects.count() == 6


def test_an_old_municipality_answers_as_its_successor_and_is_reported(
    small_registry,
) -> None:
    iwafune = "093670,栃木県,岩舟町,0,1,0,0,0,0,1,旧様式\n"

    report = import_survey(ROWS + iwafune)

    tochigi = answers_of("栃木市")
    assert tochigi.general_cooperation and tochigi.kind_other
    assert tochigi.source_rows.count() == 2
    assert not SurveyResponse.objects.filter(municipality__name="岩舟町").exists()
    assert any("岩舟町" in note and "後継" in note for note in report.notes)


def test_a_file_with_one_bad_row_writes_nothing(small_registry) -> None:
    bad = ROWS.replace(",富山県,富山市,", ",富山県,富山町,")

    problems = rejection(bad).problems

    assert [(p.source, p.row, p.column) for p in problems] == [
        ("fy2017.csv", 6, "municipality_name")
    ]
    assert "富山町" in problems[0].message
    assert "富山県富山市（162019）" in problems[0].message  # the candidate
    assert not Survey.objects.exists()
    assert not SurveyResponse.objects.exists()
    assert not SourceRow.objects.exists()
    assert not DataImport.objects.exists()


def test_a_wrong_check_digit_is_a_row_error_listing_the_municipality(
    small_registry,
) -> None:
    (problem,) = rejection(ROWS.replace("102024,", "102025,")).problems

    assert (problem.row, problem.column) == (2, "municipality_code")
    assert "検査数字" in problem.message and "高崎市" in problem.message


def test_a_name_in_two_prefectures_is_a_row_error_listing_both(small_registry) -> None:
    (problem,) = rejection(ROWS + ",,府中市,0,0,1,0,0,0,0,\n").problems

    assert (problem.row, problem.column) == (8, "municipality_name")
    assert "東京都府中市（132063）" in problem.message
    assert "広島県府中市（342068）" in problem.message


def test_a_code_and_a_name_of_different_municipalities_are_refused(
    small_registry,
) -> None:
    (problem,) = rejection(
        ROWS.replace("102024,群馬県,高崎市", "102024,,富山市")
    ).problems

    assert (problem.row, problem.column) == (2, "municipality_name")


def test_an_unreadable_tick_is_located_in_its_column(small_registry) -> None:
    (problem,) = rejection(ROWS.replace(",富山市,0,0,1,", ",富山市,0,0,△,")).problems

    assert (problem.row, problem.column) == (6, "answer_none")


def test_a_designated_city_ward_is_refused_as_no_respondent(small_registry) -> None:
    (problem,) = rejection(
        ROWS + "011011,北海道,札幌市中央区,0,0,1,0,0,0,0,\n"
    ).problems

    assert problem.row == 8
    assert "調査の対象ではありません" in problem.message


def test_a_survey_file_needs_its_fiscal_year(small_registry) -> None:
    with pytest.raises(ImportRejected) as error:
        import_bytes("survey", survey_file(), "fy2017.csv")

    (problem,) = error.value.problems
    assert "--fiscal-year" in problem.message


def test_re_importing_the_same_file_changes_nothing(small_registry) -> None:
    import_survey()
    history = SurveyResponse.history.count()
    rows = list(SourceRow.objects.values_list("pk", "response_id"))

    report = import_survey()

    assert report.counts == {
        "new": 0,
        "update": 0,
        "delete": 0,
        "skip": 6,
        "error": 0,
        "invalid": 0,
    }
    assert not report.changed
    assert SurveyResponse.history.count() == history
    assert list(SourceRow.objects.values_list("pk", "response_id")) == rows


def test_a_new_file_for_the_year_replaces_its_responses_and_keeps_history(
    small_registry,
) -> None:
    import_survey()
    fuchu_tokyo = answers_of("府中市", "132063").pk
    corrected = ROWS.replace("132063,東京都,府中市,0,1,0", "132063,東京都,府中市,1,0,0")
    corrected = corrected.replace(",長野県,野澤温泉村,0,0,1,0,0,0,0,\n", "")

    report = import_survey(corrected, name="fy2017-corrected.csv")

    assert report.changed
    assert SurveyResponse.objects.count() == 5
    assert set(SourceRow.objects.values_list("source_file", flat=True)) == {
        "fy2017-corrected.csv"
    }
    fuchu = SurveyResponse.objects.get(pk=fuchu_tokyo)
    assert (fuchu.specific_partner, fuchu.general_cooperation) == (True, False)
    changes = [h.history_type for h in fuchu.history.order_by("history_date")]
    assert changes == ["+", "~"]
    removed = SurveyResponse.history.filter(municipality__name="野沢温泉村")
    assert [h.history_type for h in removed.order_by("history_date")] == ["+", "-"]


def test_a_staff_review_mark_survives_a_re_import_of_the_same_answers(
    small_registry,
) -> None:
    twice = ROWS + ",富山県,富山市,1,0,0,0,0,1,0,\n"
    import_survey(twice)
    SurveyResponse.objects.filter(municipality__name="富山市").update(reviewed=True)

    import_survey(twice)
    assert answers_of("富山市").reviewed

    import_survey(twice.replace(",富山市,1,0,0,", ",富山市,0,1,0,"))
    assert not answers_of("富山市").reviewed


def test_a_dry_run_reports_and_writes_nothing(small_registry) -> None:
    report = import_survey(dry_run=True)

    assert report.counts["new"] == 6
    assert not SurveyResponse.objects.exists()


def test_japanese_headers_and_cp932_are_read(small_registry) -> None:
    header = (
        "自治体コード,都道府県,自治体名,"
        "海外の特定自治体との間で、廃棄物管理・３Ｒを含む環境協力・連携を実施している,"
        "特定自治体ではないが、廃棄物管理・３Ｒを含む国際的な環境協力・連携の取組みを"
        "実施している,廃棄物管理・３Ｒを含む国際的な環境協力は実施していない,"
        "姉妹都市・連携都市,複数自治体間枠組（国際会議等）,研修・人材交流,その他,自由記述\n"
    )
    rows = "１０２０２４,群馬県,髙﨑市,○,,,はい,,,,\n"
    data = (header + rows).encode("cp932")

    import_bytes("survey", data, "回答.csv", fiscal_year="平成29年度")

    takasaki = answers_of("高崎市")
    assert takasaki.specific_partner and takasaki.kind_sister_city
    assert takasaki.survey.fiscal_year == 2017


def test_the_command_names_file_row_and_column_of_a_bad_row(
    small_registry, tmp_path: Path
) -> None:
    path = tmp_path / "fy2017.csv"
    path.write_bytes(survey_file(ROWS.replace("富山市", "富山町")))
    errors = StringIO()

    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "import_records",
            "survey",
            str(path),
            "--fiscal-year",
            "2017",
            stderr=errors,
        )

    assert "fy2017.csv, row 6, column municipality_name:" in errors.getvalue()


def test_the_registry_import_adds_a_renaming_with_its_successor(
    small_registry,
) -> None:
    changes = (
        "code,prefecture,name,kana,kind,valid_from,valid_to,successor_code\n"
        "16201,富山県,富山市,トヤマシ,市,,2030-03-31,162019\n"
        "162019,富山,新富山市,シントヤマシ,市,2030-04-01,,\n"
    )

    report = import_bytes("municipalities", changes.encode(), "changes.csv")

    assert (report.counts["new"], report.counts["update"]) == (1, 1)
    toyama = Municipality.objects.get(code="162019", name="富山市")
    assert str(toyama.valid_to) == "2030-03-31"
    assert toyama.kana == "トヤマシ"
    assert Municipality.objects.get(name="新富山市").prefecture == "富山県"


def test_the_registry_import_refuses_a_successor_that_does_not_exist(
    small_registry,
) -> None:
    changes = (
        "code,prefecture,name,kana,kind,valid_from,valid_to,successor_code\n"
        "162019,富山県,富山市,,city,,2030-03-31,162027\n"
    )

    with pytest.raises(ImportRejected) as error:
        import_bytes("municipalities", changes.encode(), "changes.csv")

    (problem,) = error.value.problems
    assert (problem.row, problem.column) == (2, "successor_code")
    assert Municipality.objects.get(code="162019").valid_to is None


def test_the_registry_import_refuses_a_wrong_check_digit(small_registry) -> None:
    changes = "code,prefecture,name,kind\n162018,富山県,富山市,city\n"

    with pytest.raises(ImportRejected) as error:
        import_bytes("municipalities", changes.encode(), "changes.csv")

    (problem,) = error.value.problems
    assert (problem.row, problem.column) == (2, "code")


def test_a_file_answering_for_every_respondent_gives_no_coverage_warning(
    small_registry,
) -> None:
    assert import_survey().warnings == []


def test_a_file_leaving_respondents_out_is_warned_about(small_registry) -> None:
    # Two of the six respondents of the small registry.
    report = import_survey(ROWS.splitlines(keepends=True)[0] + ROWS.splitlines()[2])
    (warning,) = report.warnings
    assert "2 / 6" in warning.message
    assert SurveyResponse.objects.count() == 2
