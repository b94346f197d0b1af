"""The proposed matches of a vacancy: release, reject, reorder, bulk decisions, manual add, ranking set aside."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from core.audit import log_accesses
from core.roles import Role
from matching.explanations import plain_summary
from matching.models import Match
from review import selectors, services
from review.explanations import (
    component_name,
    decision_words,
    failed_rule_texts,
    labels_for_matches,
    passed_rule_names,
    terms,
)
from review.forms import (
    BulkDecisionForm,
    ManualAddForm,
    MatchMoveForm,
    MatchRejectForm,
    MatchReleaseForm,
    SetRankingAsideForm,
)
from review.models import ReviewItem
from review.views.common import MatchesMixin, first_error, run


def _get_vacancy(request: HttpRequest, vacancy_pk: int) -> Any:
    return get_object_or_404(selectors.vacancies_for_review(viewer=request.user), pk=vacancy_pk)


def _get_match(request: HttpRequest, vacancy: Any, match_pk: int) -> Match:
    return get_object_or_404(Match.objects.filter(vacancy=vacancy), pk=match_pk)


class VacancyMatchesView(MatchesMixin, TemplateView):
    template_name = "review/vacancy_matches.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        vacancy = _get_vacancy(self.request, kwargs["vacancy_pk"])
        matches = selectors.proposed_matches_for(viewer=user, vacancy=vacancy)
        excluded = selectors.excluded_matches_for(viewer=user, vacancy=vacancy)
        blind = self.request.GET.get("blind") == "1"
        labels = labels_for_matches([*matches, *excluded])
        for match in [*matches, *excluded]:
            match.held = terms(match.matched_essential_skills or [], labels)
            match.missing = terms(match.missing_essential_skills or [], labels)
            match.passed_names = passed_rule_names(match.passed_rules or [])
            match.failed_texts = failed_rule_texts(match.failed_rules or [])
            match.component_rows = [(component_name(k), v) for k, v in (match.components or {}).items()]
        log_accesses(
            actor=user,
            entries=[(match.candidate_id, "match_explanation") for match in [*excluded, *matches]],
            purpose="match_review",
            path=self.request.path,
        )
        for match in matches:
            match.summary = plain_summary(match=match, audience="caseworker", labels=labels)
            match.employer_decisions = [d for d in match.decisions.all() if d.actor_role == Role.EMPLOYER]
            match.review_decisions = [d for d in match.decisions.all() if d.actor_role != Role.EMPLOYER]
            for decision in match.decisions.all():
                decision.action_text, decision.reason_text = decision_words(decision.action, decision.reason_code)
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
            excluded=excluded,
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


class _MatchActionView(MatchesMixin, View):
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
        run(
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
            messages.error(request, first_error(form))
            return self.back(vacancy)
        run(
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
            messages.error(request, first_error(form))
            return self.back(vacancy)
        run(
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
            messages.error(request, first_error(form))
            return self.back(vacancy)
        data = form.cleaned_data
        run(
            request,
            lambda: services.matches_bulk_decide(
                vacancy=vacancy,
                actor=request.user,
                match_ids=data["match_ids"],
                decision=data["decision"],
                reason_code=data["reason_code"],
                note=data["note"],
            ),
            ngettext(
                "Decision recorded for %(count)d match.",
                "Decision recorded for %(count)d matches.",
                len(data["match_ids"]),
            )
            % {"count": len(data["match_ids"])},
        )
        return self.back(vacancy)


class ManualAddView(_MatchActionView):
    def post(self, request: HttpRequest, vacancy_pk: int) -> HttpResponse:
        vacancy = _get_vacancy(request, vacancy_pk)
        form = ManualAddForm(request.POST)
        if not form.is_valid():
            messages.error(request, first_error(form))
            return self.back(vacancy)
        candidate = (
            selectors.candidates_for_manual_add(viewer=request.user, vacancy=vacancy)
            .filter(pk=form.cleaned_data["candidate_id"])
            .first()
        )
        if candidate is None:
            messages.error(request, _("This candidate cannot be added: no matching consent, or already on the list."))
            return self.back(vacancy)
        run(
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
        run(
            request,
            lambda: services.matches_set_ranking_aside(vacancy=vacancy, actor=request.user, note=note),
            _("Ranking set aside: matches are now in neutral order and scores are hidden."),
        )
        return redirect(reverse("review:vacancy_matches", kwargs={"vacancy_pk": vacancy.pk}) + "?blind=1")
