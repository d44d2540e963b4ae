"""How numbers leave the portal: exact JSON numbers and Japanese display forms."""

from decimal import Decimal

MAN = Decimal(10_000)


def json_number(value: Decimal | int) -> int | float:
    """An exact JSON number: an int when whole, else the shortest float.

    Python prints the shortest decimal that round-trips, so a value with up
    to 15 significant digits comes out in JSON exactly as stored.
    """
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def group_digits(value: Decimal | int, places: int = 0) -> str:
    """Thousands separators, as Japanese statistics print them: 1,741."""
    quantum = Decimal(1).scaleb(-places)
    return f"{Decimal(value).quantize(quantum):,}"


def in_man(value: Decimal | int, places: int = 0) -> str:
    """A quantity in units of 10,000 (万), e.g. 26,110,000 t → "2,611"."""
    return group_digits(Decimal(value) / MAN, places)


def display_number(value: Decimal | int) -> str:
    """A table figure: whole numbers and values from 100 up without decimals,
    smaller ones with one decimal (two below 1), so a small value is never
    printed as a bare 0, which is kept for a true zero."""
    value = Decimal(value)
    if value == value.to_integral_value() or abs(value) >= 100:
        return group_digits(value)
    return group_digits(value, 1 if abs(value) >= 1 else 2)


def plain_decimal(value: Decimal | int) -> str:
    """Exact decimal text without exponent or trailing zeros: 26110000, -0.5.

    The API writes decimals this way in JSON (as strings) and in CSV (as
    numbers), so a figure leaves the portal digit for digit as stored.
    """
    number = Decimal(value)
    if number == 0:
        return "0"
    return format(number.normalize(), "f")
