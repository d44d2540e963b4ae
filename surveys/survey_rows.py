"""Reading the rows of a survey file: municipality, answers and comment.

Pure Python. Every row is read before anything is written, so that rows for
the same municipality can be merged (``surveys.dedup``) and every problem of
the file reported at once, located by row and column.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from surveys.answers import (
    MULTILATERAL,
    OTHER,
    SISTER_CITY,
    TRAINING_EXCHANGE,
    Answers,
    TickError,
    parse_tick,
)
from surveys.dedup import SubmittedRow
from surveys.matching import (
    CODE_COLUMN,
    NAME_COLUMN,
    PREFECTURE_COLUMN,
    Directory,
    MatchError,
    WrittenMunicipality,
    match_municipality,
)

SPECIFIC_COLUMN = "answer_specific_partner"
GENERAL_COLUMN = "answer_general_cooperation"
NONE_COLUMN = "answer_none"
KIND_COLUMNS = {
    "kind_sister_city": SISTER_CITY,
    "kind_multilateral": MULTILATERAL,
    "kind_training_exchange": TRAINING_EXCHANGE,
    "kind_other": OTHER,
}
COMMENT_COLUMN = "comment"
ANSWER_COLUMNS = (SPECIFIC_COLUMN, GENERAL_COLUMN, NONE_COLUMN)
MUNICIPALITY_COLUMNS = (CODE_COLUMN, NAME_COLUMN, PREFECTURE_COLUMN)

# The answer options as the questionnaire words them, accepted as headers.
QUESTIONNAIRE_HEADERS = {
    "海外の特定自治体との間で、廃棄物管理・３Ｒを含む"
    "環境協力・連携を実施している": SPECIFIC_COLUMN,
    "特定自治体ではないが、廃棄物管理・３Ｒを含む"
    "国際的な環境協力・連携の取組みを実施している": GENERAL_COLUMN,
    "廃棄物管理・３Ｒを含む国際的な環境協力は実施していない": NONE_COLUMN,
}

Row = Mapping[str, object]


@dataclass
class SurveyReading:
    """The rows that were read, and the problems of those that were not."""

    rows: list[SubmittedRow] = field(default_factory=list)
    errors: dict[int, dict[str, list[str]]] = field(default_factory=dict)

    def add_error(self, row_number: int, column: str, message: str) -> None:
        self.errors.setdefault(row_number, {}).setdefault(column, []).append(message)


def read_survey_rows(
    rows: Iterable[tuple[int, Row]], directory: Directory, survey_date: date
) -> SurveyReading:
    """Match and parse each (row number, row) of a file."""
    reading = SurveyReading()
    for number, row in rows:
        answers = _answers(row, number, reading)
        try:
            match = match_municipality(
                directory, written_municipality(row), survey_date
            )
        except MatchError as exc:
            reading.add_error(number, exc.column, str(exc))
            continue
        if answers is not None:
            comment = text_of(row.get(COMMENT_COLUMN))
            reading.rows.append(SubmittedRow(number, match, answers, comment))
    return reading


def written_municipality(row: Row) -> WrittenMunicipality:
    return WrittenMunicipality(
        code=text_of(row.get(CODE_COLUMN)),
        name=text_of(row.get(NAME_COLUMN)),
        prefecture=text_of(row.get(PREFECTURE_COLUMN)),
    )


def _answers(row: Row, number: int, reading: SurveyReading) -> Answers | None:
    """The row's answers, or None after recording each unreadable cell."""
    ticks: dict[str, bool] = {}
    for column in (*ANSWER_COLUMNS, *KIND_COLUMNS):
        try:
            ticks[column] = parse_tick(row.get(column))
        except TickError as exc:
            reading.add_error(number, column, str(exc))
    if len(ticks) < len(ANSWER_COLUMNS) + len(KIND_COLUMNS):
        return None
    return Answers(
        specific_partner=ticks[SPECIFIC_COLUMN],
        general_cooperation=ticks[GENERAL_COLUMN],
        no_cooperation=ticks[NONE_COLUMN],
        kinds=frozenset(kind for column, kind in KIND_COLUMNS.items() if ticks[column]),
    )


def text_of(value: object) -> str:
    return "" if value is None else str(value).strip()
