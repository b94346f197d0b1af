"""Forms of the directory pages. They parse input only; writes go through programmes.services."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from programmes.countries import country_choices, is_country_code
from programmes.models import Cohort, LegalScheme, Programme, ProgrammePartner, Stakeholder
from taxonomy.models import Occupation, Skill
from taxonomy.nace import NACE_SECTIONS


class CountryListField(forms.CharField):
    """Comma- or space-separated ISO 3166-1 alpha-2 codes → ['MA', 'TN']."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Two-letter country codes separated by commas, e.g. MA, TN"))
        super().__init__(max_length=600, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        codes = [code.upper() for code in re.split(r"[,;\s]+", super().to_python(value) or "") if code]
        unknown = [code for code in codes if not is_country_code(code)]
        if unknown:
            raise forms.ValidationError(_("Unknown country code: %(codes)s") % {"codes": ", ".join(unknown)})
        return list(dict.fromkeys(codes))


class UriListField(forms.CharField):
    """ESCO URIs, one per line or separated by spaces."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(max_length=20000, **kwargs)

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return [uri for uri in re.split(r"[\s,;]+", super().to_python(value) or "") if uri]


def _resolve_occupations(uris: list[str]) -> list[Any]:
    occupations = list(Occupation.objects.filter(uri__in=uris))
    unknown = sorted(set(uris) - {occupation.uri for occupation in occupations})
    if unknown:
        raise forms.ValidationError(_("Unknown ESCO occupation URI: %(uris)s") % {"uris": ", ".join(unknown[:5])})
    return occupations


class SourcesField(forms.CharField):
    """One source per line: `title | https://link` (the link is optional)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One per line: title | https://link"))
        super().__init__(max_length=20000, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(f"{item.get('title', '')} | {item.get('url', '')}".rstrip(" |") for item in value)
        return value

    def to_python(self, value: Any) -> list[dict[str, str]]:  # type: ignore[override]
        sources = []
        url_validator = URLValidator(schemes=["http", "https"])
        for line in (super().to_python(value) or "").splitlines():
            if not line.strip():
                continue
            title, _sep, url = line.partition("|")
            url = url.strip()
            if url:
                try:
                    url_validator(url)
                except forms.ValidationError as exc:
                    raise forms.ValidationError(_("Not a web link: %(url)s") % {"url": url[:100]}) from exc
            sources.append({"title": title.strip()[:300] or url, "url": url})
        return sources


class ProgrammeForm(forms.ModelForm):
    sources = SourcesField(label=_("Sources"))
    origin_countries = CountryListField(label=_("Origin countries"))
    destination_countries = CountryListField(label=_("Destination countries"))
    sectors = forms.MultipleChoiceField(
        choices=NACE_SECTIONS, required=False, widget=forms.CheckboxSelectMultiple, label=_("Sectors")
    )
    occupation_uris = UriListField(label=_("ESCO occupations trained (URIs)"))

    class Meta:
        model = Programme
        fields = [
            "name",
            "acronym",
            "kind",
            "status",
            "summary",
            "origin_countries",
            "destination_countries",
            "sectors",
            "funding_source",
            "start_date",
            "end_date",
            "capacity",
            "targets",
            "trained_count",
            "placed_count",
            "returned_count",
            "outcome_note",
            "sources",
            "source_note",
            "how_to_join",
            "has_state_cooperation",
            "state_cooperation_note",
            "has_multi_stakeholder",
            "multi_stakeholder_note",
            "has_training",
            "training_note",
            "has_skills_recognition",
            "skills_recognition_note",
            "has_mobility",
            "mobility_note",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(
                "occupation_uris", "\n".join(self.instance.occupations.values_list("uri", flat=True))
            )
        for name in (
            "summary",
            "targets",
            "outcome_note",
            "source_note",
            "how_to_join",
            *tuple(f for f in self.fields if f.endswith("_note")),
        ):
            self.fields[name].widget.attrs["rows"] = 3

    def clean_occupation_uris(self) -> list[Any]:
        return _resolve_occupations(self.cleaned_data["occupation_uris"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class SchemeForm(forms.ModelForm):
    eligible_nationalities = CountryListField(
        label=_("Eligible nationalities"), help_text=_("Empty: every nationality")
    )
    reserved_destinations = CountryListField(label=_("Reserved destinations"))
    destination_country = forms.ChoiceField(choices=country_choices, label=_("Destination country"))
    sectors = forms.MultipleChoiceField(
        choices=NACE_SECTIONS, required=False, widget=forms.CheckboxSelectMultiple, label=_("Sectors")
    )
    isco_prefixes_text = forms.CharField(
        required=False,
        max_length=200,
        label=_("ISCO groups covered"),
        help_text=_("ISCO-08 codes or prefixes separated by commas, e.g. 2221, 32"),
    )
    occupation_uris = UriListField(label=_("ESCO occupations (URIs)"))

    class Meta:
        model = LegalScheme
        fields = [
            "slug",
            "name",
            "summary",
            "destination_country",
            "eligible_nationalities",
            "min_age",
            "max_age",
            "min_stay_months",
            "max_stay_months",
            "renewals",
            "renewal_months",
            "min_language_code",
            "min_language_level",
            "sectors",
            "is_government_to_government",
            "work_allowed_pending_recognition",
            "reservation_months",
            "reserved_destinations",
            "return_required",
            "annual_quota",
            "source_note",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("isco_prefixes_text", ", ".join(self.instance.isco_prefixes or []))
            self.initial.setdefault(
                "occupation_uris", "\n".join(self.instance.occupations.values_list("uri", flat=True))
            )
        for name in ("summary", "source_note"):
            self.fields[name].widget.attrs["rows"] = 3

    def clean_isco_prefixes_text(self) -> list[str]:
        prefixes = [code for code in re.split(r"[,;\s]+", self.cleaned_data["isco_prefixes_text"]) if code]
        if any(not re.fullmatch(r"\d{1,4}", code) for code in prefixes):
            raise forms.ValidationError(_("ISCO codes are 1 to 4 digits."))
        return prefixes

    def clean_min_language_code(self) -> str:
        code = self.cleaned_data["min_language_code"].strip().lower()
        if code and not re.fullmatch(r"[a-z]{2}", code):
            raise forms.ValidationError(_("Use a two-letter ISO 639-1 language code, e.g. de."))
        return code

    def clean_occupation_uris(self) -> list[Any]:
        return _resolve_occupations(self.cleaned_data["occupation_uris"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for low, high in (("min_age", "max_age"), ("min_stay_months", "max_stay_months")):
            if data.get(low) is not None and data.get(high) is not None and data[high] < data[low]:
                self.add_error(high, _("The maximum is below the minimum."))
        return data

    def service_data(self) -> dict[str, Any]:
        data = {key: self.cleaned_data[key] for key in self.Meta.fields}
        data["isco_prefixes"] = self.cleaned_data["isco_prefixes_text"]
        return data


class CohortForm(forms.ModelForm):
    curriculum_uris = UriListField(label=_("Curriculum: ESCO skills taught (URIs)"))

    class Meta:
        model = Cohort
        fields = ["name", "training_provider", "size", "start_date", "end_date", "status"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(
                "curriculum_uris", "\n".join(self.instance.curriculum.values_list("uri", flat=True))
            )

    def clean_curriculum_uris(self) -> list[Any]:
        uris = self.cleaned_data["curriculum_uris"]
        skills = list(Skill.objects.filter(uri__in=uris))
        unknown = sorted(set(uris) - {skill.uri for skill in skills})
        if unknown:
            raise forms.ValidationError(_("Unknown ESCO skill URI: %(uris)s") % {"uris": ", ".join(unknown[:5])})
        return skills

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class CredentialDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("verify", _("Verify")), ("reject", _("Reject"))])
    reason = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason (for a rejection)")
    )


class CredentialUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("UTF-8, comma-separated, with a header line."))

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from exc


class ForEmployersForm(forms.Form):
    occupation = forms.CharField(max_length=300, label=_("Occupation"), help_text=_("Type an occupation, e.g. nurse"))
    destination = forms.ChoiceField(
        choices=lambda: [("", _("Any destination")), *country_choices()], required=False, label=_("Where the job is")
    )


class PartnerForm(forms.Form):
    name = forms.CharField(
        max_length=300, label=_("Organisation"), help_text=_("An existing organisation is reused by its name.")
    )
    kind = forms.ChoiceField(choices=Stakeholder.Kind.choices, label=_("Kind of organisation"))
    country = forms.ChoiceField(
        choices=lambda: [("", _("International")), *country_choices()], required=False, label=_("Country")
    )
    website = forms.URLField(required=False, max_length=200, label=_("Website"))
    role = forms.ChoiceField(choices=ProgrammePartner.Role.choices, label=_("Role in the programme"))


class QuotaForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    nationality = forms.ChoiceField(
        choices=lambda: [("", _("All nationalities")), *country_choices()], required=False, label=_("Nationality")
    )
    quota = forms.IntegerField(min_value=0, max_value=10_000_000, label=_("Places"))
