"""OpenAPI post-processing: every operation documents the one error body the API returns for 4xx answers. And the
token scheme's name."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme

from core.api.parsers import MAX_JSON_DEPTH


class TokenScheme(KnoxTokenScheme):
    """Knox tokens under the name the API has always given its token scheme (`tokenAuth`), so generated clients
    keep their configuration when DRF's authtoken gave way to knox; the header is the same `Token <key>`."""

    name = "tokenAuth"
    priority = 1


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": True},
            },
            "required": ["code", "message", "fields"],
        }
    },
    "required": ["error"],
}
ERROR_STATUSES = {
    "400": "The input is not valid; `fields` names each field at fault.",
    "401": "Authentication is required.",
    "403": "You may not do this.",
    "404": "Not found, or not yours.",
    "409": "The object is not in a state that allows this.",
    "429": "Too many requests; slow down.",
}
# Any request that can carry a body can carry one that is too large.
BODY_METHODS = {"post", "put", "patch"}


def _megabytes(size: int) -> str:
    return f"{round(size / (1024 * 1024), 1):g} MB"


def body_400() -> str:
    """Where an operation takes a body, what the strict JSON parser refuses (core.api.parsers)."""
    return (
        f"{ERROR_STATUSES['400']} A body that is not strict JSON (UTF-8 without a byte order mark, arrays and "
        f"objects nested at most {MAX_JSON_DEPTH} deep, no NaN or Infinity, no key twice in one object) is refused "
        "with code `parse_error`."
    )


def too_large() -> str:
    return (
        f"The request body is too large (code `too_large`): at most {_megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}"
        f", or {_megabytes(settings.API_UPLOAD_MAX_BODY_BYTES)} for a document upload (multipart)."
    )


def document_empty_query_values(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """An empty query parameter (`?status=`, as an HTML form sends it) means "not given": say so in the schema."""
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") != "query" or schema.get("type") != "string":
                    continue
                if "enum" in schema and "" not in schema["enum"]:
                    schema["enum"] = [*schema["enum"], ""]
                schema.pop("minLength", None)
    return result


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorResponse"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/ErrorResponse"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            statuses = dict(ERROR_STATUSES)
            if "requestBody" in operation:
                statuses["400"] = body_400()
            if method in BODY_METHODS:
                statuses["413"] = too_large()
            for status, description in statuses.items():
                responses.setdefault(
                    status, {"description": description, "content": {"application/json": {"schema": reference}}}
                )
    return result
