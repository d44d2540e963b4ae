"""Trade plans behind the generated customs files (see ``customs_sample``).

Each plan says, for one item and direction, how many tonnes (or vehicles)
move in some fiscal years, which partner countries take them and how
their shares shift, what a tonne is worth, and how the months vary. Years
between anchors are interpolated with a little noise.

The shapes follow the review's annex: waste paper is nearly all of the
biomass exports; ferrous scrap leads the metal exports, then copper, then
aluminium; plastics waste to China and Hong Kong collapses from January
2018 as Thailand, Malaysia and Viet Nam take more; sawdust, wood pellets and
palm-kernel cake imports climb with biomass power. The amounts themselves
are invented: only the calibrated totals below are the review's figures.

Partners are the Ministry of Finance 3-digit country codes.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

EXPORT = 1
IMPORT = 2

# Anchor points of a quantity over time: year (or fractional year) -> value.
Anchors = Mapping[int, float] | Mapping[float, float]

KOREA, CHINA, TAIWAN, MONGOLIA, HONG_KONG = "103", "105", "106", "107", "108"
VIET_NAM, THAILAND, SINGAPORE, MALAYSIA = "110", "111", "112", "113"
PHILIPPINES, INDONESIA, CAMBODIA, MYANMAR = "117", "118", "120", "122"
INDIA, PAKISTAN, SRI_LANKA, BANGLADESH = "123", "124", "125", "127"
UAE, UK, NETHERLANDS, BELGIUM, FRANCE = "147", "205", "207", "208", "210"
GERMANY, ITALY, RUSSIA = "213", "220", "224"
CANADA, USA, CHILE, BRAZIL, ARGENTINA = "302", "304", "409", "410", "413"
KENYA, TANZANIA, SOUTH_AFRICA = "541", "543", "551"
AUSTRALIA, NEW_ZEALAND = "601", "606"

# Relative trade by calendar month, January first: a dip around the
# Lunar New Year and the May holidays, a push before the fiscal year ends.
SEASON = (0.94, 0.86, 1.06, 1.0, 0.95, 1.02, 1.03, 0.97, 1.0, 1.03, 1.04, 1.1)


@dataclass(frozen=True, eq=False)
class TradePlan:
    """How one item moves in one direction over the years."""

    item: str
    direction: int
    # What the amounts count: tonnes written in kg ("KG") or in tonnes
    # ("MT"), or units ("NO") for vehicles and appliances.
    unit: str
    amounts: Anchors
    partners: Mapping[str, Anchors]
    # Yen per tonne, or per unit for counted goods; FOB out, CIF in.
    price: Anchors
    code_weights: Mapping[str, float] = field(default_factory=dict)
    default_code_weight: float = 1.0
    level: Anchors = field(default_factory=lambda: {2000: 1.0})
    unit_mass_kg: float = 1.0
    filler_codes: tuple[tuple[str, str, str], ...] = ()
    year_noise: float = 0.05
    month_noise: float = 0.08

    @property
    def key(self) -> str:
        name = self.item or self.filler_codes[0][0]
        return f"{self.direction}:{name}"


@dataclass(frozen=True)
class CalibrationGroup:
    """Items whose fiscal-year total must equal a published figure."""

    name: str
    direction: int
    items: frozenset[str]
    balancing_item: str
    tonnes: Mapping[int, int]


A_ITEMS = frozenset(
    {
        "meat_meal",
        "cereal_residues",
        "starch_residues",
        "vegetable_oil_cake",
        "palm_kernel_cake",
        "wine_lees",
        "feed_vegetable_waste",
        "leather_waste",
        "sawdust_wood_waste",
        "waste_paper",
        "silk_waste",
        "wool_waste",
        "cotton_waste",
        "rags",
        "precious_metal_scrap",
        "ferrous_scrap",
        "copper_scrap",
        "nickel_scrap",
        "aluminium_scrap",
        "lead_scrap",
        "zinc_scrap",
        "tin_scrap",
        "granulated_slag",
        "iron_steel_slag",
        "slag_ash",
        "glass_cullet",
        "plastics_waste",
        "rubber_waste",
        "chemical_municipal_waste",
    }
)
B_WEIGHED_ITEMS = frozenset(
    {"used_clothing", "retreaded_tyres", "used_pneumatic_tyres"}
)

# The review's figures, turned into fiscal-year totals: FY2018 as printed,
# FY2017 = FY2018 minus the printed change, FY2000 = FY2018 / printed ratio
# (26.11 / 7.68 = 3.40 and 7.22 / 4.011 = 1.80).
CALIBRATION_GROUPS = (
    CalibrationGroup(
        "A exports",
        EXPORT,
        A_ITEMS,
        "granulated_slag",
        {2000: 7_680_000, 2017: 27_360_000, 2018: 26_110_000},
    ),
    CalibrationGroup(
        "A imports",
        IMPORT,
        A_ITEMS,
        "vegetable_oil_cake",
        {2000: 4_011_000, 2017: 6_190_000, 2018: 7_220_000},
    ),
    CalibrationGroup(
        "B exports", EXPORT, B_WEIGHED_ITEMS, "used_clothing", {2018: 390_000}
    ),
    CalibrationGroup(
        "B imports", IMPORT, B_WEIGHED_ITEMS, "used_clothing", {2018: 7_130}
    ),
)

# How the two schedules split some subheadings into statistical codes
# (suffixes seen in a 2015-2020 code list, used for every year here).
NATIONAL_SPLITS: Mapping[tuple[int, str], tuple[str, ...]] = {
    (EXPORT, "720449"): ("100", "200", "900"),
    (EXPORT, "760200"): ("100", "900"),
    (EXPORT, "470730"): ("100", "900"),
    (IMPORT, "230240"): ("010", "090"),
    (IMPORT, "230690"): ("010", "090"),
    (IMPORT, "470710"): ("010", "090"),
    (IMPORT, "470730"): ("010", "090"),
    (IMPORT, "500300"): ("012", "019", "090"),
    (IMPORT, "510310"): ("010", "090"),
    (IMPORT, "711230"): ("020", "090"),
    (IMPORT, "720450"): ("010", "020"),
    (IMPORT, "740400"): ("010", "091", "099"),
    (IMPORT, "760200"): ("010", "090"),
}


def flat(weight: float) -> Anchors:
    return {2000: weight}


# Plastics waste out: China and Hong Kong took most until the ban was
# announced in July 2017 and took effect in January 2018.
PLASTICS_EXPORT_PARTNERS: Mapping[str, Anchors] = {
    CHINA: {2000: 0.35, 2010: 0.55, 2017.5: 0.52, 2017.92: 0.3, 2018.0: 0.02},
    HONG_KONG: {2000: 0.35, 2010: 0.3, 2017.5: 0.28, 2018.0: 0.06, 2019.9: 0.05},
    TAIWAN: {2000: 0.08, 2017.9: 0.04, 2018.0: 0.17, 2019.9: 0.15},
    KOREA: {2000: 0.06, 2017.9: 0.02, 2018.0: 0.1, 2019.9: 0.1},
    THAILAND: {2000: 0.02, 2017.9: 0.02, 2018.0: 0.2, 2018.6: 0.22, 2019.9: 0.1},
    MALAYSIA: {2000: 0.02, 2017.9: 0.02, 2018.0: 0.22, 2018.8: 0.25, 2019.9: 0.26},
    VIET_NAM: {2000: 0.01, 2017.9: 0.03, 2018.0: 0.15, 2018.5: 0.12, 2019.9: 0.11},
    INDIA: {2000: 0.005, 2017.9: 0.005, 2018.0: 0.03, 2019.9: 0.04},
    INDONESIA: {2000: 0.005, 2017.9: 0.005, 2018.0: 0.03, 2019.9: 0.05},
    USA: flat(0.02),
}

EXPORT_PLANS = (
    # Biomass: waste paper is about 99 % of it.
    TradePlan(
        "waste_paper",
        EXPORT,
        "KG",
        {2000: 370_000, 2004: 2_300_000, 2008: 3_800_000, 2011: 4_900_000}
        | {2014: 4_500_000, 2017: 4_280_000, 2018: 3_800_000, 2019: 3_200_000},
        {
            CHINA: {2000: 0.55, 2011: 0.8, 2017.5: 0.7, 2018.5: 0.45, 2019.9: 0.3},
            TAIWAN: {2000: 0.1, 2019: 0.15},
            KOREA: {2000: 0.15, 2019: 0.1},
            THAILAND: {2000: 0.05, 2012: 0.05, 2019: 0.15},
            VIET_NAM: {2000: 0.02, 2019: 0.15},
            HONG_KONG: {2000: 0.08, 2019: 0.02},
            MALAYSIA: {2000: 0.03, 2019: 0.05},
            INDONESIA: {2000: 0.02, 2019: 0.04},
            INDIA: {2000: 0.002, 2019: 0.04},
        },
        {2000: 12_000, 2008: 22_000, 2011: 25_000, 2016: 20_000, 2018: 25_000}
        | {2019: 15_000},
        {"470710": 0.4, "470720": 0.07, "470730": 0.28, "470790": 0.245}
        | {"470620": 0.005},
    ),
    TradePlan(
        "meat_meal",
        EXPORT,
        "KG",
        {2000: 500, 2018: 300},
        {KOREA: flat(0.5), TAIWAN: flat(0.3), VIET_NAM: flat(0.2)},
        {2000: 60_000, 2018: 70_000},
    ),
    TradePlan(
        "cereal_residues",
        EXPORT,
        "KG",
        {2000: 2_000, 2018: 3_000},
        {KOREA: flat(0.4), TAIWAN: flat(0.3), CHINA: flat(0.3)},
        {2000: 30_000, 2018: 40_000},
    ),
    TradePlan(
        "starch_residues",
        EXPORT,
        "KG",
        {2000: 1_000, 2018: 2_000},
        {KOREA: flat(0.5), CHINA: flat(0.3), TAIWAN: flat(0.2)},
        {2000: 40_000, 2018: 50_000},
    ),
    TradePlan(
        "vegetable_oil_cake",
        EXPORT,
        "KG",
        {2000: 3_000, 2018: 8_000},
        {KOREA: flat(0.4), TAIWAN: flat(0.3), VIET_NAM: flat(0.3)},
        {2000: 45_000, 2018: 55_000},
        {"230400": 3.0},
    ),
    TradePlan(
        "wine_lees",
        EXPORT,
        "KG",
        {2000: 10, 2018: 10},
        {KOREA: flat(0.7), TAIWAN: flat(0.3)},
        {2000: 200_000, 2018: 200_000},
    ),
    TradePlan(
        "feed_vegetable_waste",
        EXPORT,
        "KG",
        {2000: 1_500, 2018: 3_000},
        {KOREA: flat(0.5), TAIWAN: flat(0.5)},
        {2000: 50_000, 2018: 60_000},
    ),
    TradePlan(
        "leather_waste",
        EXPORT,
        "KG",
        {2000: 1_000, 2018: 500},
        {CHINA: flat(0.6), KOREA: flat(0.4)},
        {2000: 30_000, 2018: 40_000},
    ),
    TradePlan(
        "sawdust_wood_waste",
        EXPORT,
        "KG",
        {2000: 2_000, 2018: 3_000},
        {KOREA: flat(0.6), CHINA: flat(0.4)},
        {2000: 30_000, 2018: 35_000},
    ),
    TradePlan(
        "silk_waste",
        EXPORT,
        "KG",
        {2000: 300, 2018: 200},
        {CHINA: flat(0.7), ITALY: flat(0.3)},
        {2000: 400_000, 2018: 500_000},
    ),
    TradePlan(
        "wool_waste",
        EXPORT,
        "KG",
        {2000: 500, 2018: 300},
        {CHINA: flat(0.8), ITALY: flat(0.2)},
        {2000: 200_000, 2018: 250_000},
    ),
    TradePlan(
        "cotton_waste",
        EXPORT,
        "KG",
        {2000: 3_000, 2018: 2_500},
        {CHINA: flat(0.5), INDIA: flat(0.2), PAKISTAN: flat(0.3)},
        {2000: 60_000, 2018: 70_000},
    ),
    TradePlan(
        "rags",
        EXPORT,
        "KG",
        {2000: 12_000, 2018: 10_000},
        {MALAYSIA: flat(0.3), PAKISTAN: flat(0.3), INDIA: flat(0.2), KOREA: flat(0.2)},
        {2000: 30_000, 2018: 40_000},
    ),
    # Metals: ferrous scrap, then copper, then aluminium.
    TradePlan(
        "ferrous_scrap",
        EXPORT,
        "MT",
        {1999: 3_100_000, 2000: 3_000_000, 2004: 7_000_000, 2008: 5_500_000}
        | {2010: 6_500_000, 2012: 8_400_000, 2015: 7_500_000, 2017: 8_200_000}
        | {2018: 7_600_000, 2019: 7_900_000},
        {
            CHINA: {2000: 0.25, 2010: 0.4, 2019: 0.33},
            KOREA: {2000: 0.5, 2010: 0.35, 2019: 0.24},
            VIET_NAM: {2000: 0.02, 2019: 0.2},
            TAIWAN: {2000: 0.1, 2019: 0.1},
            THAILAND: flat(0.05),
            BANGLADESH: {2000: 0.002, 2019: 0.05},
            MALAYSIA: {2000: 0.02, 2019: 0.03},
            INDONESIA: flat(0.03),
            INDIA: {2000: 0.01, 2019: 0.03},
        },
        {2000: 9_000, 2004: 25_000, 2008: 50_000, 2009: 25_000, 2011: 40_000}
        | {2016: 20_000, 2018: 35_000, 2019: 28_000},
        {"720449": 0.62, "720441": 0.12, "720410": 0.04, "720421": 0.05}
        | {"720429": 0.02, "720430": 0.05, "720450": 0.1},
    ),
    TradePlan(
        "copper_scrap",
        EXPORT,
        "KG",
        {2000: 180_000, 2008: 400_000, 2017: 400_000, 2018: 360_000} | {2019: 320_000},
        {
            CHINA: {2000: 0.7, 2017.9: 0.6, 2019.9: 0.4},
            HONG_KONG: {2000: 0.1, 2019: 0.05},
            KOREA: {2000: 0.08, 2019: 0.15},
            TAIWAN: {2000: 0.05, 2019: 0.08},
            THAILAND: {2000: 0.03, 2019: 0.1},
            INDIA: {2000: 0.01, 2019: 0.05},
            MALAYSIA: {2000: 0.03, 2019: 0.1},
        },
        {2000: 150_000, 2008: 500_000, 2011: 600_000, 2016: 400_000} | {2018: 550_000},
    ),
    TradePlan(
        "aluminium_scrap",
        EXPORT,
        "KG",
        {2000: 60_000, 2008: 150_000, 2017: 180_000, 2018: 170_000},
        {
            CHINA: {2000: 0.5, 2017: 0.4, 2019: 0.25},
            KOREA: {2000: 0.2, 2019: 0.25},
            THAILAND: {2000: 0.1, 2019: 0.2},
            INDIA: {2000: 0.02, 2019: 0.1},
            TAIWAN: flat(0.1),
            MALAYSIA: {2000: 0.05, 2019: 0.1},
        },
        {2000: 100_000, 2008: 180_000, 2018: 200_000},
        {"760200": 1.0},
    ),
    TradePlan(
        "precious_metal_scrap",
        EXPORT,
        "KG",
        {2000: 300, 2018: 700},
        {USA: flat(0.3), KOREA: flat(0.2), BELGIUM: flat(0.3), GERMANY: flat(0.2)},
        {2000: 2_000_000, 2018: 5_000_000},
    ),
    TradePlan(
        "nickel_scrap",
        EXPORT,
        "KG",
        {2000: 3_000, 2018: 4_000},
        {KOREA: flat(0.4), CHINA: flat(0.3), TAIWAN: flat(0.2), USA: flat(0.1)},
        {2000: 400_000, 2008: 900_000, 2018: 600_000},
    ),
    TradePlan(
        "lead_scrap",
        EXPORT,
        "KG",
        {2000: 10_000, 2018: 20_000},
        {KOREA: flat(0.6), CHINA: flat(0.2), THAILAND: flat(0.2)},
        {2000: 50_000, 2018: 90_000},
    ),
    TradePlan(
        "zinc_scrap",
        EXPORT,
        "KG",
        {2000: 8_000, 2018: 10_000},
        {CHINA: flat(0.5), KOREA: flat(0.3), TAIWAN: flat(0.2)},
        {2000: 80_000, 2018: 150_000},
    ),
    TradePlan(
        "tin_scrap",
        EXPORT,
        "KG",
        {2000: 150, 2018: 300},
        {CHINA: flat(0.4), MALAYSIA: flat(0.3), KOREA: flat(0.3)},
        {2000: 600_000, 2018: 1_500_000},
    ),
    # Non-metallic minerals: granulated blast-furnace slag carries the
    # category; Taiwan, once first, gives way to the UAE, the USA and
    # Bangladesh. It also balances the A export totals.
    TradePlan(
        "granulated_slag",
        EXPORT,
        "MT",
        {1999: 2_900_000, 2004: 6_000_000, 2008: 8_000_000, 2012: 10_000_000}
        | {2015: 10_500_000, 2019: 11_200_000},
        {
            TAIWAN: {2000: 0.5, 2010: 0.4, 2019: 0.08},
            KOREA: {2000: 0.2, 2019: 0.15},
            UAE: {2000: 0.002, 2010: 0.05, 2019: 0.25},
            USA: {2000: 0.05, 2019: 0.2},
            BANGLADESH: {2000: 0.001, 2012: 0.05, 2019: 0.18},
            CHINA: {2000: 0.1, 2019: 0.02},
            SINGAPORE: {2000: 0.05, 2019: 0.04},
            VIET_NAM: {2000: 0.02, 2019: 0.05},
            AUSTRALIA: flat(0.03),
        },
        {2000: 1_500, 2018: 3_000},
    ),
    TradePlan(
        "iron_steel_slag",
        EXPORT,
        "MT",
        {2000: 300_000, 2017: 640_000, 2018: 650_000},
        {KOREA: flat(0.4), TAIWAN: flat(0.2), CHINA: flat(0.2), THAILAND: flat(0.2)},
        {2000: 3_000, 2018: 4_000},
    ),
    TradePlan(
        "slag_ash",
        EXPORT,
        "KG",
        {2000: 100_000, 2017: 440_000, 2018: 450_000},
        {
            KOREA: {2000: 0.6, 2019: 0.8},
            CHINA: flat(0.1),
            TAIWAN: flat(0.1),
            BELGIUM: flat(0.05),
        },
        {2000: 5_000, 2018: 6_000},
        {"262190": 16.0, "262100": 16.0, "262110": 0.4, "262019": 1.0}
        | {"262030": 1.0, "262040": 0.6},
        default_code_weight=0.2,
    ),
    TradePlan(
        "glass_cullet",
        EXPORT,
        "KG",
        {2000: 20_000, 2018: 40_000},
        {KOREA: flat(0.5), CHINA: flat(0.2), TAIWAN: flat(0.2), THAILAND: flat(0.1)},
        {2000: 8_000, 2018: 10_000},
    ),
    # Fossil: plastics waste; rubber waste fades after 2008.
    TradePlan(
        "plastics_waste",
        EXPORT,
        "KG",
        {1999: 480_000, 2000: 500_000, 2004: 850_000, 2008: 1_500_000}
        | {2011: 1_650_000, 2014: 1_600_000, 2016: 1_450_000, 2017: 1_390_000}
        | {2018: 1_000_000, 2019: 880_000},
        PLASTICS_EXPORT_PARTNERS,
        {2000: 25_000, 2008: 40_000, 2017: 45_000, 2018: 35_000, 2019: 30_000},
        {"391510": 0.45, "391520": 0.1, "391530": 0.1, "391590": 0.35},
        level={2000: 1.0, 2017.5: 1.0, 2017.9: 0.9, 2018.0: 0.7, 2019.9: 0.7},
    ),
    TradePlan(
        "rubber_waste",
        EXPORT,
        "KG",
        {2000: 100_000, 2007: 120_000, 2008: 80_000, 2010: 50_000}
        | {2017: 36_000, 2018: 35_000},
        {CHINA: flat(0.4), KOREA: flat(0.2), TAIWAN: flat(0.1), INDIA: flat(0.2)}
        | {MALAYSIA: flat(0.1)},
        {2000: 20_000, 2018: 25_000},
    ),
    # Other: chemical residues and other wastes, a small flow.
    TradePlan(
        "chemical_municipal_waste",
        EXPORT,
        "KG",
        {2000: 5_000, 2010: 20_000, 2017: 33_000, 2018: 35_000},
        {KOREA: flat(0.4), BELGIUM: flat(0.2), GERMANY: flat(0.1), CHINA: flat(0.2)}
        | {USA: flat(0.1)},
        {2000: 100_000, 2018: 150_000},
    ),
    # Used goods: clothing and used tyres lead; the UAE replaces Viet Nam
    # as the main buyer of used tyres.
    TradePlan(
        "used_clothing",
        EXPORT,
        "KG",
        {2000: 120_000, 2008: 200_000, 2017: 210_000, 2019: 205_000},
        {
            MALAYSIA: {2000: 0.2, 2019: 0.35},
            PHILIPPINES: flat(0.15),
            KOREA: {2000: 0.2, 2019: 0.1},
            PAKISTAN: flat(0.1),
            CAMBODIA: {2000: 0.01, 2019: 0.1},
            HONG_KONG: {2000: 0.15, 2019: 0.05},
            KENYA: flat(0.03),
        },
        {2000: 60_000, 2018: 70_000},
    ),
    TradePlan(
        "used_pneumatic_tyres",
        EXPORT,
        "KG",
        {2000: 80_000, 2008: 150_000, 2017: 165_000, 2018: 170_000} | {2019: 160_000},
        {
            UAE: {2000: 0.02, 2012: 0.1, 2019: 0.35},
            VIET_NAM: {2000: 0.3, 2012: 0.4, 2016: 0.02, 2019: 0.01},
            MALAYSIA: flat(0.1),
            INDONESIA: flat(0.08),
            KOREA: flat(0.1),
            THAILAND: flat(0.08),
            PHILIPPINES: flat(0.06),
            SRI_LANKA: flat(0.05),
        },
        {2000: 15_000, 2018: 20_000},
        unit_mass_kg=9.0,
    ),
    TradePlan(
        "retreaded_tyres",
        EXPORT,
        "KG",
        {2000: 10_000, 2018: 15_000},
        {UAE: {2000: 0.1, 2019: 0.4}, VIET_NAM: {2000: 0.4, 2019: 0.1}}
        | {MALAYSIA: flat(0.2), CHILE: flat(0.2)},
        {2000: 60_000, 2018: 70_000},
        unit_mass_kg=45.0,
    ),
    TradePlan(
        "used_vehicles",
        EXPORT,
        "NO",
        {2000: 350_000, 2004: 800_000, 2008: 1_350_000, 2009: 680_000}
        | {2012: 1_000_000, 2018: 1_320_000, 2019: 1_290_000},
        {
            RUSSIA: {2000: 0.3, 2008: 0.4, 2009: 0.05, 2019: 0.12},
            UAE: flat(0.15),
            NEW_ZEALAND: {2000: 0.15, 2019: 0.1},
            MYANMAR: {2000: 0.02, 2012: 0.12, 2016: 0.04, 2019: 0.02},
            CHILE: flat(0.05),
            KENYA: {2000: 0.03, 2019: 0.06},
            TANZANIA: {2000: 0.02, 2019: 0.05},
            MONGOLIA: {2000: 0.01, 2019: 0.05},
            SOUTH_AFRICA: {2000: 0.05, 2019: 0.02},
            PAKISTAN: flat(0.03),
        },
        {2000: 400_000, 2018: 550_000},
        {"870323100": 10.0, "870322100": 3.0, "870324100": 1.6, "870332100": 1.2}
        | {"870333100": 0.8, "870321100": 1.0, "870340100": 1.0},
        default_code_weight=0.2,
        unit_mass_kg=1_250.0,
    ),
    TradePlan(
        "used_monitors_tv",
        EXPORT,
        "NO",
        {2006: 2_600_000, 2007: 2_500_000, 2010: 1_200_000, 2018: 250_000},
        {
            HONG_KONG: flat(0.3),
            PHILIPPINES: flat(0.2),
            VIET_NAM: flat(0.15),
            MALAYSIA: flat(0.1),
            THAILAND: flat(0.1),
            CAMBODIA: flat(0.15),
        },
        {2007: 3_000, 2018: 2_000},
        unit_mass_kg=18.0,
    ),
)

IMPORT_PLANS = (
    # Biomass: oil-cake dominates and balances the A import totals; palm
    # kernel cake and wood pellets climb with biomass power.
    TradePlan(
        "vegetable_oil_cake",
        IMPORT,
        "KG",
        {1999: 1_500_000, 2005: 1_900_000, 2010: 2_200_000, 2015: 2_350_000}
        | {2019: 2_400_000},
        {
            USA: {2000: 0.35, 2019: 0.25},
            INDIA: {2000: 0.2, 2019: 0.1},
            CHINA: {2000: 0.2, 2019: 0.15},
            CANADA: {2000: 0.05, 2019: 0.1},
            BRAZIL: {2000: 0.05, 2019: 0.1},
            ARGENTINA: {2000: 0.02, 2019: 0.08},
            AUSTRALIA: flat(0.05),
        },
        {2000: 30_000, 2008: 50_000, 2018: 45_000},
        {"230400": 11.0, "230641": 3.0, "230640": 3.0, "230690": 2.0},
    ),
    TradePlan(
        "palm_kernel_cake",
        IMPORT,
        "KG",
        {2000: 300_000, 2008: 400_000, 2012: 500_000, 2015: 700_000}
        | {2017: 1_150_000, 2018: 1_700_000, 2019: 2_100_000},
        {INDONESIA: {2000: 0.6, 2019: 0.65}, MALAYSIA: {2000: 0.4, 2019: 0.35}},
        {2000: 15_000, 2018: 12_000},
    ),
    TradePlan(
        "sawdust_wood_waste",
        IMPORT,
        "KG",
        {2000: 20_000, 2008: 100_000, 2012: 150_000, 2015: 300_000}
        | {2017: 1_000_000, 2018: 1_480_000, 2019: 1_900_000},
        {
            CANADA: {2000: 0.5, 2015: 0.7, 2019: 0.5},
            VIET_NAM: {2000: 0.01, 2014: 0.05, 2019: 0.4},
            USA: {2000: 0.3, 2019: 0.02},
            CHINA: {2000: 0.15, 2019: 0.03},
            MALAYSIA: {2000: 0.02, 2019: 0.03},
            INDONESIA: {2000: 0.01, 2019: 0.02},
        },
        {2000: 15_000, 2018: 20_000},
        {"440131": 15.0, "440140": 1.0, "440139": 0.6, "440130": 1.0},
    ),
    TradePlan(
        "cereal_residues",
        IMPORT,
        "KG",
        {2000: 400_000, 2018: 300_000},
        {CHINA: flat(0.3), USA: flat(0.3), AUSTRALIA: flat(0.2), INDIA: flat(0.2)},
        {2000: 20_000, 2018: 28_000},
    ),
    TradePlan(
        "starch_residues",
        IMPORT,
        "KG",
        {2000: 300_000, 2018: 400_000},
        {USA: flat(0.8), CHINA: flat(0.1), CANADA: flat(0.1)},
        {2000: 25_000, 2018: 35_000},
        {"230310": 3.0, "230330": 6.0, "230320": 1.0},
    ),
    TradePlan(
        "meat_meal",
        IMPORT,
        "KG",
        {2000: 120_000, 2001: 80_000, 2002: 3_000, 2010: 10_000, 2018: 20_000},
        {AUSTRALIA: flat(0.5), NEW_ZEALAND: flat(0.3), USA: flat(0.2)},
        {2000: 40_000, 2018: 60_000},
    ),
    TradePlan(
        "feed_vegetable_waste",
        IMPORT,
        "KG",
        {2000: 50_000, 2018: 80_000},
        {USA: flat(0.5), CHINA: flat(0.3), AUSTRALIA: flat(0.2)},
        {2000: 25_000, 2018: 30_000},
    ),
    TradePlan(
        "wine_lees",
        IMPORT,
        "KG",
        {2000: 100, 2018: 200},
        {FRANCE: flat(0.5), ITALY: flat(0.3), CHILE: flat(0.2)},
        {2000: 100_000, 2018: 120_000},
    ),
    TradePlan(
        "leather_waste",
        IMPORT,
        "KG",
        {2000: 2_000, 2018: 1_000},
        {KOREA: flat(0.4), CHINA: flat(0.4), USA: flat(0.2)},
        {2000: 30_000, 2018: 35_000},
    ),
    TradePlan(
        "waste_paper",
        IMPORT,
        "KG",
        {2000: 30_000, 2018: 40_000},
        {USA: flat(0.6), KOREA: flat(0.2), CANADA: flat(0.2)},
        {2000: 20_000, 2018: 30_000},
    ),
    TradePlan(
        "silk_waste",
        IMPORT,
        "KG",
        {2000: 2_000, 2018: 500},
        {CHINA: flat(0.8), BRAZIL: flat(0.2)},
        {2000: 300_000, 2018: 400_000},
    ),
    TradePlan(
        "wool_waste",
        IMPORT,
        "KG",
        {2000: 3_000, 2018: 1_000},
        {AUSTRALIA: flat(0.5), NEW_ZEALAND: flat(0.3), CHINA: flat(0.2)},
        {2000: 250_000, 2018: 300_000},
    ),
    TradePlan(
        "cotton_waste",
        IMPORT,
        "KG",
        {2000: 15_000, 2018: 5_000},
        {CHINA: flat(0.5), USA: flat(0.2), PAKISTAN: flat(0.3)},
        {2000: 60_000, 2018: 80_000},
    ),
    TradePlan(
        "rags",
        IMPORT,
        "KG",
        {2000: 8_000, 2018: 6_000},
        {KOREA: flat(0.4), CHINA: flat(0.4), USA: flat(0.2)},
        {2000: 50_000, 2018: 60_000},
    ),
    # Metals: ferrous scrap falls; copper and precious-metal scrap grow.
    TradePlan(
        "ferrous_scrap",
        IMPORT,
        "MT",
        {2000: 600_000, 2008: 400_000, 2018: 150_000},
        {USA: flat(0.3), KOREA: flat(0.3), RUSSIA: flat(0.2), AUSTRALIA: flat(0.2)},
        {2000: 15_000, 2008: 55_000, 2018: 40_000},
    ),
    TradePlan(
        "copper_scrap",
        IMPORT,
        "KG",
        {2000: 100_000, 2018: 150_000},
        {
            USA: flat(0.3),
            KOREA: flat(0.2),
            PHILIPPINES: flat(0.1),
            THAILAND: flat(0.15),
            MALAYSIA: flat(0.1),
            TAIWAN: flat(0.15),
        },
        {2000: 180_000, 2008: 550_000, 2018: 600_000},
    ),
    TradePlan(
        "precious_metal_scrap",
        IMPORT,
        "KG",
        {2000: 1_000, 2010: 20_000, 2018: 60_000},
        {
            USA: flat(0.2),
            KOREA: flat(0.15),
            TAIWAN: flat(0.1),
            PHILIPPINES: flat(0.1),
            SINGAPORE: flat(0.1),
            HONG_KONG: flat(0.1),
            THAILAND: flat(0.1),
            UK: flat(0.05),
            GERMANY: flat(0.1),
        },
        {2000: 3_000_000, 2018: 2_500_000},
    ),
    TradePlan(
        "aluminium_scrap",
        IMPORT,
        "KG",
        {2000: 80_000, 2018: 100_000},
        {USA: flat(0.4), KOREA: flat(0.2), AUSTRALIA: flat(0.2), CHINA: flat(0.2)},
        {2000: 120_000, 2018: 220_000},
    ),
    TradePlan(
        "nickel_scrap",
        IMPORT,
        "KG",
        {2000: 5_000, 2018: 8_000},
        {USA: flat(0.5), KOREA: flat(0.3), TAIWAN: flat(0.2)},
        {2000: 450_000, 2018: 650_000},
    ),
    TradePlan(
        "lead_scrap",
        IMPORT,
        "KG",
        {2000: 5_000, 2018: 15_000},
        {USA: flat(0.4), KOREA: flat(0.3), PHILIPPINES: flat(0.3)},
        {2000: 55_000, 2018: 95_000},
    ),
    TradePlan(
        "zinc_scrap",
        IMPORT,
        "KG",
        {2000: 5_000, 2018: 3_000},
        {KOREA: flat(0.5), USA: flat(0.5)},
        {2000: 85_000, 2018: 160_000},
    ),
    TradePlan(
        "tin_scrap",
        IMPORT,
        "KG",
        {2000: 500, 2018: 300},
        {MALAYSIA: flat(0.5), THAILAND: flat(0.5)},
        {2000: 650_000, 2018: 1_600_000},
    ),
    # Non-metallic minerals: falling; granulated slag almost gone by 2012.
    TradePlan(
        "granulated_slag",
        IMPORT,
        "MT",
        {2000: 50_000, 2008: 30_000, 2011: 10_000, 2012: 200, 2018: 50},
        {KOREA: flat(0.6), CHINA: flat(0.4)},
        {2000: 2_500, 2018: 4_000},
    ),
    TradePlan(
        "iron_steel_slag",
        IMPORT,
        "MT",
        {2000: 250_000, 2018: 120_000},
        {KOREA: flat(0.5), CHINA: flat(0.3), TAIWAN: flat(0.2)},
        {2000: 4_000, 2018: 5_000},
    ),
    TradePlan(
        "slag_ash",
        IMPORT,
        "KG",
        {2000: 100_000, 2018: 60_000},
        {KOREA: flat(0.4), CHINA: flat(0.3), AUSTRALIA: flat(0.3)},
        {2000: 20_000, 2018: 25_000},
    ),
    TradePlan(
        "glass_cullet",
        IMPORT,
        "KG",
        {2000: 5_000, 2018: 3_000},
        {KOREA: flat(0.5), CHINA: flat(0.5)},
        {2000: 10_000, 2018: 12_000},
    ),
    # Fossil: rubber waste jumps from 2009 and stays high.
    TradePlan(
        "rubber_waste",
        IMPORT,
        "KG",
        {2000: 10_000, 2008: 15_000, 2009: 60_000, 2018: 70_000},
        {KOREA: flat(0.3), USA: flat(0.3), THAILAND: flat(0.2), CHINA: flat(0.2)},
        {2000: 30_000, 2018: 35_000},
    ),
    TradePlan(
        "plastics_waste",
        IMPORT,
        "KG",
        {2000: 5_000, 2018: 15_000},
        {KOREA: flat(0.4), USA: flat(0.3), TAIWAN: flat(0.3)},
        {2000: 40_000, 2018: 50_000},
    ),
    TradePlan(
        "chemical_municipal_waste",
        IMPORT,
        "KG",
        {2000: 5_000, 2018: 20_000},
        {KOREA: flat(0.4), TAIWAN: flat(0.3), PHILIPPINES: flat(0.3)},
        {2000: 80_000, 2018: 100_000},
    ),
    # Used goods: clothing leads; the whole stays under ten thousand tonnes.
    TradePlan(
        "used_clothing",
        IMPORT,
        "KG",
        {2000: 4_000, 2010: 5_500, 2019: 6_300},
        {KOREA: flat(0.4), CHINA: flat(0.3), USA: flat(0.2), TAIWAN: flat(0.1)},
        {2000: 150_000, 2018: 180_000},
    ),
    TradePlan(
        "retreaded_tyres",
        IMPORT,
        "KG",
        {2000: 800, 2018: 330},
        {KOREA: flat(0.5), THAILAND: flat(0.3), USA: flat(0.2)},
        {2000: 100_000, 2018: 120_000},
        unit_mass_kg=45.0,
    ),
    TradePlan(
        "used_pneumatic_tyres",
        IMPORT,
        "KG",
        {2000: 1_500, 2018: 600},
        {KOREA: flat(0.4), USA: flat(0.3), TAIWAN: flat(0.3)},
        {2000: 40_000, 2018: 50_000},
        unit_mass_kg=9.0,
    ),
)

TRADE_PLANS = EXPORT_PLANS + IMPORT_PLANS


def filler(
    direction: int, code: str, units: tuple[str, str], tonnes: float
) -> TradePlan:
    """Trade in a code no classification row covers, as a real file has."""
    return TradePlan(
        "",
        direction,
        "MT" if units[1] == "MT" else "KG",
        {2000: tonnes},
        {CHINA: flat(0.4), USA: flat(0.3), KOREA: flat(0.2), THAILAND: flat(0.1)},
        {2000: 200_000},
        unit_mass_kg=20.0,
        filler_codes=((code, *units),),
    )


# Neighbours of the classified headings, so that an import must tell them
# apart: pulp, new tyres, unwrought metals, fish meal, wood chips.
FILLER_PLANS = (
    filler(EXPORT, "470321000", ("", "KG"), 150_000),
    filler(EXPORT, "401110000", ("NO", "KG"), 600_000),
    filler(EXPORT, "740311000", ("", "KG"), 400_000),
    filler(EXPORT, "760110000", ("", "KG"), 20_000),
    filler(EXPORT, "390110000", ("", "KG"), 700_000),
    filler(IMPORT, "230120090", ("", "KG"), 300_000),
    filler(IMPORT, "440122000", ("", "KG"), 9_000_000),
    filler(IMPORT, "470321000", ("", "KG"), 1_500_000),
    filler(IMPORT, "760110000", ("", "KG"), 1_000_000),
    filler(IMPORT, "260111000", ("", "MT"), 2_000_000),
)
