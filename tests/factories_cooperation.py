"""factory_boy factories for countries, memberships, programmes and projects."""

from datetime import date
from typing import Any

import factory
import pycountry

from indicators.models import (
    ApplicationCount,
    Country,
    Framework,
    Membership,
    Programme,
    Project,
)


def iso_country(alpha2: str) -> Any:
    iso = pycountry.countries.get(alpha_2=alpha2)
    if iso is None:
        raise LookupError(f"{alpha2} is not an ISO 3166-1 alpha-2 code")
    return iso


class CountryFactory(factory.django.DjangoModelFactory[Country]):
    """An ISO country by alpha-2; names come from pycountry."""

    class Meta:
        model = Country
        django_get_or_create = ("alpha2",)

    alpha2 = factory.Iterator(["MN", "VN", "KE", "ET", "TH", "ID", "IN", "CN"])
    alpha3 = factory.LazyAttribute(lambda o: iso_country(o.alpha2).alpha_3)
    name_en = factory.LazyAttribute(lambda o: iso_country(o.alpha2).name)
    name_ja = factory.LazyAttribute(lambda o: f"国{o.alpha2}")


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    country = factory.SubFactory(CountryFactory)
    framework = Framework.JCM
    joined_on = date(2013, 1, 8)


class ProgrammeFactory(factory.django.DjangoModelFactory[Programme]):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    code = "feasibility"
    name_ja = factory.LazyAttribute(lambda o: f"事業{o.code}")
    counted_from = 2013


class ProjectFactory(factory.django.DjangoModelFactory[Project]):
    class Meta:
        model = Project

    fiscal_year = 2018
    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"案件{n}")
    lead_company = "A社"
    country = factory.SubFactory(CountryFactory)
    city = "ハノイ"


class ApplicationCountFactory(factory.django.DjangoModelFactory[ApplicationCount]):
    class Meta:
        model = ApplicationCount
        django_get_or_create = ("fiscal_year", "programme")

    fiscal_year = 2018
    programme = factory.SubFactory(ProgrammeFactory)
    applications = 20
