from django import forms
from django.utils.translation import gettext_lazy as _

from xarxa.community.points.models import PointKind, Weekday
from xarxa.territory.models import Municipality


class PointForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=PointKind.choices)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    opening_hours = forms.CharField(
        label=_("Opening hours"),
        max_length=300,
        required=False,
        help_text=_("For example: Monday to Friday 16:00-20:00"),
    )
    accessibility = forms.CharField(label=_("Accessibility"), max_length=500, required=False)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    description = forms.CharField(
        label=_("Public description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    active = forms.BooleanField(label=_("Open"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class StopForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name")
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    weekday = forms.TypedChoiceField(label=_("Day"), coerce=int, choices=[])
    starts_at = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="stop", **kwargs)
        self.fields["weekday"].choices = Weekday.choices
