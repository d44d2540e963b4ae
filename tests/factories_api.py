"""factory_boy factories for the API tests: reference data and staff users."""

from decimal import Decimal

import factory
from django.contrib.auth.models import Permission, User

from indicators.models import Country, CustomsPartner, ReferenceValue
from tests.factories import ReferenceSeriesFactory


class CountryFactory(factory.django.DjangoModelFactory[Country]):
    class Meta:
        model = Country
        django_get_or_create = ("alpha2",)

    alpha2 = "AF"
    alpha3 = "AFG"
    numeric = "004"
    name_en = "Afghanistan"
    name_ja = "アフガニスタン"
    name_ja_formal = "アフガニスタン・イスラム共和国"


class CustomsPartnerFactory(factory.django.DjangoModelFactory[CustomsPartner]):
    class Meta:
        model = CustomsPartner
        django_get_or_create = ("code",)

    code = "103"
    name_en = "Republic of Korea"
    name_ja = "大韓民国"
    region = "アジア"


class ReferenceValueFactory(factory.django.DjangoModelFactory[ReferenceValue]):
    class Meta:
        model = ReferenceValue

    series = factory.SubFactory(ReferenceSeriesFactory)
    fiscal_year = 2018
    value = Decimal("120000")
    source = "環境省"


class UserFactory(factory.django.DjangoModelFactory[User]):
    """A user; ``permissions`` takes codenames such as ``add_referencevalue``."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = False

    @factory.post_generation
    def permissions(obj: User, create: bool, codenames: list[str] | None) -> None:
        for codename in codenames or []:
            obj.user_permissions.add(Permission.objects.get(codename=codename))
