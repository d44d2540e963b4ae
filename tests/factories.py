"""factory_boy factories for the portal's records."""

from datetime import date
from decimal import Decimal

import factory

from indicators.models import Indicator, ReferenceSeries, Series, SeriesValue


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: "XYZUVW"[n % 6])
    name_ja = factory.LazyAttribute(lambda o: f"指標{o.code}")
    name_en = factory.LazyAttribute(lambda o: f"Indicator {o.code}")
    kind = Indicator.Kind.EFFORT
    unit = "projects"
    period_kind = Indicator.PeriodKind.FISCAL_YEAR


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    indicator = factory.SubFactory(IndicatorFactory)
    key = factory.Sequence(lambda n: f"series-{n}")
    name_ja = "系列"
    name_en = "series"
    unit = "projects"


class SeriesValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeriesValue

    series = factory.SubFactory(SeriesFactory)
    fiscal_year = 2018
    period = factory.LazyAttribute(lambda o: f"FY{o.fiscal_year}")
    period_end = factory.LazyAttribute(lambda o: date(o.fiscal_year + 1, 3, 31))
    position = factory.LazyAttribute(lambda o: o.fiscal_year)
    value = Decimal(1)
    method = "test"
    computed_at = factory.Faker("date_time", tzinfo=__import__("datetime").UTC)


class ReferenceSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferenceSeries
        django_get_or_create = ("key",)

    key = "basel-export-tonnes"
    name_ja = "特定有害廃棄物等の輸出量"
    unit = "t"
