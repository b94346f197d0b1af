"""Forms of the review pages. Every decision carries a reason code and an optional note."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from review.countries import CountryField
from review.reasons import Decision, MatchRejectReason, grouped_reason_choices

if TYPE_CHECKING:
    from collections.abc import Iterable

    from programmes.models import Programme


class ItemDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    reason_code = forms.ChoiceField(label=_("Reason"), choices=())
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, decisions: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if decisions is not None:  # the decisions this kind of item accepts
            decision_field = cast("forms.ChoiceField", self.fields["decision"])
            decision_field.choices = [(d, label) for d, label in Decision.choices if d in decisions]
        cast("forms.ChoiceField", self.fields["reason_code"]).choices = [("", "---------"), *grouped_reason_choices()]


class MatchRejectForm(forms.Form):
    reason_code = forms.ChoiceField(label=_("Reason"), choices=[("", "---------"), *MatchRejectReason.choices])
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class MatchReleaseForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class MatchMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class BulkDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision for the selected matches"),
        choices=[("release", _("Approve and release")), ("reject", _("Reject"))],
    )
    reason_code = forms.ChoiceField(
        label=_("Reason (for rejection)"), required=False, choices=[("", "---------"), *MatchRejectReason.choices]
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    match_ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, match_choices: Iterable[tuple[int, object]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.TypedMultipleChoiceField", self.fields["match_ids"]).choices = list(match_choices)


class ManualAddForm(forms.Form):
    candidate_id = forms.IntegerField(label=_("Candidate"), min_value=1, max_value=2**62)
    note = forms.CharField(label=_("Why this candidate"), max_length=2000)


class SetRankingAsideForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class PauseForm(forms.Form):
    country = CountryField(label=_("Where"), required=False, blank_label=_("The whole service"))
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ResumeForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class FairnessFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    programme: forms.ModelChoiceField[Programme] = forms.ModelChoiceField(
        label=_("Programme"), required=False, queryset=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from programmes.models import Programme

        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Programme]", self.fields["programme"]).queryset = Programme.objects.order_by(
            "name"
        )


class AccessLogFilterForm(forms.Form):
    candidate = forms.IntegerField(label=_("Candidate id"), required=False, min_value=1, max_value=2**62)
    actor = forms.CharField(label=_("Actor e-mail contains"), required=False, max_length=200)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
