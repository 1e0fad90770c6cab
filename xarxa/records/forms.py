from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.core.forms import DateInput
from xarxa.records.models import Confidentiality, InterventionKind, Sensitivity

DATE_ERROR = {"invalid": _("Enter a date as day, month and year.")}


class InterventionForm(forms.Form):
    """The quick note after an interview: the summary first, sensible defaults for the rest."""

    summary = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True}),
        max_length=10000,
    )
    kind = forms.ChoiceField(label=_("Type"), choices=InterventionKind.choices, initial="interview")
    occurred_on = forms.DateField(
        label=_("Date"), widget=DateInput(), error_messages=DATE_ERROR, initial=timezone.localdate
    )
    duration_minutes = forms.IntegerField(
        label=_("Minutes"), min_value=1, max_value=600, initial=30
    )
    confidentiality = forms.ChoiceField(
        label=_("Who can read it"), choices=Confidentiality.choices, initial="team"
    )
    sensitivity = forms.ChoiceField(
        label=_("Special category"), choices=Sensitivity.choices, required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class TimelineFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Everything")),
            ("intervention", _("Interventions")),
            ("case", _("Case files")),
        ],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=DateInput(), error_messages=DATE_ERROR
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=DateInput(), error_messages=DATE_ERROR
    )
