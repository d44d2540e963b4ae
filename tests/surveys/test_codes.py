import csv

import pytest

from surveys.codes import CodeError, WrongCheckDigit, check_digit, parse_code
from surveys.registry_files import NATIONAL_LIST


def test_the_check_digit_weighs_the_five_digits_by_six_to_two() -> None:
    # 札幌市 01100: 0*6 + 1*5 + 1*4 + 0*3 + 0*2 = 9; 11 - 9 = 2.
    assert check_digit("01100") == "2"


def test_a_sum_divisible_by_eleven_gives_check_digit_one() -> None:
    # 札幌市中央区 01101: 5 + 4 + 2 = 11, remainder 0; 11 - 0 = 11, last digit 1.
    assert check_digit("01101") == "1"


def test_a_remainder_of_one_gives_check_digit_zero() -> None:
    # 札幌市西区 01107: 5 + 4 + 14 = 23, remainder 1; 11 - 1 = 10, last digit 0.
    assert check_digit("01107") == "0"


def test_a_six_digit_code_with_its_check_digit_is_accepted() -> None:
    assert parse_code("401005") == "401005"


def test_the_five_digit_form_gains_its_check_digit() -> None:
    # 北九州市 40100: 24 + 0 + 4 + 0 + 0 = 28, remainder 6; 11 - 6 = 5.
    assert parse_code("40100") == "401005"


def test_full_width_digits_and_a_hyphen_are_read() -> None:
    assert parse_code("４０１００５") == "401005"
    assert parse_code("40100-5") == "401005"


def test_a_number_that_lost_its_leading_zero_is_read_as_a_five_digit_code() -> None:
    assert parse_code(1100) == "011002"


def test_a_wrong_check_digit_is_refused_with_the_right_one() -> None:
    with pytest.raises(WrongCheckDigit) as error:
        parse_code("401006")
    assert error.value.expected == "5"
    assert "401006" in str(error.value)


@pytest.mark.parametrize("written", ["4010", "4010050", "札幌", "40l00"])
def test_anything_but_five_or_six_digits_is_refused(written: str) -> None:
    with pytest.raises(CodeError):
        parse_code(written)


def test_every_code_of_the_national_list_carries_its_check_digit() -> None:
    with NATIONAL_LIST.open(encoding="utf-8") as handle:
        codes = [row["code6"] for row in csv.DictReader(handle)]
    assert len(codes) == 1922
    assert all(parse_code(code) == code for code in codes)
