"""Fixtures of the survey tests: a small hand-made registry and the real one."""

from datetime import date

import pytest

from surveys.models import Municipality
from surveys.reference import load_municipalities
from tests.factories_surveys import MunicipalityFactory

TOWN, VILLAGE = Municipality.Kind.TOWN, Municipality.Kind.VILLAGE
WARD = Municipality.Kind.DESIGNATED_CITY_WARD


@pytest.fixture
def small_registry(db: None) -> None:
    """Six respondents, a merged town and a designated-city ward."""
    MunicipalityFactory(code="102024", prefecture="群馬県", name="高崎市")
    MunicipalityFactory(code="092037", prefecture="栃木県", name="栃木市")
    MunicipalityFactory(
        code="093670",
        prefecture="栃木県",
        name="岩舟町",
        kind=TOWN,
        valid_to=date(2014, 4, 4),
        successor_code="092037",
    )
    MunicipalityFactory(code="132063", prefecture="東京都", name="府中市")
    MunicipalityFactory(code="342068", prefecture="広島県", name="府中市")
    MunicipalityFactory(code="162019", prefecture="富山県", name="富山市")
    MunicipalityFactory(
        code="205630", prefecture="長野県", name="野沢温泉村", kind=VILLAGE
    )
    MunicipalityFactory(
        code="011011", prefecture="北海道", name="札幌市中央区", kind=WARD
    )


@pytest.fixture
def registry(db: None) -> None:
    """The shipped registry: the national list with the change list."""
    load_municipalities()
