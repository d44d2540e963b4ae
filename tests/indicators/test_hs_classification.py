"""Which item an HS code belongs to in a year."""

from indicators.hs_classification import Classifier, Heading, Mapping, Status

WOOD_UNTIL_2016 = Mapping("440130", 1996, 2016, "sawdust_wood_waste")
WOOD_FROM_2017 = Mapping("440140", 2017, None, "sawdust_wood_waste")
PELLETS_AS_OTHER = Mapping("440140100", 2017, None, "other_biomass")


def test_a_six_digit_row_covers_every_code_under_it_in_its_years():
    classifier = Classifier([WOOD_UNTIL_2016, WOOD_FROM_2017])

    assert classifier.item_for("440130000", 2016) == "sawdust_wood_waste"
    assert classifier.item_for("440130000", 2017) is None
    assert classifier.item_for("440140900", 2017) == "sawdust_wood_waste"
    assert classifier.item_for("440140900", 2016) is None


def test_a_nine_digit_row_wins_over_the_six_digit_row():
    classifier = Classifier([WOOD_FROM_2017, PELLETS_AS_OTHER])

    assert classifier.item_for("440140100", 2018) == "other_biomass"
    assert classifier.item_for("440140900", 2018) == "sawdust_wood_waste"


def test_a_code_under_a_watched_heading_without_a_mapping_is_unmapped():
    classifier = Classifier([WOOD_UNTIL_2016], [Heading("4401", 2000, None)])

    assert classifier.status("440130000", 2010) == Status.CLASSIFIED
    assert classifier.status("440140000", 2018) == Status.UNMAPPED
    assert classifier.status("440140000", 1999) == Status.OUTSIDE
    assert classifier.status("720410000", 2018) == Status.OUTSIDE


def test_prefixes_list_every_mapped_code_and_heading_by_length():
    classifier = Classifier(
        [WOOD_UNTIL_2016, PELLETS_AS_OTHER], [Heading("3915", 1996, None)]
    )

    assert classifier.prefixes() == {
        4: {"3915"},
        6: {"440130"},
        9: {"440140100"},
    }
