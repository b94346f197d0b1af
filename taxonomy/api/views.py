"""ESCO autocomplete and lookup. Public (the vocabulary is open data), throttled, paginated."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.api.pagination import StandardPagination
from taxonomy.api.serializers import (
    OccupationDetailOutput,
    OccupationHitOutput,
    SearchQuery,
    SkillDetailOutput,
    SkillHitOutput,
)
from taxonomy.models import Skill
from taxonomy.search import search_occupations, search_skills
from taxonomy.selectors import occupation_with_skills


class _SearchView(ListAPIView):
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "search"
    pagination_class = StandardPagination
    filter_backends: list = []

    def search(self, text: str, limit: int, language: str | None) -> list[Any]:
        raise NotImplementedError

    # A ranked list, not a QuerySet: ListAPIView paginates either; the stubs only allow a QuerySet.
    def get_queryset(self) -> list[Any]:  # type: ignore[override]
        query = SearchQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        text = query.validated_data.get("q", "")
        # Without `lang`, the interface language (Accept-Language or the language cookie) is the best guess.
        language = query.validated_data.get("lang") or getattr(self.request, "LANGUAGE_CODE", None)
        return self.search(text, query.validated_data["limit"], language) if text else []


@extend_schema_view(get=extend_schema(parameters=[SearchQuery]))
class OccupationSearchView(_SearchView):
    """Occupations best first for free text in any of 21 languages (`q`); empty `q` gives no results."""

    serializer_class = OccupationHitOutput

    def search(self, text: str, limit: int, language: str | None) -> list[Any]:
        return search_occupations(text, limit=limit, language=language)


@extend_schema_view(get=extend_schema(parameters=[SearchQuery]))
class SkillSearchView(_SearchView):
    """Skills best first for free text (English labels) in `q`."""

    serializer_class = SkillHitOutput

    def search(self, text: str, limit: int, language: str | None) -> list[Any]:
        return search_skills(text, limit=limit)


class OccupationDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: OccupationDetailOutput})
    def get(self, request: Request, pk: int) -> Response:
        return Response(OccupationDetailOutput(occupation_with_skills(occupation_id=pk)).data)


class SkillDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: SkillDetailOutput})
    def get(self, request: Request, pk: int) -> Response:
        return Response(SkillDetailOutput(get_object_or_404(Skill, pk=pk)).data)
