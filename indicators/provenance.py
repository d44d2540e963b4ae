"""Links from a stored value down to what it was computed from.

A series builder writes into each point's ``provenance`` what the value was
made of, under keys of its choosing: ids of records, import runs, source
files. An area registers a linker per key that turns those entries into
links (to the admin for staff, to the API or a public page for everyone);
the value page shows the provenance as it is stored, with the links of every
key some linker understands.

Two keys are understood here: ``imports`` (ids of ``DataImport`` runs, the
files loaded) and ``series_values`` (ids of other stored values a value was
summed or divided from).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
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


def _ids(entry: Any) -> list[int]:
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
        for pk in _ids(entry)
    ]


@provenance_linker("series_values")
def _stored_values(entry: Any) -> list[SourceLink]:
    return [
        SourceLink(
            _("系列の値 %(id)s") % {"id": pk},
            reverse("indicators:value", args=[pk]),
        )
        for pk in _ids(entry)
    ]
