"""The candidate's pages: dashboard, the profile wizard, documents, consents, their data (export, erasure)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from candidates import forms as cf
from candidates import selectors
from candidates.consents import CONSENT_TEXTS
from candidates.models import CandidateProfile, Document
from candidates.services.accounts import email_change_confirm, email_change_request
from candidates.services.consents import consent_withdraw, consents_set
from candidates.services.credentials import credential_claim, credential_claim_withdraw
from candidates.services.documents import document_delete, document_upload
from candidates.services.dormancy import profile_reconfirm
from candidates.services.fee_reports import fee_report_create
from candidates.services.items import candidate_items_replace
from candidates.services.matches import NOT_INTERESTED_FROM, match_not_interested
from candidates.services.privacy import profile_erase
from candidates.services.profile import (
    profile_get_or_create,
    profile_set_mobility,
    profile_set_occupations,
    profile_submit,
    profile_update_personal,
    submission_problems,
)
from core.audit import log_access
from core.exceptions import DomainError
from core.idempotency import form_key, key_from
from core.mail import absolute_url
from core.mixins import RoleRequiredMixin
from core.roles import Role
from core.throttle import mail_throttled
from core.views import too_many_attempts

STEP_TITLES = {
    "personal": gettext_lazy("About you"),
    "occupation": gettext_lazy("What you do"),
    "skills": gettext_lazy("Skills"),
    "languages": gettext_lazy("Languages"),
    "education": gettext_lazy("Education"),
    "experience": gettext_lazy("Work experience"),
    "credentials": gettext_lazy("Programme credentials"),
    "mobility": gettext_lazy("Where and when"),
    "consents": gettext_lazy("Consent"),
    "review": gettext_lazy("Review and submit"),
}
ITEM_FORMS = {
    "skills": cf.SkillForm,
    "languages": cf.LanguageForm,
    "education": cf.EducationForm,
    "experience": cf.ExperienceForm,
}


def _language() -> str:
    return (get_language() or "en")[:2]


def _read_upload(upload: Any) -> bytes:
    """Refuse an oversized upload before reading it into memory."""
    from django.conf import settings

    from core.exceptions import ValidationFailed

    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationFailed(
            _("The file is too large (limit %(mb)s MB).")
            % {"mb": round(settings.DOCUMENT_MAX_BYTES / (1024 * 1024), 1)},
            field="file",
        )
    return upload.read()


def _apply_error(form: forms.Form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


class CandidateOnlyMixin(RoleRequiredMixin):
    """Pages about the candidate's own data: only candidates (never staff acting as one)."""

    allowed_roles = (Role.CANDIDATE,)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and request.user.role != Role.CANDIDATE:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_profile(self) -> CandidateProfile:
        return profile_get_or_create(user=self.request.user)


def _next_step(step: str) -> str:
    index = selectors.STEPS.index(step)
    return selectors.STEPS[min(index + 1, len(selectors.STEPS) - 1)]


def _wizard_context(profile: CandidateProfile, step: str) -> dict[str, Any]:
    done = selectors.step_completion(profile)
    return {
        "profile": profile,
        "step": step,
        "step_title": STEP_TITLES[step],
        "steps": [(s, STEP_TITLES[s], done.get(s, False)) for s in selectors.STEPS],
        "completeness": selectors.profile_completeness(profile),
        "next_step": _next_step(step),
    }


class DashboardView(CandidateOnlyMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        profile = selectors.profile_for(user=request.user)
        if profile is None:
            self.get_profile()
            return redirect("candidates:step", step="personal")
        from matching.explanations import plain_summary

        matches = [
            {
                "match": m,
                "summary": plain_summary(match=m, audience="candidate"),
                "can_decline": m.status in NOT_INTERESTED_FROM,
            }
            for m in selectors.put_forward_matches(profile=profile)
        ]
        consents = selectors.active_consents(profile=profile)
        reconfirm_due = None
        if profile.last_confirmed_at:
            from django.conf import settings

            reconfirm_due = profile.last_confirmed_at + timedelta(days=settings.PROFILE_RECONFIRM_DAYS)
        resume = profile.wizard_step if profile.wizard_step in selectors.STEPS else "personal"
        if profile.wizard_step:
            resume = _next_step(resume)
        return render(
            request,
            "candidates/dashboard.html",
            {
                "profile": profile,
                "completeness": selectors.profile_completeness(profile),
                "matches": matches,
                "consents": [(p, CONSENT_TEXTS[p][1], consents.get(p)) for p in CONSENT_TEXTS],
                "reconfirm_due": reconfirm_due,
                "resume_step": resume,
                "credentials": profile.credentials.select_related("programme"),
            },
        )


class WizardStepView(CandidateOnlyMixin, View):
    """One step of the profile wizard. Each POST is saved in one transaction or not at all."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if kwargs.get("step") not in selectors.STEPS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    # -- building forms per step
    def _forms(self, profile: CandidateProfile, step: str, data: Any = None, files: Any = None) -> dict[str, Any]:
        if step == "personal":
            initial = {f: getattr(profile, f) for f in cf.PersonalForm.base_fields}
            return {"form": cf.PersonalForm(data, initial=initial)}
        if step == "occupation":
            texts = [*list(profile.desired_occupations_text), "", "", ""]
            linked = {o.preferred_label.casefold(): o.uri for o in profile.desired_occupations.all()}
            initial = {f"desired_{i + 1}": texts[i] for i in range(3)}
            initial.update({f"desired_{i + 1}_uri": linked.get(texts[i].casefold(), "") for i in range(3)})
            initial.update(
                {
                    "current_title": profile.current_title,
                    "current_uri": profile.current_occupation.uri if profile.current_occupation else "",
                }
            )
            return {"form": cf.OccupationForm(data, initial=initial)}
        if step in ITEM_FORMS:
            formset_class = cf.item_formset(ITEM_FORMS[step])
            return {"formset": formset_class(data, files, initial=self._item_initial(profile, step), prefix=step)}
        if step == "credentials":
            return {
                "form": cf.CredentialForm(data, files),
                "credentials": profile.credentials.select_related("programme", "cohort"),
            }
        if step == "mobility":
            initial = {f: getattr(profile, f) for f in cf.MobilityForm.base_fields}
            return {"form": cf.MobilityForm(data, initial=initial)}
        if step == "consents":
            active = selectors.active_consents(profile=profile)
            return {"form": cf.ConsentForm(data, initial={p: p in active for p in CONSENT_TEXTS})}
        return {"problems": submission_problems(profile)}

    def _item_initial(self, profile: CandidateProfile, step: str) -> list[dict[str, Any]]:
        if step == "skills":
            return [
                {"label": s.label, "skill_uri": s.skill.uri if s.skill else "", "years": s.years}
                for s in profile.skills.select_related("skill").order_by("pk")
            ]
        if step == "languages":
            return [
                {
                    "code": x.code,
                    "level": x.level,
                    "certificate": x.certificate,
                    "certificate_document_id": x.certificate_document_id,
                }
                for x in profile.languages.order_by("pk")
            ]
        if step == "education":
            return [
                {k: getattr(x, k) for k in ("isced_level", "field", "institution", "country", "start_year", "end_year")}
                for x in profile.education.order_by("pk")
            ]
        return [
            {
                "title": x.title,
                "occupation_uri": x.occupation.uri if x.occupation else "",
                "employer_name": x.employer_name,
                "country": x.country,
                "start": x.start,
                "end": x.end,
                "description": x.description,
            }
            for x in profile.experience.select_related("occupation").order_by("pk")
        ]

    def _render(self, profile: CandidateProfile, step: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
        ctx = _wizard_context(profile, step) | context
        if step == "review":
            ctx["summary"] = {
                "skills": profile.skills.select_related("skill"),
                "languages": profile.languages.all(),
                "education": profile.education.all(),
                "experience": profile.experience.all(),
                "credentials": profile.credentials.select_related("programme"),
                "consents": selectors.active_consents(profile=profile),
            }
        return render(self.request, "candidates/wizard.html", ctx, status=status)

    def get(self, request: HttpRequest, step: str) -> HttpResponse:
        profile = self.get_profile()
        return self._render(profile, step, self._forms(profile, step))

    def post(self, request: HttpRequest, step: str) -> HttpResponse:
        profile = self.get_profile()
        forms_ = self._forms(profile, step, request.POST, request.FILES)
        try:
            saved = self._save(profile, step, forms_)
        except DomainError as exc:
            target = forms_.get("form")
            if target is not None:
                _apply_error(target, exc)
            elif "formset" in forms_:
                self._formset_error(forms_["formset"], exc, step)
            else:
                messages.error(request, exc.message)
            saved = False
        if not saved:
            return self._render(profile, step, forms_, status=400)
        if step == "review":
            messages.success(request, _("Your profile has been submitted. A caseworker will review it."))
            return redirect("candidates:dashboard")
        messages.success(request, _("Saved."))
        if "stay" in request.POST:
            return redirect("candidates:step", step=step)
        return redirect("candidates:step", step=_next_step(step))

    @staticmethod
    def _kept_forms(formset: forms.BaseFormSet, step: str) -> list[forms.Form]:
        """The rows a save keeps, in order. A step replaces its rows with what the page posts back: the rows it was
        rendered with come back whether edited or not (an unchanged row is still the candidate's); an untouched
        blank row, a row ticked for removal and a language row with no language are left out."""
        kept = formset.initial_form_count()
        return [
            form
            for index, form in enumerate(formset.forms)
            if not form.cleaned_data.get("DELETE")
            and (index < kept or form.has_changed())
            and not (step == "languages" and not form.cleaned_data.get("code"))
        ]

    def _formset_error(self, formset: forms.BaseFormSet, exc: DomainError, step: str) -> None:
        rows = self._kept_forms(formset, step)
        index = int(exc.code[4:]) if exc.code.startswith("row-") and exc.code[4:].isdigit() else None
        if index is not None and index < len(rows):
            _apply_error(rows[index], exc)
        else:
            # Django's own way to show a form-set-wide error after validation; the stubs omit the private attribute.
            formset._non_form_errors = formset.error_class([exc.message])  # type: ignore[attr-defined]

    @transaction.atomic
    def _save(self, profile: CandidateProfile, step: str, forms_: dict[str, Any]) -> bool:
        language = _language()
        if step == "review":
            profile_submit(profile=profile)
            return True
        if "formset" in forms_:
            formset = forms_["formset"]
            if not formset.is_valid():
                return False
            rows = []
            for form in self._kept_forms(formset, step):
                row = {k: val for k, val in form.cleaned_data.items() if k != "DELETE"}
                if step == "languages" and row.get("certificate_file"):
                    upload = row.pop("certificate_file")
                    try:
                        document = document_upload(
                            profile=profile,
                            kind=Document.Kind.CERTIFICATE,
                            content=_read_upload(upload),
                            name=upload.name,
                        )
                    except DomainError as exc:
                        form.add_error("certificate_file", exc.message)
                        transaction.set_rollback(True)
                        return False
                    row["certificate_document_id"] = document.pk
                rows.append(row)
            candidate_items_replace(profile=profile, kind=step, items=rows, language=language)
            return True
        form = forms_["form"]
        if not form.is_valid():
            return False
        data = form.cleaned_data
        if step == "personal":
            profile_update_personal(profile=profile, data=data)
        elif step == "occupation":
            desired = [
                {"text": data.get(f"desired_{i}", ""), "uri": data.get(f"desired_{i}_uri", "")} for i in (1, 2, 3)
            ]
            profile_set_occupations(
                profile=profile,
                desired=desired,
                current_title=data.get("current_title", ""),
                current_uri=data.get("current_uri", ""),
                language=language,
            )
        elif step == "credentials":
            evidence = None
            if data.get("evidence"):
                upload = data["evidence"]
                try:
                    evidence = document_upload(
                        profile=profile,
                        kind=Document.Kind.CREDENTIAL_EVIDENCE,
                        content=_read_upload(upload),
                        name=upload.name,
                    )
                except DomainError as exc:
                    form.add_error("evidence", exc.message)
                    return False
            credential_claim(
                profile=profile,
                programme=data["programme"],
                cohort=data.get("cohort"),
                title=data["title"],
                completed_on=data.get("completed_on"),
                evidence=evidence,
            )
        elif step == "mobility":
            profile_set_mobility(profile=profile, data=data, language=language)
        elif step == "consents":
            consents_set(profile=profile, purposes={p for p in CONSENT_TEXTS if data.get(p)})
        return True


class CredentialWithdrawView(CandidateOnlyMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            credential_claim_withdraw(profile=self.get_profile(), credential_id=pk)
        except DomainError as exc:
            if exc.status_code == 404:
                raise Http404 from None
            messages.error(request, exc.message)
        return redirect("candidates:step", step="credentials")


class ConsentWithdrawView(CandidateOnlyMixin, View):
    def post(self, request: HttpRequest, purpose: str) -> HttpResponse:
        if purpose not in CONSENT_TEXTS:
            raise Http404
        consent_withdraw(profile=self.get_profile(), purpose=purpose)
        messages.success(request, _("Your consent has been withdrawn."))
        return redirect("candidates:dashboard")


class ReconfirmView(CandidateOnlyMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            profile_reconfirm(profile=self.get_profile())
            messages.success(request, _("Thank you: your interest is confirmed for another 90 days."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("candidates:dashboard")


class NotInterestedView(CandidateOnlyMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            match_not_interested(
                profile=self.get_profile(), match_id=pk, actor=request.user, note=request.POST.get("note", "")[:1000]
            )
            messages.success(request, _("Noted: you are not interested in this vacancy."))
        except DomainError as exc:
            if exc.status_code == 404:
                raise Http404 from None
            messages.error(request, exc.message)
        return redirect("candidates:dashboard")


class FeeReportView(CandidateOnlyMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request, "candidates/fee_report.html", {"form": cf.FeeReportForm(), "creation_key": form_key(request)}
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        form = cf.FeeReportForm(request.POST)
        if form.is_valid():
            try:
                fee_report_create(
                    profile=self.get_profile(),
                    organisation_id=form.cleaned_data["organisation"].pk,
                    description=form.cleaned_data["description"],
                    idempotency_key=key_from(request),
                )
                messages.success(request, _("Thank you. A caseworker will look into your report."))
                return redirect("candidates:dashboard")
            except DomainError as exc:
                _apply_error(form, exc)
        return render(
            request, "candidates/fee_report.html", {"form": form, "creation_key": form_key(request)}, status=400
        )


class DocumentsView(CandidateOnlyMixin, View):
    def _render(self, form: cf.DocumentForm, status: int = 200) -> HttpResponse:
        profile = self.get_profile()
        from django.conf import settings
        from django.db.models import Sum

        used = profile.documents.aggregate(total=Sum("size"))["total"] or 0
        return render(
            self.request,
            "candidates/documents.html",
            {
                "form": form,
                "documents": profile.documents.order_by("-uploaded_at"),
                "used": used,
                "quota": settings.DOCUMENT_QUOTA_BYTES,
                "max_bytes": settings.DOCUMENT_MAX_BYTES,
            },
            status=status,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(cf.DocumentForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = cf.DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                document_upload(
                    profile=self.get_profile(),
                    kind=form.cleaned_data["kind"],
                    content=_read_upload(upload),
                    name=upload.name,
                    document_number=form.cleaned_data.get("document_number", ""),
                )
                messages.success(request, _("Document uploaded."))
                return redirect("candidates:documents")
            except DomainError as exc:
                _apply_error(form, exc)
        return self._render(form, status=400)


class DocumentDeleteView(CandidateOnlyMixin, View):
    """Deleting a document asks first: the page names the document, and only its form (confirm=yes) deletes."""

    def _document(self, pk: int) -> Document:
        return get_object_or_404(Document, pk=pk, profile=self.get_profile())

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, "candidates/document_delete.html", {"document": self._document(pk)})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.POST.get("confirm") != "yes":
            self._document(pk)  # 404 for someone else's document, as before
            return redirect("candidates:document_delete", pk=pk)
        try:
            document_delete(profile=self.get_profile(), document_id=pk)
        except DomainError:
            raise Http404 from None
        messages.success(request, _("Document deleted."))
        return redirect("candidates:documents")


def document_response(document: Document) -> FileResponse:
    """Serve a stored document as a download only: never rendered inline, never sniffed."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


class DocumentDownloadView(RoleRequiredMixin, View):
    """The only way to a stored file: the owner; a caseworker; a programme administrator for the evidence of a claim
    on their programme (both logged). Everyone else gets 404."""

    allowed_roles = (Role.CANDIDATE, Role.CASEWORKER, Role.PROGRAMME_ADMIN)

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        assert request.user.is_authenticated  # RoleRequiredMixin.dispatch let only signed-in users through
        document = get_object_or_404(
            selectors.documents_visible_to(viewer=request.user).select_related("profile"), pk=pk
        )
        if not request.user.has_perm("candidates.view_document", document):
            raise Http404
        if document.profile.user_id != request.user.pk:
            purpose = "credential verification" if request.user.role == Role.PROGRAMME_ADMIN else "document review"
            log_access(
                actor=request.user,
                candidate_id=document.profile_id,
                part="document",
                purpose=purpose,
                path=request.path,
            )
        try:
            return document_response(document)
        except FileNotFoundError:
            raise Http404 from None


class ExportView(CandidateOnlyMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        data = selectors.profile_export(profile=self.get_profile())
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="talentpool-my-data.json"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


class EraseView(CandidateOnlyMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "candidates/erase.html", {"form": cf.EraseForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = cf.EraseForm(request.POST)
        if form.is_valid() and not request.user.check_password(form.cleaned_data["password"]):
            form.add_error("password", _("The password is not correct."))
        if not form.is_valid():
            return render(request, "candidates/erase.html", {"form": form}, status=400)
        profile_erase(profile=self.get_profile())
        logout(request)
        messages.success(request, _("Your account and your data have been erased."))
        return redirect("home")


class EmailChangeView(CandidateOnlyMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "candidates/email_change.html", {"form": cf.EmailChangeForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = cf.EmailChangeForm(request.POST)
        if form.is_valid() and not request.user.check_password(form.cleaned_data["password"]):
            form.add_error("password", _("The password is not correct."))
        if form.is_valid() and mail_throttled(request, scope="email_change", address=form.cleaned_data["email"]):
            return too_many_attempts(request)
        if form.is_valid():
            try:
                email_change_request(
                    user=request.user,
                    new_email=form.cleaned_data["email"],
                    confirm_url=lambda token: absolute_url("candidates:email_confirm", token),
                )
                messages.success(request, _("We sent a confirmation link to the new address. Open it to finish."))
                return redirect("candidates:dashboard")
            except DomainError as exc:
                _apply_error(form, exc)
        return render(request, "candidates/email_change.html", {"form": form}, status=400)


class EmailConfirmView(CandidateOnlyMixin, View):
    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            email_change_confirm(user=request.user, token=token)
            messages.success(request, _("Your e-mail address has been changed."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("candidates:dashboard")
