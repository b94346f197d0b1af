from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """Page-number pagination that refuses a malformed `page_size` instead of silently ignoring it."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request: Any) -> int:
        raw = request.query_params.getlist(self.page_size_query_param)
        if not raw:
            return self.page_size
        try:
            values = [int(value) for value in raw]
        except ValueError:
            raise ValidationError(
                {self.page_size_query_param: ["A whole number between 1 and 100 is required."]}
            ) from None
        if any(value < 1 or value > self.max_page_size for value in values):
            raise ValidationError({self.page_size_query_param: ["A whole number between 1 and 100 is required."]})
        return values[-1]

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
            elif parameter["name"] == self.page_query_param:
                parameter["schema"].update({"minimum": 1})
        return parameters
