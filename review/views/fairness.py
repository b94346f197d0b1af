"""Fairness: selection rates by group at each stage, impact ratios and warnings; the same figures as CSV."""

from __future__ import annotations

import csv
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.mixins import PermissionRequiredMixin
from review import selectors
from review.fairness import MIN_GROUP_SIZE, STAGES, funnel_report
from review.forms import FairnessFilterForm


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


class FairnessView(PermissionRequiredMixin, TemplateView):
    permission_required = "review.view_fairness"
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


class FairnessCsvView(PermissionRequiredMixin, View):
    permission_required = "review.view_fairness"

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
