import pytest

from surveys.answers import (
    OTHER,
    SISTER_CITY,
    TRAINING_EXCHANGE,
    Answers,
    TickError,
    parse_tick,
)


@pytest.mark.parametrize(
    "mark",
    ["1", "１", "○", "◯", "〇", "✓", "✔", "はい", "TRUE", "true", "y", "Ｙ", 1, True],
)
def test_a_ticked_cell_reads_yes(mark: object) -> None:
    assert parse_tick(mark) is True


@pytest.mark.parametrize(
    "mark", ["", " ", None, "0", "×", "✕", "いいえ", "FALSE", "n", "no", 0, False]
)
def test_an_unticked_or_blank_cell_reads_no(mark: object) -> None:
    assert parse_tick(mark) is False


@pytest.mark.parametrize("mark", ["maybe", "△", "2"])
def test_any_other_mark_is_refused(mark: str) -> None:
    with pytest.raises(TickError):
        parse_tick(mark)


def test_the_union_keeps_every_answer_and_kind() -> None:
    first = Answers(specific_partner=True, kinds=frozenset({SISTER_CITY}))
    second = Answers(no_cooperation=True, kinds=frozenset({OTHER}))
    union = first.union(second)
    assert union == Answers(True, False, True, frozenset({SISTER_CITY, OTHER}))


def test_cooperation_wins_over_no_cooperation_when_settled() -> None:
    answers = Answers(general_cooperation=True, no_cooperation=True)
    assert answers.settled() == Answers(general_cooperation=True)
    assert answers.doubts() == ["連携ありと「実施していない」の両方に回答"]


def test_a_kind_without_a_cooperation_answer_is_a_doubt() -> None:
    answers = Answers(no_cooperation=True, kinds=frozenset({TRAINING_EXCHANGE}))
    assert answers.doubts() == ["連携の内容があるが連携ありの回答がない"]
    assert answers.settled() == answers
