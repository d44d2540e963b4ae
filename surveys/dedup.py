"""Several rows for one municipality in one survey become one response.

Pure Python. Municipalities send the survey twice, or an old municipality's
form arrives beside its successor's. Rows matched to the same respondent are
merged: the response carries every answer any of its rows gave (a "no
cooperation" row cannot cancel another row's cooperation), keeps each row
as its source, and says why staff should look at it when the rows disagree.
"""

from dataclasses import dataclass
from functools import reduce

from surveys.answers import Answers
from surveys.matching import Entry, Match


@dataclass(frozen=True)
class SubmittedRow:
    """A row of a survey file, matched to its respondent."""

    row_number: int
    match: Match
    answers: Answers
    comment: str = ""


@dataclass(frozen=True)
class PlannedResponse:
    """What one respondent answered, from one or more rows."""

    respondent: Entry
    answers: Answers
    comment: str
    rows: tuple[SubmittedRow, ...]
    review_reasons: tuple[str, ...]

    @property
    def merged(self) -> bool:
        return len(self.rows) > 1

    @property
    def row_numbers(self) -> list[int]:
        return [row.row_number for row in self.rows]

    def merge_note(self) -> str:
        """How the rows became one response, for the report and the preview."""
        if not self.merged:
            return ""
        numbers = "、".join(str(n) for n in self.row_numbers)
        return f"{self.respondent.label}: 行 {numbers} を1件の回答に統合"

    def row_note(self, row: SubmittedRow) -> str:
        """Everything worth saying about how ``row`` was read."""
        notes = [*row.match.notes, self.merge_note(), *self.review_reasons]
        return "；".join(n for n in notes if n)


def plan_responses(rows: list[SubmittedRow]) -> list[PlannedResponse]:
    """One planned response per respondent, in the order of first appearance."""
    groups: dict[Entry, list[SubmittedRow]] = {}
    for row in rows:
        groups.setdefault(row.match.respondent, []).append(row)
    return [_merged(group) for group in groups.values()]


def _merged(rows: list[SubmittedRow]) -> PlannedResponse:
    union = reduce(Answers.union, (row.answers for row in rows), Answers())
    reasons = union.doubts()
    if len({row.answers for row in rows}) > 1:
        reasons.append("重複した回答の内容が異なる")
    comments = dict.fromkeys(row.comment for row in rows if row.comment)
    return PlannedResponse(
        respondent=rows[0].match.respondent,
        answers=union.settled(),
        comment=" / ".join(comments),
        rows=tuple(rows),
        review_reasons=tuple(reasons),
    )
