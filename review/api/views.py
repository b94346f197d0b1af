"""Review API for caseworkers and staff: the queue with filters, claim next, decide, match release and reject."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.permissions import RulesPermission
from core.audit import log_access, log_accesses
from matching.models import Match
from review import selectors, services
from review.api.serializers import (
    ClaimNextInput,
    DecideInput,
    MatchDecisionOutput,
    MatchRejectInput,
    MatchReleaseInput,
    PauseInput,
    PauseOutput,
    ReviewItemOutput,
    ReviewMatchOutput,
)
from review.explanations import labels_for_matches
from review.filters import ReviewItemFilter
from review.models import ReviewItem


class ReviewAPIView(APIView):
    """Caseworkers and staff only; anyone else signed in gets 404, as if the review API did not exist."""

    permission_classes = [RulesPermission]
    permission_required = "review.use_review_area"


def _item(request: Request, pk: int) -> ReviewItem:
    return get_object_or_404(selectors.review_items_for(viewer=request.user), pk=pk)


class ReviewItemListView(generics.ListAPIView):
    """The queue. Filters: kind, status (active by default), country, programme, sector, age, assignee, sort."""

    permission_classes = [RulesPermission]
    permission_required = "review.use_review_area"
    serializer_class = ReviewItemOutput
    filterset_class = ReviewItemFilter

    def get_queryset(self) -> Any:
        return selectors.review_items_for(viewer=self.request.user)


class ReviewItemDetailView(ReviewAPIView):
    @extend_schema(responses={200: ReviewItemOutput})
    def get(self, request: Request, pk: int) -> Response:
        item = _item(request, pk)
        for candidate_id in sorted({cid for cid in (item.candidate_id, item.other_candidate_id) if cid is not None}):
            log_access(
                actor=request.user,
                candidate_id=candidate_id,
                part="review_item",
                purpose="review_queue",
                path=request.path,
            )
        return Response(ReviewItemOutput(item).data)


class ClaimNextView(ReviewAPIView):
    """Claim the most urgent open item (optionally within filters). 204 when nothing is left."""

    @extend_schema(
        request=ClaimNextInput, responses={200: ReviewItemOutput, 204: OpenApiResponse(description="Nothing to claim")}
    )
    def post(self, request: Request) -> Response:
        data = ClaimNextInput(data=request.data)
        data.is_valid(raise_exception=True)
        pool = ReviewItem.objects.all()
        filters = data.validated_data
        if "kind" in filters:
            pool = pool.filter(kind=filters["kind"])
        if "country" in filters:
            pool = pool.filter(country=filters["country"].upper())
        if "programme" in filters:
            pool = pool.filter(programme_id=filters["programme"])
        if "sector" in filters:
            pool = pool.filter(sector=filters["sector"].upper())
        item = services.review_item_claim_next(actor=request.user, queryset=pool)
        if item is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(ReviewItemOutput(item).data)


class ClaimView(ReviewAPIView):
    @extend_schema(request=None, responses={200: ReviewItemOutput})
    def post(self, request: Request, pk: int) -> Response:
        item = services.review_item_claim(item=_item(request, pk), actor=request.user)
        return Response(ReviewItemOutput(item).data)


class ReleaseClaimView(ReviewAPIView):
    @extend_schema(request=None, responses={200: ReviewItemOutput})
    def post(self, request: Request, pk: int) -> Response:
        item = services.review_item_release(item=_item(request, pk), actor=request.user)
        return Response(ReviewItemOutput(item).data)


class DecideView(ReviewAPIView):
    @extend_schema(request=DecideInput, responses={200: ReviewItemOutput})
    def post(self, request: Request, pk: int) -> Response:
        item = _item(request, pk)
        data = DecideInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.review_item_decide(item=item, actor=request.user, **data.validated_data)
        return Response(ReviewItemOutput(item).data)


def _match(request: Request, pk: int) -> Match:
    return get_object_or_404(
        Match.objects.filter(vacancy__in=selectors.vacancies_for_review(viewer=request.user)), pk=pk
    )


class VacancyMatchesView(ReviewAPIView):
    """A vacancy's matches in review order (proposed first), each with its explanation."""

    @extend_schema(responses={200: ReviewMatchOutput(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        vacancy = get_object_or_404(selectors.vacancies_for_review(viewer=request.user), pk=pk)
        matches = list(selectors.proposed_matches_for(viewer=request.user, vacancy=vacancy))
        log_accesses(
            actor=request.user,
            entries=[(match.candidate_id, "match_explanation") for match in matches],
            purpose="match_review",
            path=request.path,
        )
        context = {"labels": labels_for_matches(matches)}
        return Response(ReviewMatchOutput(matches, many=True, context=context).data)


class MatchReleaseView(ReviewAPIView):
    @extend_schema(request=MatchReleaseInput, responses={200: MatchDecisionOutput})
    def post(self, request: Request, pk: int) -> Response:
        match = _match(request, pk)
        data = MatchReleaseInput(data=request.data)
        data.is_valid(raise_exception=True)
        match = services.match_release(match=match, actor=request.user, **data.validated_data)
        return Response(MatchDecisionOutput(match).data)


class MatchRejectView(ReviewAPIView):
    @extend_schema(request=MatchRejectInput, responses={200: MatchDecisionOutput})
    def post(self, request: Request, pk: int) -> Response:
        match = _match(request, pk)
        data = MatchRejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        match = services.match_reject(match=match, actor=request.user, **data.validated_data)
        return Response(MatchDecisionOutput(match).data)


class OversightPausesView(ReviewAPIView):
    """Staff: the pauses of automated ranking (newest first), and a new pause for a country or everywhere."""

    permission_required = "review.pause_ranking"

    @extend_schema(responses={200: PauseOutput(many=True)})
    def get(self, request: Request) -> Response:
        pauses = selectors.oversight_pauses_for(viewer=request.user)[:200]
        return Response(PauseOutput(pauses, many=True).data)

    @extend_schema(request=PauseInput, responses={201: PauseOutput})
    def post(self, request: Request) -> Response:
        data = PauseInput(data=request.data)
        data.is_valid(raise_exception=True)
        pause = services.oversight_pause(actor=request.user, **data.validated_data)
        return Response(PauseOutput(pause).data, status=status.HTTP_201_CREATED)
