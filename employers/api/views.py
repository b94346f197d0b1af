"""Employers API: a member's own organisation, its vacancies, their released candidates and decisions.

Only employer members (and staff for reads) get in; another organisation's objects answer 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.pagination import StandardPagination
from core.exceptions import NotFound
from core.idempotency import key_from
from employers import selectors, services
from employers.api.serializers import (
    DecisionInput,
    DecisionOutput,
    ErrorOutput,
    FeeReportInput,
    FeeReportOutput,
    OrganisationOutput,
    OrganisationPage,
    ReleasedCandidateOutput,
    ReleasedCandidatePage,
    VacancyCloseInput,
    VacancyInput,
    VacancyOutput,
    VacancyPage,
)
from employers.cards import candidate_cards
from employers.models import Vacancy

STATUS_FILTER = OpenApiParameter(
    "status",
    str,
    enum=[s for s, _l in Vacancy.Status.choices],
    required=False,
    description="Only vacancies in this status",
)


class IsEmployerMember(BasePermission):
    message = "Only members of an employer organisation can use this endpoint."

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and (user.is_employer or user.is_staff_role))


class IsOrganisationMember(BasePermission):
    """Released candidates and the decisions on them belong to the organisation's members alone (as on the pages):
    staff oversee vacancies but do not read candidate cards or decide for an employer."""

    message = "Only members of the vacancy's organisation can use this endpoint."

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_employer)


def errors(*codes: int) -> dict[int, Any]:
    """Document the shared error body for `codes` (403 is always possible: not logged in or not an employer)."""
    return dict.fromkeys(sorted({403, *codes}), ErrorOutput)


class OrganisationListView(APIView):
    """The organisations the user belongs to."""

    permission_classes = [IsEmployerMember]

    @extend_schema(operation_id="organisations_list", responses={200: OrganisationPage, **errors(404)})
    def get(self, request: Request) -> Response:
        qs = selectors.organisations_for(viewer=request.user).order_by("legal_name", "pk")
        paginator = StandardPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(OrganisationOutput(page, many=True).data)


class OrganisationDetailView(APIView):
    permission_classes = [IsEmployerMember]

    @extend_schema(operation_id="organisations_retrieve", responses={200: OrganisationOutput, **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        organisation = get_object_or_404(selectors.organisations_for(viewer=request.user), pk=pk)
        return Response(OrganisationOutput(organisation).data)


def _raise_as_drf(exc: ValidationError) -> None:
    raise serializers.ValidationError(
        exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    )


class VacancyListView(APIView):
    """List the organisation's vacancies (every status) or create a draft."""

    permission_classes = [IsEmployerMember]

    @extend_schema(
        operation_id="vacancies_list", parameters=[STATUS_FILTER], responses={200: VacancyPage, **errors(400, 404)}
    )
    def get(self, request: Request) -> Response:
        # The output names organisation, programme and scheme by id: only the occupation is read through a join.
        qs = (
            selectors.vacancies_for(viewer=request.user)
            .select_related(None)
            .select_related("occupation")
            .order_by("-created_at", "-pk")
        )
        wanted = request.query_params.get("status")
        if wanted:
            if wanted not in Vacancy.Status.values:
                raise serializers.ValidationError({"status": [f"Choose one of: {', '.join(Vacancy.Status.values)}."]})
            qs = qs.filter(status=wanted)
        paginator = StandardPagination()
        page = selectors.attach_requirements(list(paginator.paginate_queryset(qs, request, view=self) or []))
        return paginator.get_paginated_response(VacancyOutput(page, many=True).data)

    @extend_schema(
        operation_id="vacancies_create", request=VacancyInput, responses={201: VacancyOutput, **errors(400, 404)}
    )
    def post(self, request: Request) -> Response:
        membership = selectors.membership_for(user=request.user)
        if membership is None:
            raise NotFound("You are not a member of an organisation.")
        data = VacancyInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        requirements = {name: fields.pop(name) for name in ("essential_skills", "optional_skills") if name in fields}
        languages = [(lang["code"], lang["min_level"]) for lang in fields.pop("languages", [])]
        try:
            vacancy = services.vacancy_create(
                organisation=membership.organisation,
                actor=request.user,
                languages=languages,
                idempotency_key=key_from(request),
                **requirements,
                **fields,
            )
        except ValidationError as exc:
            _raise_as_drf(exc)
        return Response(VacancyOutput(vacancy).data, status=status.HTTP_201_CREATED)


class VacancyDetailView(APIView):
    """Read or change one vacancy. A published vacancy must stay publishable: an invalid change is refused whole."""

    permission_classes = [IsEmployerMember]

    def get_vacancy(self, pk: int) -> Vacancy:
        return get_object_or_404(selectors.vacancies_for(viewer=self.request.user), pk=pk)

    @extend_schema(operation_id="vacancies_retrieve", responses={200: VacancyOutput, **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        return Response(VacancyOutput(self.get_vacancy(pk)).data)

    @extend_schema(
        operation_id="vacancies_partial_update",
        request=VacancyInput,
        responses={200: VacancyOutput, **errors(400, 404, 409)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        vacancy = self.get_vacancy(pk)
        data = VacancyInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        essential = fields.pop("essential_skills", None)
        optional = fields.pop("optional_skills", None)
        languages = (
            [(lang["code"], lang["min_level"]) for lang in fields.pop("languages")] if "languages" in fields else None
        )
        if essential is not None and optional is None:
            optional = [r.skill for r in vacancy.skill_requirements.filter(is_essential=False).select_related("skill")]
        if optional is not None and essential is None:
            essential = [r.skill for r in vacancy.skill_requirements.filter(is_essential=True).select_related("skill")]
        try:
            vacancy = services.vacancy_update(
                vacancy=vacancy,
                actor=request.user,
                essential_skills=essential,
                optional_skills=optional,
                languages=languages,
                **fields,
            )
        except ValidationError as exc:
            _raise_as_drf(exc)
        return Response(VacancyOutput(vacancy).data)


class VacancyPublishView(APIView):
    """Publish a draft. 403 when the organisation is not vetted; 400 with field messages when incomplete."""

    permission_classes = [IsEmployerMember]

    @extend_schema(
        operation_id="vacancies_publish", request=None, responses={200: VacancyOutput, **errors(400, 404, 409)}
    )
    def post(self, request: Request, pk: int) -> Response:
        vacancy = get_object_or_404(selectors.vacancies_for(viewer=request.user), pk=pk)
        try:
            vacancy = services.vacancy_publish(vacancy=vacancy, actor=request.user)
        except ValidationError as exc:
            _raise_as_drf(exc)
        return Response(VacancyOutput(vacancy).data)


class VacancyCloseView(APIView):
    permission_classes = [IsEmployerMember]

    @extend_schema(
        operation_id="vacancies_close",
        request=VacancyCloseInput,
        responses={200: VacancyOutput, **errors(400, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        vacancy = get_object_or_404(selectors.vacancies_for(viewer=request.user), pk=pk)
        data = VacancyCloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        vacancy = services.vacancy_close(vacancy=vacancy, actor=request.user, filled=data.validated_data["filled"])
        return Response(VacancyOutput(vacancy).data)


class ReleasedCandidateListView(APIView):
    """The candidates a caseworker released for the vacancy, with explanations (each view is logged)."""

    permission_classes = [IsOrganisationMember]

    @extend_schema(operation_id="vacancies_candidates_list", responses={200: ReleasedCandidatePage, **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        vacancy = get_object_or_404(selectors.vacancies_for(viewer=request.user), pk=pk)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(
            selectors.released_matches(viewer=request.user, vacancy=vacancy), request, view=self
        )
        rows = []
        for card in candidate_cards(matches=page or [], vacancy=vacancy, viewer=request.user, path=request.path):
            match = card["match"]
            rows.append(
                {
                    "match_id": match.pk,
                    "status": match.status,
                    "shares_identity": card["shares"],
                    "name": card["name"],
                    "email": card["email"],
                    "phone": card["phone"],
                    "headline": card["headline"] or "",
                    "summary": card["summary"],
                    "matched_essential_skills": card["matched"],
                    "missing_essential_skills": card["missing"],
                    "languages": card["languages"],
                    "missing_languages": card["missing_languages"],
                    "credentials": card["credentials"],
                    "released_at": card["released_at"],
                    "allowed_decisions": card["allowed"],
                }
            )
        return paginator.get_paginated_response(ReleasedCandidateOutput(rows, many=True).data)


class MatchDecisionView(APIView):
    """Shortlist, invite to interview, hire or decline a released candidate, with a reason code and note."""

    permission_classes = [IsOrganisationMember]

    @extend_schema(
        operation_id="vacancies_candidates_decide",
        request=DecisionInput,
        responses={200: DecisionOutput, **errors(400, 404, 409)},
    )
    def post(self, request: Request, pk: int, match_id: int) -> Response:
        vacancy = get_object_or_404(selectors.vacancies_for(viewer=request.user), pk=pk)
        match = get_object_or_404(selectors.released_matches(viewer=request.user, vacancy=vacancy), pk=match_id)
        data = DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        match = services.match_employer_decide(match=match, actor=request.user, **data.validated_data)
        return Response(DecisionOutput(match).data)


class IsCandidate(BasePermission):
    message = "Only candidates can report a recruitment fee."

    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_candidate)


class FeeReportCreateView(APIView):
    """A candidate reports that someone asked them for a recruitment fee; it goes to the caseworker queue."""

    permission_classes = [IsCandidate]

    @extend_schema(
        operation_id="fee_reports_create", request=FeeReportInput, responses={201: FeeReportOutput, **errors(400)}
    )
    def post(self, request: Request) -> Response:
        from employers.models import Organisation

        data = FeeReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        organisation = (
            Organisation.objects.exclude(status=Organisation.Status.REJECTED)
            .filter(pk=data.validated_data["organisation"])
            .first()
        )
        if organisation is None:
            raise serializers.ValidationError({"organisation": ["Unknown organisation."]})
        report = services.fee_report_create(
            organisation=organisation,
            reporter=getattr(request.user, "candidate_profile", None),
            description=data.validated_data["description"],
            user=request.user,
            idempotency_key=key_from(request),
        )
        return Response(FeeReportOutput(report).data, status=status.HTTP_201_CREATED)
