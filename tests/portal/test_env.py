"""Settings readers: a bad value stops start-up with the variable's name."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_choice, env_int, env_list, env_rate, env_str


@pytest.mark.parametrize("raw", ["1", "true", "YES", " on "])
def test_true_spellings_read_as_true(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("PORTAL_FLAG", raw)

    assert env_bool("PORTAL_FLAG") is True


@pytest.mark.parametrize("raw", ["0", "false", "No", "off", ""])
def test_false_spellings_read_as_false(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("PORTAL_FLAG", raw)

    assert env_bool("PORTAL_FLAG", default=True) is False


def test_an_unset_boolean_takes_its_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTAL_FLAG", raising=False)

    assert env_bool("PORTAL_FLAG", default=True) is True


@pytest.mark.parametrize("raw", ["ture", "2", "enabled", "y e s"])
def test_a_bad_boolean_fails_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("PORTAL_FLAG", raw)

    with pytest.raises(ImproperlyConfigured, match=r"PORTAL_FLAG=.* not a boolean"):
        env_bool("PORTAL_FLAG")


def test_an_integer_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_COUNT", " -42 ")

    assert env_int("PORTAL_COUNT", 7) == -42


def test_a_blank_integer_takes_its_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_COUNT", "  ")

    assert env_int("PORTAL_COUNT", 7) == 7


@pytest.mark.parametrize("raw", ["ten", "1.5", "10MB", "1_000x"])
def test_a_bad_integer_fails_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("PORTAL_COUNT", raw)

    with pytest.raises(ImproperlyConfigured, match=r"PORTAL_COUNT=.* not an integer"):
        env_int("PORTAL_COUNT", 7)


def test_a_list_drops_blanks_and_spaces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_HOSTS", " a.example , ,b.example,")

    assert env_list("PORTAL_HOSTS", []) == ["a.example", "b.example"]


def test_a_choice_outside_the_list_fails_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PORTAL_MODE", "prod")

    with pytest.raises(ImproperlyConfigured, match="PORTAL_MODE='prod' must be one"):
        env_choice("PORTAL_MODE", ("development", "production"), "development")


def test_a_secret_is_read_from_its_file_without_the_line_end(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "key"
    secret.write_text("s3cret value\n", encoding="utf-8")
    monkeypatch.delenv("PORTAL_SECRET", raising=False)
    monkeypatch.setenv("PORTAL_SECRET_FILE", str(secret))

    assert env_str("PORTAL_SECRET") == "s3cret value"


def test_without_a_file_the_value_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PORTAL_SECRET_FILE", raising=False)
    monkeypatch.setenv("PORTAL_SECRET", "from-env")

    assert env_str("PORTAL_SECRET") == "from-env"


def test_a_missing_secret_file_fails_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PORTAL_SECRET", raising=False)
    monkeypatch.setenv("PORTAL_SECRET_FILE", str(tmp_path / "absent"))

    with pytest.raises(ImproperlyConfigured, match="PORTAL_SECRET_FILE: cannot read"):
        env_str("PORTAL_SECRET")


def test_a_secret_file_that_is_not_text_fails_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "key"
    secret.write_bytes(b"\xff\xfe\x00binary")
    monkeypatch.delenv("PORTAL_SECRET", raising=False)
    monkeypatch.setenv("PORTAL_SECRET_FILE", str(secret))

    with pytest.raises(ImproperlyConfigured, match="PORTAL_SECRET_FILE: cannot read"):
        env_str("PORTAL_SECRET")


def test_a_value_and_a_file_for_one_secret_are_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "key"
    secret.write_text("from-file")
    monkeypatch.setenv("PORTAL_SECRET", "from-env")
    monkeypatch.setenv("PORTAL_SECRET_FILE", str(secret))

    with pytest.raises(
        ImproperlyConfigured, match="PORTAL_SECRET or PORTAL_SECRET_FILE"
    ):
        env_str("PORTAL_SECRET")


@pytest.mark.parametrize("raw", ["600/hour", "10/minute", "1/s", "5000/day"])
def test_a_rate_per_period_is_read_as_given(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("PORTAL_API_ANON_RATE", raw)

    assert env_rate("PORTAL_API_ANON_RATE", "600/hour") == raw


@pytest.mark.parametrize(
    "raw", ["lots", "10/fortnight", "10/hippo", "0/hour", "-5/hour", "10 per hour"]
)
def test_a_bad_rate_fails_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("PORTAL_API_ANON_RATE", raw)

    with pytest.raises(
        ImproperlyConfigured, match=r"PORTAL_API_ANON_RATE=.* not a rate"
    ):
        env_rate("PORTAL_API_ANON_RATE", "600/hour")
