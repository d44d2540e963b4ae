import pytest

from indicators.reference_data import load_all_reference_data
from surveys.models import Municipality


@pytest.mark.django_db
def test_load_reference_adds_the_national_list_and_the_older_names() -> None:
    added = load_all_reference_data()
    # 1,922 codes of 2021 and four names no longer in force.
    assert added["municipalities"] == 1926
    iwafune = Municipality.objects.get(code="093670")
    assert (iwafune.name, iwafune.successor_code) == ("岩舟町", "092037")
    assert str(iwafune.valid_to) == "2014-04-04"
    assert Municipality.objects.get(name="那珂川市").kind == "city"
    assert Municipality.objects.get(name="東川町").kind == "town"


@pytest.mark.django_db
def test_a_second_load_adds_nothing_and_keeps_staff_edits(registry: None) -> None:
    edited = Municipality.objects.get(code="102024")
    edited.kana = "タカサキシ（職員が修正）"
    edited.save()

    added = load_all_reference_data()

    assert added["municipalities"] == 0
    edited.refresh_from_db()
    assert edited.kana == "タカサキシ（職員が修正）"
