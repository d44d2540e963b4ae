"""factory_boy factories for the survey area: registry, surveys, responses."""

import factory

from surveys.codes import with_check_digit
from surveys.models import Municipality, SourceRow, Survey, SurveyResponse


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code", "name")

    code = factory.Sequence(lambda n: with_check_digit(f"13{201 + n:03d}"))
    prefecture = "東京都"
    name = factory.Sequence(lambda n: f"テスト{n}市")
    kind = Municipality.Kind.CITY


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey
        django_get_or_create = ("fiscal_year",)

    fiscal_year = 2017


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    survey = factory.SubFactory(SurveyFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    no_cooperation = True


class SourceRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceRow

    response = factory.SubFactory(SurveyResponseFactory)
    survey = factory.SelfAttribute("response.survey")
    source_file = "survey.csv"
    row_number = factory.Sequence(lambda n: n + 2)
