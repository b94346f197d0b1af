"""Programmes API: public reads with the directory's filters; writes for the programme's administrators and staff."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.permissions import RulesPermission
from core.exceptions import ValidationFailed
from programmes import selectors
from programmes.api.serializers import (
    CohortInput,
    CohortOutput,
    CredentialBulkInput,
    CredentialBulkOutput,
    CredentialDecisionOutput,
    CredentialRejectInput,
    ProgrammeDetailOutput,
    ProgrammeListOutput,
    ProgrammeUpdateInput,
    SchemeInput,
    SchemeOutput,
    SchemeUpdateInput,
    StakeholderOutput,
)
from programmes.filters import ProgrammeFilter, SchemeFilter, StakeholderFilter
from programmes.models import Credential, LegalScheme, Programme
from programmes.services.cohorts import cohort_save
from programmes.services.credentials import credential_reject, credential_verify, credentials_bulk_issue
from programmes.services.directory import programme_update
from programmes.services.schemes import scheme_save
from taxonomy.models import Occupation

# A programme and its schemes are public: whoever may not change one gets 403, never a 404 for what they can read.
PROGRAMME_WRITE = {"GET": "programmes.view_programme", "PATCH": "programmes.change_programme"}
PROGRAMME_CHILD_CREATE = {"GET": "programmes.view_programme", "POST": "programmes.change_programme"}
# A credential is not public: who may not see it gets 404; its holder sees it but may not decide it (403).
CREDENTIAL_DECIDE = {"GET": "programmes.view_credential", "POST": "programmes.decide_credential"}


def _occupations(uris: list[str]) -> list[Any]:
    occupations = list(Occupation.objects.filter(uri__in=uris))
    unknown = sorted(set(uris) - {occupation.uri for occupation in occupations})
    if unknown:
        raise ValidationFailed(
            _("Unknown ESCO occupation URI: %(uris)s") % {"uris": ", ".join(unknown[:5])}, field="occupation_uris"
        )
    return occupations


if TYPE_CHECKING:
    _MixinBase = APIView  # for the type checker: the mixin's `self` is an APIView (request is a DRF Request)
else:
    _MixinBase = object


class _PublicReadMixin(_MixinBase):
    """GET is open to everyone; any other method asks the view's `object_permissions` through django-rules."""

    def get_permissions(self) -> list[BasePermission]:
        return [AllowAny()] if self.request.method in ("GET", "HEAD", "OPTIONS") else [RulesPermission()]


class ProgrammeListView(generics.ListAPIView):
    """The programme directory. Filters: q, origin, destination, sector, occupation, kind, status, each SMP component."""

    permission_classes = [AllowAny]
    serializer_class = ProgrammeListOutput
    filterset_class = ProgrammeFilter

    def get_queryset(self) -> Any:
        return selectors.programme_list().order_by("name")


class ProgrammeDetailView(_PublicReadMixin, APIView):
    """Read a programme (public); change it (its administrators and staff; others get 403)."""

    object_permissions = PROGRAMME_WRITE

    @extend_schema(responses={200: ProgrammeDetailOutput})
    def get(self, request: Request, slug: str) -> Response:
        programme = selectors.programme_get_public(slug=slug)
        return Response(ProgrammeDetailOutput(programme).data)

    @extend_schema(request=ProgrammeUpdateInput, responses={200: ProgrammeDetailOutput})
    def patch(self, request: Request, slug: str) -> Response:
        programme = get_object_or_404(Programme, slug=slug)
        self.check_object_permissions(request, programme)
        data = ProgrammeUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        uris = values.pop("occupation_uris", None)
        if "sources" in values:
            values["sources"] = [dict(source) for source in values["sources"]]
        programme = programme_update(
            programme=programme,
            actor=request.user,
            data=values,
            occupations=_occupations(uris) if uris is not None else None,
        )
        return Response(ProgrammeDetailOutput(selectors.programme_get_public(slug=programme.slug)).data)


class SchemeListView(generics.ListAPIView):
    """Legal schemes with their machine-readable rules. Filters: programme, destination, nationality, G2G, pending recognition."""

    permission_classes = [AllowAny]
    serializer_class = SchemeOutput
    filterset_class = SchemeFilter

    def get_queryset(self) -> Any:
        return selectors.scheme_list().order_by("name")


class SchemeDetailView(_PublicReadMixin, APIView):
    """Read a scheme's rules (public); change them (the programme's administrators and staff; others get 403)."""

    object_permissions = PROGRAMME_WRITE

    @extend_schema(responses={200: SchemeOutput})
    def get(self, request: Request, slug: str) -> Response:
        return Response(SchemeOutput(get_object_or_404(selectors.scheme_list(), slug=slug)).data)

    @extend_schema(request=SchemeUpdateInput, responses={200: SchemeOutput})
    def patch(self, request: Request, slug: str) -> Response:
        scheme = get_object_or_404(LegalScheme.objects.select_related("programme"), slug=slug)
        self.check_object_permissions(request, scheme)
        if scheme.programme is None:
            raise ValidationFailed(_("This scheme belongs to no programme; change it in the admin."), field="slug")
        data = SchemeUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        scheme = scheme_save(
            programme=scheme.programme, actor=request.user, data=dict(data.validated_data), scheme=scheme
        )
        return Response(SchemeOutput(scheme).data)


class ProgrammeSchemeCreateView(APIView):
    permission_classes = [RulesPermission]
    object_permissions = PROGRAMME_CHILD_CREATE

    @extend_schema(request=SchemeInput, responses={201: SchemeOutput})
    def post(self, request: Request, slug: str) -> Response:
        programme = get_object_or_404(Programme, slug=slug)
        self.check_object_permissions(request, programme)
        data = SchemeInput(data=request.data)
        data.is_valid(raise_exception=True)
        if LegalScheme.objects.filter(slug=data.validated_data["slug"]).exists():
            raise ValidationFailed("A scheme with this slug exists already.", field="slug")
        scheme = scheme_save(programme=programme, actor=request.user, data=dict(data.validated_data))
        return Response(SchemeOutput(scheme).data, status=status.HTTP_201_CREATED)


class ProgrammeCohortCreateView(APIView):
    permission_classes = [RulesPermission]
    object_permissions = PROGRAMME_CHILD_CREATE

    @extend_schema(request=CohortInput, responses={201: CohortOutput})
    def post(self, request: Request, slug: str) -> Response:
        programme = get_object_or_404(Programme, slug=slug)
        self.check_object_permissions(request, programme)
        data = CohortInput(data=request.data)
        data.is_valid(raise_exception=True)
        if programme.cohorts.filter(name=data.validated_data["name"]).exists():
            raise ValidationFailed("This programme has a cohort with this name already.", field="name")
        cohort = cohort_save(programme=programme, actor=request.user, data=dict(data.validated_data))
        return Response(CohortOutput(cohort).data, status=status.HTTP_201_CREATED)


class CredentialBulkIssueView(APIView):
    """Issue credentials from CSV text; all or nothing, with an error per line and field. Re-upload is idempotent."""

    permission_classes = [RulesPermission]
    object_permissions = PROGRAMME_CHILD_CREATE

    @extend_schema(request=CredentialBulkInput, responses={200: CredentialBulkOutput, 400: CredentialBulkOutput})
    def post(self, request: Request, slug: str) -> Response:
        programme = get_object_or_404(Programme, slug=slug)
        self.check_object_permissions(request, programme)
        data = CredentialBulkInput(data=request.data)
        data.is_valid(raise_exception=True)
        result = credentials_bulk_issue(programme=programme, actor=request.user, csv_text=data.validated_data["csv"])
        body = CredentialBulkOutput(result).data
        return Response(body, status=status.HTTP_200_OK if result.ok else status.HTTP_400_BAD_REQUEST)


PK_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH, description="Credential id")
MAX_ID = 2**63 - 1


def _claim(view: APIView, request: Request, pk: str) -> Credential:
    """The credential, if the viewer may see it (else 404, as for an id that does not exist) and decide it (else 403)."""
    if not pk.isdigit() or not 0 < int(pk) <= MAX_ID:
        raise NotFound()
    credential = get_object_or_404(Credential.objects.select_related("programme", "candidate"), pk=int(pk))
    view.check_object_permissions(request, credential)
    return credential


class CredentialVerifyView(APIView):
    permission_classes = [RulesPermission]
    object_permissions = CREDENTIAL_DECIDE

    @extend_schema(request=None, responses={200: CredentialDecisionOutput}, parameters=[PK_PARAMETER])
    def post(self, request: Request, pk: str) -> Response:
        credential = credential_verify(credential=_claim(self, request, pk), actor=request.user)
        return Response(CredentialDecisionOutput(credential).data)


class CredentialRejectView(APIView):
    permission_classes = [RulesPermission]
    object_permissions = CREDENTIAL_DECIDE

    @extend_schema(request=CredentialRejectInput, responses={200: CredentialDecisionOutput}, parameters=[PK_PARAMETER])
    def post(self, request: Request, pk: str) -> Response:
        credential = _claim(self, request, pk)
        data = CredentialRejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        credential = credential_reject(credential=credential, actor=request.user, reason=data.validated_data["reason"])
        return Response(CredentialDecisionOutput(credential).data)


class StakeholderListView(generics.ListAPIView):
    """Organisations behind the programmes. Filters: q (name), kind, country."""

    permission_classes = [AllowAny]
    serializer_class = StakeholderOutput
    filterset_class = StakeholderFilter

    def get_queryset(self) -> Any:
        return selectors.stakeholder_list().order_by("name")
