"""Forms of the employer pages: sign-up, invitations, vacancies, decisions on released candidates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import pycountry
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from employers import participation
from employers.decisions import DECISION_LABELS, DECISIONS, REASON_CODES
from employers.models import Organisation, Vacancy
from programmes import languages
from programmes.countries import europe_choices
from programmes.models import LegalScheme, Programme
from taxonomy.models import Occupation, Skill
from taxonomy.nace import NACE_SECTIONS

CURRENCIES = ("EUR", "BGN", "CZK", "DKK", "HUF", "PLN", "RON", "SEK", "ISK", "NOK", "CHF")


def language_choices() -> list[tuple[str, str]]:
    return [("", "—"), *languages.language_choices()]


def currency_choices() -> list[tuple[str, str]]:
    rows = []
    for code in CURRENCIES:
        currency = pycountry.currencies.get(alpha_3=code)
        rows.append((code, f"{code} · {currency.name}" if currency else code))
    return rows


class OrganisationSignupForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name of the organisation"), max_length=300)
    country = forms.ChoiceField(label=_("Country of registration"), choices=europe_choices)
    registration_number = forms.CharField(label=_("Company registration number"), max_length=80, required=False)
    sector = forms.ChoiceField(label=_("Sector (NACE section)"), choices=[("", "—"), *NACE_SECTIONS])
    size = forms.ChoiceField(label=_("Size"), choices=[("", "—"), *Organisation.Size.choices], required=False)
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")
    address = forms.CharField(
        label=_("Address"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )
    email = forms.EmailField(label=_("Your work e-mail address"), max_length=254)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False, max_length=128)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False, max_length=128)
    pledge = forms.BooleanField(
        label=_(
            "We accept the fair recruitment pledge: we charge no fees or costs to workers, directly or indirectly, "
            "and we do not let anyone recruiting for us do so."
        ),
        required=True,
        error_messages={"required": _("The fair recruitment pledge must be accepted to use the Talent Pool.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                validate_password(p1)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's e-mail address"), max_length=254)


class InvitationAcceptForm(forms.Form):
    password1 = forms.CharField(label=_("Choose a password"), widget=forms.PasswordInput, strip=False, max_length=128)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False, max_length=128)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                validate_password(p1)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


LANGUAGE_ROWS = 3


class VacancyForm(forms.Form):
    """The vacancy editor. Occupation and skills are rendered by the template (ESCO search, pre-filled lists)."""

    title = forms.CharField(label=_("Job title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=20000
    )
    occupation = forms.ModelChoiceField(
        queryset=Occupation.objects.all(),
        to_field_name="uri",
        required=False,
        label=_("ESCO occupation"),
        error_messages={"invalid_choice": _("Choose an occupation from the suggestions.")},
    )
    essential_skills = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.all(),
        to_field_name="uri",
        required=False,
        label=_("Essential skills"),
        widget=forms.MultipleHiddenInput,
    )
    optional_skills = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.all(),
        to_field_name="uri",
        required=False,
        label=_("Optional skills"),
        widget=forms.MultipleHiddenInput,
    )
    country = forms.ChoiceField(label=_("Destination country"), choices=europe_choices)
    city = forms.CharField(label=_("City or region"), max_length=120, required=False)
    sector = forms.ChoiceField(label=_("Sector (NACE section)"), choices=[("", "—"), *NACE_SECTIONS], required=False)
    positions = forms.IntegerField(label=_("Number of positions"), min_value=1, max_value=10000, initial=1)
    contract_type = forms.ChoiceField(label=_("Contract type"), choices=Vacancy.ContractType.choices)
    duration_months = forms.IntegerField(label=_("Duration in months"), min_value=1, max_value=120, required=False)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    pay_min = forms.DecimalField(label=_("Minimum pay"), min_value=0, max_digits=10, decimal_places=2, required=False)
    pay_max = forms.DecimalField(label=_("Maximum pay"), min_value=0, max_digits=10, decimal_places=2, required=False)
    pay_currency = forms.ChoiceField(label=_("Currency"), choices=currency_choices, initial="EUR")
    pay_period = forms.ChoiceField(
        label=_("Pay period"), choices=Vacancy.PayPeriod.choices, initial=Vacancy.PayPeriod.MONTH
    )
    accepts_recognition_pending = forms.BooleanField(
        label=_("Candidates whose recognition is still pending are welcome"), required=False
    )
    requires_recognition = forms.BooleanField(
        label=_("The job needs a recognised qualification (regulated profession)"), required=False
    )
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.exclude(status=Programme.Status.ENDED),
        required=False,
        label=_("Recruit through a programme (optional)"),
    )
    scheme = forms.ModelChoiceField(
        queryset=LegalScheme.objects.all(), required=False, label=_("Legal scheme (optional)")
    )
    expires_on = forms.DateField(label=_("Expiry date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, organisation: Any = None, vacancy: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the routes the organisation may recruit through (and the vacancy's own, so that a route the
        # organisation lost is shown with the service's explanation rather than vanishing).
        programmes = Q(pk__in=participation.usable_programmes(organisation).values("pk"))
        schemes = Q(pk__in=participation.usable_schemes(organisation).values("pk"))
        if vacancy is not None and vacancy.programme_id:
            programmes |= Q(pk=vacancy.programme_id)
        if vacancy is not None and vacancy.scheme_id:
            schemes |= Q(pk=vacancy.scheme_id)
        cast("forms.ModelChoiceField[Programme]", self.fields["programme"]).queryset = Programme.objects.filter(
            programmes
        )
        cast("forms.ModelChoiceField[LegalScheme]", self.fields["scheme"]).queryset = LegalScheme.objects.filter(
            schemes
        )
        for i in range(1, LANGUAGE_ROWS + 1):
            self.fields[f"language_{i}"] = forms.ChoiceField(
                label=_("Language"), choices=language_choices, required=False
            )
            self.fields[f"level_{i}"] = forms.ChoiceField(
                label=_("Minimum level (CEFR)"), choices=[("", "—"), *languages.cefr_choices()], required=False
            )

    @property
    def language_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"language_{i}"], self[f"level_{i}"]) for i in range(1, LANGUAGE_ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        pay_min, pay_max = data.get("pay_min"), data.get("pay_max")
        if pay_min is not None and pay_max is not None and pay_min > pay_max:
            self.add_error("pay_max", _("The maximum pay must be at least the minimum pay."))
        for i in range(1, LANGUAGE_ROWS + 1):
            code, level = data.get(f"language_{i}"), data.get(f"level_{i}")
            if code and not level:
                self.add_error(f"level_{i}", _("Give the minimum level for this language."))
            if level and not code:
                self.add_error(f"language_{i}", _("Choose the language."))
        return data

    def languages(self) -> list[tuple[str, str]]:
        return [
            (self.cleaned_data[f"language_{i}"], self.cleaned_data[f"level_{i}"])
            for i in range(1, LANGUAGE_ROWS + 1)
            if self.cleaned_data.get(f"language_{i}") and self.cleaned_data.get(f"level_{i}")
        ]

    def vacancy_fields(self) -> dict[str, Any]:
        names = (
            "title",
            "description",
            "occupation",
            "country",
            "city",
            "sector",
            "positions",
            "contract_type",
            "duration_months",
            "start_date",
            "pay_min",
            "pay_max",
            "pay_currency",
            "pay_period",
            "accepts_recognition_pending",
            "requires_recognition",
            "programme",
            "scheme",
            "expires_on",
        )
        return {name: self.cleaned_data.get(name) for name in names}

    @staticmethod
    def initial_from(vacancy: Vacancy) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(vacancy, name)
            for name in (
                "title",
                "description",
                "country",
                "city",
                "sector",
                "positions",
                "contract_type",
                "duration_months",
                "start_date",
                "pay_min",
                "pay_max",
                "pay_currency",
                "pay_period",
                "accepts_recognition_pending",
                "requires_recognition",
                "expires_on",
            )
        }
        initial["occupation"] = vacancy.occupation.uri if vacancy.occupation else ""
        initial["programme"] = vacancy.programme_id
        initial["scheme"] = vacancy.scheme_id
        reqs = list(vacancy.skill_requirements.select_related("skill").order_by("skill__preferred_label"))
        initial["essential_skills"] = [r.skill.uri for r in reqs if r.is_essential]
        initial["optional_skills"] = [r.skill.uri for r in reqs if not r.is_essential]
        for i, lang in enumerate(vacancy.languages.order_by("code")[:LANGUAGE_ROWS], start=1):
            initial[f"language_{i}"] = lang.code
            initial[f"level_{i}"] = lang.min_level
        return initial


def reason_choices() -> list[tuple[str, Any]]:
    return [("", "—")] + [
        (str(DECISION_LABELS[d]), [(f"{d}:{code}", label) for code, label in REASON_CODES[d]]) for d in DECISIONS
    ]


class MatchDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=list(DECISION_LABELS.items()),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=reason_choices)
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def limit_to(self, decisions: list[str]) -> None:
        """Offer only the decisions open from the match's current status, and their reasons."""
        field = cast("forms.ChoiceField", self.fields["decision"])
        # Once set, `choices` reads back as (value, label) pairs: a list, or a CallableChoiceIterator for a callable.
        field.choices = [c for c in cast("Iterable[tuple[Any, Any]]", field.choices) if c[0] in decisions]
        reasons = cast("forms.ChoiceField", self.fields["reason"])
        labels = {str(label) for value, label in field.choices}
        reasons.choices = [
            c for c in cast("Iterable[tuple[Any, Any]]", reasons.choices) if c[0] == "" or str(c[0]) in labels
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        decision, reason = data.get("decision"), data.get("reason") or ""
        if decision and reason:
            prefix, _sep, code = reason.partition(":")
            if prefix != decision:
                self.add_error("reason", _("Choose a reason that fits the decision."))
            data["reason_code"] = code
        return data


class FeeReportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.exclude(status=Organisation.Status.REJECTED), label=_("Organisation")
    )
    description = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who asked you to pay, how much, when, and for what. Recruitment must always be free for you."),
    )


class ParticipationForm(forms.Form):
    """Add an organisation as an employer taking part in a programme: vetted organisations not yet taking part."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Organisation"))

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Organisation]", self.fields["organisation"]).queryset = (
            Organisation.objects.filter(status=Organisation.Status.VETTED)
            .exclude(pk__in=participation.active_organisation_ids(programme))
            .order_by("legal_name")
        )
