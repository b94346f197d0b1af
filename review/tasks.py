"""Background work of the review queue. Tasks carry ids only."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import absolute_url


@shared_task
def notify_candidate_put_forward(match_id: int) -> bool:
    """E-mail the candidate that a caseworker put them forward for a vacancy. Returns whether a mail went out."""
    from matching.models import Match

    match = Match.objects.select_related("candidate__user", "vacancy__organisation").filter(pk=match_id).first()
    if match is None or match.status == Match.Status.PROPOSED:
        return False
    profile = match.candidate
    user = profile.user
    address = (user.email if user is not None else "") or profile.contact_email
    if not address:
        return False
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        vacancy = match.vacancy
        subject = _("You were put forward for a job: %(title)s") % {"title": vacancy.title}
        dashboard = absolute_url("candidates:dashboard")
        body = _(
            'Good news: a caseworker has put you forward for the vacancy "%(title)s" at %(employer)s (%(country)s).\n\n'
            "The employer can now see your profile and may contact you through the service. "
            "You can follow the status on your dashboard: %(link)s\n\n"
            "If you are no longer interested, you can say so on your dashboard at any time."
        ) % {
            "title": vacancy.title,
            "employer": vacancy.organisation.legal_name,
            "country": vacancy.country,
            "link": dashboard,
        }
        send_mail(subject, body, None, [address])
    return True
