"""Forms of the directory pages. They parse input only; writes go through programmes.services."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from programmes.countries import country_choices, is_country_code
from programmes.languages import language_choices
from programmes.models import Cohort, LegalScheme, Programme, ProgrammePartner, Stakeholder
from taxonomy.models import Occupation, Skill
from taxonomy.nace import NACE_SECTIONS
from taxonomy.search import link_occupation, link_skill
from taxonomy.selectors import labels_for


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


class EscoPickerWidget(forms.Widget):
    """The ESCO concepts chosen so far as ticked boxes, read as their labels (the interface language where ESCO has
    one, else English) with the URI only as a link, and a search box to add more.

    The search box is the shared ESCO autocomplete (candidates/autocomplete.js, `data-autocomplete`) in its
    multiple mode: a picked suggestion becomes one more ticked box. Without JavaScript, the typed words are linked
    to ESCO's best match on the server when the form is saved.
    """

    template_name = "programmes/widgets/esco_picker.html"

    def __init__(self, *, kind: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.kind = kind  # "occupations" or "skills": which taxonomy API the autocomplete asks

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, Any]:
        uris = data.getlist(name) if hasattr(data, "getlist") else list(data.get(name) or [])
        return {
            "uris": [uri for uri in uris if uri],
            "add": (data.get(f"{name}_add") or "").strip(),
            "add_uri": (data.get(f"{name}_add_uri") or "").strip(),
        }

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # as with checkboxes, nothing ticked means "none", not "unchanged"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if not isinstance(value, dict):
            value = {"uris": list(value or []), "add": "", "add_uri": ""}
        uris = list(dict.fromkeys(value["uris"]))
        labels = labels_for(uris)
        context["widget"].update(
            kind=self.kind,
            chosen=[{"uri": uri, "label": labels.get(uri, uri)} for uri in uris],
            add=value["add"],
            add_uri=value["add_uri"],
        )
        return context


class EscoConceptsField(forms.Field):
    """ESCO occupations or skills chosen with the picker; cleans to the taxonomy rows, in the order chosen."""

    def __init__(self, *, kind: str, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(widget=EscoPickerWidget(kind=kind), **kwargs)
        self.kind = kind

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return value
        return [getattr(item, "uri", item) for item in value or []]

    def to_python(self, value: Any) -> list[Any]:
        if not isinstance(value, dict):
            value = {"uris": [getattr(item, "uri", item) for item in value or []], "add": "", "add_uri": ""}
        uris = list(dict.fromkeys([*value["uris"], *([value["add_uri"]] if value["add_uri"] else [])]))
        model = Occupation if self.kind == "occupations" else Skill
        by_uri = {concept.uri: concept for concept in model.objects.filter(uri__in=uris)}
        unknown = [uri for uri in uris if uri not in by_uri]
        if unknown:
            message = (
                _("Unknown ESCO occupation: %(uris)s") if model is Occupation else _("Unknown ESCO skill: %(uris)s")
            )
            raise forms.ValidationError(message % {"uris": ", ".join(unknown[:5])})
        chosen = [by_uri[uri] for uri in uris]
        if value["add"] and not value["add_uri"]:
            linked = link_occupation(value["add"]) if model is Occupation else link_skill(value["add"])
            if linked is None:
                raise forms.ValidationError(
                    _("ESCO has nothing close to “%(text)s”: try other words and pick one of the suggestions.")
                    % {"text": value["add"][:100]}
                )
            if linked not in chosen:
                chosen.append(linked)
        return chosen


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
    content_language = forms.ChoiceField(
        choices=language_choices,
        initial="en",
        required=False,
        label=_("Language of the texts"),
        help_text=_(
            "The language the summary, notes and how-to-join texts are written in. Readers using the site in "
            "another language are told the texts are not translated."
        ),
    )
    origin_countries = CountryListField(
        label=_("Origin countries"),
        help_text=_("Where the participants come from. Two-letter country codes separated by commas, e.g. MA, TN"),
    )
    destination_countries = CountryListField(
        label=_("Destination countries"),
        help_text=_("Where the participants go to work. Two-letter country codes separated by commas, e.g. DE, BE"),
    )
    sectors = forms.MultipleChoiceField(
        choices=NACE_SECTIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Sectors"),
        help_text=_("The economic activities the programme trains for, as sections of NACE, the EU classification."),
    )
    occupations = EscoConceptsField(
        kind="occupations",
        label=_("Occupations trained"),
        help_text=_(
            "Search ESCO, the EU classification of occupations, and pick from the suggestions; untick one to remove it."
        ),
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "acronym",
            "kind",
            "status",
            "content_language",
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
        labels = {
            "name": _("Name"),
            "acronym": _("Acronym or short name"),
            "kind": _("Kind of programme"),
            "status": _("Status"),
            "summary": _("Summary"),
            "funding_source": _("Who funds it"),
            "start_date": _("Start date"),
            "end_date": _("End date"),
            "capacity": _("Capacity (people)"),
            "targets": _("Targets"),
            "trained_count": _("People trained"),
            "placed_count": _("People placed in a job abroad"),
            "returned_count": _("People who returned home"),
            "outcome_note": _("Note on the outcomes"),
            "source_note": _("Note on the sources"),
            "how_to_join": _("How an employer joins"),
            "has_state_cooperation": _("Formalised cooperation between states"),
            "state_cooperation_note": _("Note on the cooperation between states"),
            "has_multi_stakeholder": _("Several kinds of partners take part"),
            "multi_stakeholder_note": _("Note on the partners taking part"),
            "has_training": _("Training"),
            "training_note": _("Note on the training"),
            "has_skills_recognition": _("Recognition of skills and qualifications"),
            "skills_recognition_note": _("Note on the recognition"),
            "has_mobility": _("A legal pathway to work abroad"),
            "mobility_note": _("Note on the legal pathway"),
        }
        help_texts = {
            "summary": _("Two or three sentences for employers and candidates: who is trained, for what, and where."),
            "funding_source": _("e.g. the European Union, a national development agency"),
            "capacity": _("How many people the programme can train in all; leave empty if not known."),
            "targets": _("The programme's stated targets, e.g. 300 nurses by 2027."),
            "trained_count": _("As reported by the programme; leave empty if not known."),
            "placed_count": _("As reported by the programme; leave empty if not known."),
            "returned_count": _("As reported by the programme; leave empty if not known."),
            "how_to_join": _("Shown to employers on the programme's page. Leave empty if it is not known."),
            "has_state_cooperation": _(
                "Component 1 of a skills mobility partnership: an agreement between the countries of origin and "
                "destination."
            ),
            "has_multi_stakeholder": _(
                "Component 2: public agencies, training institutes, employers, social partners or NGOs work together."
            ),
            "has_training": _("Component 3: participants are trained, often to the destination's standards."),
            "has_skills_recognition": _(
                "Component 4: the qualification is recognised, or its recognition is prepared, in the destination."
            ),
            "has_mobility": _("Component 5: a legal migration channel lets the graduates move."),
        }
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("occupations", list(self.instance.occupations.values_list("uri", flat=True)))
        for name in (
            "summary",
            "targets",
            "outcome_note",
            "source_note",
            "how_to_join",
            *tuple(f for f in self.fields if f.endswith("_note")),
        ):
            self.fields[name].widget.attrs["rows"] = 3

    def clean_content_language(self) -> str:
        """Left out of a post (an older form, a script): the texts keep the language they had."""
        return self.cleaned_data.get("content_language") or self.instance.content_language or "en"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # BaseModelForm.clean returns cleaned_data
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class SchemeForm(forms.ModelForm):
    eligible_nationalities = CountryListField(
        label=_("Eligible nationalities"),
        help_text=_("Two-letter country codes separated by commas, e.g. MA, TN. Empty: every nationality."),
    )
    reserved_destinations = CountryListField(
        label=_("Reserved for these destination countries"),
        help_text=_(
            "During the reservation period, graduates are matched only with employers in these countries. "
            "Two-letter codes separated by commas."
        ),
    )
    destination_country = forms.ChoiceField(
        choices=lambda: [("", _("Choose a country")), *country_choices()],
        label=_("Destination country"),
        help_text=_("The country whose law the scheme is."),
    )
    min_language_code = forms.ChoiceField(
        choices=lambda: [("", _("No language required")), *language_choices()],
        required=False,
        label=_("Language required"),
        help_text=_("The language candidates must speak, at the level below."),
    )
    sectors = forms.MultipleChoiceField(
        choices=NACE_SECTIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Sectors"),
        help_text=_("Sections of NACE, the EU classification of economic activities. None ticked: every sector."),
    )
    isco_prefixes_text = forms.CharField(
        required=False,
        max_length=200,
        label=_("ISCO groups covered"),
        help_text=_(
            "ISCO-08 is the international classification of occupations: codes or prefixes separated by commas, "
            "e.g. 2221 (nurses), 32 (all health associate professionals). Empty: no restriction by group."
        ),
    )
    occupations = EscoConceptsField(
        kind="occupations",
        label=_("Occupations covered"),
        help_text=_("Search ESCO and pick from the suggestions; untick one to remove it. None: no restriction."),
    )

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
        labels = {
            "slug": _("Short name for links"),
            "name": _("Name"),
            "summary": _("Summary"),
            "min_age": _("Minimum age"),
            "max_age": _("Maximum age"),
            "min_stay_months": _("Shortest stay (months)"),
            "max_stay_months": _("Longest stay (months)"),
            "renewals": _("Number of renewals allowed"),
            "renewal_months": _("Months added by each renewal"),
            "min_language_level": _("Minimum language level (CEFR)"),
            "is_government_to_government": _("Government-to-government agreement"),
            "work_allowed_pending_recognition": _("Work allowed while recognition is pending"),
            "reservation_months": _("Reservation period (months)"),
            "return_required": _("Return to the country of origin required"),
            "annual_quota": _("Standing annual quota (places)"),
            "source_note": _("Sources and notes"),
        }
        help_texts = {
            "slug": _(
                "Lowercase letters, digits and hyphens, e.g. de-nurses. It identifies the scheme in links and data "
                "exchange and is unique in the directory."
            ),
            "min_language_level": _(
                "The Common European Framework of Reference: A1 (beginner) to C2 (mastery). Empty: no language "
                "requirement."
            ),
            "is_government_to_government": _(
                "Under the WHO code, health workers from countries on the WHO safeguards list may be recruited only "
                "through such agreements."
            ),
            "work_allowed_pending_recognition": _(
                "Graduates may start work (e.g. as assistants) before their qualification is recognised."
            ),
            "reservation_months": _(
                "Against poaching: for this many months after training, graduates are matched only with the reserved "
                "destinations or employers. 0: no reservation."
            ),
            "annual_quota": _(
                "Places per year for all nationalities. Each year's count opens from it on the first hire; the quota "
                "page can set a different figure for one year or one nationality. Empty: no annual limit."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level_field = cast("forms.ChoiceField", self.fields["min_language_level"])
        # A model field's choices, normalised to a list by the form field.
        level_choices = cast("list[tuple[Any, Any]]", level_field.choices)
        level_field.choices = [("", _("No level required")), *level_choices[1:]]
        if self.instance.pk:
            self.initial.setdefault("isco_prefixes_text", ", ".join(self.instance.isco_prefixes or []))
            self.initial.setdefault("occupations", list(self.instance.occupations.values_list("uri", flat=True)))
        for name in ("summary", "source_note"):
            self.fields[name].widget.attrs["rows"] = 3

    def clean_isco_prefixes_text(self) -> list[str]:
        prefixes = [code for code in re.split(r"[,;\s]+", self.cleaned_data["isco_prefixes_text"]) if code]
        if any(not re.fullmatch(r"\d{1,4}", code) for code in prefixes):
            raise forms.ValidationError(_("ISCO codes are 1 to 4 digits."))
        return prefixes

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # BaseModelForm.clean returns cleaned_data
        for low, high in (("min_age", "max_age"), ("min_stay_months", "max_stay_months")):
            if data.get(low) is not None and data.get(high) is not None and data[high] < data[low]:
                self.add_error(high, _("The maximum is below the minimum."))
        if bool(data.get("min_language_code")) != bool(data.get("min_language_level")):
            self.add_error("min_language_level", _("Choose both the language and the level, or neither."))
        return data

    def service_data(self) -> dict[str, Any]:
        data = {key: self.cleaned_data[key] for key in self.Meta.fields}
        data["isco_prefixes"] = self.cleaned_data["isco_prefixes_text"]
        return data


class CohortForm(forms.ModelForm):
    curriculum = EscoConceptsField(
        kind="skills",
        label=_("Curriculum: skills taught"),
        help_text=_("Search ESCO skills and pick from the suggestions; untick one to remove it."),
    )

    class Meta:
        model = Cohort
        fields = ["name", "training_provider", "size", "start_date", "end_date", "status"]
        labels = {
            "name": _("Name of the cohort"),
            "training_provider": _("Training provider"),
            "size": _("Number of trainees"),
            "start_date": _("Start of training"),
            "end_date": _("End of training"),
            "status": _("Status"),
        }
        help_texts = {"name": _("e.g. Hospitality Agadir 2027")}
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("curriculum", list(self.instance.curriculum.values_list("uri", flat=True)))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # BaseModelForm.clean returns cleaned_data
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
    website = forms.URLField(required=False, max_length=200, label=_("Website"), assume_scheme="https")
    role = forms.ChoiceField(choices=ProgrammePartner.Role.choices, label=_("Role in the programme"))


class QuotaForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    nationality = forms.ChoiceField(
        choices=lambda: [("", _("All nationalities")), *country_choices()], required=False, label=_("Nationality")
    )
    quota = forms.IntegerField(min_value=0, max_value=10_000_000, label=_("Places"))
