"""Scheme rules in plain language, for the directory pages (the engine reads the same fields as data)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes.countries import country_name
from programmes.models import LegalScheme
from programmes.selectors import scheme_quota_remaining


def scheme_rules_lines(scheme: LegalScheme, *, year: int | None = None) -> list[str]:
    lines: list[str] = [
        _("Destination: %(country)s.") % {"country": country_name(scheme.destination_country) or _("not stated")}
    ]
    if scheme.eligible_nationalities:
        names = ", ".join(country_name(code) for code in scheme.eligible_nationalities)
        lines.append(_("Open to nationals of %(countries)s.") % {"countries": names})
    else:
        lines.append(_("No nationality restriction is recorded."))
    if scheme.min_age is not None and scheme.max_age is not None:
        lines.append(_("Age %(min)s to %(max)s.") % {"min": scheme.min_age, "max": scheme.max_age})
    elif scheme.min_age is not None:
        lines.append(_("At least %(min)s years old.") % {"min": scheme.min_age})
    elif scheme.max_age is not None:
        lines.append(_("At most %(max)s years old.") % {"max": scheme.max_age})
    if scheme.min_stay_months and scheme.max_stay_months:
        lines.append(
            _("Stay of %(min)s to %(max)s months.") % {"min": scheme.min_stay_months, "max": scheme.max_stay_months}
        )
    elif scheme.max_stay_months:
        lines.append(
            ngettext("Stay of up to %(max)s month.", "Stay of up to %(max)s months.", scheme.max_stay_months)
            % {"max": scheme.max_stay_months}
        )
    if scheme.renewals:
        lines.append(
            ngettext("Can be renewed once", "Can be renewed %(n)s times", scheme.renewals) % {"n": scheme.renewals}
            + (
                _(", by %(months)s months each time.") % {"months": scheme.renewal_months}
                if scheme.renewal_months
                else "."
            )
        )
    if scheme.min_language_level:
        lines.append(
            _("Language: at least %(level)s in %(language)s.")
            % {"level": scheme.min_language_level, "language": scheme.min_language_code or "?"}
        )
    if scheme.annual_quota is not None:
        lines.append(_("Annual quota: %(n)s people.") % {"n": scheme.annual_quota})
    if year is not None:
        remaining = scheme_quota_remaining(scheme=scheme, nationality="", year=year)
        if remaining is not None:
            lines.append(_("Places left in %(year)s: %(n)s.") % {"year": year, "n": remaining})
    if scheme.is_government_to_government:
        lines.append(
            _(
                "A government-to-government agreement: under the WHO code, health workers from safeguard-list countries may be recruited through it."
            )
        )
    if scheme.work_allowed_pending_recognition:
        lines.append(_("Work is allowed while the recognition of the qualification is pending."))
    if scheme.reservation_months:
        lines.append(
            ngettext(
                "For %(n)s month after training, graduates are matched only with the funding destinations or employers.",
                "For %(n)s months after training, graduates are matched only with the funding destinations or employers.",
                scheme.reservation_months,
            )
            % {"n": scheme.reservation_months}
        )
    if scheme.return_required:
        lines.append(_("Return to the country of origin is required afterwards."))
    return lines
