"""Undoing a survey import puts the year's responses and source rows back."""

import pytest

from indicators.importing import import_bytes
from indicators.models import DataImport
from indicators.undo import undo_import
from surveys.models import SourceRow, SurveyResponse

HEADER = (
    "municipality_code,prefecture,municipality_name,answer_specific_partner,"
    "answer_general_cooperation,answer_none,comment\n"
)
FIRST = (
    "102024,群馬県,高崎市,1,0,0,姉妹都市\n"
    ",栃木県,栃木市,0,0,1,\n"
    "132063,東京都,府中市,0,1,0,\n"
    ",富山県,富山市,0,0,1,\n"
)
# A corrected file: Takasaki now answers "none", Toyama is gone, Nozawa-onsen
# answers, and Iwafune (merged into Tochigi in 2014) is counted as Tochigi.
SECOND = (
    "102024,群馬県,高崎市,0,0,1,訂正\n"
    ",栃木県,栃木市,0,0,1,\n"
    "132063,東京都,府中市,0,1,0,\n"
    ",長野県,野沢温泉村,0,1,0,\n"
    ",栃木県,岩舟町,1,0,0,\n"
)


def import_survey(rows: str, name: str) -> DataImport:
    report = import_bytes("survey", (HEADER + rows).encode(), name, fiscal_year="2017")
    assert report.data_import is not None
    return report.data_import


def responses() -> dict[str, tuple[int, bool, bool, bool, str]]:
    return {
        r.municipality.name: (
            r.pk,
            r.specific_partner,
            r.general_cooperation,
            r.no_cooperation,
            r.comment,
        )
        for r in SurveyResponse.objects.select_related("municipality")
    }


def source_rows() -> set[tuple[str, int, str, int]]:
    return set(
        SourceRow.objects.values_list(
            "source_file", "row_number", "municipality_name", "response_id"
        )
    )


@pytest.mark.usefixtures("small_registry")
def test_undoing_a_corrected_survey_file_brings_back_the_first_file() -> None:
    import_survey(FIRST, "fy2017.csv")
    before = (responses(), source_rows())
    second = import_survey(SECOND, "fy2017-corrected.csv")
    assert responses()["高崎市"][1:] == (False, False, True, "訂正")
    assert "富山市" not in responses()

    counts = undo_import(second, None)

    assert (responses(), source_rows()) == before
    assert counts["removed"] >= 1 and counts["restored"] >= 1
    assert SurveyResponse.objects.count() == 4


@pytest.mark.usefixtures("small_registry")
def test_undoing_the_first_survey_file_leaves_no_response() -> None:
    first = import_survey(FIRST, "fy2017.csv")

    undo_import(first, None)

    assert not SurveyResponse.objects.exists()
    assert not SourceRow.objects.exists()
    # Every deleted response stays in the history.
    assert SurveyResponse.history.filter(history_type="-").count() == 4
