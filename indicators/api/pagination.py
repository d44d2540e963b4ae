"""Keyset ("cursor") pagination for every list of the API.

DRF's own CursorPagination keeps only the first ordering field in its cursor
and counts an offset among rows with an equal value, so a row inserted or
deleted among those rows between two fetches shifts every later page by
one. Here the cursor holds the whole sort key of the row at the page edge:
every ordering field of the list followed by the primary key. The next page
asks for the rows strictly after that key, so a change elsewhere in the
table neither repeats nor drops a row.

The guarantee needs sort keys that do not change under the client. Views
therefore order only by fields that identify a record (codes, periods, fiscal
years, ids), never by a value that a recompute may change; nullable fields
cannot be ordered by, because SQL comparisons with NULL drop rows.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class SortTerm:
    """One column of the sort key: its name in the query and its direction."""

    name: str
    descending: bool
    field: models.Field[Any, Any]

    @property
    def expression(self) -> str:
        return f"-{self.name}" if self.descending else self.name


@dataclass(frozen=True)
class Cursor:
    """The sort key of the row at a page edge and the direction to read in."""

    key: tuple[Any, ...]
    backwards: bool


class KeysetPagination(BasePagination):
    """Pages of ``page_size`` rows linked by ``next`` and ``previous`` cursors."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    page_size = DEFAULT_PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(
        self,
        queryset: QuerySet[Any] | Sequence[Any],
        request: Request,
        view: Any = None,
    ) -> list[Any]:
        if not isinstance(queryset, QuerySet):
            raise ImproperlyConfigured("keyset pagination needs a queryset")
        self.request = request
        self.terms = sort_terms(queryset)
        queryset = queryset.order_by(*(t.expression for t in self.terms))
        size = self.requested_page_size(request)
        cursor = self.decode_cursor(request)

        if cursor is not None and cursor.backwards:
            return self._page_before(queryset, cursor, size)
        return self._page_after(queryset, cursor, size)

    def get_paginated_response(self, data: Any) -> Response:
        links = [f'<{url}>; rel="{rel}"' for rel, url in self._links() if url]
        headers = {"Link": ", ".join(links)} if links else None
        return Response(
            {"next": self.next_url, "previous": self.previous_url, "results": data},
            headers=headers,
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(_("前後のページへのリンクに含まれるカーソル")),
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(_("1ページの件数")),
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                },
            },
        ]

    def requested_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if not raw:
            return self.page_size
        # ASCII digits only: int() would also take " 3" and "٣".
        size = int(raw) if raw.isascii() and raw.isdigit() else 0
        if not 1 <= size <= self.max_page_size:
            message = _("1から%(max)dまでの整数を指定してください") % {
                "max": self.max_page_size
            }
            raise ValidationError({self.page_size_query_param: [message]})
        return size

    def decode_cursor(self, request: Request) -> Cursor | None:
        encoded = request.query_params.get(self.cursor_query_param)
        if not encoded:
            return None
        try:
            return decode_cursor(encoded, self.terms)
        except (ValueError, TypeError, KeyError, DjangoValidationError):
            # As in DRF, a cursor that was not issued here names no page.
            raise NotFound(_("カーソルが正しくありません")) from None

    def _page_after(
        self, queryset: QuerySet[Any], cursor: Cursor | None, size: int
    ) -> list[Any]:
        if cursor is not None:
            queryset = queryset.filter(after_key(self.terms, cursor.key))
        rows = list(queryset[: size + 1])
        more, rows = len(rows) > size, rows[:size]

        self.next_url = self._url(self._key(rows[-1]), False) if more else None
        self.previous_url = None
        if cursor is not None:
            # Past the last row the previous page still ends at the cursor.
            first = self._key(rows[0]) if rows else cursor.key
            self.previous_url = self._url(first, True)
        return rows

    def _page_before(
        self, queryset: QuerySet[Any], cursor: Cursor, size: int
    ) -> list[Any]:
        reversed_terms = [
            SortTerm(t.name, not t.descending, t.field) for t in self.terms
        ]
        queryset = queryset.order_by(*(t.expression for t in reversed_terms))
        queryset = queryset.filter(after_key(reversed_terms, cursor.key))
        rows = list(queryset[: size + 1])
        more, rows = len(rows) > size, rows[:size][::-1]

        edge_last = self._key(rows[-1]) if rows else cursor.key
        self.previous_url = self._url(self._key(rows[0]), True) if more else None
        self.next_url = self._url(edge_last, False)
        return rows

    def _key(self, row: Any) -> tuple[Any, ...]:
        return tuple(getattr(row, t.name) for t in self.terms)

    def _url(self, key: tuple[Any, ...], backwards: bool) -> str:
        url = self.request.build_absolute_uri()
        encoded = encode_cursor(Cursor(key, backwards), self.terms)
        return replace_query_param(url, self.cursor_query_param, encoded)

    def _links(self) -> list[tuple[str, str | None]]:
        first = remove_query_param(
            self.request.build_absolute_uri(), self.cursor_query_param
        )
        return [
            ("first", first),
            ("next", self.next_url),
            ("prev", self.previous_url),
        ]


def sort_terms(queryset: QuerySet[Any]) -> list[SortTerm]:
    """The list's ordering as sort-key columns, ending with the primary key."""
    ordering = list(queryset.query.order_by)
    if not ordering and queryset.query.default_ordering:
        ordering = list(queryset.model._meta.ordering)
    terms = [_term(queryset, expression) for expression in ordering]

    pk = queryset.model._meta.pk
    assert pk is not None
    if not any(t.name == pk.attname for t in terms):
        terms.append(SortTerm(pk.attname, False, pk))
    return terms


def after_key(terms: list[SortTerm], key: tuple[Any, ...]) -> Q:
    """Rows strictly after ``key`` in the order of ``terms`` (a row comparison)."""
    condition = Q()
    for index, term in enumerate(terms):
        equal = {t.name: value for t, value in zip(terms[:index], key, strict=False)}
        lookup = "lt" if term.descending else "gt"
        condition |= Q(**equal, **{f"{term.name}__{lookup}": key[index]})
    return condition


def encode_cursor(cursor: Cursor, terms: list[SortTerm]) -> str:
    payload = {
        "o": [t.expression for t in terms],
        "k": [_text(value) for value in cursor.key],
        "b": cursor.backwards,
    }
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(encoded: str, terms: list[SortTerm]) -> Cursor:
    """The cursor in ``encoded``; ValueError if this list could not have issued it.

    Anyone can forge a cursor, so each part is checked for the type
    ``encode_cursor`` writes before it reaches a query.
    """
    padded = encoded + "=" * (-len(encoded) % 4)
    try:
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise ValueError(str(exc)) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("b"), bool):
        raise ValueError("the cursor is not an object with a direction")
    if payload.get("o") != [t.expression for t in terms]:
        raise ValueError("the cursor belongs to another ordering")
    texts = payload.get("k")
    if not isinstance(texts, list) or len(texts) != len(terms):
        raise ValueError("the cursor has the wrong number of values")
    key = tuple(_key_value(t, text) for t, text in zip(terms, texts, strict=True))
    return Cursor(key=key, backwards=payload["b"])


def _key_value(term: SortTerm, text: Any) -> Any:
    """A cursor value as the field's type, refused if the field could not hold it.

    ``encode_cursor`` writes every value as text, never null; and no field
    holds a NUL (PostgreSQL refuses one in a query with an error).
    """
    if not isinstance(text, str) or "\x00" in text:
        raise ValueError("a cursor value is text without NUL")
    value = term.field.to_python(text)
    if value is None:
        raise ValueError("a cursor value names no row")
    term.field.run_validators(value)
    return value


def _term(queryset: QuerySet[Any], expression: Any) -> SortTerm:
    if not isinstance(expression, str) or "__" in expression or expression == "?":
        raise ImproperlyConfigured(
            f"keyset pagination orders by plain field names, not {expression!r}"
        )
    descending = expression.startswith("-")
    name = expression.lstrip("-")
    field = _field(queryset, name)
    if field.null:
        raise ImproperlyConfigured(f"cannot page by the nullable field {name!r}")
    return SortTerm(name=_column(field, name), descending=descending, field=field)


def _field(queryset: QuerySet[Any], name: str) -> models.Field[Any, Any]:
    opts = queryset.model._meta
    field = opts.pk if name == "pk" else opts.get_field(name)
    if not isinstance(field, models.Field):
        raise ImproperlyConfigured(f"cannot page by {name!r}")
    return field


def _column(field: models.Field[Any, Any], name: str) -> str:
    # A foreign key orders by its own column, not by the related model's
    # default ordering (which is what ``order_by("series")`` would mean).
    if field.is_relation or name == "pk":
        return field.attname
    return name


def _text(value: Any) -> str:
    """A sort-key value as text that the field's ``to_python`` reads back."""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
