"""Additions to the generated OpenAPI schema that hold for every operation.

drf-spectacular documents each view's success answer. The answers that
the framework gives on every path (an invalid parameter, a bad cursor, a
missing token, throttling) are added here, once; optional query
parameters are marked as accepting an empty value (``?fiscal_year_min=``
means no bound, as an HTML filter form sends it) and text parameters as
refusing NUL characters; and public reads are
marked as needing no credentials, so that the schema describes what the
server really does and schemathesis can hold it to that.
"""

from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS

from indicators.api.permissions import PublicReadStaffWrite

FORMATS = {"application/json": "json", "text/csv": "csv"}
NO_NUL = "^[^\\x00]*$"


class PortalAutoSchema(AutoSchema):
    """Marks reads of public records as open to anonymous clients."""

    def get_auth(self) -> list[dict[str, Any]]:
        auths = super().get_auth()
        permissions = self.view.get_permissions()
        public = all(isinstance(p, PublicReadStaffWrite) for p in permissions)
        if public and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths


ERROR_BODY = {
    "type": "object",
    "description": "detail, or the invalid parameters with their messages",
    "additionalProperties": True,
}

ERRORS = {
    "400": "invalid parameter or body",
    "401": "missing or invalid token",
    "403": "no permission for this record",
    "404": "no such record, or a cursor that was not issued by this list",
    "406": "the requested format is not offered here",
    "429": "too many requests; retry after the time in Retry-After",
}


def document_common_answers(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook (see SPECTACULAR_SETTINGS)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            _add_errors(operation, _formats(operation) or ["json"])
            _describe_query_values(operation)
    return result


def _formats(operation: dict[str, Any]) -> list[str]:
    success = operation.get("responses", {}).get("200", {})
    types = success.get("content", {})
    return [FORMATS[t] for t in types if t in FORMATS]


def _describe_query_values(operation: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        if parameter.get("in") != "query":
            continue
        if not parameter.get("required"):
            parameter["allowEmptyValue"] = True
        schema = parameter.get("schema", {})
        if schema.get("type") == "string" and not {"enum", "format"} & set(schema):
            # Django's form fields refuse NUL characters with a 400.
            schema.setdefault("pattern", NO_NUL)


def _add_errors(operation: dict[str, Any], formats: list[str]) -> None:
    # An error is rendered in the format the request negotiated.
    content: dict[str, Any] = {}
    if "json" in formats:
        content["application/json"] = {"schema": ERROR_BODY}
    if "csv" in formats:
        content["text/csv"] = {"schema": {"type": "string"}}
    responses = operation.setdefault("responses", {})
    for status, description in ERRORS.items():
        responses.setdefault(status, {"description": description, "content": content})
