"""factory_boy factories for the trade statistics records."""

import factory

from indicators.models import (
    CustomsPartner,
    HsClassification,
    TradeItem,
    WatchedHeading,
)


class CustomsPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomsPartner
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{100 + n % 900:03d}")
    name_en = factory.LazyAttribute(lambda o: f"Partner {o.code}")
    name_ja = factory.LazyAttribute(lambda o: f"相手国{o.code}")


class TradeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TradeItem
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"item_{n}")
    category = TradeItem.Category.METALS
    indicator = TradeItem.Indicator.A
    name_ja = factory.LazyAttribute(lambda o: f"品目{o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"Item {o.slug}")


class HsClassificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HsClassification

    hs_code = "720410"
    valid_from = 1996
    valid_to = None
    item = factory.SubFactory(TradeItemFactory)
    unit1 = ""
    unit2 = "KG"


class WatchedHeadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WatchedHeading

    heading = "7204"
    valid_from = 1996
