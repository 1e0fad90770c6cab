from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.community.activities.models import ActivityKind, Axis, TargetGroup
from xarxa.community.competences import actic_choices, digcomp_choices
from xarxa.core.forms import date_field


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    axis = forms.ChoiceField(label=_("Axis"), choices=Axis.choices)
    kind = forms.ChoiceField(label=_("Type"), choices=ActivityKind.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    digcomp = forms.MultipleChoiceField(
        label=_("DigComp 2.2 competences worked"),
        choices=digcomp_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    actic = forms.MultipleChoiceField(
        label=_("ACTIC competences (when preparing the certificate)"),
        choices=actic_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    starts_on = date_field(_("Starts on"), initial=timezone.localdate)
    ends_on = date_field(_("Ends on"), required=False)
    schedule = forms.CharField(
        label=_("Schedule"),
        max_length=200,
        required=False,
        help_text=_("For example: Tuesdays and Thursdays 10:00-12:00"),
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Empty: no limit"),
    )


class SessionForm(forms.Form):
    first = date_field(_("Date"), initial=timezone.localdate)
    starts_at = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))
    weeks = forms.IntegerField(
        label=_("Repeat every week, for how many weeks"), min_value=1, max_value=52, initial=1
    )
