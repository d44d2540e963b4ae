"""Links from a stored value down to what it was computed from.

A series builder writes into each point's ``provenance`` what the value was
made of, under keys of its choosing: ids of records, import runs, source
files. An area registers a linker per key that turns those entries into
links (to the admin for staff, to the API or a public page for everyone);
the value page shows the provenance as it is stored, with the links of every
key some linker understands.

Three keys are understood here: ``imports`` (ids of ``DataImport`` runs,
the files loaded), ``series_values`` (ids of other stored values a value was
summed or divided from) and ``listing`` (a list on an indicator's page, as
``{"indicator": "D", "list": "countries", "choices": {chart slug: value}}``,
the choices making the page show the list the value was counted from).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class SourceLink:
    label: str
    url: str
    staff_only: bool = False


ProvenanceLinker = Callable[[Any], list[SourceLink]]
_LINKERS: dict[str, ProvenanceLinker] = {}


def provenance_linker(key: str) -> Callable[[ProvenanceLinker], ProvenanceLinker]:
    def decorate(linker: ProvenanceLinker) -> ProvenanceLinker:
        _LINKERS[key] = linker
        return linker

    return decorate


def provenance_links(provenance: dict[str, Any]) -> list[SourceLink]:
    """Links for every provenance entry a registered linker understands."""
    links: list[SourceLink] = []
    for key, entry in provenance.items():
        linker = _LINKERS.get(key)
        if linker is not None:
            links += linker(entry)
    return links


def record_ids(entry: Any) -> list[int]:
    """The ids in a provenance entry (a list of ids or one id)."""
    items = entry if isinstance(entry, list) else [entry]
    return [int(item) for item in items if str(item).isdigit()]


@provenance_linker("imports")
def _data_imports(entry: Any) -> list[SourceLink]:
    return [
        SourceLink(
            _("取り込み記録 %(id)s") % {"id": pk},
            reverse("admin:indicators_dataimport_change", args=[pk]),
            staff_only=True,
        )
        for pk in record_ids(entry)
    ]


@provenance_linker("series_values")
def _stored_values(entry: Any) -> list[SourceLink]:
    return [
        SourceLink(
            _("系列の値 %(id)s") % {"id": pk},
            reverse("indicators:value", args=[pk]),
        )
        for pk in record_ids(entry)
    ]


def changelist_url(app: str, model: str, lookups: Mapping[str, str]) -> str:
    """An admin change list narrowed by URL lookups, e.g. ``{"id__in": "1,2"}``."""
    url = reverse(f"admin:{app}_{model}_changelist")
    return f"{url}?{urlencode(lookups)}" if lookups else url


def id_list(ids: list[int]) -> str:
    """Ids as an admin ``__in`` lookup writes them."""
    return ",".join(str(pk) for pk in ids)


@provenance_linker("listing")
def _public_listing(entry: Any) -> list[SourceLink]:
    if not isinstance(entry, dict):
        return []
    code, slug = str(entry.get("indicator", "")), str(entry.get("list", ""))
    choices = entry.get("choices") or {}
    try:
        url = reverse("indicators:indicator", args=[code])
    except NoReverseMatch:
        return []
    query = f"?{urlencode(choices)}" if isinstance(choices, dict) and choices else ""
    label = _("%(code)s のページの一覧") % {"code": code}
    return [SourceLink(label, f"{url}{query}#list-{slug}")]
