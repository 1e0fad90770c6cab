from django import forms
from django.utils.translation import gettext_lazy as _

from xarxa.community.equipment.models import ConnectionKind, DeviceKind, IncidentKind
from xarxa.core.forms import date_field


class ConnectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Connection"), choices=[])
    mbps = forms.IntegerField(label=_("Speed (Mbit/s)"), min_value=0, required=False)
    public_wifi = forms.BooleanField(label=_("Wi-Fi for participants"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="connection", **kwargs)
        self.fields["kind"].choices = ConnectionKind.choices


class DeviceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=[])
    label = forms.CharField(label=_("Name or inventory number"), max_length=100)
    year = forms.IntegerField(label=_("Year bought"), required=False)
    loanable = forms.BooleanField(label=_("Can be lent to participants"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="device", **kwargs)
        self.fields["kind"].choices = DeviceKind.choices


class LoanForm(forms.Form):
    device = forms.UUIDField(label=_("Device"))
    participant = forms.UUIDField(label=_("Participant"))
    due_on = date_field(_("Due back on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="loan", **kwargs)


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=[])
    description = forms.CharField(label=_("What happens or what is needed"), max_length=500)
    device = forms.UUIDField(label=_("Device (if it is about one)"), required=False)
    estimated_cost = forms.IntegerField(label=_("Estimated cost (€)"), min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="incident", **kwargs)
        self.fields["kind"].choices = IncidentKind.choices
