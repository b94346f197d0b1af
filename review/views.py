"""Pages of the caseworker queue, the proposed-matches review, the oversight switch, the access log and fairness."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.audit import log_access
from core.exceptions import DomainError
from core.mixins import RoleRequiredMixin
from core.roles import Role
from review import selectors, services
from review.fairness import MIN_GROUP_SIZE, STAGES, funnel_report
from review.filters import ReviewItemFilter
from review.forms import (
    AccessLogFilterForm,
    BulkDecisionForm,
    FairnessFilterForm,
    ItemDecisionForm,
    ManualAddForm,
    MatchMoveForm,
    MatchRejectForm,
    MatchReleaseForm,
    PauseForm,
    ResumeForm,
    SetRankingAsideForm,
)
from review.models import ReviewItem

CASE_OFFICERS = (Role.CASEWORKER, Role.STAFF)


class CaseworkerMixin(RoleRequiredMixin):
    allowed_roles = CASE_OFFICERS


class StaffMixin(RoleRequiredMixin):
    allowed_roles = (Role.STAFF,)


def _first_error(form: Any) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}: {errors[0]}" if label else str(errors[0])
    return _("Some of the input is not valid.")


def _run(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Call a service; show its domain error as a message instead of failing the page."""
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


def _get_item(request: HttpRequest, pk: int) -> ReviewItem:
    return get_object_or_404(selectors.review_items_for(viewer=request.user), pk=pk)


def _log_candidate_view(request: HttpRequest, item: ReviewItem) -> None:
    part_by_kind = {
        ReviewItem.Kind.PROFILE: "profile",
        ReviewItem.Kind.DOCUMENT: "document",
        ReviewItem.Kind.CREDENTIAL: "credential",
        ReviewItem.Kind.DUPLICATE: "profile",
        ReviewItem.Kind.FEE_REPORT: "fee_report",
    }
    part = part_by_kind.get(item.kind)
    if part is None:
        return
    seen = {item.candidate_id, item.other_candidate_id}
    if item.fee_report is not None:
        seen.add(item.fee_report.reporter_id)
    for candidate_id in sorted(pk for pk in seen if pk):
        log_access(actor=request.user, candidate_id=candidate_id, part=part, purpose="review_queue", path=request.path)


# --- queue ----------------------------------------------------------------------------------------------------------


class QueueView(CaseworkerMixin, TemplateView):
    template_name = "review/queue.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        filterset = ReviewItemFilter(
            self.request.GET or {}, queryset=selectors.review_items_for(viewer=self.request.user), request=self.request
        )
        items = filterset.qs if filterset.is_valid() else selectors.review_items_for(viewer=self.request.user).none()
        page = Paginator(items, 50).get_page(self.request.GET.get("page"))
        for item in page.object_list:
            item.overdue = selectors.is_overdue(item)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            filter=filterset,
            page=page,
            counts=selectors.queue_counts(viewer=self.request.user),
            overdue_days=settings.REVIEW_OVERDUE_DAYS,
            query=params.urlencode(),
        )
        return context


class ClaimNextView(CaseworkerMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        filterset = ReviewItemFilter(request.POST, queryset=ReviewItem.objects.all(), request=request)
        pool = filterset.qs if filterset.is_valid() else ReviewItem.objects.all()
        try:
            item = services.review_item_claim_next(actor=request.user, queryset=pool)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("review:queue")
        if item is None:
            messages.info(request, _("Nothing left to claim with these filters."))
            return redirect("review:queue")
        messages.success(request, _("You claimed the next item."))
        return redirect(_item_url(item))


def _item_url(item: ReviewItem) -> str:
    if item.kind == ReviewItem.Kind.MATCHES and item.vacancy_id:
        return reverse("review:vacancy_matches", kwargs={"vacancy_pk": item.vacancy_id})
    return reverse("review:item", kwargs={"pk": item.pk})


class ItemDetailView(CaseworkerMixin, TemplateView):
    template_name = "review/item_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.item = _get_item(request, kwargs["pk"])
        if self.item.kind == ReviewItem.Kind.MATCHES and self.item.vacancy_id and "history" not in request.GET:
            return redirect(_item_url(self.item))
        _log_candidate_view(request, self.item)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item = self.item
        context.update(
            item=item,
            overdue=selectors.is_overdue(item),
            events=item.events.select_related("actor"),
            form=ItemDecisionForm(),
            can_decide=self.request.user.has_perm("review.decide_reviewitem", item)
            and item.status in services.ACTIVE_STATUSES,
            can_release=self.request.user.has_perm("review.release_claim", item),
            can_claim=item.status == ReviewItem.Status.OPEN
            or (item.status == ReviewItem.Status.ESCALATED and self.request.user.is_staff_role),
            profiles=[p for p in (item.candidate, item.other_candidate) if p is not None],
        )
        return context


class ItemClaimView(CaseworkerMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = _get_item(request, pk)
        _run(request, lambda: services.review_item_claim(item=item, actor=request.user), _("You claimed this item."))
        return redirect(_item_url(item))


class ItemReleaseView(CaseworkerMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = _get_item(request, pk)
        if _run(
            request,
            lambda: services.review_item_release(item=item, actor=request.user),
            _("The item is back in the queue."),
        ):
            return redirect("review:queue")
        return redirect(_item_url(item))


class ItemDecideView(CaseworkerMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = _get_item(request, pk)
        form = ItemDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _first_error(form))
            return redirect("review:item", pk=item.pk)
        data = form.cleaned_data
        if _run(
            request,
            lambda: services.review_item_decide(
                item=item,
                actor=request.user,
                decision=data["decision"],
                reason_code=data["reason_code"],
                note=data["note"],
            ),
            _("Decision recorded."),
        ):
            return redirect("review:queue")
        return redirect("review:item", pk=item.pk)


# --- proposed matches of a vacancy ----------------------------------------------------------------------------------


def _get_vacancy(request: HttpRequest, vacancy_pk: int) -> Any:
    return get_object_or_404(selectors.vacancies_for_review(viewer=request.user), pk=vacancy_pk)


def _get_match(request: HttpRequest, vacancy: Any, match_pk: int) -> Any:
    from matching.models import Match

    if not request.user.has_perm("review.review_matches"):
        raise Http404
    return get_object_or_404(Match.objects.filter(vacancy=vacancy), pk=match_pk)


class VacancyMatchesView(CaseworkerMixin, TemplateView):
    template_name = "review/vacancy_matches.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from matching.explanations import plain_summary

        context = super().get_context_data(**kwargs)
        user = self.request.user
        vacancy = _get_vacancy(self.request, kwargs["vacancy_pk"])
        matches = selectors.proposed_matches_for(viewer=user, vacancy=vacancy)
        blind = self.request.GET.get("blind") == "1"
        for match in matches:
            match.summary = plain_summary(match=match, audience="caseworker")
            match.employer_decisions = [d for d in match.decisions.all() if d.actor_role == Role.EMPLOYER]
            match.review_decisions = [d for d in match.decisions.all() if d.actor_role != Role.EMPLOYER]
            log_access(
                actor=user,
                candidate_id=match.candidate_id,
                part="match_explanation",
                purpose="match_review",
                path=self.request.path,
            )
        proposed = [m for m in matches if m.status == "proposed"]
        item = ReviewItem.objects.filter(kind=ReviewItem.Kind.MATCHES, vacancy=vacancy).order_by("-created_at").first()
        query = (self.request.GET.get("q") or "")[:100]
        addable = (
            list(selectors.candidates_for_manual_add(viewer=user, vacancy=vacancy, query=query)[:20]) if query else []
        )
        context.update(
            vacancy=vacancy,
            proposed=proposed,
            decided=[m for m in matches if m.status != "proposed"],
            blind=blind,
            item=item,
            reject_form=MatchRejectForm(),
            release_form=MatchReleaseForm(),
            bulk_form=BulkDecisionForm(match_choices=[(m.pk, m.candidate.pseudonymous_label) for m in proposed]),
            add_form=ManualAddForm(),
            query=query,
            addable=addable,
            paused=selectors.ranking_paused_for(country=vacancy.country),
            can_release_claim=item is not None and user.has_perm("review.release_claim", item),
        )
        return context


class _MatchActionView(CaseworkerMixin, View):
    def back(self, vacancy: Any) -> HttpResponse:
        url = reverse("review:vacancy_matches", kwargs={"vacancy_pk": vacancy.pk})
        if self.request.POST.get("blind") == "1":
            url += "?blind=1"
        return redirect(url)


class MatchReleaseView(_MatchActionView):
    def post(self, request: HttpRequest, vacancy_pk: int, match_pk: int) -> HttpResponse:
        vacancy = _get_vacancy(request, vacancy_pk)
        match = _get_match(request, vacancy, match_pk)
        form = MatchReleaseForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        _run(
            request,
            lambda: services.match_release(match=match, actor=request.user, note=note),
            _("Approved: %(candidate)s is released to the employer.")
            % {"candidate": match.candidate.pseudonymous_label},
        )
        return self.back(vacancy)


class MatchRejectView(_MatchActionView):
    def post(self, request: HttpRequest, vacancy_pk: int, match_pk: int) -> HttpResponse:
        vacancy = _get_vacancy(request, vacancy_pk)
        match = _get_match(request, vacancy, match_pk)
        form = MatchRejectForm(request.POST)
        if not form.is_valid():
            messages.error(request, _first_error(form))
            return self.back(vacancy)
        _run(
            request,
            lambda: services.match_reject(match=match, actor=request.user, **form.cleaned_data),
            _("Rejected: %(candidate)s.") % {"candidate": match.candidate.pseudonymous_label},
        )
        return self.back(vacancy)


class MatchMoveView(_MatchActionView):
    def post(self, request: HttpRequest, vacancy_pk: int, match_pk: int) -> HttpResponse:
        vacancy = _get_vacancy(request, vacancy_pk)
        match = _get_match(request, vacancy, match_pk)
        form = MatchMoveForm(request.POST)
        if not form.is_valid():
            messages.error(request, _first_error(form))
            return self.back(vacancy)
        _run(
            request,
            lambda: services.match_move(match=match, actor=request.user, direction=form.cleaned_data["direction"]),
            _("Order changed."),
        )
        return self.back(vacancy)


class BulkDecideView(_MatchActionView):
    def post(self, request: HttpRequest, vacancy_pk: int) -> HttpResponse:
        vacancy = _get_vacancy(request, vacancy_pk)
        proposed = [
            m for m in selectors.proposed_matches_for(viewer=request.user, vacancy=vacancy) if m.status == "proposed"
        ]
        form = BulkDecisionForm(request.POST, match_choices=[(m.pk, m.pk) for m in proposed])
        if not form.is_valid():
            messages.error(request, _first_error(form))
            return self.back(vacancy)
        data = form.cleaned_data
        _run(
            request,
            lambda: services.matches_bulk_decide(
                vacancy=vacancy,
                actor=request.user,
                match_ids=data["match_ids"],
                decision=data["decision"],
                reason_code=data["reason_code"],
                note=data["note"],
            ),
            _("Decision recorded for %(count)d matches.") % {"count": len(data["match_ids"])},
        )
        return self.back(vacancy)


class ManualAddView(_MatchActionView):
    def post(self, request: HttpRequest, vacancy_pk: int) -> HttpResponse:
        vacancy = _get_vacancy(request, vacancy_pk)
        form = ManualAddForm(request.POST)
        if not form.is_valid():
            messages.error(request, _first_error(form))
            return self.back(vacancy)
        candidate = (
            selectors.candidates_for_manual_add(viewer=request.user, vacancy=vacancy)
            .filter(pk=form.cleaned_data["candidate_id"])
            .first()
        )
        if candidate is None:
            messages.error(request, _("This candidate cannot be added: no matching consent, or already on the list."))
            return self.back(vacancy)
        _run(
            request,
            lambda: services.match_add_manually(
                vacancy=vacancy, candidate=candidate, actor=request.user, note=form.cleaned_data["note"]
            ),
            _("Candidate added to the list."),
        )
        return self.back(vacancy)


class SetRankingAsideView(_MatchActionView):
    def post(self, request: HttpRequest, vacancy_pk: int) -> HttpResponse:
        vacancy = _get_vacancy(request, vacancy_pk)
        form = SetRankingAsideForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        _run(
            request,
            lambda: services.matches_set_ranking_aside(vacancy=vacancy, actor=request.user, note=note),
            _("Ranking set aside: matches are now in neutral order and scores are hidden."),
        )
        return redirect(reverse("review:vacancy_matches", kwargs={"vacancy_pk": vacancy.pk}) + "?blind=1")


# --- oversight switch -----------------------------------------------------------------------------------------------


class OversightView(StaffMixin, TemplateView):
    template_name = "review/oversight.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        pauses = selectors.oversight_pauses_for(viewer=self.request.user)
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


class OversightResumeView(StaffMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        pause = get_object_or_404(selectors.oversight_pauses_for(viewer=request.user), pk=pk)
        form = ResumeForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        _run(
            request,
            lambda: services.oversight_resume(actor=request.user, pause=pause, note=note),
            _("Automated ranking resumed."),
        )
        return redirect("review:oversight")


# --- access log -----------------------------------------------------------------------------------------------------


class AccessLogView(StaffMixin, TemplateView):
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


# --- fairness -------------------------------------------------------------------------------------------------------


def _fairness(request: HttpRequest) -> tuple[FairnessFilterForm, dict[str, Any]]:
    form = FairnessFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    counts = selectors.fairness_counts(viewer=request.user, **filters)
    reports = {dimension: funnel_report(groups) for dimension, groups in counts.items()}
    return form, {"counts": counts, "reports": reports}


STAGE_LABELS = {
    "proposed": gettext_lazy("Proposed"),
    "released": gettext_lazy("Released"),
    "shortlisted": gettext_lazy("Shortlisted"),
    "hired": gettext_lazy("Hired"),
}


class FairnessView(CaseworkerMixin, TemplateView):
    template_name = "review/fairness.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, data = _fairness(self.request)
        charts = {}
        for dimension, groups in data["counts"].items():
            labels = sorted(groups)
            charts[dimension] = {
                "labels": labels,
                "datasets": [
                    {
                        "label": str(STAGE_LABELS[stage]),
                        "data": [
                            round(groups[g][stage] / groups[g]["proposed"], 4) if groups[g]["proposed"] else 0
                            for g in labels
                        ],
                    }
                    for stage in STAGES[1:]
                ],
            }
        warnings = [
            (dimension, report, row)
            for dimension, reports in data["reports"].items()
            for report in reports
            for row in report.warnings
        ]
        context.update(
            form=form,
            reports=data["reports"],
            counts=data["counts"],
            charts=charts,
            warnings=warnings,
            min_group_size=MIN_GROUP_SIZE,
            query=self.request.GET.urlencode(),
        )
        return context


class FairnessCsvView(CaseworkerMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _form, data = _fairness(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="fairness.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                "dimension",
                "group",
                "from_stage",
                "to_stage",
                "base",
                "selected",
                "selection_rate",
                "impact_ratio",
                "group_large_enough",
                "warning",
            ]
        )
        for dimension, reports in data["reports"].items():
            for report in reports:
                for row in report.rows:
                    writer.writerow(
                        [
                            dimension,
                            row.group,
                            report.previous,
                            report.stage,
                            row.base,
                            row.selected,
                            "" if row.rate is None else f"{row.rate:.4f}",
                            "" if row.impact_ratio is None else f"{row.impact_ratio:.4f}",
                            "yes" if row.large_enough else "no",
                            "yes" if row.warning else "no",
                        ]
                    )
        return response
