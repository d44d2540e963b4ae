"""Lists of records shown under an indicator's charts, registered by each area.

Some things a reader wants are not series: the countries in a framework
(D), the selected projects with their follow-up status (E), the cooperating
municipalities by prefecture (F). The area that owns those records
registers a provider here, reading them through its own data-access module;
the indicator page shows each list as a table with CSV and XLSX downloads.
A provider must cost a fixed number of queries (it is cached with the page,
one copy per language, so it may write its cells in the reader's language).

A provider is given what the page shows: each chart's chosen item or period
by chart slug, so a list can follow a chart (D's countries as of the date
the combinations chart shows). A chart the page does not draw is absent.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import get_language

Text = str | Promise
Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Listing:
    slug: str
    title: Text
    columns: list[Text]
    rows: list[list[Cell]]
    source: Text = ""
    note: Text = ""
    # Columns holding numbers, right-aligned on the page.
    numeric_columns: set[int] = field(default_factory=set)


# Chart slug -> the item or period that chart shows.
PageChoices = Mapping[str, str]
ListingProvider = Callable[[PageChoices], list[Listing]]
_PROVIDERS: dict[str, list[ListingProvider]] = {}


def register_listing(code: str) -> Callable[[ListingProvider], ListingProvider]:
    """Show the provider's lists on indicator ``code``'s page."""

    def decorate(provider: ListingProvider) -> ListingProvider:
        _PROVIDERS.setdefault(code, []).append(provider)
        return provider

    return decorate


def listings_for(code: str, shown: PageChoices) -> list[Listing]:
    return [
        listing for provider in _PROVIDERS.get(code, []) for listing in provider(shown)
    ]


def reader_name(name_ja: str, name_en: str) -> str:
    """A record's name in the reader's language (lists are cached per language)."""
    japanese = (get_language() or "ja").startswith("ja")
    return name_ja if japanese or not name_en else name_en
