"""Request body parsers of the API.

`StrictJSONParser` (the default, REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]) reads RFC 8259 JSON and nothing looser:
UTF-8 without a byte order mark, at most `MAX_JSON_DEPTH` nested arrays/objects (measured by a scan before parsing,
so a body nested 1,000 deep is refused instead of exhausting Python's recursion limit), no NaN or Infinity, no number
too large for a float, no key twice in one object and no unpaired surrogate escape (text the database could not
store). Each refusal is a 400 in the API's error body (`parse_error`).

`LimitedMultiPartParser` refuses a multipart body longer than settings.API_UPLOAD_MAX_BODY_BYTES from its
Content-Length, before reading it: a 413 (`too_large`). Bodies that are not file uploads are limited by Django's
DATA_UPLOAD_MAX_MEMORY_SIZE, which core.api.errors also answers with a 413.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from itertools import accumulate
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import APIException, ParseError

MAX_JSON_DEPTH = 64

# A JSON string, escapes included; what is left once strings are removed has brackets only where they nest.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class RequestTooLarge(APIException):
    status_code = 413
    default_code = "too_large"

    def __init__(self, limit_bytes: int | None = None) -> None:
        if limit_bytes:
            detail = _("The request body is too large (limit %(mb)s MB).") % {
                "mb": round(limit_bytes / (1024 * 1024), 1)
            }
        else:
            detail = _("The request body is too large.")
        super().__init__(detail)


class _Refused(ValueError):
    """A reason found while parsing; the message is already safe to show."""


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in `text`, without recursion (strings are skipped, so a "[" inside
    one does not count)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _Refused(_("The key “%(key)s” appears twice in one object.") % {"key": key[:40]})
            seen.add(key)
    return result


def _no_constants(name: str) -> Any:
    raise _Refused(_("%(value)s is not a JSON number.") % {"value": name})


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(_("The number %(value)s is too large.") % {"value": text[:40]})
    return value


def _has_surrogate(data: Any) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def strict_json_loads(raw: bytes) -> Any:
    """Parse a request body; raise ParseError with a message safe to show for anything but strict JSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError(_("The request body is not valid UTF-8 text.")) from None
    if text.startswith("\ufeff"):
        raise ParseError(_("The request body starts with a byte order mark; send JSON without one."))
    openings = text.count("[") + text.count("{")  # a body with few brackets cannot nest deeply: skip the scan
    if openings > MAX_JSON_DEPTH and json_depth(text) > MAX_JSON_DEPTH:
        raise ParseError(
            _("The JSON nests arrays and objects more than %(depth)d levels deep.") % {"depth": MAX_JSON_DEPTH}
        )
    try:
        data = json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants, parse_float=_finite_float
        )
    except _Refused as exc:
        raise ParseError(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise ParseError(
            _("The request body is not valid JSON (line %(line)d, column %(column)d).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from None
    except (ValueError, RecursionError):  # e.g. an integer of more than 4,300 digits
        raise ParseError(_("The request body is not valid JSON.")) from None
    if _SURROGATE_ESCAPE.search(text) and _has_surrogate(data):
        raise ParseError(_("The JSON contains an unpaired surrogate escape, which is not text."))
    return data


class StrictJSONParser(parsers.JSONParser):
    """JSON as RFC 8259 defines it; see the module docstring. A subclass of DRF's JSONParser, so that DRF hands it
    the body already read (and already limited by DATA_UPLOAD_MAX_MEMORY_SIZE)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        return strict_json_loads(stream.read())


class LimitedMultiPartParser(parsers.MultiPartParser):
    """Multipart uploads, refused with a 413 from their Content-Length before any of the body is read."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        request = (parser_context or {}).get("request")
        limit = settings.API_UPLOAD_MAX_BODY_BYTES
        if request is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except (TypeError, ValueError):
                length = 0
            if length > limit:
                raise RequestTooLarge(limit)
        return super().parse(stream, media_type, parser_context)
