"""Fixtures shared by the trade tests: partners, a classified item, media."""

from pathlib import Path
from typing import Any

import pytest

from indicators.models import TradeItem
from indicators.trade_import import TradeImportReport, TradeSource, import_trade_files
from tests.factories_trade import CustomsPartnerFactory, HsClassificationFactory

PARTNERS = ("103", "105", "106", "108", "205", "210", "304", "312", "601")


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def partners(db: None) -> None:
    for code in PARTNERS:
        CustomsPartnerFactory(code=code)


@pytest.fixture
def scrap(db: None, partners: None, media: Path) -> TradeItem:
    """Ferrous scrap (HS 7204.10) in kilograms, an item of indicator A."""
    item = TradeItem.objects.create(
        slug="ferrous_scrap",
        category=TradeItem.Category.METALS,
        indicator=TradeItem.Indicator.A,
        name_ja="鉄鋼くず",
        name_en="Ferrous scrap",
    )
    HsClassificationFactory(hs_code="720410", item=item, unit2="KG")
    return item


def load(*paths: Path, **options: object) -> TradeImportReport:
    settings: Any = options
    return import_trade_files([TradeSource(p) for p in paths], **settings)
