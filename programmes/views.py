"""Pages of the programme directory: public directory, detail, "for employers", and programme administration."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from core.audit import log_access
from core.exceptions import DomainError
from core.mixins import PermissionRequiredMixin
from programmes import selectors
from programmes.components import component_profile
from programmes.countries import country_name, sort_key
from programmes.filters import ProgrammeFilter
from programmes.forms import (
    CohortForm,
    CredentialDecisionForm,
    CredentialUploadForm,
    ForEmployersForm,
    PartnerForm,
    ProgrammeForm,
    QuotaForm,
    SchemeForm,
)
from programmes.languages import untranslated_note
from programmes.models import Cohort, LegalScheme, Programme, ProgrammePartner
from programmes.scheme_rules_text import scheme_rules_lines
from programmes.services.cohorts import cohort_save
from programmes.services.credentials import credential_reject, credential_verify, credentials_bulk_issue

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from programmes.services.directory import programme_update
from programmes.services.partners import programme_partner_add, programme_partner_remove
from programmes.services.quotas import scheme_quota_set
from programmes.services.schemes import scheme_save
from taxonomy.models import Occupation
from taxonomy.search import search_occupations


class DirectoryView(TemplateView):
    template_name = "programmes/directory.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        filterset = ProgrammeFilter(self.request.GET or None, queryset=selectors.programme_list())
        programmes = filterset.qs if filterset.is_bound and filterset.is_valid() else selectors.programme_list()
        if filterset.is_bound and not filterset.is_valid():
            programmes = programmes.none()
        page = Paginator(programmes.order_by("name"), 30).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=filterset,
            page_obj=page,
            programmes=page.object_list,
            query=query.urlencode(),
            by_destination=selectors.programme_counts_by_destination(),
        )
        return context


class ProgrammeDetailView(TemplateView):
    template_name = "programmes/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = selectors.programme_get_public(slug=kwargs["slug"])
        partners_by_role: list[tuple[StrOrPromise, list[Any]]] = []
        partners = list(programme.partners.select_related("stakeholder").order_by("stakeholder__name"))
        for role, label in ProgrammePartner.Role.choices:
            group = [partner.stakeholder for partner in partners if partner.role == role]
            if group:
                partners_by_role.append((label, group))
        recognition_bodies = [p.stakeholder for p in partners if p.role == ProgrammePartner.Role.RECOGNITION_BODY]
        year = timezone.localdate().year
        funnel = selectors.programme_funnel(programme=programme)
        context.update(
            programme=programme,
            components=component_profile(programme),
            partners_by_role=partners_by_role,
            recognition_bodies=recognition_bodies,
            untranslated_note=untranslated_note(programme.content_language),
            schemes=[(scheme, scheme_rules_lines(scheme, year=year)) for scheme in programme.schemes.all()],
            cohorts=selectors.open_cohorts(programme=programme),
            funnel=funnel,
            funnel_chart={
                "labels": [stage.label for stage in funnel],
                "values": [stage.value or 0 for stage in funnel],
            },
            can_edit=self.request.user.has_perm("programmes.change_programme", programme),
            is_health="Q" in (programme.sectors or [])
            or any(o.is_health_occupation for o in programme.occupations.all()),
        )
        return context


def _resolve_occupation(text: str) -> Occupation | None:
    """The occupation an employer means: by URI, else ESCO's best hit for the words, else a label match."""
    text = text.strip()
    if text.startswith("http"):
        return Occupation.objects.filter(uri=text).first()
    hits = search_occupations(text, limit=1)
    if hits:
        return hits[0].occupation
    return (
        Occupation.objects.filter(preferred_label__iexact=text).first()
        or Occupation.objects.filter(preferred_label__icontains=text).first()
    )


class ForEmployersView(TemplateView):
    """Given an occupation and a destination: which programmes can supply candidates, through which legal pathway."""

    template_name = "programmes/for_employers.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = ForEmployersForm(self.request.GET if "occupation" in self.request.GET else None)
        results = None
        occupation = None
        if form.is_bound and form.is_valid():
            occupation = _resolve_occupation(form.cleaned_data["occupation"])
            destination = form.cleaned_data["destination"] or None
            results = []
            if occupation is not None:
                year = timezone.localdate().year
                for programme in selectors.programmes_for(occupation=occupation, country=destination):
                    schemes = selectors.schemes_for(programme=programme, country=destination)
                    results.append(
                        {"programme": programme, "schemes": [(s, scheme_rules_lines(s, year=year)) for s in schemes]}
                    )
        context.update(form=form, results=results, occupation=occupation)
        return context


class AdminAreaMixin(PermissionRequiredMixin):
    """The programme administration workspace: programme administrators and staff; anyone else gets 404."""

    permission_required = "programmes.use_admin_area"


class ProgrammeAdminMixin(PermissionRequiredMixin):
    """A page of one programme's administration: only who may change that programme sees it; others get 404."""

    permission_required = "programmes.change_programme"
    kwargs: dict[str, Any]  # set by View.setup() on the view this is mixed into

    def get_programme(self) -> Programme:
        if not hasattr(self, "_programme"):
            self._programme = get_object_or_404(Programme, slug=self.kwargs["slug"])
        return self._programme

    def get_permission_object(self) -> Programme:
        return self.get_programme()


class AdminHomeView(AdminAreaMixin, TemplateView):
    template_name = "programmes/admin_home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programmes = selectors.programmes_administered_by(viewer=self.request.user).prefetch_related(
            "schemes", "cohorts"
        )
        context.update(
            programmes=programmes, claims_count=selectors.credential_claims_for(viewer=self.request.user).count()
        )
        return context


def _apply_domain_error(form: Any, error: Exception) -> None:
    if isinstance(error, DjangoValidationError) and hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(
            getattr(error, "field", None) if getattr(error, "field", None) in form.fields else None,
            getattr(error, "message", None) or "; ".join(getattr(error, "messages", [str(error)])),
        )


class ProgrammeEditView(ProgrammeAdminMixin, FormView):
    template_name = "programmes/form.html"
    form_class = ProgrammeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        self.programme = self.get_programme()
        return {**super().get_form_kwargs(), "instance": self.programme}

    def form_valid(self, form: ProgrammeForm) -> HttpResponse:
        data = {key: form.cleaned_data[key] for key in form.Meta.fields}
        try:
            programme_update(
                programme=self.programme,
                actor=self.request.user,
                data=data,
                occupations=form.cleaned_data["occupations"],
            )
        except (DomainError, DjangoValidationError) as error:
            _apply_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The programme was saved."))
        return redirect("programmes:detail", slug=self.programme.slug)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        return {**context, "programme": self.programme, "heading": _("Edit %(name)s") % {"name": self.programme}}


class SchemeEditView(ProgrammeAdminMixin, FormView):
    template_name = "programmes/form.html"
    form_class = SchemeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        self.programme = self.get_programme()
        self.scheme = None
        if "pk" in self.kwargs:
            self.scheme = get_object_or_404(LegalScheme, pk=self.kwargs["pk"], programme=self.programme)
        return {**super().get_form_kwargs(), "instance": self.scheme or LegalScheme(programme=self.programme)}

    def form_valid(self, form: SchemeForm) -> HttpResponse:
        try:
            scheme_save(
                programme=self.programme,
                actor=self.request.user,
                data=form.service_data(),
                scheme=self.scheme,
                occupations=form.cleaned_data["occupations"],
            )
        except (DomainError, DjangoValidationError) as error:
            _apply_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The scheme was saved."))
        return redirect("programmes:detail", slug=self.programme.slug)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        heading = (
            _("Edit scheme %(name)s") % {"name": self.scheme}
            if self.scheme
            else _("New scheme for %(name)s") % {"name": self.programme}
        )
        return {**context, "programme": self.programme, "heading": heading}


class CohortEditView(ProgrammeAdminMixin, FormView):
    template_name = "programmes/form.html"
    form_class = CohortForm

    def get_form_kwargs(self) -> dict[str, Any]:
        self.programme = self.get_programme()
        self.cohort = None
        if "pk" in self.kwargs:
            self.cohort = get_object_or_404(Cohort, pk=self.kwargs["pk"], programme=self.programme)
        return {**super().get_form_kwargs(), "instance": self.cohort or Cohort(programme=self.programme)}

    def form_valid(self, form: CohortForm) -> HttpResponse:
        data = {key: form.cleaned_data[key] for key in form.Meta.fields}
        try:
            cohort_save(
                programme=self.programme,
                actor=self.request.user,
                data=data,
                cohort=self.cohort,
                curriculum=form.cleaned_data["curriculum"],
            )
        except (DomainError, DjangoValidationError) as error:
            _apply_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The cohort was saved."))
        return redirect("programmes:detail", slug=self.programme.slug)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        heading = (
            _("Edit cohort %(name)s") % {"name": self.cohort.name}
            if self.cohort
            else _("New cohort for %(name)s") % {"name": self.programme}
        )
        return {**context, "programme": self.programme, "heading": heading}


class CredentialClaimsView(AdminAreaMixin, TemplateView):
    """The queue of claimed credentials of the viewer's programmes. Showing a claimant is a logged access."""

    template_name = "programmes/claims.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        claims = list(selectors.credential_claims_for(viewer=self.request.user)[:100])
        for claim in claims:
            log_access(
                actor=self.request.user,
                candidate_id=claim.candidate_id,
                part="credential_claim",
                purpose="credential_verification",
                path=self.request.path,
            )
        context.update(claims=claims, form=CredentialDecisionForm())
        return context


class CredentialDecideView(AdminAreaMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        claim = get_object_or_404(selectors.credential_claims_for(viewer=request.user), pk=pk)
        form = CredentialDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose verify or reject."))
            return redirect("programmes:claims")
        try:
            if form.cleaned_data["decision"] == "verify":
                credential_verify(credential=claim, actor=request.user)
                messages.success(request, _("The credential was verified."))
            else:
                credential_reject(credential=claim, actor=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("The credential was rejected."))
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("programmes:claims")


class CredentialUploadView(ProgrammeAdminMixin, FormView):
    template_name = "programmes/upload.html"
    form_class = CredentialUploadForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "programme": self.get_programme()}

    def form_valid(self, form: CredentialUploadForm) -> HttpResponse:
        programme = self.get_programme()
        try:
            result = credentials_bulk_issue(
                programme=programme, actor=self.request.user, csv_text=form.cleaned_data["file"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if not result.ok:
            return self.render_to_response(self.get_context_data(form=form, errors=result.errors), status=400)
        messages.success(
            self.request,
            ngettext(
                "%(created)s credential issued, %(updated)s updated, %(unchanged)s unchanged.",
                "%(created)s credentials issued, %(updated)s updated, %(unchanged)s unchanged.",
                result.created,
            )
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
        )
        return HttpResponseRedirect(reverse("programmes:credentials_upload", kwargs={"slug": programme.slug}))


class PartnersView(ProgrammeAdminMixin, FormView):
    """The programme's partners by role: add one (an existing organisation is reused) or remove one."""

    template_name = "programmes/partners.html"
    form_class = PartnerForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = self.get_programme()
        partners = programme.partners.select_related("stakeholder").order_by("role", "stakeholder__name")
        return {**context, "programme": programme, "partners": partners}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        programme = self.get_programme()
        if "remove" in request.POST:
            try:
                programme_partner_remove(
                    programme=programme, actor=request.user, partner_id=int(request.POST["remove"])
                )
                messages.success(request, _("The partner was removed."))
            except (ValueError, DomainError):
                messages.error(request, _("This partner is not part of the programme."))
            return redirect("programmes:partners", slug=programme.slug)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: PartnerForm) -> HttpResponse:
        programme = self.get_programme()
        try:
            programme_partner_add(programme=programme, actor=self.request.user, **form.cleaned_data)
        except (DomainError, DjangoValidationError) as error:
            _apply_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The partner was added."))
        return redirect("programmes:partners", slug=programme.slug)


class SchemeQuotasView(ProgrammeAdminMixin, FormView):
    """A scheme's annual quotas (all nationalities or one) and how much of each is used."""

    template_name = "programmes/quotas.html"
    form_class = QuotaForm

    def get_scheme(self) -> LegalScheme:
        return get_object_or_404(LegalScheme, pk=self.kwargs["pk"], programme=self.get_programme())

    def get_initial(self) -> dict[str, Any]:
        return {"year": timezone.localdate().year}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        scheme = self.get_scheme()
        return {
            **context,
            "programme": scheme.programme,
            "scheme": scheme,
            "quotas": scheme.quotas.order_by("-year", "nationality"),
        }

    def form_valid(self, form: QuotaForm) -> HttpResponse:
        scheme = self.get_scheme()
        try:
            scheme_quota_set(scheme=scheme, actor=self.request.user, **form.cleaned_data)
        except DomainError as error:
            _apply_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The quota was saved."))
        assert scheme.programme is not None  # get_scheme looks it up within the programme
        return redirect("programmes:scheme_quotas", slug=scheme.programme.slug, pk=scheme.pk)


class SafeguardListView(TemplateView):
    """The WHO Health Workforce Support and Safeguards List the matching rule uses, with its edition."""

    template_name = "programmes/safeguards.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        edition = selectors.active_safeguard_edition()
        countries = sorted(
            ((entry.country, country_name(entry.country)) for entry in (edition.countries.all() if edition else [])),
            key=lambda pair: sort_key(pair[1]),
        )
        return {**context, "edition": edition, "countries": countries}
