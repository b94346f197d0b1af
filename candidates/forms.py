"""Forms of the candidate pages. They parse input; the rules live in candidates.validation and the services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candidates import validation as v
from candidates.consents import CONSENT_TEXTS
from candidates.models import CandidateProfile, Document
from programmes.countries import country_choices, europe_choices
from programmes.languages import cefr_choices, language_choices
from taxonomy.nace import NACE_SECTIONS

if TYPE_CHECKING:
    from employers.models import Organisation
    from programmes.models import Cohort, Programme

ISCED = [
    ("", "—"),
    (0, _("0 · Early childhood education")),
    (1, _("1 · Primary education")),
    (2, _("2 · Lower secondary")),
    (3, _("3 · Upper secondary")),
    (4, _("4 · Post-secondary non-tertiary")),
    (5, _("5 · Short-cycle tertiary")),
    (6, _("6 · Bachelor or equivalent")),
    (7, _("7 · Master or equivalent")),
    (8, _("8 · Doctoral or equivalent")),
]


def _countries(blank: bool = True) -> list[tuple[str, str]]:
    choices = country_choices()
    return ([("", "—"), *choices]) if blank else choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PersonalForm(forms.Form):
    given_name = forms.CharField(label=_("Given name(s)"), max_length=150)
    family_name = forms.CharField(label=_("Family name"), max_length=150)
    birth_date = forms.DateField(label=_("Birth date"), widget=DateInput())
    nationality = forms.ChoiceField(label=_("Nationality"), choices=_countries)
    residence_country = forms.ChoiceField(label=_("Country of residence"), choices=_countries)
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        required=False,
        choices=[("", "—"), *list(CandidateProfile.Gender.choices)],
        help_text=_("Used only to check that matching treats everyone fairly; never used to match or rank you."),
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)


class OccupationForm(forms.Form):
    desired_1 = forms.CharField(label=_("Occupation you are looking for"), max_length=300, required=False)
    desired_1_uri = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    desired_2 = forms.CharField(label=_("Another occupation (optional)"), max_length=300, required=False)
    desired_2_uri = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    desired_3 = forms.CharField(label=_("Another occupation (optional)"), max_length=300, required=False)
    desired_3_uri = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    current_title = forms.CharField(label=_("Your current or last job title"), max_length=300, required=False)
    current_uri = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("desired_1", "desired_2", "desired_3", "current_title"):
            uri = "current_uri" if name == "current_title" else f"{name}_uri"
            self.fields[name].widget.attrs.update(
                {"data-autocomplete": "occupations", "data-own": name, "data-uri": uri}
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if not any(data.get(f"desired_{i}") for i in (1, 2, 3)) and not data.get("current_title"):
            raise forms.ValidationError(_("Please name at least one occupation you are looking for."))
        return data


class SkillForm(forms.Form):
    label = forms.CharField(
        label=_("Skill"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"data-autocomplete": "skills", "data-own": "label", "data-uri": "skill_uri"}),
    )
    skill_uri = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    years = forms.IntegerField(label=_("Years of practice"), min_value=0, max_value=v.MAX_YEARS, required=False)


class LanguageForm(forms.Form):
    code = forms.ChoiceField(label=_("Language"), choices=lambda: [("", "—"), *language_choices()], required=False)
    level = forms.ChoiceField(
        label=_("Level (CEFR)"), choices=lambda: [("", "—"), *cefr_choices(native=True)], required=False
    )
    certificate = forms.CharField(label=_("Certificate (optional, e.g. Goethe B1)"), max_length=120, required=False)
    certificate_file = forms.FileField(label=_("Certificate document (PDF, JPEG or PNG)"), required=False)
    certificate_document_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if (data.get("code") or data.get("level")) and not (data.get("code") and data.get("level")):
            raise forms.ValidationError(_("Choose both the language and your level."))
        return data


class EducationForm(forms.Form):
    isced_level = forms.TypedChoiceField(label=_("Level"), choices=ISCED, coerce=int, empty_value=None, required=False)
    field = forms.CharField(label=_("Field of study"), max_length=200, required=False)
    institution = forms.CharField(label=_("School or university"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=_countries, required=False)
    start_year = forms.IntegerField(label=_("From (year)"), min_value=1900, max_value=2100, required=False)
    end_year = forms.IntegerField(label=_("To (year)"), min_value=1900, max_value=2100, required=False)


class ExperienceForm(forms.Form):
    title = forms.CharField(
        label=_("Job title"),
        max_length=300,
        required=False,
        widget=forms.TextInput(
            attrs={"data-autocomplete": "occupations", "data-own": "title", "data-uri": "occupation_uri"}
        ),
    )
    occupation_uri = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    employer_name = forms.CharField(label=_("Employer"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=_countries, required=False)
    start = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("To (empty if current)"), widget=DateInput(), required=False)
    description = forms.CharField(
        label=_("What you did"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )


def item_formset(form_class: type[forms.Form]) -> type[forms.BaseFormSet]:
    return forms.formset_factory(form_class, extra=1, can_delete=True, max_num=60, absolute_max=60, validate_max=True)


class CredentialForm(forms.Form):
    # The querysets are set per form in __init__.
    programme: forms.ModelChoiceField[Programme] = forms.ModelChoiceField(label=_("Programme"), queryset=None)
    cohort: forms.ModelChoiceField[Cohort] = forms.ModelChoiceField(
        label=_("Cohort (optional)"), queryset=None, required=False
    )
    title = forms.CharField(label=_("Training or qualification"), max_length=300)
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput(), required=False)
    evidence = forms.FileField(label=_("Evidence (certificate, PDF, JPEG or PNG)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from programmes.models import Cohort, Programme

        programme, cohort = self.fields["programme"], self.fields["cohort"]
        assert isinstance(programme, forms.ModelChoiceField) and isinstance(cohort, forms.ModelChoiceField)
        programme.queryset = Programme.objects.all()
        cohort.queryset = Cohort.objects.select_related("programme")


class MobilityForm(forms.Form):
    destinations = forms.MultipleChoiceField(
        label=_("Where would you like to work? (none ticked: anywhere)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=europe_choices,
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), required=False, widget=forms.CheckboxSelectMultiple, choices=NACE_SECTIONS
    )
    available_from = forms.DateField(label=_("Earliest start date"), widget=DateInput(), required=False)
    min_stay_months = forms.IntegerField(label=_("Shortest stay (months)"), min_value=1, max_value=240, required=False)
    max_stay_months = forms.IntegerField(label=_("Longest stay (months)"), min_value=1, max_value=240, required=False)
    circular_migration_interest = forms.BooleanField(
        label=_("I am interested in working abroad for a period and coming back (circular migration)"), required=False
    )
    return_plans = forms.CharField(
        label=_("Plans for your return (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class ConsentForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for purpose, (version, text) in CONSENT_TEXTS.items():
            self.fields[purpose] = forms.BooleanField(
                label=text, required=False, help_text=_("Text version %(v)s") % {"v": version}
            )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=Document.Kind.choices)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))
    document_number = forms.CharField(
        label=_("Document number (identity documents only)"), max_length=80, required=False
    )


class FeeReportForm(forms.Form):
    # The queryset is set per form in __init__.
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    description = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from employers.models import Organisation

        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.all()


class EmailChangeForm(forms.Form):
    email = forms.EmailField(label=_("New e-mail address"))
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput, strip=False)


class EraseForm(forms.Form):
    confirm = forms.BooleanField(label=_("I understand that my account and all my data will be erased for good."))
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput, strip=False)
