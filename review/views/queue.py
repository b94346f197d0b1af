"""Pages of the caseworker queue: the list with filters, claim next, one item with its decision form."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import TemplateView

from core.audit import log_access
from core.exceptions import DomainError
from review import selectors, services
from review.filters import ReviewItemFilter
from review.forms import ItemDecisionForm
from review.models import ReviewItem
from review.services.item_kinds import decisions_for
from review.views.common import CaseworkerMixin, first_error, run


def _get_item(request: HttpRequest, pk: int) -> ReviewItem:
    return get_object_or_404(selectors.review_items_for(viewer=request.user), pk=pk)


def _log_candidate_view(request: HttpRequest, item: ReviewItem) -> None:
    part_by_kind: dict[str, str] = {
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
            item.overdue = selectors.is_overdue(item)  # type: ignore[attr-defined]  # a display flag for the template
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
            form=ItemDecisionForm(decisions=decisions_for(item.kind)),
            can_decide=self.request.user.has_perm("review.decide_reviewitem", item)
            and item.status in services.ACTIVE_STATUSES,
            can_release=self.request.user.has_perm("review.release_claim", item),
            can_claim=self.request.user.has_perm("review.claim_reviewitem", item),
            profiles=[p for p in (item.candidate, item.other_candidate) if p is not None],
        )
        return context


# Only the kinds `document_upload` accepts after checking the content; anything else is offered as a download.
INLINE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


@method_decorator(xframe_options_sameorigin, name="dispatch")
class ItemDocumentView(CaseworkerMixin, View):
    """The document of a "document to verify" item, shown inline in the item page (PDF in a frame, images as such).

    Permission-checked twice (the queue item, then the document itself) and logged as an access to the candidate's
    data. The file is served with its checked type, never sniffed, never cached, and may be framed only by our pages.
    """

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        item = _get_item(request, pk)
        document = item.document
        if document is None or not request.user.has_perm("candidates.view_document", document):
            raise Http404
        log_access(
            actor=request.user,
            candidate_id=document.profile_id,
            part="document",
            purpose="document_review",
            path=request.path,
        )
        try:
            handle = document.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        inline = document.content_type in INLINE_TYPES
        response = FileResponse(
            handle, as_attachment=not inline, filename=document.original_name, content_type=document.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        # Nothing in the file may run or load anything; only our own pages may frame it.
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; frame-ancestors 'self'"
        return response


class ItemClaimView(CaseworkerMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = _get_item(request, pk)
        run(request, lambda: services.review_item_claim(item=item, actor=request.user), _("You claimed this item."))
        return redirect(_item_url(item))


class ItemReleaseView(CaseworkerMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = _get_item(request, pk)
        if run(
            request,
            lambda: services.review_item_release(item=item, actor=request.user),
            _("The item is back in the queue."),
        ):
            return redirect("review:queue")
        return redirect(_item_url(item))


class ItemDecideView(CaseworkerMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = _get_item(request, pk)
        form = ItemDecisionForm(request.POST, decisions=decisions_for(item.kind))
        if not form.is_valid():
            messages.error(request, first_error(form))
            return redirect("review:item", pk=item.pk)
        data = form.cleaned_data
        if run(
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
