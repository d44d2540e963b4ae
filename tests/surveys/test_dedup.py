from surveys.answers import OTHER, SISTER_CITY, TRAINING_EXCHANGE, Answers
from surveys.dedup import SubmittedRow, plan_responses
from surveys.matching import Entry, Match

TOYAMA = Entry(1, "162019", "富山県", "富山市", "city")
MINAMATA = Entry(2, "432059", "熊本県", "水俣市", "city")
TOCHIGI = Entry(3, "092037", "栃木県", "栃木市", "city")
IWAFUNE = Entry(4, "093670", "栃木県", "岩舟町", "town")


def row(number: int, who: Entry, answers: Answers, comment: str = "") -> SubmittedRow:
    return SubmittedRow(number, Match(who, who, by_code=True), answers, comment)


def test_one_row_per_municipality_gives_one_response_each() -> None:
    plan = plan_responses(
        [
            row(2, TOYAMA, Answers(no_cooperation=True)),
            row(3, MINAMATA, Answers(general_cooperation=True)),
        ]
    )
    assert [p.respondent for p in plan] == [TOYAMA, MINAMATA]
    assert not any(p.merged or p.review_reasons for p in plan)


def test_a_second_submission_saying_none_does_not_cancel_cooperation() -> None:
    cooperating = Answers(specific_partner=True, kinds=frozenset({SISTER_CITY}))
    (response,) = plan_responses(
        [
            row(5, TOYAMA, cooperating, "姉妹都市"),
            row(9, TOYAMA, Answers(no_cooperation=True), "再提出"),
        ]
    )
    assert response.answers == cooperating
    assert response.row_numbers == [5, 9]
    assert response.comment == "姉妹都市 / 再提出"
    assert response.review_reasons == (
        "連携ありと「実施していない」の両方に回答",
        "重複した回答の内容が異なる",
    )
    assert response.merge_note() == "富山県富山市（162019）: 行 5、9 を1件の回答に統合"


def test_identical_submissions_merge_without_a_doubt() -> None:
    answers = Answers(general_cooperation=True, kinds=frozenset({TRAINING_EXCHANGE}))
    (response,) = plan_responses([row(4, MINAMATA, answers), row(7, MINAMATA, answers)])
    assert response.merged
    assert response.answers == answers
    assert response.review_reasons == ()


def test_two_cooperating_submissions_give_the_union_of_their_kinds() -> None:
    (response,) = plan_responses(
        [
            row(4, MINAMATA, Answers(True, kinds=frozenset({TRAINING_EXCHANGE}))),
            row(8, MINAMATA, Answers(False, True, kinds=frozenset({OTHER}))),
        ]
    )
    assert response.answers == Answers(
        True, True, False, frozenset({TRAINING_EXCHANGE, OTHER})
    )


def test_a_merged_municipality_s_row_joins_its_successor_s_response() -> None:
    own = row(2, TOCHIGI, Answers(no_cooperation=True))
    inherited = SubmittedRow(
        30,
        Match(TOCHIGI, IWAFUNE, by_code=True, notes=("後継",)),
        Answers(no_cooperation=True),
    )
    (response,) = plan_responses([own, inherited])
    assert response.respondent == TOCHIGI
    assert response.row_numbers == [2, 30]
    assert response.row_note(inherited).startswith("後継；栃木県栃木市")
