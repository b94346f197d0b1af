from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from core.forms import SignUpForm
from core.roles import Role
from core.services import tokens_revoke_all, user_signup
from core.throttle import mail_throttled

ROLE_HOME: dict[str, str] = {
    Role.CANDIDATE: "candidates:dashboard",
    Role.EMPLOYER: "employers:dashboard",
    Role.CASEWORKER: "review:queue",
    Role.PROGRAMME_ADMIN: "programmes:admin_home",
    Role.STAFF: "review:queue",
}


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and request.GET.get("stay") is None and request.user.role in ROLE_HOME:
            return redirect(reverse(ROLE_HOME[request.user.role]))
        return super().get(request, *args, **kwargs)


class AboutView(TemplateView):
    template_name = "core/about.html"


def too_many_attempts(request: HttpRequest) -> HttpResponse:
    """429 for a throttled sign-up, reset or e-mail change: nothing was sent."""
    message = _("Too many attempts from here or for this address. Nothing was sent; please try again in an hour.")
    return render(
        request, "registration/locked_out.html", {"message": message, "title": _("Too many attempts")}, status=429
    )


class SignUpView(FormView):
    """Candidate sign-up. Employers sign up through their own page, which also creates the organisation.

    Whether or not the address already has an account, the visitor is sent to the same "check your e-mail" page;
    the mail decides (core.services.user_signup)."""

    template_name = "registration/signup.html"
    form_class = SignUpForm

    def form_valid(self, form: SignUpForm) -> HttpResponse:
        email = form.cleaned_data["email"]
        if mail_throttled(self.request, scope="signup", address=email):
            return too_many_attempts(self.request)
        user_signup(
            email=email,
            password=form.cleaned_data["password1"],
            role=Role.CANDIDATE,
            preferred_language=getattr(self.request, "LANGUAGE_CODE", "en"),
        )
        return render(self.request, "registration/signup_sent.html", {"email": email})


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset (which already answers the same for unknown addresses), limited per address and client."""

    def form_valid(self, form: Any) -> HttpResponse:
        if mail_throttled(self.request, scope="password_reset", address=form.cleaned_data["email"]):
            return too_many_attempts(self.request)
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    """Logging out of the browser ends the user's API tokens too, on every device (issue 12): a person who logs out
    expects to be logged out. A client that must outlive that logs in again with the password."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            tokens_revoke_all(user=request.user)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    """A changed password ends every API token; this browser's session stays signed in (Django keeps it)."""

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            tokens_revoke_all(user=form.user)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A password reset (someone may have known the old one) ends every API token."""

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            tokens_revoke_all(user=form.user)
        return response


class HealthView(View):
    """Reports database and broker status within about two seconds; 503 when either is down or not answering."""

    def get(self, request: HttpRequest) -> JsonResponse:
        from core.health import broker_status, database_status

        report: dict[str, Any] = {"database": database_status()}
        healthy = report["database"] == "ok"
        if settings.CELERY_TASK_ALWAYS_EAGER:
            report["broker"] = "in-process (eager)"
        else:
            report["broker"] = broker_status()
            healthy = healthy and report["broker"] == "ok"
        report["status"] = "ok" if healthy else "degraded"
        return JsonResponse(report, status=200 if healthy else 503)


class VerifyEmailView(View):
    """The link mailed at sign-up (activates the account and logs in) or after an address change (verifies it)."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        from core.services import user_activate, user_for_verification_token, user_verify_email

        user = user_for_verification_token(token)
        if user is None:
            messages.error(request, _("This verification link is not valid or has expired."))
            return redirect("home")
        if user_activate(user=user):
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
            return redirect("home")
        user_verify_email(user=user)
        messages.success(request, _("Your e-mail address is verified."))
        return redirect("home")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the API's error body under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": "not_found", "message": "Not found.", "fields": {}}}, status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A request Django refuses before any view answers (a body over DATA_UPLOAD_MAX_MEMORY_SIZE read by a
    middleware, a disallowed host, too many fields): the API's error body under /api/ (413 for a body too large),
    the site's page elsewhere."""
    from django.core.exceptions import RequestDataTooBig

    if request.path.startswith("/api/"):
        if isinstance(exception, RequestDataTooBig):
            from core.api.parsers import RequestTooLarge

            too_large = RequestTooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
            body = {"error": {"code": "too_large", "message": str(too_large.detail), "fields": {}}}
            return JsonResponse(body, status=413)
        message = _("The request could not be understood.")
        return JsonResponse({"error": {"code": "bad_request", "message": message, "fields": {}}}, status=400)
    from django.views.defaults import bad_request as default_bad_request

    return default_bad_request(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"error": {"code": "server_error", "message": "Something went wrong on our side.", "fields": {}}},
            status=500,
        )
    from django.views.defaults import server_error as default_server_error

    return default_server_error(request)


def lockout(request: HttpRequest, credentials: dict | None = None, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes lockout: JSON under /api/, a page elsewhere. Status 429 either way."""
    message = _("Too many failed login attempts. Try again in 30 minutes or reset your password.")
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": "locked_out", "message": message, "fields": {}}}, status=429)
    return render(request, "registration/locked_out.html", {"message": message}, status=429)
