"""Employer pages: sign-up, invitations, dashboard, vacancies, released candidates and decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from core.exceptions import DomainError
from core.idempotency import form_key, key_from
from core.mixins import RoleRequiredMixin
from core.roles import Role
from core.throttle import mail_throttled
from core.views import too_many_attempts
from employers import participation, selectors, services
from employers.cards import candidate_cards
from employers.forms import (
    FeeReportForm,
    InvitationAcceptForm,
    InvitationForm,
    MatchDecisionForm,
    OrganisationSignupForm,
    ParticipationForm,
    VacancyForm,
)
from employers.models import Vacancy
from programmes.views import ProgrammeAdminMixin
from taxonomy.models import Occupation, Skill
from taxonomy.selectors import occupation_skill_shortlist, occupation_skills


def _apply_domain_error(form: Any, exc: DomainError) -> None:
    if exc.field and exc.field in form.fields:
        form.add_error(exc.field, exc.message)
    else:
        form.add_error(None, exc.message)


class EmployerMixin(RoleRequiredMixin):
    """Employer members only; `self.membership` is the user's organisation membership (404 without one)."""

    allowed_roles = (Role.EMPLOYER,)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            self.membership = selectors.membership_for(user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_membership(self) -> Any:
        if getattr(self, "membership", None) is None:
            raise Http404
        return self.membership

    def get_vacancy(self, pk: int) -> Vacancy:
        return get_object_or_404(selectors.vacancies_for(viewer=self.request.user), pk=pk)


# --- sign-up and invitations -------------------------------------------------------------------------------------


class SignupView(FormView):
    template_name = "employers/signup.html"
    form_class = OrganisationSignupForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: OrganisationSignupForm) -> HttpResponse:
        data = form.cleaned_data
        if mail_throttled(self.request, scope="signup", address=data["email"]):
            return too_many_attempts(self.request)
        try:
            services.organisation_signup(
                legal_name=data["legal_name"],
                country=data["country"],
                registration_number=data["registration_number"],
                sector=data["sector"],
                size=data["size"],
                website=data["website"],
                address=data["address"],
                email=data["email"],
                password=data["password1"],
                pledge_accepted=data["pledge"],
                preferred_language=getattr(self.request, "LANGUAGE_CODE", "en") or "en",
            )
        except DomainError as exc:
            _apply_domain_error(form, exc)
            return self.form_invalid(form)
        # The same answer whether the address was new or not: the mail tells its owner which.
        return render(self.request, "registration/signup_sent.html", {"email": data["email"]})


class OrganisationView(EmployerMixin, TemplateView):
    """Members, open invitations and the invite form (administrators)."""

    template_name = "employers/organisation.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        membership = self.get_membership()
        organisation = membership.organisation
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            organisation=organisation,
            membership=membership,
            members=organisation.memberships.select_related("user").order_by("joined_at"),
            invitations=organisation.invitations.filter(accepted_at__isnull=True).order_by("-created_at"),
            form=kwargs.get("form") or InvitationForm(),
        )
        return ctx

    def post(self, request: HttpRequest) -> HttpResponse:
        membership = self.get_membership()
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                services.invitation_create(
                    organisation=membership.organisation,
                    actor=request.user,
                    email=form.cleaned_data["email"],
                    accept_url_builder=lambda token: request.build_absolute_uri(
                        reverse("employers:invitation_accept", kwargs={"token": token})
                    ),
                )
            except DomainError as exc:
                _apply_domain_error(form, exc)
            else:
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
                return redirect("employers:organisation")
        return self.render_to_response(self.get_context_data(form=form))


class InvitationAcceptView(FormView):
    template_name = "employers/invitation_accept.html"
    form_class = InvitationAcceptForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        invitation = selectors.invitation_by_token(token=kwargs["token"])
        if invitation is None:
            raise Http404
        self.invitation = invitation
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def form_valid(self, form: InvitationAcceptForm) -> HttpResponse:
        try:
            membership = services.invitation_accept(
                invitation=self.invitation,
                password=form.cleaned_data["password1"],
                preferred_language=getattr(self.request, "LANGUAGE_CODE", "en") or "en",
            )
        except DomainError as exc:
            _apply_domain_error(form, exc)
            return self.form_invalid(form)
        login(self.request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Welcome to %(name)s.") % {"name": membership.organisation.legal_name})
        return redirect("employers:dashboard")


# --- dashboard ---------------------------------------------------------------------------------------------------


class DashboardView(EmployerMixin, TemplateView):
    template_name = "employers/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        membership = self.get_membership()
        vacancies = list(selectors.vacancies_for(viewer=self.request.user).order_by("status", "-created_at"))
        counts = selectors.vacancy_stage_counts(vacancies=vacancies)
        rows = [(v, counts[v.pk]) for v in vacancies]
        today = timezone.localdate()
        waiting: list[dict[str, Any]] = []

        def wait(vacancy: Vacancy, text: str, url_name: str) -> None:
            waiting.append({"vacancy": vacancy, "text": text, "url": reverse(url_name, kwargs={"pk": vacancy.pk})})

        for vacancy, c in rows:
            to_look_at = c["waiting_released"]
            if to_look_at > 0:
                wait(
                    vacancy,
                    ngettext("%(n)d released candidate to look at", "%(n)d released candidates to look at", to_look_at)
                    % {"n": to_look_at},
                    "employers:vacancy_candidates",
                )
            shortlisted_only = c["waiting_shortlisted"]
            if shortlisted_only > 0:
                wait(
                    vacancy,
                    ngettext(
                        "%(n)d shortlisted candidate to invite or decline",
                        "%(n)d shortlisted candidates to invite or decline",
                        shortlisted_only,
                    )
                    % {"n": shortlisted_only},
                    "employers:vacancy_candidates",
                )
            interviewed_open = c["waiting_interview"]
            if interviewed_open > 0:
                wait(
                    vacancy,
                    ngettext(
                        "%(n)d interview waiting for your decision",
                        "%(n)d interviews waiting for your decision",
                        interviewed_open,
                    )
                    % {"n": interviewed_open},
                    "employers:vacancy_candidates",
                )
            if vacancy.status == Vacancy.Status.DRAFT and membership.organisation.can_publish:
                wait(vacancy, _("Draft ready to complete and publish"), "employers:vacancy_edit")
            if (
                vacancy.status == Vacancy.Status.PUBLISHED
                and vacancy.expires_on
                and vacancy.expires_on <= today + dt.timedelta(days=14)
            ):
                wait(
                    vacancy,
                    _("Expires on %(date)s") % {"date": vacancy.expires_on.isoformat()},
                    "employers:vacancy_edit",
                )
        ctx = super().get_context_data(**kwargs)
        ctx.update(organisation=membership.organisation, membership=membership, rows=rows, waiting=waiting)
        return ctx


# --- vacancies ---------------------------------------------------------------------------------------------------


class VacancyFormView(EmployerMixin, View):
    """Create (no pk) or edit a vacancy. Helper buttons re-render the form: suggest occupations from the title,
    load an occupation's ESCO skills, add a skill by name. "Save" keeps a draft; "Save and publish" also publishes."""

    template_name = "employers/vacancy_form.html"
    HELPER_ACTIONS = ("suggest", "use_occupation", "add_skill")

    def get_object(self) -> Vacancy | None:
        pk = self.kwargs.get("pk")
        if pk is None:
            return None
        vacancy = self.get_vacancy(pk)
        if not self.request.user.has_perm("employers.change_vacancy", vacancy):
            raise Http404
        return vacancy

    def make_form(self, vacancy: Vacancy | None, **kwargs: Any) -> VacancyForm:
        return VacancyForm(organisation=self.get_membership().organisation, vacancy=vacancy, **kwargs)

    def render_form(
        self, form: VacancyForm, vacancy: Vacancy | None, *, show_errors: bool, suggestions: list[Any] | None = None
    ) -> HttpResponse:
        values = form.data if form.is_bound else form.initial

        def _list(name: str) -> list[str]:
            raw = values.getlist(name) if hasattr(values, "getlist") else values.get(name, [])
            return [str(v) for v in raw if v][:500]

        essential_uris = _list("essential_skills")
        optional_uris = [u for u in _list("optional_skills") if u not in essential_uris]
        by_uri = {s.uri: s for s in Skill.objects.filter(uri__in=essential_uris + optional_uris)}
        occupation_uri = str(values.get("occupation") or "")
        occupation = Occupation.objects.filter(uri=occupation_uri).first() if occupation_uri else None
        occupation_choices = [occupation] if occupation else []
        for hit in suggestions or []:
            if hit not in occupation_choices:
                occupation_choices.append(hit)
        membership = self.get_membership()
        chosen = set(essential_uris) | set(optional_uris)
        esco_essential, esco_optional = occupation_skills(occupation=occupation) if occupation else ([], [])
        suggested_essential = [s for s in esco_essential if s.uri not in chosen]
        suggested_optional = [s for s in esco_optional if s.uri not in chosen]
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "vacancy": vacancy,
                "show_errors": show_errors,
                # One key per form shown: submitting that page twice (a double click, a retried post) makes one vacancy.
                "creation_key": form_key(self.request),
                # ESCO's other skills for the occupation, unticked: the employer picks what the job needs.
                "suggested_essential": suggested_essential,
                "suggested_optional": suggested_optional,
                "suggested_count": len(suggested_essential) + len(suggested_optional),
                "organisation": membership.organisation,
                "occupation": occupation,
                "occupation_choices": occupation_choices,
                "suggested": suggestions is not None,
                "essential_skills": [by_uri[u] for u in essential_uris if u in by_uri],
                "optional_skills": [by_uri[u] for u in optional_uris if u in by_uri],
            },
        )

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        vacancy = self.get_object()
        membership = self.get_membership()
        if vacancy is not None:
            form = self.make_form(vacancy, initial=VacancyForm.initial_from(vacancy))
        else:
            org = membership.organisation
            form = self.make_form(
                None,
                initial={
                    "country": org.country,
                    "sector": org.sector,
                    "positions": 1,
                    "pay_currency": "EUR",
                    "pay_period": Vacancy.PayPeriod.MONTH,
                },
            )
        return self.render_form(form, vacancy, show_errors=False)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        vacancy = self.get_object()
        action = request.POST.get("action", "save")
        if action in self.HELPER_ACTIONS:
            return self.helper(vacancy, action)
        form = self.make_form(vacancy, data=request.POST)
        if not form.is_valid():
            return self.render_form(form, vacancy, show_errors=True)
        fields = form.vacancy_fields()
        try:
            if vacancy is None:
                vacancy = services.vacancy_create(
                    organisation=self.get_membership().organisation,
                    actor=request.user,
                    essential_skills=form.cleaned_data["essential_skills"],
                    optional_skills=form.cleaned_data["optional_skills"],
                    languages=form.languages(),
                    idempotency_key=key_from(request),
                    update_repeat=True,
                    **fields,
                )
            else:
                vacancy = services.vacancy_update(
                    vacancy=vacancy,
                    actor=request.user,
                    essential_skills=form.cleaned_data["essential_skills"],
                    optional_skills=form.cleaned_data["optional_skills"],
                    languages=form.languages(),
                    **fields,
                )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            messages.error(request, _("Nothing was changed: a published vacancy must stay complete."))
            return self.render_form(form, vacancy, show_errors=True)
        except DomainError as exc:
            _apply_domain_error(form, exc)
            return self.render_form(form, vacancy, show_errors=True)
        if action == "publish" and vacancy.status == Vacancy.Status.DRAFT:
            try:
                services.vacancy_publish(vacancy=vacancy, actor=request.user)
            except ValidationError as exc:
                form = self.make_form(vacancy, data=request.POST)
                form.is_valid()
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                messages.warning(
                    request, _("Saved as a draft. It cannot be published until the marked fields are fixed.")
                )
                return self.render_form(form, vacancy, show_errors=True)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("employers:vacancy_detail", pk=vacancy.pk)
            messages.success(
                request, _("The vacancy is published. Candidates will be proposed after a caseworker's review.")
            )
        else:
            messages.success(request, _("Saved."))
        return redirect("employers:vacancy_detail", pk=vacancy.pk)

    def helper(self, vacancy: Vacancy | None, action: str) -> HttpResponse:
        data = self.request.POST.copy()
        suggestions: list[Any] | None = None
        occupation: Occupation | None = None
        if action == "suggest":
            suggestions = selectors.occupation_suggestions(text=data.get("title", ""))
            occupation = suggestions[0] if suggestions else None
            if not suggestions:
                messages.info(self.request, _("No ESCO occupation fits this title. Try other words, or search below."))
        elif action == "use_occupation":
            occupation = Occupation.objects.filter(uri=data.get("occupation", "")[:200]).first()
        elif action == "add_skill":
            kind = "optional_skills" if data.get("add_skill_kind") == "optional" else "essential_skills"
            hits = selectors.skill_suggestions(text=data.get("add_skill", ""), limit=1)
            if hits:
                current = data.getlist(kind)
                if hits[0].uri not in current:
                    data.setlist(kind, [*current, hits[0].uri])
                messages.info(self.request, _("Added “%(skill)s”.") % {"skill": hits[0].preferred_label})
            else:
                messages.info(self.request, _("No ESCO skill fits these words."))
            data["add_skill"] = ""
        if occupation is not None:
            data["occupation"] = occupation.uri
            data.setlist("essential_skills", [s.uri for s in occupation_skill_shortlist(occupation=occupation)])
            data.setlist("optional_skills", [])
            if occupation.is_regulated:
                data["requires_recognition"] = "on"
            else:
                data.pop("requires_recognition", None)
        return self.render_form(self.make_form(vacancy, data=data), vacancy, show_errors=False, suggestions=suggestions)


class VacancyDetailView(EmployerMixin, TemplateView):
    template_name = "employers/vacancy_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        vacancy = self.get_vacancy(self.kwargs["pk"])
        reqs = list(vacancy.skill_requirements.select_related("skill").order_by("skill__preferred_label"))
        counts = selectors.vacancy_stage_counts(vacancies=[vacancy])[vacancy.pk]
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            vacancy=vacancy,
            organisation=vacancy.organisation,
            counts=counts,
            essential=[r.skill for r in reqs if r.is_essential],
            optional=[r.skill for r in reqs if not r.is_essential],
            vacancy_languages=vacancy.languages.order_by("code"),
            programmes=selectors.programmes_for_vacancy(vacancy=vacancy),
        )
        return ctx


class VacancyPublishView(EmployerMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        vacancy = self.get_vacancy(pk)
        try:
            services.vacancy_publish(vacancy=vacancy, actor=request.user)
        except ValidationError as exc:
            form = VacancyForm(
                data=_as_querydict(VacancyForm.initial_from(vacancy)),
                organisation=vacancy.organisation,
                vacancy=vacancy,
            )
            form.is_valid()
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            messages.warning(request, _("The vacancy cannot be published until the marked fields are fixed."))
            view = VacancyFormView()
            view.setup(request, pk=pk)
            view.membership = self.membership
            return view.render_form(form, vacancy, show_errors=True)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("The vacancy is published. Candidates will be proposed after a caseworker's review.")
            )
        return redirect("employers:vacancy_detail", pk=pk)


def _as_querydict(initial: dict[str, Any]) -> Any:
    from django.http import QueryDict

    qd = QueryDict(mutable=True)
    for key, value in initial.items():
        if value is None or value is False:
            continue
        if isinstance(value, list):
            qd.setlist(key, [str(v) for v in value])
        elif value is True:
            qd[key] = "on"
        else:
            qd[key] = str(value)
    return qd


class VacancyCloseView(EmployerMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        vacancy = self.get_vacancy(pk)
        try:
            services.vacancy_close(vacancy=vacancy, actor=request.user, filled=request.POST.get("filled") == "1")
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The vacancy is closed."))
        return redirect("employers:vacancy_detail", pk=pk)


# --- released candidates -----------------------------------------------------------------------------------------


class VacancyCandidatesView(EmployerMixin, TemplateView):
    template_name = "employers/vacancy_candidates.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        vacancy = self.get_vacancy(self.kwargs["pk"])
        matches = selectors.released_matches(viewer=self.request.user, vacancy=vacancy)
        cards = candidate_cards(matches=matches, vacancy=vacancy, viewer=self.request.user, path=self.request.path)
        forms = kwargs.get("forms", {})
        for card in cards:
            form = forms.get(card["match"].pk) or MatchDecisionForm(prefix=f"m{card['match'].pk}")
            form.limit_to(card["allowed"])
            card["form"] = form
        ctx = super().get_context_data(**kwargs)
        ctx.update(vacancy=vacancy, cards=cards, organisation=vacancy.organisation)
        return ctx


class MatchDecideView(EmployerMixin, View):
    def post(self, request: HttpRequest, pk: int, match_id: int) -> HttpResponse:
        vacancy = self.get_vacancy(pk)
        match = get_object_or_404(selectors.released_matches(viewer=request.user, vacancy=vacancy), pk=match_id)
        form = MatchDecisionForm(request.POST, prefix=f"m{match.pk}")
        if form.is_valid():
            try:
                services.match_employer_decide(
                    match=match,
                    actor=request.user,
                    decision=form.cleaned_data["decision"],
                    reason_code=form.cleaned_data["reason_code"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                _apply_domain_error(form, exc)
            else:
                messages.success(request, _("Decision recorded."))
                return HttpResponseRedirect(
                    reverse("employers:vacancy_candidates", kwargs={"pk": pk}) + f"#match-{match.pk}"
                )
        view = VacancyCandidatesView()
        view.setup(request, pk=pk)
        view.membership = self.membership
        return view.render_to_response(view.get_context_data(forms={match.pk: form}))


# --- fee reports (candidates) ------------------------------------------------------------------------------------


class FeeReportView(RoleRequiredMixin, FormView):
    """A candidate reports that someone asked them to pay for recruitment; a caseworker follows it up."""

    allowed_roles = (Role.CANDIDATE,)
    template_name = "employers/fee_report.html"
    form_class = FeeReportForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "creation_key": form_key(self.request)}

    def form_valid(self, form: FeeReportForm) -> HttpResponse:
        profile = getattr(self.request.user, "candidate_profile", None)
        try:
            services.fee_report_create(
                organisation=form.cleaned_data["organisation"],
                reporter=profile,
                description=form.cleaned_data["description"],
                user=self.request.user,
                idempotency_key=key_from(self.request),
            )
        except DomainError as exc:
            _apply_domain_error(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Thank you. A caseworker will look into your report; recruitment must be free for you.")
        )
        return redirect("home")


# --- programme participation (caseworkers and the programme's administrators) --------------------------------------


class ProgrammeEmployersView(ProgrammeAdminMixin, TemplateView):
    """The organisations taking part in one programme as employers: they alone may recruit through it and its
    schemes. Add a vetted organisation, or end a participation (its published vacancies on that route go back to
    draft). Caseworkers may manage it too, besides the programme's administrators and staff."""

    template_name = "employers/programme_employers.html"
    permission_required = "employers.manage_participation"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        programme = self.get_programme()
        return {
            **super().get_context_data(**kwargs),
            "programme": programme,
            "participations": selectors.participations_of(programme=programme),
            "form": kwargs.get("form") or ParticipationForm(programme=programme),
        }

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        programme = self.get_programme()
        if "end" in request.POST:
            end = request.POST["end"]
            joined = (
                selectors.participations_of(programme=programme).filter(pk=int(end)).first() if end.isdigit() else None
            )
            if joined is None:
                messages.error(request, _("This organisation does not take part in the programme."))
            else:
                affected = participation.participation_end(participation=joined, actor=request.user)
                messages.success(
                    request,
                    ngettext(
                        "%(organisation)s no longer takes part; %(count)s published vacancy went back to draft.",
                        "%(organisation)s no longer takes part; %(count)s published vacancies went back to draft.",
                        len(affected),
                    )
                    % {"organisation": joined.organisation, "count": len(affected)},
                )
            return redirect("employers:programme_employers", slug=programme.slug)
        form = ParticipationForm(request.POST, programme=programme)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            participation.participation_add(
                organisation=form.cleaned_data["organisation"], programme=programme, actor=request.user
            )
        except DomainError as exc:
            _apply_domain_error(form, exc)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            _("%(organisation)s takes part in the programme.") % {"organisation": form.cleaned_data["organisation"]},
        )
        return redirect("employers:programme_employers", slug=programme.slug)
