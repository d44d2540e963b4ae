from surveys.answers import MULTILATERAL, OTHER, SISTER_CITY, TRAINING_EXCHANGE, Answers
from surveys.tally import tally_answers


def test_a_municipality_choosing_both_cooperation_answers_counts_once() -> None:
    answers = [
        Answers(True, True, kinds=frozenset({SISTER_CITY, OTHER})),
        Answers(True, kinds=frozenset({SISTER_CITY})),
        Answers(general_cooperation=True, kinds=frozenset({MULTILATERAL})),
        Answers(no_cooperation=True),
        Answers(no_cooperation=True),
    ]
    tally = tally_answers(answers, 2017, population=6)
    assert tally.cooperating == 3
    assert tally.breakdown() == {
        "population": 6,
        "specific_partner": 2,
        "general_cooperation": 2,
        "no_cooperation": 2,
        "both": 1,
        "kinds": {
            "sister_city": 2,
            "multilateral": 1,
            "training_exchange": 0,
            "other": 1,
        },
        "fiscal_year": 2017,
    }
    assert tally.responses == 5


def test_kinds_ticked_without_cooperation_are_not_counted() -> None:
    answers = [Answers(no_cooperation=True, kinds=frozenset({TRAINING_EXCHANGE}))]
    tally = tally_answers(answers, 2017, population=1)
    assert tally.kinds[TRAINING_EXCHANGE] == 0
    assert tally.no_cooperation == 1


def test_a_response_without_any_answer_counts_neither_way() -> None:
    tally = tally_answers([Answers()], 2017, population=1)
    assert (tally.responses, tally.cooperating, tally.no_cooperation) == (1, 0, 0)
