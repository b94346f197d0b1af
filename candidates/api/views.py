"""The candidate's own API: every wizard step, consents, documents, export and erasure, for the candidate themself.

Only candidates get in (anyone else: 404). Objects are looked up among the caller's own rows, so another
candidate's id is simply not found (404).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.parsers import FormParser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from candidates import selectors
from candidates.api import serializers as s
from candidates.models import CandidateProfile
from candidates.services.consents import consent_grant, consent_withdraw
from candidates.services.credentials import credential_claim, credential_claim_withdraw
from candidates.services.documents import document_delete, document_upload
from candidates.services.dormancy import profile_reconfirm
from candidates.services.items import ITEM_KINDS, candidate_item_create, candidate_item_delete, candidate_item_update
from candidates.services.matches import match_not_interested
from candidates.services.privacy import profile_erase
from candidates.services.profile import (
    profile_get_or_create,
    profile_set_mobility,
    profile_set_occupations,
    profile_submit,
    profile_update_personal,
)
from core.api.parsers import LimitedMultiPartParser, StrictJSONParser
from core.exceptions import TooLarge, ValidationFailed
from core.roles import Role

MAX_PK = 2**63 - 1


class IsCandidate(BasePermission):
    """Candidates only; for anyone else the resource does not exist."""

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if user.role != Role.CANDIDATE:
            raise Http404
        return True

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        return bool(request.user.has_perm("candidates.change_profile", obj))


class CandidateAPIView(APIView):
    permission_classes = [IsCandidate]
    parser_classes = [StrictJSONParser]  # documents alone take multipart uploads

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # An unsupported method is 405 for everyone, before the role check turns outsiders away with 404.
        assert request.method is not None  # set on every request a handler serves
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def profile(self) -> CandidateProfile:
        return profile_get_or_create(user=self.request.user)

    def own(self, queryset: Any, pk: int) -> Any:
        if pk > MAX_PK:
            raise Http404
        obj = queryset.filter(pk=pk).first()
        if obj is None:
            raise Http404
        self.check_object_permissions(self.request, obj)
        return obj


PERSONAL_KEYS = ("given_name", "family_name", "birth_date", "nationality", "residence_country", "gender", "phone")
MOBILITY_KEYS = (
    "destinations",
    "sectors",
    "available_from",
    "min_stay_months",
    "max_stay_months",
    "circular_migration_interest",
    "return_plans",
)


def _language(request: Request) -> str:
    return (getattr(request, "LANGUAGE_CODE", "") or "en")[:2]


class ProfileView(CandidateAPIView):
    @extend_schema(responses={200: s.ProfileOutput}, summary="My profile")
    def get(self, request: Request) -> Response:
        return Response(s.ProfileOutput(self.profile()).data)

    @extend_schema(
        request=s.ProfileInput, responses={200: s.ProfileOutput}, summary="Change my profile (any step's fields)"
    )
    def patch(self, request: Request) -> Response:
        data = s.ProfileInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        profile = self.profile()
        if any(key in values for key in PERSONAL_KEYS):
            merged = {key: getattr(profile, key) for key in PERSONAL_KEYS} | {
                k: values[k] for k in PERSONAL_KEYS if k in values
            }
            profile_update_personal(profile=profile, data=merged)
        if "desired_occupations" in values or "current_title" in values or "current_occupation_uri" in values:
            desired = values.get("desired_occupations")
            if desired is None:
                linked = {o.preferred_label.casefold(): o.uri for o in profile.desired_occupations.all()}
                desired = [{"text": t, "uri": linked.get(t.casefold(), "")} for t in profile.desired_occupations_text]
            profile_set_occupations(
                profile=profile,
                desired=list(desired),
                current_title=values.get("current_title", profile.current_title),
                current_uri=values.get("current_occupation_uri", ""),
                language=_language(request),
            )
        if any(key in values for key in MOBILITY_KEYS):
            merged = {key: getattr(profile, key) for key in MOBILITY_KEYS} | {
                k: values[k] for k in MOBILITY_KEYS if k in values
            }
            profile_set_mobility(profile=profile, data=merged, language=_language(request))
        profile.refresh_from_db()
        return Response(s.ProfileOutput(profile).data)


class SubmitView(CandidateAPIView):
    @extend_schema(request=None, responses={200: s.SubmitOutput}, summary="Submit my profile for review")
    def post(self, request: Request) -> Response:
        profile = profile_submit(profile=self.profile())
        return Response({"status": profile.status})


class ReconfirmView(CandidateAPIView):
    @extend_schema(
        request=None, responses={200: s.SubmitOutput}, summary="Confirm I am still interested (every 90 days)"
    )
    def post(self, request: Request) -> Response:
        profile = profile_reconfirm(profile=self.profile())
        return Response({"status": profile.status})


ITEM_SERIALIZERS = {
    "skills": (s.SkillInput, s.SkillOutput),
    "languages": (s.LanguageInput, s.LanguageOutput),
    "education": (s.EducationInput, s.EducationOutput),
    "experience": (s.ExperienceInput, s.ExperienceOutput),
}


def _item_as_input(kind: str, item: Any) -> dict[str, Any]:
    if kind == "skills":
        return {"label": item.label, "skill_uri": item.skill.uri if item.skill else "", "years": item.years}
    if kind == "languages":
        return {
            "code": item.code,
            "level": item.level,
            "certificate": item.certificate,
            "certificate_document_id": item.certificate_document_id,
        }
    if kind == "education":
        return {
            k: getattr(item, k) for k in ("isced_level", "field", "institution", "country", "start_year", "end_year")
        }
    return {
        "title": item.title,
        "occupation_uri": item.occupation.uri if item.occupation else "",
        "employer_name": item.employer_name,
        "country": item.country,
        "start": item.start,
        "end": item.end,
        "description": item.description,
    }


def _item_views(kind: str) -> tuple[type[APIView], type[APIView]]:
    input_class, output_class = ITEM_SERIALIZERS[kind]
    model = ITEM_KINDS[kind][0]

    class ListView(CandidateAPIView):
        @extend_schema(responses={200: output_class(many=True)}, summary=f"My {kind}", operation_id=f"me_{kind}_list")
        def get(self, request: Request) -> Response:
            items = model.objects.filter(profile=self.profile()).order_by("pk")
            return Response(output_class(items, many=True).data)

        @extend_schema(
            request=input_class,
            responses={201: output_class},
            summary=f"Add to my {kind}",
            operation_id=f"me_{kind}_create",
        )
        def post(self, request: Request) -> Response:
            data = input_class(data=request.data)
            data.is_valid(raise_exception=True)
            item = candidate_item_create(
                profile=self.profile(), kind=kind, data=dict(data.validated_data), language=_language(request)
            )
            return Response(output_class(item).data, status=status.HTTP_201_CREATED)

    class DetailView(CandidateAPIView):
        @extend_schema(responses={200: output_class}, operation_id=f"me_{kind}_retrieve")
        def get(self, request: Request, pk: int) -> Response:
            return Response(output_class(self.own(model.objects.filter(profile=self.profile()), pk)).data)

        @extend_schema(request=input_class, responses={200: output_class}, operation_id=f"me_{kind}_update")
        def patch(self, request: Request, pk: int) -> Response:
            profile = self.profile()
            item = self.own(model.objects.filter(profile=profile), pk)
            data = input_class(data=request.data, partial=True)
            data.is_valid(raise_exception=True)
            merged = _item_as_input(kind, item) | dict(data.validated_data)
            item = candidate_item_update(
                profile=profile, kind=kind, item_id=item.pk, data=merged, language=_language(request)
            )
            return Response(output_class(item).data)

        @extend_schema(request=None, responses={204: None}, operation_id=f"me_{kind}_destroy")
        def delete(self, request: Request, pk: int) -> Response:
            profile = self.profile()
            item = self.own(model.objects.filter(profile=profile), pk)
            candidate_item_delete(profile=profile, kind=kind, item_id=item.pk)
            return Response(status=status.HTTP_204_NO_CONTENT)

    ListView.__name__ = f"{kind.title()}ListView"
    DetailView.__name__ = f"{kind.title()}DetailView"
    return ListView, DetailView


ITEM_VIEWS = {kind: _item_views(kind) for kind in ITEM_SERIALIZERS}


class CredentialListView(CandidateAPIView):
    @extend_schema(responses={200: s.CredentialOutput(many=True)}, summary="My programme credentials")
    def get(self, request: Request) -> Response:
        return Response(s.CredentialOutput(self.profile().credentials.select_related("programme"), many=True).data)

    @extend_schema(
        request=s.CredentialInput, responses={201: s.CredentialOutput}, summary="Claim a programme credential"
    )
    def post(self, request: Request) -> Response:
        from programmes.models import Cohort, Programme

        data = s.CredentialInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        profile = self.profile()
        programme = Programme.objects.filter(pk=values["programme"]).first()
        if programme is None:
            raise ValidationFailed(_("Unknown programme."), field="programme")
        cohort = None
        if values.get("cohort"):
            cohort = Cohort.objects.filter(pk=values["cohort"]).first()
            if cohort is None:
                raise ValidationFailed(_("Unknown cohort."), field="cohort")
        evidence = None
        if values.get("evidence_document_id"):
            evidence = profile.documents.filter(pk=values["evidence_document_id"]).first()
            if evidence is None:
                raise ValidationFailed(_("Unknown document."), field="evidence_document_id")
        credential = credential_claim(
            profile=profile,
            programme=programme,
            cohort=cohort,
            title=values["title"],
            completed_on=values.get("completed_on"),
            evidence=evidence,
        )
        return Response(s.CredentialOutput(credential).data, status=status.HTTP_201_CREATED)


class CredentialDetailView(CandidateAPIView):
    @extend_schema(responses={200: s.CredentialOutput})
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.CredentialOutput(self.own(self.profile().credentials.select_related("programme"), pk)).data)

    @extend_schema(request=None, responses={204: None}, summary="Withdraw a claim still awaiting verification")
    def delete(self, request: Request, pk: int) -> Response:
        profile = self.profile()
        credential = self.own(profile.credentials.all(), pk)
        credential_claim_withdraw(profile=profile, credential_id=credential.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ConsentListView(CandidateAPIView):
    @extend_schema(responses={200: s.ConsentOutput(many=True)}, summary="My consents, per purpose")
    def get(self, request: Request) -> Response:
        return Response(s.ConsentOutput(s.consent_rows(self.profile()), many=True).data)

    @extend_schema(
        request=s.ConsentInput, responses={200: s.ConsentOutput(many=True)}, summary="Give consent for a purpose"
    )
    def post(self, request: Request) -> Response:
        data = s.ConsentInput(data=request.data)
        data.is_valid(raise_exception=True)
        profile = self.profile()
        consent_grant(profile=profile, purpose=data.validated_data["purpose"])
        return Response(s.ConsentOutput(s.consent_rows(profile), many=True).data)


class ConsentWithdrawView(CandidateAPIView):
    @extend_schema(
        request=s.ConsentInput, responses={200: s.ConsentOutput(many=True)}, summary="Withdraw consent for a purpose"
    )
    def post(self, request: Request) -> Response:
        data = s.ConsentInput(data=request.data)
        data.is_valid(raise_exception=True)
        profile = self.profile()
        consent_withdraw(profile=profile, purpose=data.validated_data["purpose"])
        return Response(s.ConsentOutput(s.consent_rows(profile), many=True).data)


class DocumentListView(CandidateAPIView):
    parser_classes = [LimitedMultiPartParser, FormParser]

    @extend_schema(responses={200: s.DocumentOutput(many=True)}, summary="My documents")
    def get(self, request: Request) -> Response:
        return Response(s.DocumentOutput(self.profile().documents.order_by("-uploaded_at"), many=True).data)

    @extend_schema(
        request={"multipart/form-data": s.DocumentUploadInput},
        responses={201: s.DocumentOutput},
        summary="Upload a PDF, JPEG or PNG",
    )
    def post(self, request: Request) -> Response:
        data = s.DocumentUploadInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        from django.conf import settings

        if upload.size > settings.DOCUMENT_MAX_BYTES:
            raise TooLarge(
                _("The file is too large (limit %(mb)s MB).")
                % {"mb": round(settings.DOCUMENT_MAX_BYTES / (1024 * 1024), 1)},
                field="file",
                code="too_large",
            )
        document = document_upload(
            profile=self.profile(),
            kind=data.validated_data["kind"],
            content=upload.read(),
            name=upload.name or "",
            document_number=data.validated_data["document_number"],
        )
        return Response(s.DocumentOutput(document).data, status=status.HTTP_201_CREATED)


class DocumentDetailView(CandidateAPIView):
    @extend_schema(responses={200: s.DocumentOutput})
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.DocumentOutput(self.own(self.profile().documents.all(), pk)).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        profile = self.profile()
        document = self.own(profile.documents.all(), pk)
        document_delete(profile=profile, document_id=document.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentDownloadView(CandidateAPIView):
    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
        },
        summary="Download my document (as an attachment)",
    )
    def get(self, request: Request, pk: int) -> Any:
        from candidates.views import document_response

        document = self.own(self.profile().documents.all(), pk)
        try:
            return document_response(document)
        except FileNotFoundError:
            raise Http404 from None


class MatchOutput(s.serializers.Serializer):
    id = s.serializers.IntegerField()
    vacancy_title = s.serializers.CharField(source="vacancy.title")
    organisation = s.serializers.CharField(source="vacancy.organisation.legal_name")
    country = s.serializers.CharField(source="vacancy.country")
    status = s.serializers.CharField()
    released_at = s.serializers.DateTimeField(allow_null=True)
    summary = s.serializers.SerializerMethodField()

    def get_summary(self, obj: Any) -> str:
        from matching.explanations import plain_summary

        return plain_summary(match=obj, audience="candidate")


class MatchListView(CandidateAPIView):
    @extend_schema(responses={200: MatchOutput(many=True)}, summary="Vacancies I was put forward for")
    def get(self, request: Request) -> Response:
        return Response(MatchOutput(selectors.put_forward_matches(profile=self.profile()), many=True).data)


class NotInterestedView(CandidateAPIView):
    @extend_schema(request=s.NotInterestedInput, responses={200: MatchOutput}, summary="Say I am not interested")
    def post(self, request: Request, pk: int) -> Response:
        profile = self.profile()
        match = self.own(selectors.put_forward_matches(profile=profile), pk)
        data = s.NotInterestedInput(data=request.data)
        data.is_valid(raise_exception=True)
        match = match_not_interested(
            profile=profile, match_id=match.pk, actor=request.user, note=data.validated_data["note"]
        )
        return Response(MatchOutput(match).data)


class ExportView(CandidateAPIView):
    @extend_schema(responses={200: OpenApiTypes.OBJECT}, summary="Everything held about me (JSON)")
    def get(self, request: Request) -> Response:
        return Response(selectors.profile_export(profile=self.profile()))


class EraseView(CandidateAPIView):
    @extend_schema(
        request=s.EraseInput,
        responses={204: None, 400: OpenApiResponse(description="Not confirmed")},
        summary="Erase my account and data",
    )
    def post(self, request: Request) -> Response:
        data = s.EraseInput(data=request.data)
        data.is_valid(raise_exception=True)
        if not data.validated_data["confirm"]:
            raise ValidationFailed(_("Set confirm to true to erase your account."), field="confirm")
        if not request.user.check_password(data.validated_data["password"]):
            raise ValidationFailed(_("The password is not correct."), field="password")
        profile_erase(profile=self.profile())
        return Response(status=status.HTTP_204_NO_CONTENT)
