"""Staff pages: the oversight switch (pause automated ranking) and the read-only access log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.exceptions import DomainError
from core.mixins import PermissionRequiredMixin
from programmes.countries import country_name
from review import selectors, services
from review.forms import AccessLogFilterForm, PauseForm, ResumeForm
from review.views.common import run


class OversightView(PermissionRequiredMixin, TemplateView):
    permission_required = "review.pause_ranking"
    template_name = "review/oversight.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        pauses = list(selectors.oversight_pauses_for(viewer=self.request.user)[:200])
        for pause in pauses:
            pause.country_label = country_name(pause.country)
        context.update(
            form=kwargs.get("form") or PauseForm(),
            active=[p for p in pauses if p.lifted_at is None],
            history=[p for p in pauses[:50] if p.lifted_at is not None],
            resume_form=ResumeForm(),
        )
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PauseForm(request.POST)
        if form.is_valid():
            try:
                services.oversight_pause(
                    actor=request.user, country=form.cleaned_data["country"], reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Automated ranking is paused."))
                return redirect("review:oversight")
        return self.render_to_response(self.get_context_data(form=form))


class OversightResumeView(PermissionRequiredMixin, View):
    permission_required = "review.pause_ranking"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        pause = get_object_or_404(selectors.oversight_pauses_for(viewer=request.user), pk=pk)
        form = ResumeForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        run(
            request,
            lambda: services.oversight_resume(actor=request.user, pause=pause, note=note),
            _("Automated ranking resumed."),
        )
        return redirect("review:oversight")


class AccessLogView(PermissionRequiredMixin, TemplateView):
    permission_required = "review.view_accesslog"
    template_name = "review/access_log.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = AccessLogFilterForm(self.request.GET or None)
        rows = selectors.access_log_for(viewer=self.request.user)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            if data["candidate"]:
                rows = rows.filter(subject_candidate_id=data["candidate"])
            if data["actor"]:
                rows = rows.filter(actor__email__icontains=data["actor"])
            if data["date_from"]:
                rows = rows.filter(created_at__date__gte=data["date_from"])
            if data["date_to"]:
                rows = rows.filter(created_at__date__lte=data["date_to"])
        elif form.is_bound:
            rows = rows.none()
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            form=form, page=Paginator(rows, 100).get_page(self.request.GET.get("page")), query=params.urlencode()
        )
        return context
